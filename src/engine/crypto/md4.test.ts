import { describe, expect, it } from 'vitest';
import { md4 } from './md4';
import { rc4 } from './rc4';
import { hex, utf8, fromHex } from '../bytes';

describe('md4 (RFC 1320 A.5)', () => {
  it('hashes the RFC test suite', () => {
    expect(hex(md4(utf8('')))).toBe('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(hex(md4(utf8('abc')))).toBe('a448017aaf21d8525fc10ae87aa6729d');
    expect(hex(md4(utf8('message digest')))).toBe('d9130a8164549fe818874806e1c7014b');
  });
});

describe('rc4', () => {
  it('matches the classic test vectors', () => {
    expect(hex(rc4(utf8('Key'), utf8('Plaintext')))).toBe('bbf316e8d940af0ad3');
    expect(hex(rc4(utf8('Wiki'), utf8('pedia')))).toBe('1021bf0420');
    expect(hex(rc4(fromHex('0102030405'), new Uint8Array(16)))).toBe('b2396305f03dc027ccc3524a0a1118a8');
  });
});
