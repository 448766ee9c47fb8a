// Public-key operations (Schannel's handshakes, PKU2U's PKINIT), remembered at two scopes:
// - a private key's public key is kept across runs: the "key pairs cached per seed" of the engine budget;
//   so is the check of a certificate's signature by its issuer's key (a property of the certificate, as
//   Windows' chain engine keeps the chains it has built), the "certificates cached per seed";
// - signatures, verifications and key agreements are kept for one run only (runScope.beginRun clears them), so a
//   run that signs or checks the same bytes twice (the sender, then the inspector's decoder; both sides of
//   one exchange) does it once, and every run still does each distinct operation itself.
// All are pure functions of their inputs (ECDSA signatures are deterministic, RFC 6979; key agreement is a
// fixed product), so neither scope changes a byte.
import { p256 } from '@noble/curves/nist.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '../bytes';
import { perRun } from '../runScope';
import { p256SharedX, signP256, verifyP256, x25519SharedSecret } from './fastEc';

export { verifyP256 };

const MAX = 512;
function memo<T>(cache: Map<string, T>, key: string, f: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = f();
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, v);
  return v;
}
// One run's operations.
const signs = perRun(new Map<string, Uint8Array>());
const verifies = perRun(new Map<string, boolean>());
const shared = perRun(new Map<string, Uint8Array>());
// Key pairs and certificate signature checks, across runs.
const pubs = new Map<string, Uint8Array>();
const certChecks = new Map<string, boolean>();
const points = new Map<string, Uint8Array>();

/** ECDSA P-256 over SHA-256 (or a SHA-1 digest for TLS 1.0/1.1), DER signature. */
export function ecdsaSign(priv: Uint8Array, msg: Uint8Array, hashAlg: 'sha256' | 'sha1'): Uint8Array {
  return memo(signs, `${hashAlg}|${hex(priv)}|${hex(msg)}`, () => signP256(priv, hashAlg === 'sha256' ? sha256(msg) : sha1(msg)));
}
export function ecdsaVerify(pub: Uint8Array, sig: Uint8Array, msg: Uint8Array, hashAlg: 'sha256' | 'sha1'): boolean {
  return memo(verifies, `${hashAlg}|${hex(pub)}|${hex(sig)}|${hex(msg)}`, () => verifyP256(pub, sig, hashAlg === 'sha256' ? sha256(msg) : sha1(msg)));
}

/** Is a certificate's signature (ECDSA with SHA-256 over its tbsCertificate) its issuer's? Checked once
 * per certificate and issuer key, across runs (see above); handshake signatures use ecdsaVerify. */
export function certSignedBy(issuerPub: Uint8Array, signature: Uint8Array, tbs: Uint8Array): boolean {
  return memo(certChecks, `${hex(issuerPub)}|${hex(signature)}|${hex(tbs)}`, () => verifyP256(issuerPub, signature, sha256(tbs)));
}

export const x25519Public = (priv: Uint8Array): Uint8Array => memo(pubs, hex(priv), () => x25519.getPublicKey(priv));
export const x25519Shared = (priv: Uint8Array, pub: Uint8Array): Uint8Array => memo(shared, `${hex(priv)}|${hex(pub)}`, () => x25519SharedSecret(priv, pub));

/** P-256 ECDH: the x-coordinate of privateKey × peerPoint (32 bytes), as p256.getSharedSecret. */
export const p256Shared = (privateKey: Uint8Array, peerPoint: Uint8Array): Uint8Array =>
  memo(shared, `p256|${hex(privateKey)}|${hex(peerPoint)}`, () => p256SharedX(privateKey, peerPoint));
/** The uncompressed P-256 public point of a private key. */
export const p256Public = (priv: Uint8Array): Uint8Array => memo(points, hex(priv), () => p256.getPublicKey(priv, false));
