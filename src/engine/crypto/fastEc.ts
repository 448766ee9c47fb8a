// The elliptic-curve operations of a run (ECDSA on P-256, ECDH on P-256 and X25519) on noble's curve
// arithmetic, arranged to take the fast paths noble offers:
// - a public point (a certificate's key, a key pair's public half) is kept across runs with its use count,
//   and from its second use carries a window table (noble's precompute), so multiplying it by this run's
//   scalar costs about a seventh of a plain multiplication. The table is a property of the key, kept as
//   the key is ("key pairs and certificates cached per seed"); each run still does every multiplication.
// - ECDSA signing multiplies the base point with noble's table in variable time (nothing secret leaks
//   from a simulation's timing); k is RFC 6979's, so signatures are byte for byte noble's p256.sign.
// - X25519 is computed on the birationally equivalent Edwards curve (RFC 7748 §4.1), where the peer's point
//   can carry a table; an input that is not a point of the curve falls back to noble's Montgomery ladder.
// Every function is checked against noble's own (fastEc.test.ts) and the RFC 7748 / RFC 6979 vectors.
import { p256 } from '@noble/curves/nist.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { createHmacDrbg } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '../bytes';

type P256Point = ReturnType<typeof p256.Point.fromBytes>;
type EdPoint = ReturnType<typeof ed25519.Point.fromBytes>;

/** Window of the per-key tables: 2^(W-1) points per window; W=6 builds in about a twentieth of the
 * time of W=8 and multiplies only a quarter slower. */
const WINDOW = 6;
const MAX_KEPT = 48;

interface Kept<T> { point: T; uses: number }
function keep<T extends { precompute(w: number, lazy?: boolean): T }>(store: Map<string, Kept<T>>, key: string, make: () => T): T {
  let e = store.get(key);
  if (!e) {
    if (store.size >= MAX_KEPT) store.delete(store.keys().next().value as string);
    e = { point: make(), uses: 0 };
    store.set(key, e);
  }
  if (++e.uses === 2) e.point.precompute(WINDOW, false);
  return e.point;
}

const Fn = p256.Point.Fn;
const Fp256 = p256.Point.Fp;
const N = Fn.ORDER;
const HALF_N = N >> 1n;
const p256Points = new Map<string, Kept<P256Point>>();
const p256Point = (bytes: Uint8Array): P256Point => keep(p256Points, hex(bytes), () => p256.Point.fromBytes(bytes));

function bigBE(bytes: Uint8Array): bigint {
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}
/** SEC 1 / RFC 6979 bits2int for a 256-bit order: the leftmost 256 bits of the digest. */
function bits2int(digest: Uint8Array): bigint {
  const x = bigBE(digest);
  const extra = digest.length * 8 - 256;
  return extra > 0 ? x >> BigInt(extra) : x;
}
const int2octets = (x: bigint): Uint8Array => Fn.toBytes(x);

/** u1·G + u2·Q (SEC 1 4.1.4; high S accepted, as Windows does) on a digest (SHA-256 or SHA-1). */
export function verifyP256(pub: Uint8Array, sig: Uint8Array, digest: Uint8Array): boolean {
  try {
    const { r, s } = p256.Signature.fromBytes(sig, 'der');
    const Q = p256Point(pub);
    if (Q.is0()) return false;
    const w = Fn.inv(s);
    const e = bits2int(digest);
    const R = p256.Point.BASE.multiplyUnsafe(Fn.create(e * w)).add(Q.multiplyUnsafe(Fn.create(r * w)));
    if (R.is0()) return false;
    // x(R) mod n = r, checked on the projective coordinates (x = X/Z): X = r·Z, or X = (r + n)·Z when r + n < p.
    // One field inversion fewer than going through the affine point.
    if (Fp256.eql(R.X, Fp256.mul(r, R.Z))) return true;
    return r + N < Fp256.ORDER && Fp256.eql(R.X, Fp256.mul(r + N, R.Z));
  } catch {
    return false;
  }
}

const drbg = createHmacDrbg<{ r: bigint; s: bigint }>(32, 32, (key: Uint8Array, msg: Uint8Array) => hmac(sha256, key, msg));

