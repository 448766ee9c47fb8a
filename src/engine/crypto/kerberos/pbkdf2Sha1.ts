// PBKDF2-HMAC-SHA1 (RFC 8018 §5.2) specialised for speed: the AES string-to-key runs 4096
// iterations per 20-byte block, and the generic implementation costs ~80 ms for an aes256 key,
// more than a whole simulated scenario may take. Here the HMAC inner/outer pad states are computed
// once and every iteration is exactly two SHA-1 compressions on pre-laid-out words.
// Checked against @noble/hashes' pbkdf2 and the RFC 3962 / MIT vectors.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';

const W = new Int32Array(80);

/** One SHA-1 compression of the 16 big-endian words `block` into `out` starting from `state`. */
function compress(state: Int32Array, block: Int32Array, out: Int32Array): void {
  for (let i = 0; i < 16; i++) W[i] = block[i];
  for (let i = 16; i < 80; i++) { const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16]; W[i] = (x << 1) | (x >>> 31); }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], t: number, i = 0;
  for (; i < 20; i++) { t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + W[i]) | 0; e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t; }
  for (; i < 40; i++) { t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[i]) | 0; e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t; }
  for (; i < 60; i++) { t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e - 0x70e44324 + W[i]) | 0; e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t; }
  for (; i < 80; i++) { t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e - 0x359d3e2a + W[i]) | 0; e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t; }
  out[0] = (state[0] + a) | 0; out[1] = (state[1] + b) | 0; out[2] = (state[2] + c) | 0; out[3] = (state[3] + d) | 0; out[4] = (state[4] + e) | 0;
}

const IV = Int32Array.from([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]);

function padState(key: Uint8Array, pad: number): Int32Array {
  const block = new Int32Array(16);
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 4; j++) w = (w << 8) | ((key[i * 4 + j] ?? 0) ^ pad);
    block[i] = w;
  }
  const s = new Int32Array(5);
  compress(IV, block, s);
  return s;
}

export function pbkdf2HmacSha1(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`PBKDF2 iteration count must be a positive integer, got ${iterations}`);
  const key = password.length > 64 ? sha1(password) : password;
  const inner = padState(key, 0x36);
  const outer = padState(key, 0x5c);
  // message block for HMAC of a 20-byte value: 5 words of data, 0x80 pad, length (64 + 20) * 8 bits
  const ib = new Int32Array(16); ib[5] = 0x80000000 | 0; ib[15] = (64 + 20) * 8;
  const ob = new Int32Array(16); ob[5] = 0x80000000 | 0; ob[15] = (64 + 20) * 8;
  const out = new Uint8Array(dkLen);
  const t = new Int32Array(5);
  for (let block = 1, off = 0; off < dkLen; block++, off += 20) {
    const u1 = hmac(sha1, password, Uint8Array.from([...salt, block >>> 24, (block >>> 16) & 0xff, (block >>> 8) & 0xff, block & 0xff]));
    for (let i = 0; i < 5; i++) { t[i] = (u1[i * 4] << 24) | (u1[i * 4 + 1] << 16) | (u1[i * 4 + 2] << 8) | u1[i * 4 + 3]; ib[i] = t[i]; }
    for (let n = 1; n < iterations; n++) {
      compress(inner, ib, ob); // inner hash lands in ob[0..5]
      compress(outer, ob, ib); // outer hash = U_n, lands in ib[0..5]
      t[0] ^= ib[0]; t[1] ^= ib[1]; t[2] ^= ib[2]; t[3] ^= ib[3]; t[4] ^= ib[4];
    }
    for (let i = 0; i < 20 && off + i < dkLen; i++) out[off + i] = (t[i >> 2] >>> (24 - 8 * (i & 3))) & 0xff;
  }
  return out;
}
