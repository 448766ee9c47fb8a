// SASL DIGEST-MD5 digest-challenge (RFC 2831 §2.1.1): the server's first message, in the LDAP
// bindResponse's serverSaslCreds (saslBindInProgress). Same syntax as HTTP, commas without spaces.
import { type Field } from '../../../encoding/fields';
import { buildDirectives, directiveFields, fromDirectives, parseDirectives, required, toDirectives, type Spec } from './directives';
import { saslInfo } from './explain';

export interface SaslChallenge {
  realm?: string;
  nonce: string;
  /** As sent, e.g. "auth,auth-int,auth-conf". */
  qop?: string;
  cipher?: string;
  stale?: boolean;
  maxbuf?: string;
  charset?: string;
  algorithm: string;
}

const SPEC: Spec<SaslChallenge> = [
  ['realm', 'realm', true], ['nonce', 'nonce', true], ['qop', 'qop', true], ['cipher', 'cipher', true], ['stale', 'stale', false],
  ['maxbuf', 'maxbuf', false], ['charset', 'charset', false], ['algorithm', 'algorithm', false],
];

/** RFC 2831's example order (realm, nonce, qop, algorithm, charset) is what the vector checks; Windows puts qop first. */
export const buildSaslChallenge = (c: SaslChallenge, order?: readonly string[]): Uint8Array => buildDirectives(toDirectives(c, SPEC, order), ',');

export interface ParsedSaslChallenge { msg: SaslChallenge; order: string[]; fields: Field[] }

export function parseSaslChallenge(b: Uint8Array): ParsedSaslChallenge {
  const list = parseDirectives(b);
  const { values: v, order } = fromDirectives(list, SPEC);
  return {
    msg: {
      realm: v.realm, nonce: required(v.nonce, 'nonce', 'a digest-challenge'), qop: v.qop, cipher: v.cipher, maxbuf: v.maxbuf, charset: v.charset,
      algorithm: required(v.algorithm, 'algorithm', 'a digest-challenge'), stale: v.stale === undefined ? undefined : v.stale.toLowerCase() === 'true',
    },
    order,
    fields: directiveFields(list, saslInfo),
  };
}
