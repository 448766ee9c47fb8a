// SearchResultDone (RFC 4511 §4.5.2): the end of a search, with its LDAPResult.
import type { DerNode } from '../../../encoding/der';
import { cons, kids, tlvStyled, type LengthStyle } from './ber';
import type { ParsedOp } from './bindRequest';
import { RESULT_CODES, parseResult, resultContent, type LdapResult } from './result';

export interface SearchResDone extends LdapResult { op: 'searchResDone' }

export const buildSearchResDone = (r: SearchResDone, style: LengthStyle): Uint8Array => tlvStyled(0x65, resultContent(r), style);

export function parseSearchResDone(b: Uint8Array, n: DerNode): ParsedOp<SearchResDone> {
  const { result, fields } = parseResult(b, kids(n, 'searchResDone'), n.start);
  return { op: { op: 'searchResDone', ...result }, field: cons('searchResDone', n, fields, 'The search is over: how it ended.', RESULT_CODES[result.resultCode] ?? String(result.resultCode), 'RFC 4511 §4.5.2') };
}
