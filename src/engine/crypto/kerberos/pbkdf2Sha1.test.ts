import { describe, expect, it } from 'vitest';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { fromHex, hex, utf8 } from '../../bytes.ts';
import { pbkdf2HmacSha1 } from './pbkdf2Sha1.ts';

describe('fast PBKDF2-HMAC-SHA1', () => {
  it('matches RFC 6070 vectors', () => {
    expect(hex(pbkdf2HmacSha1(utf8('password'), utf8('salt'), 1, 20))).toBe('0c60c80f961f0e71f3a9b524af6012062fe037a6');
    expect(hex(pbkdf2HmacSha1(utf8('password'), utf8('salt'), 4096, 20))).toBe('4b007901b765489abead49d926f721d065a429c1');
    expect(hex(pbkdf2HmacSha1(utf8('passwordPASSWORDpassword'), utf8('saltSALTsaltSALTsaltSALTsaltSALTsalt'), 4096, 25))).toBe('3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038');
    expect(hex(pbkdf2HmacSha1(fromHex('7061737300776f7264'), fromHex('7361006c74'), 4096, 16))).toBe('56fa6aa75548099dcc37d7f03425e0c3');
  });
  it('agrees with @noble/hashes on assorted lengths (short, 64-byte and long passwords; 1..48-byte outputs)', () => {
    let n = 0;
    for (const pwLen of [0, 1, 20, 63, 64, 65, 100]) {
      for (const [saltLen, dkLen, c] of [[0, 16, 3], [21, 32, 7], [40, 48, 2], [5, 1, 1]]) {
        const pw = Uint8Array.from({ length: pwLen }, (_, i) => (i * 7 + pwLen) & 0xff);
        const salt = Uint8Array.from({ length: saltLen }, (_, i) => (i * 13 + 1) & 0xff);
        expect(hex(pbkdf2HmacSha1(pw, salt, c, dkLen))).toBe(hex(pbkdf2(sha1, pw, salt, { c, dkLen })));
        n++;
      }
    }
    expect(n).toBe(28);
  });
});
