// SearchRequest (RFC 4511 §4.5.1): where to look, how deep, which entries (the filter) and which
// attributes to return.
import { concat, utf8 } from '../../../bytes';
import { boolean, enumerated, integer, octetString, type DerNode } from '../../../encoding/der';
import { cons, intField, intOf, kids, need, prim, strField, strOf, tlvStyled, type LengthStyle } from './ber';
import type { ParsedOp } from './bindRequest';
import { buildFilter, filterText, parseFilter, type Filter } from './filter';

const R = 'RFC 4511 §4.5.1';
export const SCOPES: Record<number, string> = { 0: 'baseObject', 1: 'singleLevel', 2: 'wholeSubtree' };
const DEREF: Record<number, string> = { 0: 'neverDerefAliases', 1: 'derefInSearching', 2: 'derefFindingBaseObj', 3: 'derefAlways' };

export interface SearchRequest {
  op: 'searchRequest';
  baseObject: string;
  scope: number;
  derefAliases: number;
  sizeLimit: number;
  timeLimit: number;
  typesOnly: boolean;
  filter: Filter;
  attributes: string[];
}

export function buildSearchRequest(s: SearchRequest, style: LengthStyle): Uint8Array {
  return tlvStyled(0x63, concat(
    octetString(utf8(s.baseObject)), enumerated(s.scope), enumerated(s.derefAliases), integer(s.sizeLimit), integer(s.timeLimit), boolean(s.typesOnly),
    buildFilter(s.filter, style), tlvStyled(0x30, concat(...s.attributes.map((a) => octetString(utf8(a)))), style),
  ), style);
}

export function parseSearchRequest(b: Uint8Array, n: DerNode): ParsedOp<SearchRequest> {
  const [base, scope, deref, size, time, types, filt, attrs] = kids(n, 'searchRequest');
  need(base, 0, 4, 'baseObject', n.start); need(scope, 0, 10, 'scope', n.start); need(deref, 0, 10, 'derefAliases', n.start);
  need(size, 0, 2, 'sizeLimit', n.start); need(time, 0, 2, 'timeLimit', n.start); need(types, 0, 1, 'typesOnly', n.start);
  need(attrs, 0, 16, 'attributes', n.start);
  const f = parseFilter(b, filt ?? base);
  const attributes = kids(attrs, 'attributes').map((c) => strOf(b, c));
  const op: SearchRequest = {
    op: 'searchRequest', baseObject: strOf(b, base), scope: intOf(b, scope), derefAliases: intOf(b, deref), sizeLimit: intOf(b, size),
    timeLimit: intOf(b, time), typesOnly: b[types.headerEnd] !== 0, filter: f.filter, attributes,
  };
  const fields = [
    strField('baseObject', b, base, 'Where the search starts (a DN; empty for the root DSE).', R),
    intField('scope', b, scope, 'How deep: just the base, one level below it, or the whole subtree.', SCOPES, R),
    intField('derefAliases', b, deref, 'Whether to follow alias entries.', DEREF, R),
    intField('sizeLimit', b, size, 'At most this many entries (0: no limit asked).', undefined, R),
    intField('timeLimit', b, time, 'At most this many seconds (0: no limit asked).', undefined, R),
    prim('typesOnly', types, String(op.typesOnly), 'true: return attribute names without values.', 'BOOLEAN (0x00 false, 0xff true)', R),
    { ...f.field, name: `filter: ${f.field.name}` },
    cons('attributes', attrs, kids(attrs, 'attributes').map((c, i) => strField(`attribute ${i + 1}`, b, c, 'An attribute to return.', R)), 'The attributes to return (none listed: all user attributes).', attributes.join(', ') || '(all)', R),
  ];
  return { op, field: cons('searchRequest', n, fields, 'Search the directory.', `${JSON.stringify(op.baseObject)} ${SCOPES[op.scope] ?? op.scope} ${filterText(op.filter)}`, R) };
}
