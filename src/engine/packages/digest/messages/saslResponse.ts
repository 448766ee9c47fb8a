// SASL DIGEST-MD5 digest-response (RFC 2831 §2.1.2): the client's answer, in the second LDAP
// bindRequest's SASL credentials.
import { type Field } from '../../../encoding/fields';
import { buildDirectives, directiveFields, fromDirectives, parseDirectives, required, toDirectives, type Spec } from './directives';
import { saslInfo } from './explain';

export interface SaslResponse {
  charset?: string;
  username: string;
  realm?: string;
  nonce: string;
  nc: string;
  cnonce: string;
  digestUri: string;
  response: string;
  qop?: string;
  maxbuf?: string;
  cipher?: string;
  authzid?: string;
}

const SPEC: Spec<SaslResponse> = [
  ['charset', 'charset', false], ['username', 'username', true], ['realm', 'realm', true], ['nonce', 'nonce', true], ['nc', 'nc', false],
  ['cnonce', 'cnonce', true], ['digestUri', 'digest-uri', true], ['response', 'response', false], ['qop', 'qop', false],
  ['maxbuf', 'maxbuf', false], ['cipher', 'cipher', false], ['authzid', 'authzid', true],
];

export const buildSaslResponse = (r: SaslResponse, order?: readonly string[]): Uint8Array => buildDirectives(toDirectives(r, SPEC, order), ',');

export interface ParsedSaslResponse { msg: SaslResponse; order: string[]; fields: Field[] }

export function parseSaslResponse(b: Uint8Array): ParsedSaslResponse {
  const list = parseDirectives(b);
  const { values: v, order } = fromDirectives(list, SPEC);
  const what = 'a digest-response';
  return {
    msg: {
      charset: v.charset, username: required(v.username, 'username', what), realm: v.realm, nonce: required(v.nonce, 'nonce', what),
      nc: required(v.nc, 'nc', what), cnonce: required(v.cnonce, 'cnonce', what), digestUri: required(v.digestUri, 'digest-uri', what),
      response: required(v.response, 'response', what), qop: v.qop, maxbuf: v.maxbuf, cipher: v.cipher, authzid: v.authzid,
    },
    order,
    fields: directiveFields(list, saslInfo),
  };
}
