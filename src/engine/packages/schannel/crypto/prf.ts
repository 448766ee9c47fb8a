// TLS pseudo-random functions and the key derivations built on them (TLS 1.0-1.2).
// RFC 5246 §5 (P_hash, TLS 1.2 PRF), RFC 2246 §5 (TLS 1.0/1.1 PRF: P_MD5 xor P_SHA-1),
// RFC 5246 §8.1 (master secret), §6.3 (key block), §7.4.9 (Finished), RFC 7627 §4 (extended master secret).
import { hmac } from '@noble/hashes/hmac.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { concat, utf8 } from '../../../bytes';

export type HashName = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export const HASHES = { md5, sha1, sha224, sha256, sha384, sha512 } as const;
export const HASH_LEN: Record<HashName, number> = { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export function hash(name: HashName, data: Uint8Array): Uint8Array { return HASHES[name](data); }
export function hmacOf(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array { return hmac(HASHES[name], key, data); }

/** P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ... */
export function pHash(name: HashName, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  // The secret's HMAC state (its key padded and hashed once), cloned for each of the calls below.
  const keyed = hmac.create(HASHES[name], secret);
  const mac = (data: Uint8Array) => keyed.clone().update(data).digest();
  let a = seed;
  let o = 0;
  while (o < length) {
    a = mac(a);
    const block = mac(concat(a, seed));
    out.set(block.subarray(0, Math.min(block.length, length - o)), o);
    o += block.length;
  }
  return out;
}

/** The PRF a protocol version uses: TLS 1.2 P_SHA256/P_SHA384, TLS 1.0/1.1 P_MD5 xor P_SHA1. */
export type PrfKind = 'tls10' | 'sha256' | 'sha384';

/** TLS 1.0/1.1 PRF: the secret split in two halves, P_MD5 over the first xor P_SHA1 over the second. */
export function prf10(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  const half = Math.ceil(secret.length / 2);
  const s1 = secret.subarray(0, half);
  const s2 = secret.subarray(secret.length - half);
  const ls = concat(utf8(label), seed);
  const a = pHash('md5', s1, ls, length);
  const b = pHash('sha1', s2, ls, length);
  for (let i = 0; i < length; i++) a[i] ^= b[i];
  return a;
}

export function prf(kind: PrfKind, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  if (kind === 'tls10') return prf10(secret, label, seed, length);
  return pHash(kind, secret, concat(utf8(label), seed), length);
}

/** master_secret = PRF(pre_master_secret, "master secret", client_random + server_random)[0..47]. */
export function masterSecret(kind: PrfKind, preMaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array {
  return prf(kind, preMaster, 'master secret', concat(clientRandom, serverRandom), 48);
}

/** RFC 7627: master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]. */
export function extendedMasterSecret(kind: PrfKind, preMaster: Uint8Array, sessionHash: Uint8Array): Uint8Array {
  return prf(kind, preMaster, 'extended master secret', sessionHash, 48);
}

/** key_block = PRF(master_secret, "key expansion", server_random + client_random). */
export function keyBlock(kind: PrfKind, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, length: number): Uint8Array {
  return prf(kind, master, 'key expansion', concat(serverRandom, clientRandom), length);
}

/** The handshake hash a PRF kind uses for Finished and the session hash (TLS 1.0/1.1: MD5 || SHA-1). */
export function handshakeHash(kind: PrfKind, transcript: Uint8Array): Uint8Array {
  if (kind === 'tls10') return concat(md5(transcript), sha1(transcript));
  return hash(kind, transcript);
}

/** verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]. */
export function finished12(kind: PrfKind, master: Uint8Array, client: boolean, transcript: Uint8Array): Uint8Array {
  return prf(kind, master, client ? 'client finished' : 'server finished', handshakeHash(kind, transcript), 12);
}
