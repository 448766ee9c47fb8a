import { describe, expect, it } from 'vitest';
import { cbc, gcm } from '@noble/ciphers/aes.js';
import { hex } from '../bytes';
import { seededRng } from '../rng';
import { beginRun } from '../runScope';
import { cbcDecrypt, cbcEncrypt, gcmDecrypt, gcmEncrypt } from './aesModes';

const rng = seededRng(20261202, 'aes-modes-test');
const H = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));

describe('AES-GCM with per-run key state', () => {
  it('NIST GCM test case 4 (AES-128, 60-byte plaintext, 20-byte AAD)', () => {
    const key = H('feffe9928665731c6d6a8f9467308308');
    const iv = H('cafebabefacedbaddecaf888');
    const pt = H('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
    const aad = H('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const out = gcmEncrypt(key, iv, aad, pt);
    expect(hex(out)).toBe('42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091'
      + '5bc94fbc3221a5db94fae95ae7121a47');
    expect(hex(gcmDecrypt(key, iv, aad, out))).toBe(hex(pt));
  });
  it('the bytes of noble\'s gcm for every length 0–70 and both key sizes, reusing each key\'s state', () => {
    beginRun();
    for (const keyLen of [16, 32]) {
      const key = rng.bytes(keyLen);
      for (let n = 0; n <= 70; n++) {
        const nonce = rng.bytes(12), aad = rng.bytes(n % 17), pt = rng.bytes(n);
        const want = gcm(key, nonce, aad).encrypt(pt);
        const got = gcmEncrypt(key, nonce, aad, pt);
        expect(hex(got)).toBe(hex(want));
        expect(hex(gcmDecrypt(key, nonce, aad, want))).toBe(hex(pt));
      }
    }
  });
  it('a changed byte anywhere fails the tag, as noble does', () => {
    const key = rng.bytes(16), nonce = rng.bytes(12), aad = rng.bytes(13), pt = rng.bytes(40);
    const sealed = gcmEncrypt(key, nonce, aad, pt);
    for (const i of [0, 20, 39, 40, 55]) {
      const bad = sealed.slice();
      bad[i] ^= 1;
      expect(() => gcmDecrypt(key, nonce, aad, bad)).toThrow();
      expect(() => gcm(key, nonce, aad).decrypt(bad)).toThrow();
    }
    const badAad = aad.slice();
    badAad[0] ^= 1;
    expect(() => gcmDecrypt(key, nonce, badAad, sealed)).toThrow();
    expect(() => gcmDecrypt(key, nonce, aad, sealed.subarray(0, 10))).toThrow();
  });
});

describe('AES-CBC (no padding) with per-run key state', () => {
  it('the bytes of noble\'s cbc both ways, 1–6 blocks, 128- and 256-bit keys, unaligned inputs', () => {
    beginRun();
    for (const keyLen of [16, 32]) {
      const key = rng.bytes(keyLen);
      for (let b = 1; b <= 6; b++) {
        const iv = rng.bytes(16);
        const buf = rng.bytes(b * 16 + 1);
        const pt = buf.subarray(1); // an unaligned view
        const ct = cbc(key, iv, { disablePadding: true }).encrypt(pt);
        expect(hex(cbcEncrypt(key, iv, pt))).toBe(hex(ct));
        expect(hex(cbcDecrypt(key, iv, ct))).toBe(hex(pt));
      }
    }
  });
});
