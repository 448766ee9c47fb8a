import { describe, expect, it } from 'vitest';
import { desDecrypt, desEncrypt, expandDesKey } from './des';
import { fromHex, hex, utf8 } from '../bytes';

describe('DES (FIPS 81 / classic vectors)', () => {
  it('encrypts the textbook example 0123456789abcdef under 133457799bbcdff1', () => {
    expect(hex(desEncrypt(fromHex('133457799bbcdff1'), fromHex('0123456789abcdef')))).toBe('85e813540f0ab405');
  });
  it('encrypts "Now is t" under 0123456789abcdef (FIPS 81 ECB example)', () => {
    expect(hex(desEncrypt(fromHex('0123456789abcdef'), fromHex('4e6f772069732074')))).toBe('3fa40e8a984d4815');
  });
  it('decrypts what it encrypts', () => {
    const k = fromHex('0e329232ea6d0d73');
    expect(hex(desDecrypt(k, desEncrypt(k, fromHex('8787878787878787'))))).toBe('8787878787878787');
  });
  it('expands a 7-byte key with odd parity', () => {
    const k8 = expandDesKey(fromHex('ffffffffffffff'));
    expect(hex(k8)).toBe('fefefefefefefefe');
    expect(hex(expandDesKey(fromHex('00000000000000')))).toBe('0101010101010101');
    // LMOWFv1 first half of "PASSWORD": MS-NLMP 4.2.2.1.1 starts with e52cac67419a9a22
    const pw = new Uint8Array(14); pw.set(utf8('PASSWORD'));
    expect(hex(desEncrypt(pw.slice(0, 7), utf8('KGS!@#$%')))).toBe('e52cac67419a9a22');
  });
});
