// BindRequest (RFC 4511 §4.2): version 3, the name, and simple or SASL authentication; Active
// Directory also accepts its "Sicily" NTLM binds ([9] discovery, [10] negotiate, [11] response).
import { DecodeError, concat, utf8 } from '../../../bytes';
import { integer, octetString, type DerNode } from '../../../encoding/der';
import { field, type Field } from '../../../encoding/fields';
import { cons, content, intField, intOf, kids, need, prim, strField, strOf, tlvStyled, type LengthStyle } from './ber';
import { layerForMechanism } from './layers';

const R = 'RFC 4511 §4.2';

export type BindAuth =
  | { kind: 'simple'; password: string }
  | { kind: 'sasl'; mechanism: string; credentials?: Uint8Array }
  | { kind: 'sicily'; step: 'discovery' | 'negotiate' | 'response'; token: Uint8Array };

export interface BindRequest { op: 'bindRequest'; version: number; name: string; auth: BindAuth }

const SICILY_TAG = { discovery: 9, negotiate: 10, response: 11 } as const;

export function buildBindRequest(r: BindRequest, style: LengthStyle): Uint8Array {
  let auth: Uint8Array;
  if (r.auth.kind === 'simple') auth = tlvStyled(0x80, utf8(r.auth.password), style);
  else if (r.auth.kind === 'sicily') auth = tlvStyled(0x80 | SICILY_TAG[r.auth.step], r.auth.token, style);
  else auth = tlvStyled(0xa3, concat(octetString(utf8(r.auth.mechanism)), r.auth.credentials ? octetString(r.auth.credentials) : new Uint8Array(0)), style);
  return tlvStyled(0x60, concat(integer(r.version), octetString(utf8(r.name)), auth), style);
}

export interface ParsedOp<T> { op: T; field: Field; token?: { start: number; end: number; layer: string } }

export function parseBindRequest(b: Uint8Array, n: DerNode): ParsedOp<BindRequest> {
  const [v, nm, a] = kids(n, 'bindRequest');
  need(v, 0, 2, 'bindRequest version', n.start);
  need(nm, 0, 4, 'bindRequest name', n.start);
  if (!a || a.tagClass !== 2) throw new DecodeError('bindRequest: authentication choice missing', n.start);
  const fields = [
    intField('version', b, v, 'LDAP version: 3.', undefined, R),
    strField('name', b, nm, 'The DN to bind as; empty for SASL binds (the SASL exchange says who).', R),
  ];
  let auth: BindAuth;
  let token: ParsedOp<BindRequest>['token'];
  if (a.tagNumber === 0) {
    auth = { kind: 'simple', password: strOf(b, a) };
    fields.push(prim('simple', a, '(password)', 'Simple bind: the password itself, in clear text.', 'the password bytes', R));
  } else if (a.tagNumber === 3) {
    const [mech, cred] = kids(a, 'SaslCredentials');
    need(mech, 0, 4, 'SASL mechanism', a.start);
    const mechanism = strOf(b, mech);
    const layer = layerForMechanism(mechanism);
    const sub = [strField('mechanism', b, mech, 'The SASL mechanism: GSS-SPNEGO (Negotiate), GSSAPI (Kerberos), DIGEST-MD5 ...', 'RFC 4511 §4.2')];
    if (cred) {
      need(cred, 0, 4, 'SASL credentials', a.start);
      sub.push(cons('credentials', cred, cred.end > cred.headerEnd ? [{ ...field('token', cred.headerEnd, cred.end, `The ${layer} token the SSP produced, carried as it is.`, `${cred.end - cred.headerEnd} bytes`), layer }] : [], 'The mechanism\'s token (the output of InitializeSecurityContext).', `${cred.end - cred.headerEnd} bytes`, R));
      token = { start: cred.headerEnd, end: cred.end, layer };
    }
    auth = { kind: 'sasl', mechanism, credentials: cred ? content(b, cred) : undefined };
    fields.push(cons('sasl', a, sub, 'SASL authentication: a mechanism and its token.', mechanism, R));
  } else if (a.tagNumber >= 9 && a.tagNumber <= 11) {
    const step = a.tagNumber === 9 ? 'discovery' : a.tagNumber === 10 ? 'negotiate' : 'response';
    auth = { kind: 'sicily', step, token: content(b, a) };
    fields.push(prim(`sicily${step[0].toUpperCase()}${step.slice(1)}`, a, `${a.end - a.headerEnd} bytes`, 'Active Directory\'s own NTLM bind ("Sicily"): the NTLM message directly in the bind, without SASL.', 'the NTLM message', 'MS-ADTS 5.1.1.1.3', { layer: 'NTLM' }));
    token = { start: a.headerEnd, end: a.end, layer: 'NTLM' };
  } else {
    throw new DecodeError(`bindRequest: unknown authentication choice [${a.tagNumber}]`, a.start);
  }
  return { op: { op: 'bindRequest', version: intOf(b, v), name: strOf(b, nm), auth }, field: cons('bindRequest', n, fields, 'Bind: authenticate this connection.', auth.kind === 'sasl' ? `SASL ${auth.mechanism}` : auth.kind, R), token };
}
