// SearchResultEntry (RFC 4511 §4.5.2): one entry found, its DN and its attributes with values.
import { concat, utf8 } from '../../../bytes';
import { octetString, type DerNode } from '../../../encoding/der';
import { cons, kids, need, strField, strOf, tlvStyled, type LengthStyle } from './ber';
import type { ParsedOp } from './bindRequest';

const R = 'RFC 4511 §4.5.2';

export interface PartialAttribute { type: string; vals: string[] }
export interface SearchResEntry { op: 'searchResEntry'; objectName: string; attributes: PartialAttribute[] }

export function buildSearchResEntry(e: SearchResEntry, style: LengthStyle): Uint8Array {
  const attrs = e.attributes.map((a) => tlvStyled(0x30, concat(octetString(utf8(a.type)), tlvStyled(0x31, concat(...a.vals.map((v) => octetString(utf8(v)))), style)), style));
  return tlvStyled(0x64, concat(octetString(utf8(e.objectName)), tlvStyled(0x30, concat(...attrs), style)), style);
}

const printable = (b: Uint8Array, n: DerNode) => {
  const s = strOf(b, n);
  return /^[\x20-\x7e\u00a0-\uffff]*$/.test(s) && !s.includes('\ufffd') ? JSON.stringify(s) : `0x${Array.from(b.subarray(n.headerEnd, n.end), (x) => x.toString(16).padStart(2, '0')).join('')}`;
};

export function parseSearchResEntry(b: Uint8Array, n: DerNode): ParsedOp<SearchResEntry> {
  const [name, list] = kids(n, 'searchResEntry');
  need(name, 0, 4, 'objectName', n.start);
  need(list, 0, 16, 'attributes', n.start);
  const attributes: PartialAttribute[] = [];
  const attrFields = kids(list, 'attributes').map((pa) => {
    const [type, vals] = kids(pa, 'PartialAttribute');
    need(type, 0, 4, 'attribute type', pa.start);
    need(vals, 0, 17, 'attribute values', pa.start);
    const a: PartialAttribute = { type: strOf(b, type), vals: kids(vals, 'vals').map((v) => strOf(b, v)) };
    attributes.push(a);
    const valFields = kids(vals, 'vals').map((v, i) => ({ ...strField(`value ${i + 1}`, b, v, 'One value of the attribute.', R), value: printable(b, v) }));
    return cons(a.type, pa, [strField('type', b, type, 'The attribute\'s name.', R), cons('vals', vals, valFields, 'Its values (a SET).', `${a.vals.length}`, R)], 'One attribute of the entry.', a.vals.length === 1 ? printable(b, kids(vals, 'vals')[0]) : `${a.vals.length} values`, R);
  });
  const op: SearchResEntry = { op: 'searchResEntry', objectName: strOf(b, name), attributes };
  return { op, field: cons('searchResEntry', n, [strField('objectName', b, name, 'The DN of the entry found.', R), cons('attributes', list, attrFields, 'The attributes returned.', `${attributes.length}`, R)], 'One entry that matched.', JSON.stringify(op.objectName), R) };
}
