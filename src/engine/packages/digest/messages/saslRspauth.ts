// SASL DIGEST-MD5 response-auth (RFC 2831 §2.1.3): "rspauth=<hex>", the server's proof, in the
// last bindResponse's serverSaslCreds.
import { type Field } from '../../../encoding/fields';
import { buildDirectives, directiveFields, fromDirectives, parseDirectives, required, type Spec } from './directives';
import { saslInfo } from './explain';

export interface SaslRspauth { rspauth: string }

const SPEC: Spec<SaslRspauth> = [['rspauth', 'rspauth', false]];

export const buildSaslRspauth = (r: SaslRspauth): Uint8Array => buildDirectives([{ name: 'rspauth', value: r.rspauth, quoted: false }], ',');

export function parseSaslRspauth(b: Uint8Array): { msg: SaslRspauth; fields: Field[] } {
  const list = parseDirectives(b);
  const { values } = fromDirectives(list, SPEC);
  return { msg: { rspauth: required(values.rspauth, 'rspauth', 'a response-auth') }, fields: directiveFields(list, saslInfo) };
}
