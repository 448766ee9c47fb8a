// RFC 3962 Appendix B: PBKDF2 + AES string-to-key and AES-CTS with the next IV.
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../testing/fidelity.ts';
import { fromHex, hex } from '../../bytes.ts';
import { aesCtsDecrypt, aesCtsEncrypt, aesCtsNextIv, stringToKey } from './index.ts';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';

const all = loadVectors('rfc3962-aes-cts-hmac-sha1.json').vectors;
const s2k = all.filter((v) => v.id.startsWith('aes-string-to-key-'));
const cts = all.filter((v) => v.id.startsWith('aes128-cts-'));

describe('RFC 3962 string-to-key', () => {
  it('has every vector', () => {
    expect(s2k.length).toBe(7);
    expect(cts.length).toBe(6);
    expect(s2k.length + cts.length).toBe(all.length);
  });
  for (const v of s2k) {
    it(v.id, () => {
      const pw = fromHex(v.inputs.pass_phrase_hex as string);
      const salt = fromHex(v.inputs.salt_hex as string);
      const iterations = v.inputs.iteration_count as number;
      expect(hex(pbkdf2(sha1, pw, salt, { c: iterations, dkLen: 16 }))).toBe(v.expected.pbkdf2_128_hex);
      expect(hex(pbkdf2(sha1, pw, salt, { c: iterations, dkLen: 32 }))).toBe(v.expected.pbkdf2_256_hex);
      expect(hex(stringToKey(17, pw, salt, { iterations }))).toBe(v.expected.aes128_key_hex);
      expect(hex(stringToKey(18, pw, salt, { iterations }))).toBe(v.expected.aes256_key_hex);
    });
  }
});

describe('RFC 3962 AES-CTS', () => {
  for (const v of cts) {
    it(v.id, () => {
      const key = fromHex(v.inputs.key_hex as string);
      const iv = fromHex(v.inputs.iv_hex as string);
      const pt = fromHex(v.inputs.plaintext_hex as string);
      const ct = aesCtsEncrypt(key, iv, pt);
      expect(hex(ct)).toBe(v.expected.ciphertext_hex);
      expect(hex(aesCtsNextIv(ct))).toBe(v.expected.next_iv_hex);
      expect(hex(aesCtsDecrypt(key, iv, ct))).toBe(v.inputs.plaintext_hex);
    });
  }
});
