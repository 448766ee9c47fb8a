// RC4-HMAC (RFC 4757) vectors: string-to-key, HMAC-MD5 checksum, usage translation, and the AES
// checksums the same file carries.
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../testing/fidelity.ts';
import { fromHex, hex, utf8 } from '../../bytes.ts';
import { CKSUMTYPE, checksum, checksumTypeFor, rc4TranslateUsage, stringToKey, verifyChecksum } from './index.ts';

const all = loadVectors('rfc4757-rc4-hmac.json').vectors;
const s2k = all.filter((v) => v.id.startsWith('rc4-hmac-string-to-key-'));
const md5ck = all.filter((v) => v.id.startsWith('hmac-md5-rc4-checksum-'));
const aesck = all.filter((v) => v.id.startsWith('hmac-sha1-96-aes-checksum-'));
const trans = all.filter((v) => v.id === 'rc4-key-usage-translation');

describe('RFC 4757 rc4-hmac', () => {
  it('covers every vector', () => {
    expect([s2k.length, md5ck.length, aesck.length, trans.length]).toEqual([2, 5, 2, 1]);
    expect(s2k.length + md5ck.length + aesck.length + trans.length).toBe(all.length);
  });
  for (const v of s2k) {
    it(v.id, () => {
      expect(hex(stringToKey(23, v.inputs.password as string, ''))).toBe(v.expected.key_hex);
    });
  }
  for (const v of md5ck) {
    it(v.id, () => {
      const key = fromHex(v.inputs.key_hex as string);
      const data = utf8(v.inputs.data_ascii as string);
      const c = checksum(CKSUMTYPE.HMAC_MD5, key, v.inputs.key_usage as number, data);
      expect(hex(c)).toBe(v.expected.checksum_hex);
      expect(verifyChecksum(-138, key, v.inputs.key_usage as number, data, c)).toBe(true);
      expect(verifyChecksum(-138, key, (v.inputs.key_usage as number) + 1, data, c)).toBe(false);
    });
  }
  for (const v of aesck) {
    it(v.id, () => {
      const t = checksumTypeFor(v.inputs.etype as number);
      const c = checksum(t, fromHex(v.inputs.key_hex as string), v.inputs.key_usage as number, utf8(v.inputs.data_ascii as string));
      expect(hex(c)).toBe(v.expected.checksum_hex);
    });
  }
  it('translates key usages as RFC 4757 §3 / MIT do', () => {
    const table = trans[0].expected.translation as Record<string, number>;
    expect(Object.keys(table).length).toBe(13);
    for (const [k, want] of Object.entries(table)) expect(rc4TranslateUsage(Number(k))).toBe(want);
  });
});

describe('Active Directory salts (MS-KILE 3.1.1.2)', () => {
  it('builds user and computer salts', async () => {
    const { windowsSalt } = await import('./index.ts');
    expect(windowsSalt('contoso.com', 'Administrator')).toBe('CONTOSO.COMAdministrator');
    expect(windowsSalt('Test.Local', 'WKS1$')).toBe('TEST.LOCALhostwks1.test.local');
  });
  it("reproduces DSInternals' ConvertTo-KerberosKey example (Pa$$w0rd, CONTOSO.COMAdministrator)", async () => {
    const { windowsSalt } = await import('./index.ts');
    const salt = windowsSalt('contoso.com', 'Administrator');
    expect(hex(stringToKey(18, 'Pa$$w0rd', salt))).toBe('660e61042b190b5724c62bb473facca12058fb9ad3c03c0d2809f839c0352502');
    expect(hex(stringToKey(17, 'Pa$$w0rd', salt))).toBe('bd75e98362b16649ffbaed630d5341d0');
  });
});
