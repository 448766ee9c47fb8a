// The PKINIT key agreement as PKU2U runs it with ECDH on P-256 (RFC 5349): each side's ephemeral
// key pair, the shared secret (the x-coordinate of the shared point), and RFC 4556 §3.2.3.1
// octetstring2key: K-truncate(SHA-1(0x00 | x) | SHA-1(0x01 | x) | ...) with x = secret | n_c | n_k,
// then random-to-key, giving the AS reply key.
import { p256 } from '@noble/curves/nist.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { concat } from '../../../bytes';
import { keyLength, randomToKey } from '../../../crypto/kerberos';
import { p256Public, p256Shared } from '../../../crypto/publicKeyMemo';

export interface EcdhKeyPair { privateKey: Uint8Array; publicPoint: Uint8Array }

/** A P-256 key pair from 32 seed bytes (reduced into the scalar range; deterministic). */
export function ecdhKeyPair(seed: Uint8Array): EcdhKeyPair {
  const n = p256.Point.CURVE().n;
  let d = 0n;
  for (const x of seed) d = (d << 8n) | BigInt(x);
  d = (d % (n - 1n)) + 1n;
  const privateKey = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) { privateKey[i] = Number(d & 0xffn); d >>= 8n; }
  return { privateKey, publicPoint: p256Public(privateKey) };
}

/** The ECDH shared secret: the x-coordinate of privateKey × peerPoint (32 bytes). */
export const ecdhSharedSecret = (privateKey: Uint8Array, peerPoint: Uint8Array): Uint8Array => p256Shared(privateKey, peerPoint);

/** RFC 4556 §3.2.3.1 octetstring2key for `etype`, with the optional client/server DH nonces. */
export function octetString2Key(etype: number, sharedSecret: Uint8Array, clientDHNonce?: Uint8Array, serverDHNonce?: Uint8Array): Uint8Array {
  const x = concat(sharedSecret, clientDHNonce ?? new Uint8Array(0), serverDHNonce ?? new Uint8Array(0));
  const need = keyLength(etype);
  const parts: Uint8Array[] = [];
  let have = 0;
  for (let counter = 0; have < need; counter++) {
    const h = sha1(concat(new Uint8Array([counter & 0xff]), x));
    parts.push(h);
    have += h.length;
  }
  return randomToKey(etype, concat(...parts).slice(0, need));
}
