// The Digest context: an explicit state union and plain data, so contexts snapshot and replay.
import type { DigestAlgorithm } from './hash';

export type DigestState = 'initial' | 'challenge-sent' | 'response-sent' | 'established' | 'failed';

/** HTTP (RFC 2617/7616, ISC_REQ_HTTP) or SASL DIGEST-MD5 (RFC 2831, LDAP). */
export type DigestMode = 'http' | 'sasl';

export interface DigestContext {
  role: 'client' | 'server';
  state: DigestState;
  mode: DigestMode;
  algorithm: DigestAlgorithm | null;
  realm: string | null;
  nonce: string | null;
  /** When the server issued its nonce (its clock, ISO 8601). */
  nonceIssuedAt: string | null;
  opaque: string | null;
  qop: string | null;
  cnonce: string | null;
  /** The nonce count of the last request (client: sent; server: highest accepted). */
  nc: number;
  user: string | null;
  /** The request target: the HTTP URI, or the SASL digest-uri ("ldap/host"). */
  uri: string | null;
  method: string | null;
  /** HA1 (hex): the client computes it from the password; the server gets it from the DC as the session key. */
  ha1: string | null;
  /** Stale-nonce rounds so far. */
  staleRounds: number;
  /** Which of the DC's WDigest hashes checked the response ("Hash 9: MD5(LOWER(sAMAccountName), ...)"). */
  checkedWith: string | null;
  attributes: number;
}

export function newContext(role: 'client' | 'server', mode: DigestMode): DigestContext {
  return {
    role, state: 'initial', mode, algorithm: null, realm: null, nonce: null, nonceIssuedAt: null, opaque: null, qop: null, cnonce: null, nc: 0,
    user: null, uri: null, method: null, ha1: null, staleRounds: 0, checkedWith: null, attributes: 0,
  };
}
