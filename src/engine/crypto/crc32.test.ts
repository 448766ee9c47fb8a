import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { utf8, utf16le } from '../bytes';

describe('CRC-32', () => {
  it('matches the check value of "123456789"', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
  it('matches MS-NLMP 4.2.2.4 (CRC32 of UTF-16LE "Plaintext" is 7d84aa93 little-endian)', () => {
    expect(crc32(utf16le('Plaintext'))).toBe(0x93aa847d);
  });
});
