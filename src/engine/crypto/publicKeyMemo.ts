// Memoised public-key operations (Schannel's handshakes, PKU2U's PKINIT). They are pure functions of
// their inputs (ECDSA signatures are deterministic, RFC 6979; key agreement is a fixed product), so a
// warm re-run of the same scenario and seed reuses their results — the "certificates and keys cached
// per seed" of the engine budget — without changing a byte.
import { p256 } from '@noble/curves/nist.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { hex } from '../bytes';

const MAX = 512;
function memo<T>(cache: Map<string, T>, key: string, f: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = f();
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, v);
  return v;
}
const signs = new Map<string, Uint8Array>();
const verifies = new Map<string, boolean>();
const pubs = new Map<string, Uint8Array>();
const shared = new Map<string, Uint8Array>();
const points = new Map<string, Uint8Array>();

/** ECDSA P-256 over SHA-256 (or a SHA-1 digest for TLS 1.0/1.1), DER signature. */
export function ecdsaSign(priv: Uint8Array, msg: Uint8Array, hashAlg: 'sha256' | 'sha1'): Uint8Array {
  return memo(signs, `${hashAlg}|${hex(priv)}|${hex(msg)}`, () => hashAlg === 'sha256'
    ? p256.sign(msg, priv, { format: 'der' })
    : p256.sign(sha1(msg), priv, { format: 'der', prehash: false }));
}
export function ecdsaVerify(pub: Uint8Array, sig: Uint8Array, msg: Uint8Array, hashAlg: 'sha256' | 'sha1'): boolean {
  return memo(verifies, `${hashAlg}|${hex(pub)}|${hex(sig)}|${hex(msg)}`, () => {
    try {
      return hashAlg === 'sha256'
        ? p256.verify(sig, msg, pub, { format: 'der', lowS: false })
        : p256.verify(sig, sha1(msg), pub, { format: 'der', lowS: false, prehash: false });
    } catch { return false; }
  });
}
export const x25519Public = (priv: Uint8Array): Uint8Array => memo(pubs, hex(priv), () => x25519.getPublicKey(priv));
export const x25519Shared = (priv: Uint8Array, pub: Uint8Array): Uint8Array => memo(shared, `${hex(priv)}|${hex(pub)}`, () => x25519.getSharedSecret(priv, pub));

/** P-256 ECDH: the x-coordinate of privateKey × peerPoint (32 bytes). The same product as
 * p256.getSharedSecret, without its constant-time ladder (nothing secret leaks from a simulation's
 * timing, and the variable-time multiplication is several times faster). */
export function p256Shared(privateKey: Uint8Array, peerPoint: Uint8Array): Uint8Array {
  return memo(shared, `p256|${hex(privateKey)}|${hex(peerPoint)}`, () => {
    let d = 0n;
    for (const x of privateKey) d = (d << 8n) | BigInt(x);
    const point = p256.Point.fromBytes(peerPoint).multiplyUnsafe(d);
    if (point.is0()) throw new RangeError('ECDH: the shared point is the point at infinity');
    return point.toBytes(true).slice(1);
  });
}
/** The uncompressed P-256 public point of a private key. */
export const p256Public = (priv: Uint8Array): Uint8Array => memo(points, hex(priv), () => p256.getPublicKey(priv, false));
