// The hash functions of Digest (RFC 7616 §3.2, RFC 2617 §3.2.2.2, RFC 2831 §2.1.2.1). Windows'
// WDigest speaks MD5 and MD5-sess only; SHA-256 and SHA-512-256 (RFC 7616) exist here for the
// non-Windows server toggle and the RFC vectors.
import { md5 } from '@noble/hashes/legacy.js';
import { sha256, sha512_256 } from '@noble/hashes/sha2.js';
import { hex, utf8 } from '../../bytes';

export const ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'] as const;
export type DigestAlgorithm = (typeof ALGORITHMS)[number];

/** The algorithm named in a header, case-insensitively ("md5-sess" in SASL); undefined when unknown. */
export function algorithmFromName(name: string | undefined): DigestAlgorithm | undefined {
  if (name === undefined) return 'MD5';
  return ALGORITHMS.find((a) => a.toLowerCase() === name.toLowerCase());
}

export const isSess = (a: DigestAlgorithm): boolean => a.endsWith('-sess');

/** The raw hash of the algorithm's family. */
export function hashBytes(a: DigestAlgorithm, data: Uint8Array): Uint8Array {
  if (a.startsWith('SHA-512-256')) return sha512_256(data);
  if (a.startsWith('SHA-256')) return sha256(data);
  return md5(data);
}

/** H(data) as lowercase hex (RFC 7616 §3.3: "H(data)" is the hex of the hash of a string). */
export const H = (a: DigestAlgorithm, s: string | Uint8Array): string => hex(hashBytes(a, typeof s === 'string' ? utf8(s) : s));

/** KD(secret, data) = H(secret ":" data). */
export const KD = (a: DigestAlgorithm, secret: string, data: string): string => H(a, `${secret}:${data}`);
