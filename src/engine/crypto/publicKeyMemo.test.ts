import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { seededRng } from '../rng';
import { beginRun } from '../runScope';
import { ecdsaSign, ecdsaVerify, verifyP256 } from './publicKeyMemo';

// verifyP256 must answer exactly as noble's own p256.verify (lowS: false) for valid and broken signatures.
describe('verifyP256 agrees with p256.verify', () => {
  const rng = seededRng(20261202, 'verify-test');
  const bytes = (n: number) => rng.bytes(n);
  const cases = Array.from({ length: 24 }, (_, i) => {
    let priv = bytes(32);
    while (!p256.utils.isValidSecretKey(priv)) priv = bytes(32);
    const pub = p256.getPublicKey(priv, false);
    const msg = bytes(1 + i * 13);
    return { priv, pub, msg };
  });
  it('valid signatures, SHA-256 and SHA-1 digests', () => {
    for (const { priv, pub, msg } of cases) {
      for (const digest of [sha256(msg), sha1(msg)]) {
        const sig = p256.sign(digest, priv, { format: 'der', prehash: false });
        expect(verifyP256(pub, sig, digest)).toBe(true);
        expect(p256.verify(sig, digest, pub, { format: 'der', prehash: false, lowS: false })).toBe(true);
      }
    }
  });
  it('a changed message, key or signature byte, exactly as p256.verify', () => {
    for (const [i, { priv, pub, msg }] of cases.entries()) {
      const digest = sha256(msg);
      const sig = p256.sign(digest, priv, { format: 'der', prehash: false });
      const other = cases[(i + 1) % cases.length].pub;
      const badMsg = sha256(new Uint8Array([...msg, 1]));
      const badSig = sig.slice(); badSig[8 + (i % (sig.length - 9))] ^= 1 << (i % 8);
      for (const [p, s, d] of [[pub, sig, badMsg], [other, sig, digest], [pub, badSig, digest], [pub, sig.subarray(0, sig.length - 1), digest]] as const) {
        expect(verifyP256(p, s, d)).toBe(p256.verify(s, d, p, { format: 'der', prehash: false, lowS: false }));
        expect(verifyP256(p, s, d)).toBe(false);
      }
    }
  });
  it('high-S signatures are accepted (lowS: false), as p256.verify does', () => {
    const { priv, pub, msg } = cases[0];
    const digest = sha256(msg);
    const sig = p256.Signature.fromBytes(p256.sign(digest, priv, { format: 'der', prehash: false }), 'der');
    const high = new p256.Signature(sig.r, p256.Point.Fn.neg(sig.s)).toBytes('der');
    expect(verifyP256(pub, high, digest)).toBe(true);
    expect(p256.verify(high, digest, pub, { format: 'der', prehash: false, lowS: false })).toBe(true);
  });
  it('ecdsaSign / ecdsaVerify round trip, and beginRun forgets the run-scoped results', () => {
    const { priv, pub, msg } = cases[3];
    const sig = ecdsaSign(priv, msg, 'sha256');
    expect(ecdsaVerify(pub, sig, msg, 'sha256')).toBe(true);
    beginRun();
    expect(ecdsaVerify(pub, sig, msg, 'sha256')).toBe(true);
    expect(ecdsaVerify(pub, sig, msg, 'sha1')).toBe(false);
  });
});
