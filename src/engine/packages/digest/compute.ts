// HTTP Digest arithmetic (RFC 2617 §3.2.2, RFC 7616 §3.4): A1/HA1 from the password or from a
// precomputed H(user:realm:password) (what the DC keeps, MS-SAMR Primary:WDigest), A2/HA2, the
// request-digest and the server's rspauth.
import { hex } from '../../bytes';
import { H, KD, hashBytes, isSess, type DigestAlgorithm } from './hash';

export interface DigestInputs {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  nonce: string;
  cnonce?: string;
  nc?: string;
  /** "auth" or "auth-int"; absent for the RFC 2069 form. */
  qop?: string;
  method: string;
  uri: string;
  /** The entity body, for qop=auth-int. */
  body?: Uint8Array;
}

/** H(username ":" realm ":" password), hex: the secret the DC stores (as raw bytes) in Primary:WDigest. */
export function userRealmHash(a: DigestAlgorithm, username: string, realm: string, password: string): string {
  return H(a, `${username}:${realm}:${password}`);
}

/** HA1 from the user-realm hash (hex): for -sess it folds in the nonce and cnonce (RFC 2617 §3.2.2.2). */
export function ha1FromSecret(i: DigestInputs, secretHex: string): string {
  if (!isSess(i.algorithm)) return secretHex;
  return H(i.algorithm, `${secretHex}:${i.nonce}:${i.cnonce ?? ''}`);
}

export const ha1 = (i: DigestInputs, password: string): string => ha1FromSecret(i, userRealmHash(i.algorithm, i.username, i.realm, password));

/** HA2 for a request ("GET:/path") or, with `method` "", for rspauth (":/path"). */
export function ha2(i: DigestInputs, method = i.method): string {
  const a2 = i.qop === 'auth-int' ? `${method}:${i.uri}:${hex(hashBytes(i.algorithm, i.body ?? new Uint8Array(0)))}` : `${method}:${i.uri}`;
  return H(i.algorithm, a2);
}

function digest(i: DigestInputs, ha1Hex: string, ha2Hex: string): string {
  if (!i.qop) return KD(i.algorithm, ha1Hex, `${i.nonce}:${ha2Hex}`);
  return KD(i.algorithm, ha1Hex, `${i.nonce}:${i.nc}:${i.cnonce}:${i.qop}:${ha2Hex}`);
}

/** The request-digest of the Authorization header. */
export const responseFromHa1 = (i: DigestInputs, ha1Hex: string): string => digest(i, ha1Hex, ha2(i));
export const response = (i: DigestInputs, password: string): string => responseFromHa1(i, ha1(i, password));

/** The rspauth of Authentication-Info: the same digest with an empty method (RFC 2617 §3.2.3). */
export const rspauthFromHa1 = (i: DigestInputs, ha1Hex: string): string => digest(i, ha1Hex, ha2(i, ''));

/** RFC 7616 §3.4.4 userhash: H(username ":" realm). */
export const userhash = (a: DigestAlgorithm, username: string, realm: string): string => H(a, `${username}:${realm}`);

