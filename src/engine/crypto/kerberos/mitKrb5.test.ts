// MIT krb5 crypto_tests (t_decrypt, t_cksums, t_derive, t_prf, t_str2key). In scope: enctypes 17,
// 18, 19, 20, 23, 24 and their checksums; DES3, Camellia and the unkeyed MD4/MD5/SHA1 checksums are
// filtered out explicitly and counted.
import { describe, expect, it } from 'vitest';
import { loadVectors, type Vector } from '../../testing/fidelity.ts';
import { fromHex, hex } from '../../bytes.ts';
import { KerberosIntegrityError, checksum, decrypt, decryptDetailed, dkAes, encrypt, prf, stringToKey, verifyChecksum } from './index.ts';
import { kdfHmacSha2 } from './aesSha2.ts';
import { AES128_SHA256, AES256_SHA384 } from './aesSha2.ts';

const ENCTYPES: Record<string, number> = {
  aes128_cts_hmac_sha1_96: 17, aes256_cts_hmac_sha1_96: 18,
  aes128_cts_hmac_sha256_128: 19, aes256_cts_hmac_sha384_192: 20,
  arcfour_hmac: 23, arcfour_hmac_exp: 24,
};
const OUT_OF_SCOPE = ['des3_cbc_sha1', 'camellia128_cts_cmac', 'camellia256_cts_cmac'];
const UNKEYED = ['rsa_md4', 'rsa_md5', 'sha1'];

const all = loadVectors('mit-krb5-crypto-tests.json').vectors;
const enctypeOf = (v: Vector) => v.inputs.enctype as string | null;
const inScope = (v: Vector) => {
  if (v.id.startsWith('checksum-')) return !UNKEYED.includes(v.inputs.cksumtype as string) && !OUT_OF_SCOPE.includes(enctypeOf(v) ?? '');
  return (enctypeOf(v) ?? '') in ENCTYPES;
};
const skipped = all.filter((v) => !inScope(v));
const by = (prefix: string) => all.filter((v) => v.id.startsWith(prefix) && inScope(v));
const dec = by('decrypt-'), ck = by('checksum-'), der = by('derive-'), prfs = by('prf-'), s2k = by('string-to-key-');
const h = (v: unknown) => fromHex(v as string);

describe('MIT krb5 crypto_tests', () => {
  it('runs the expected number of vectors per file section', () => {
    expect(all.length).toBe(123);
    expect(dec.length).toBe(28); // 5 each for 17, 18, 23, 24; 4 each for 19, 20
    expect(dec.filter((v) => [17, 18, 23].includes(ENCTYPES[enctypeOf(v)!])).length).toBe(15);
    expect(ck.length).toBe(6); // 15, 16, -137, -138, 19, 20
    expect(der.length).toBe(12); // 3 each for 17, 18, 19, 20
    expect(prfs.length).toBe(8);
    expect(s2k.length).toBe(17); // 7 + 8 for AES-SHA1, 1 + 1 for AES-SHA2
    expect(skipped.every((v) => OUT_OF_SCOPE.includes(enctypeOf(v) ?? '') || UNKEYED.includes(v.inputs.cksumtype as string))).toBe(true);
    expect(dec.length + ck.length + der.length + prfs.length + s2k.length + skipped.length).toBe(all.length);
  });

  describe('t_decrypt (and byte-exact re-encryption with the recovered confounder)', () => {
    for (const v of dec) {
      it(v.id, () => {
        const e = ENCTYPES[enctypeOf(v)!]; const key = h(v.inputs.key_hex); const u = v.inputs.key_usage as number; const ct = h(v.inputs.ciphertext_hex);
        const { confounder, plaintext } = decryptDetailed(e, key, u, ct);
        expect(hex(plaintext)).toBe(v.expected.plaintext_hex);
        expect(hex(encrypt(e, key, u, plaintext, confounder))).toBe(v.inputs.ciphertext_hex);
        // integrity: a flipped byte and a wrong usage are both refused
        const bad = ct.slice(); bad[bad.length - 1] ^= 1;
        expect(() => decrypt(e, key, u, bad)).toThrow(KerberosIntegrityError);
        expect(() => decrypt(e, key, u + 100, ct)).toThrow(/integrity check failed/);
      });
    }
  });

  describe('t_cksums', () => {
    for (const v of ck) {
      it(v.id, () => {
        const t = v.inputs.cksumtype_number as number; const key = h(v.inputs.key_hex); const u = v.inputs.key_usage as number; const data = h(v.inputs.plaintext_hex);
        expect(hex(checksum(t, key, u, data))).toBe(v.expected.checksum_hex);
        expect(verifyChecksum(t, key, u, data, h(v.expected.checksum_hex))).toBe(true);
      });
    }
  });

  describe('t_derive', () => {
    for (const v of der) {
      it(v.id, () => {
        const e = ENCTYPES[enctypeOf(v)!]; const key = h(v.inputs.input_key_hex); const c = h(v.inputs.constant_hex);
        let out: Uint8Array;
        if (e === 17 || e === 18) out = dkAes(key, c);
        else {
          const p = e === 19 ? AES128_SHA256 : AES256_SHA384;
          const bits = c[4] === 0xaa ? p.keyLen * 8 : p.macLen * 8;
          out = kdfHmacSha2(p, key, c, bits);
        }
        expect(hex(out)).toBe(v.expected.derived_key_hex);
      });
    }
  });

  describe('t_prf', () => {
    for (const v of prfs) {
      it(v.id, () => {
        const e = ENCTYPES[enctypeOf(v)!];
        expect(hex(prf(e, h(v.inputs.key_hex), h(v.inputs.prf_input_hex)))).toBe(v.expected.prf_output_hex);
      });
    }
  });

  describe('t_str2key', () => {
    for (const v of s2k) {
      it(v.id, () => {
        const e = ENCTYPES[enctypeOf(v)!];
        const run = () => stringToKey(e, h(v.inputs.password_hex), h(v.inputs.salt_hex), { s2kparams: h(v.inputs.s2kparams_hex), allowWeakIterations: v.inputs.allow_weak_iteration_count as boolean });
        if (v.expected.error) expect(run).toThrow(v.expected.error as string);
        else expect(hex(run())).toBe(v.expected.key_hex);
      });
    }
  });
});
