// BindResponse (RFC 4511 §4.2.2): an LDAPResult, and serverSaslCreds [7] with the server's SASL
// token (resultCode saslBindInProgress asks for the client's next token). Active Directory's
// Sicily bind returns the NTLM CHALLENGE_MESSAGE in matchedDN instead.
import { concat } from '../../../bytes';
import type { DerNode } from '../../../encoding/der';
import { field } from '../../../encoding/fields';
import { cons, content, kids, tlvStyled, type LengthStyle } from './ber';
import type { ParsedOp } from './bindRequest';
import { guessLayer } from './layers';
import { RESULT_CODES, parseResult, resultContent, type LdapResult } from './result';

const R = 'RFC 4511 §4.2.2';

export interface BindResponse extends LdapResult { op: 'bindResponse'; serverSaslCreds?: Uint8Array }

export function buildBindResponse(r: BindResponse, style: LengthStyle): Uint8Array {
  return tlvStyled(0x61, concat(resultContent(r), r.serverSaslCreds ? tlvStyled(0x87, r.serverSaslCreds, style) : new Uint8Array(0)), style);
}

export function parseBindResponse(b: Uint8Array, n: DerNode, layerHint?: string): ParsedOp<BindResponse> {
  const nodes = kids(n, 'bindResponse');
  const { result, fields, used } = parseResult(b, nodes, n.start);
  const op: BindResponse = { op: 'bindResponse', ...result };
  let token: ParsedOp<BindResponse>['token'];
  const creds = nodes[used];
  if (creds && creds.tagClass === 2 && creds.tagNumber === 7) {
    op.serverSaslCreds = content(b, creds);
    const layer = layerHint ?? guessLayer(op.serverSaslCreds);
    const leaf = creds.end > creds.headerEnd ? [{ ...field('token', creds.headerEnd, creds.end, `The server's ${layer} token (the output of AcceptSecurityContext).`, `${creds.end - creds.headerEnd} bytes`), layer }] : [];
    fields.push(cons('serverSaslCreds', creds, leaf, 'The server\'s SASL token for the client.', `${creds.end - creds.headerEnd} bytes`, R));
    token = { start: creds.headerEnd, end: creds.end, layer };
  } else if (result.matchedDN.startsWith('NTLMSSP')) {
    const dn = nodes[1];
    const i = fields.findIndex((f) => f.name === 'matchedDN');
    fields[i] = cons('matchedDN', dn, [{ ...field('token', dn.headerEnd, dn.end, 'Sicily bind: the NTLM CHALLENGE_MESSAGE travels in matchedDN.', `${dn.end - dn.headerEnd} bytes`), layer: 'NTLM' }], 'Active Directory\'s Sicily NTLM bind puts its challenge here.', 'NTLM CHALLENGE_MESSAGE', 'MS-ADTS 5.1.1.1.3');
    token = { start: dn.headerEnd, end: dn.end, layer: 'NTLM' };
  }
  for (const extra of nodes.slice(used + (op.serverSaslCreds ? 1 : 0))) fields.push(cons('(unknown)', extra, [field('value', extra.headerEnd, extra.end, 'content bytes')], 'A component bindResponse does not define.'));
  return { op, field: cons('bindResponse', n, fields, 'The server\'s answer to a bind.', RESULT_CODES[result.resultCode] ?? String(result.resultCode), R), token };
}
