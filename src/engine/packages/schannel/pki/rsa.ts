// RSA PKCS #1 v1.5 encryption (RFC 8017 §7.2) with native BigInt: what SSL 3.0's RSA key exchange
// does with the pre-master secret. Decryption uses the CRT. Random padding comes from the caller's seeded RNG.
import type { Rng } from '../../../sspi/package';
import { RSA_TEST_KEY } from './rsaKey';
import { perRun } from '../../../runScope';

export interface RsaPublicKey { n: bigint; e: bigint }
export interface RsaPrivateKey extends RsaPublicKey { d: bigint; p: bigint; q: bigint; dp: bigint; dq: bigint; qi: bigint }
export const rsaTestKey = (): RsaPrivateKey => RSA_TEST_KEY;

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n; b %= m;
  while (e > 0n) { if (e & 1n) r = (r * b) % m; b = (b * b) % m; e >>= 1n; }
  return r;
}
export const byteLength = (n: bigint): number => Math.ceil(n.toString(16).length / 2);
export function toBig(b: Uint8Array): bigint { let v = 0n; for (const x of b) v = (v << 8n) | BigInt(x); return v; }
export function fromBig(v: bigint, len: number): Uint8Array {
  const o = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) { o[i] = Number(v & 0xffn); v >>= 8n; }
  return o;
}

/** EM = 0x00 || 0x02 || PS (non-zero random) || 0x00 || M; C = EM^e mod n. */
export function rsaEncryptPkcs1(pub: RsaPublicKey, m: Uint8Array, rng: Rng): Uint8Array {
  const k = byteLength(pub.n);
  if (m.length > k - 11) throw new Error('message too long for RSA PKCS #1 v1.5');
  const ps = new Uint8Array(k - 3 - m.length);
  for (let i = 0; i < ps.length; i++) { let x = rng.bytes(1)[0]; while (x === 0) x = rng.bytes(1)[0]; ps[i] = x; }
  const em = new Uint8Array(k);
  em[1] = 2; em.set(ps, 2); em.set(m, 3 + ps.length);
  return fromBig(modPow(toBig(em), pub.e, pub.n), k);
}

/** Returns the message, or null when the padding is wrong (the caller then uses a random pre-master secret, RFC 5246 §7.4.7.1). */
const DECRYPTED = perRun(new Map<string, Uint8Array | null>());
export function rsaDecryptPkcs1(key: RsaPrivateKey, c: Uint8Array): Uint8Array | null {
  // Pure in (key, c): the receiver and the inspector's decoder of one run decrypt it once.
  const memoKey = `${key.n.toString(36).slice(0, 16)}|${Array.from(c, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (DECRYPTED.has(memoKey)) return DECRYPTED.get(memoKey)!;
  const r = rsaDecryptRaw(key, c);
  if (DECRYPTED.size > 256) DECRYPTED.clear();
  DECRYPTED.set(memoKey, r);
  return r;
}
function rsaDecryptRaw(key: RsaPrivateKey, c: Uint8Array): Uint8Array | null {
  const k = byteLength(key.n);
  if (c.length !== k) return null;
  const cv = toBig(c);
  if (cv >= key.n) return null;
  const m1 = modPow(cv, key.dp, key.p);
  const m2 = modPow(cv, key.dq, key.q);
  let h = ((m1 - m2) * key.qi) % key.p; if (h < 0n) h += key.p;
  const em = fromBig(m2 + h * key.q, k);
  if (em[0] !== 0 || em[1] !== 2) return null;
  const sep = em.indexOf(0, 2);
  if (sep < 10) return null;
  return em.slice(sep + 1);
}