/** ECDSA P-256 signature of a digest, RFC 6979 deterministic k, low S, DER: the bytes p256.sign gives
 * (with prehash: false). */
export function signP256(priv: Uint8Array, digest: Uint8Array): Uint8Array {
  const d = Fn.fromBytes(priv);
  if (d === 0n || d >= N) throw new Error('invalid private key');
  const m = Fn.create(bits2int(digest));
  const seed = new Uint8Array(64);
  seed.set(int2octets(d));
  seed.set(int2octets(m), 32);
  const { r, s } = drbg(seed, (kBytes: Uint8Array) => {
    const k = bits2int(kBytes);
    if (k === 0n || k >= N) return undefined;
    const r = Fn.create(p256.Point.BASE.multiplyUnsafe(k).toAffine().x);
    if (r === 0n) return undefined;
    let s = Fn.create(Fn.inv(k) * Fn.create(m + r * d));
    if (s === 0n) return undefined;
    if (s > HALF_N) s = N - s;
    return { r, s };
  });
  return new p256.Signature(r, s).toBytes('der');
}

/** P-256 ECDH: the x-coordinate of privateKey × peerPoint (32 bytes). */
export function p256SharedX(privateKey: Uint8Array, peerPoint: Uint8Array): Uint8Array {
  const point = p256Point(peerPoint).multiplyUnsafe(bigBE(privateKey));
  if (point.is0()) throw new RangeError('ECDH: the shared point is the point at infinity');
  return point.toBytes(true).slice(1);
}

// X25519 on edwards25519. A Montgomery u maps to the Edwards y = (u − 1)/(u + 1) (RFC 7748 §4.1); either
// of the two points with that y gives the same u after multiplication, so the sign bit is left 0.
// The scalar is clamped (a multiple of 8), so k·P = (k/8)·(8P): multiplying the cofactor-cleared point
// by k/8 mod ℓ is exact for every point of the curve, torsion or not.
const Ed = ed25519.Point;
const Fp = Ed.Fp;
const L = Ed.Fn.ORDER;
const MASK255 = (1n << 255n) - 1n;
const edPoints = new Map<string, Kept<EdPoint> | null>();

function leToBig(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]);
  return x;
}
function bigToLe32(x: bigint): Uint8Array {
  const o = new Uint8Array(32);
  for (let i = 0; i < 32; i++) { o[i] = Number(x & 0xffn); x >>= 8n; }
  return o;
}
function edwardsOf(u: Uint8Array): EdPoint | null {
  const key = hex(u);
  if (edPoints.get(key) === null) return null;
  try {
    return keep(edPoints as Map<string, Kept<EdPoint>>, key, () => {
      const uu = Fp.create(leToBig(u) & MASK255);
      const y = Fp.div(Fp.sub(uu, 1n), Fp.add(uu, 1n));
      return Ed.fromBytes(bigToLe32(y)).clearCofactor();
    });
  } catch {
    // u = −1, or a u on the twist: no Edwards point; the ladder answers.
    edPoints.set(key, null);
    return null;
  }
}

/** X25519(k, u) (RFC 7748 §5): the same 32 bytes as x25519.getSharedSecret. */
export function x25519SharedSecret(priv: Uint8Array, pub: Uint8Array): Uint8Array {
  if (priv.length !== 32 || pub.length !== 32) return x25519.getSharedSecret(priv, pub);
  const P = edwardsOf(pub);
  if (!P) return x25519.getSharedSecret(priv, pub);
  let k = leToBig(priv);
  k &= ~7n;
  k &= MASK255;
  k |= 1n << 254n;
  const scalar = (k >> 3n) % L;
  if (scalar === 0n || P.is0()) return x25519.getSharedSecret(priv, pub);
  const R = P.multiplyUnsafe(scalar);
  if (R.is0()) return x25519.getSharedSecret(priv, pub);
  // u = (1 + y)/(1 − y) with y = Y/Z: (Z + Y)/(Z − Y), one inversion.
  return bigToLe32(Fp.div(Fp.add(R.Z, R.Y), Fp.sub(R.Z, R.Y)));
}
