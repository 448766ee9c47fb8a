import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '../bytes';
import { seededRng } from '../rng';
import { p256SharedX, signP256, verifyP256, x25519SharedSecret } from './fastEc';

const H = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));
const ascii = (s: string) => new TextEncoder().encode(s);
const rng = seededRng(20261202, 'fast-ec-test');
const validP256Key = () => {
  let k = rng.bytes(32);
  while (!p256.utils.isValidSecretKey(k)) k = rng.bytes(32);
  return k;
};

describe('ECDSA P-256 signing', () => {
  it('RFC 6979 A.2.5 (P-256, SHA-256, "sample" and "test"): the same r, and s or n − s (low S)', () => {
    const x = H('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
    const n = p256.Point.Fn.ORDER;
    const cases = [
      ['sample', 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716', 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8'],
      ['test', 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367', '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083'],
    ] as const;
    for (const [msg, r, s] of cases) {
      const sig = p256.Signature.fromBytes(signP256(x, sha256(ascii(msg))), 'der');
      expect(sig.r).toBe(BigInt(`0x${r}`));
      expect([BigInt(`0x${s}`), n - BigInt(`0x${s}`)]).toContain(sig.s);
      expect(sig.s <= n >> 1n).toBe(true);
    }
  });
  it('byte for byte p256.sign, over SHA-256 and SHA-1 digests', () => {
    for (let i = 0; i < 24; i++) {
      const priv = validP256Key();
      const msg = rng.bytes(1 + i * 11);
      for (const digest of [sha256(msg), sha1(msg)]) {
        expect(hex(signP256(priv, digest))).toBe(hex(p256.sign(digest, priv, { format: 'der', prehash: false })));
      }
    }
  });
});

describe('ECDSA P-256 verification, with and without the key\'s table', () => {
  it('agrees with p256.verify (lowS: false) on valid and broken signatures, at every use of a key', () => {
    const priv = validP256Key();
    const pub = p256.getPublicKey(priv, false);
    for (let i = 0; i < 6; i++) {
      const digest = sha256(rng.bytes(40 + i));
      const sig = p256.sign(digest, priv, { format: 'der', prehash: false });
      expect(verifyP256(pub, sig, digest)).toBe(true);
      const bad = digest.slice();
      bad[i] ^= 1;
      expect(verifyP256(pub, sig, bad)).toBe(false);
      const badSig = sig.slice();
      badSig[badSig.length - 1 - i] ^= 0x10;
      expect(verifyP256(pub, badSig, digest)).toBe(p256.verify(badSig, digest, pub, { format: 'der', prehash: false, lowS: false }));
    }
    expect(verifyP256(pub, new Uint8Array([0x30, 0x02, 0x02, 0x00]), sha256(ascii('x')))).toBe(false);
  });
});

describe('ECDH', () => {
  it('P-256: the x-coordinate p256.getSharedSecret gives, at first and later uses of the peer key', () => {
    const a = validP256Key();
    const B = p256.getPublicKey(validP256Key(), false);
    const want = hex(p256.getSharedSecret(a, B, true).slice(1));
    for (let i = 0; i < 3; i++) expect(hex(p256SharedX(a, B))).toBe(want);
  });
  it('X25519: RFC 7748 §6.1 (Alice and Bob)', () => {
    const alice = H('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bob = H('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    const alicePub = H('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    const bobPub = H('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    for (let i = 0; i < 3; i++) {
      expect(hex(x25519SharedSecret(alice, bobPub))).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
      expect(hex(x25519SharedSecret(bob, alicePub))).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
    }
  });
  it('X25519: RFC 7748 §5.2 (arbitrary u with the high bit set, non-canonical input)', () => {
    expect(hex(x25519SharedSecret(H('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'), H('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c'))))
      .toBe('c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
    expect(hex(x25519SharedSecret(H('4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d'), H('e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493'))))
      .toBe('95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957');
  });
  it('X25519: the same bytes as noble\'s ladder for random keys, torsion points and twist points', () => {
    for (let i = 0; i < 16; i++) {
      const a = rng.bytes(32);
      const B = i % 4 === 3 ? rng.bytes(32) : x25519.getPublicKey(rng.bytes(32)); // every 4th: any 32 bytes (on the curve or its twist)
      let want: string;
      try { want = hex(x25519.getSharedSecret(a, B)); } catch { want = 'throws'; }
      let got: string;
      try { got = hex(x25519SharedSecret(a, B)); } catch { got = 'throws'; }
      expect(got).toBe(want);
    }
    // A point of order 8: the clamped scalar sends it to the identity (noble refuses the all-zero secret).
    const order8 = H('5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157');
    const a = rng.bytes(32);
    let want: string;
    try { want = hex(x25519.getSharedSecret(a, order8)); } catch { want = 'throws'; }
    let got: string;
    try { got = hex(x25519SharedSecret(a, order8)); } catch { got = 'throws'; }
    expect(got).toBe(want);
  });
});
