// The HTTP Digest challenge (RFC 7616 §3.3, RFC 2617 §3.2.1): what AcceptSecurityContext returns
// first and the server puts after "WWW-Authenticate: Digest ". The server speaks first.
import { type Field } from '../../../encoding/fields';
import { buildDirectives, directiveFields, fromDirectives, parseDirectives, required, toDirectives, type Spec } from './directives';
import { httpInfo } from './explain';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  domain?: string;
  opaque?: string;
  stale?: boolean;
  algorithm?: string;
  /** As sent, e.g. "auth" or "auth,auth-int". */
  qop?: string;
  charset?: string;
  userhash?: boolean;
}

const SPEC: Spec<DigestChallenge> = [
  ['realm', 'realm', true], ['domain', 'domain', true], ['qop', 'qop', true], ['algorithm', 'algorithm', false], ['nonce', 'nonce', true],
  ['opaque', 'opaque', true], ['stale', 'stale', false], ['charset', 'charset', false], ['userhash', 'userhash', false],
];

/** IIS's order: qop, algorithm, nonce, charset, realm. */
export const IIS_ORDER = ['qop', 'algorithm', 'nonce', 'stale', 'charset', 'realm'] as const;

export function buildChallenge(c: DigestChallenge, order?: readonly string[]): Uint8Array {
  return buildDirectives(toDirectives(c, SPEC, order));
}

export interface ParsedChallenge { msg: DigestChallenge; order: string[]; fields: Field[] }

export function parseChallenge(b: Uint8Array): ParsedChallenge {
  const list = parseDirectives(b);
  const { values: v, order } = fromDirectives(list, SPEC);
  const msg: DigestChallenge = {
    realm: required(v.realm, 'realm', 'a Digest challenge'),
    nonce: required(v.nonce, 'nonce', 'a Digest challenge'),
    domain: v.domain, opaque: v.opaque, algorithm: v.algorithm, qop: v.qop, charset: v.charset,
    stale: v.stale === undefined ? undefined : v.stale.toLowerCase() === 'true',
    userhash: v.userhash === undefined ? undefined : v.userhash.toLowerCase() === 'true',
  };
  return { msg, order, fields: directiveFields(list, httpInfo) };
}
