// RFC 8009 Appendix A: aes128-cts-hmac-sha256-128 (19) and aes256-cts-hmac-sha384-192 (20).
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../testing/fidelity.ts';
import { fromHex, hex, utf8 } from '../../bytes.ts';
import { checksum, checksumTypeFor, decrypt, encrypt, prf, stringToKey } from './index.ts';
import { AES128_SHA256, AES256_SHA384, aesSha2Kc, aesSha2Ke, aesSha2Ki } from './aesSha2.ts';

const all = loadVectors('rfc8009-aes-sha2.json').vectors;
const etypeOf = (id: string): 19 | 20 => (id.startsWith('aes128') ? 19 : 20);
const prof = (e: 19 | 20) => (e === 19 ? AES128_SHA256 : AES256_SHA384);
const kinds = { s2k: all.filter((v) => v.id.endsWith('-string-to-key')), kd: all.filter((v) => v.id.includes('-key-derivation-')),
  enc: all.filter((v) => v.id.includes('-encrypt-')), ck: all.filter((v) => v.id.includes('-checksum-')), prf: all.filter((v) => v.id.endsWith('-prf')) };

describe('RFC 8009', () => {
  it('covers every vector', () => {
    expect([kinds.s2k.length, kinds.kd.length, kinds.enc.length, kinds.ck.length, kinds.prf.length]).toEqual([2, 2, 8, 2, 2]);
    expect(Object.values(kinds).reduce((a, k) => a + k.length, 0)).toBe(all.length);
  });
  for (const v of kinds.s2k) {
    it(v.id, () => {
      const key = stringToKey(etypeOf(v.id), v.inputs.pass_phrase as string, fromHex(v.inputs.salt_hex as string), { iterations: v.inputs.iteration_count as number });
      expect(hex(key)).toBe(v.expected.key_hex);
    });
  }
  for (const v of kinds.kd) {
    it(v.id, () => {
      const p = prof(etypeOf(v.id)); const k = fromHex(v.inputs.base_key_hex as string); const u = v.inputs.key_usage as number;
      expect([hex(aesSha2Kc(p, k, u)), hex(aesSha2Ke(p, k, u)), hex(aesSha2Ki(p, k, u))]).toEqual([v.expected.Kc_hex, v.expected.Ke_hex, v.expected.Ki_hex]);
    });
  }
  for (const v of kinds.enc) {
    it(v.id, () => {
      const e = etypeOf(v.id); const k = fromHex(v.inputs.base_key_hex as string); const u = v.inputs.key_usage as number;
      const ct = encrypt(e, k, u, fromHex(v.inputs.plaintext_hex as string), fromHex(v.inputs.confounder_hex as string));
      expect(hex(ct)).toBe(v.expected.ciphertext_hex);
      expect(hex(decrypt(e, k, u, ct))).toBe(v.inputs.plaintext_hex);
    });
  }
  for (const v of kinds.ck) {
    it(v.id, () => {
      const e = etypeOf(v.id);
      expect(hex(checksum(checksumTypeFor(e), fromHex(v.inputs.base_key_hex as string), v.inputs.key_usage as number, fromHex(v.inputs.plaintext_hex as string)))).toBe(v.expected.checksum_hex);
    });
  }
  for (const v of kinds.prf) {
    it(v.id, () => {
      expect(hex(prf(etypeOf(v.id), fromHex(v.inputs.base_key_hex as string), utf8(v.inputs.input_ascii as string)))).toBe(v.expected.prf_output_hex);
    });
  }
});
