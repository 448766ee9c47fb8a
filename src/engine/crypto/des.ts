// Single DES (FIPS 46-3) over the des.js package, as NTLM uses it: one 8-byte block in ECB mode,
// keyed with a 7-byte (56-bit) key that is spread over 8 bytes with odd parity (MS-NLMP 6, DES()).
import desjs from 'des.js';

/** Spread a 7-byte key over 8 bytes (7 key bits + 1 odd-parity bit each). */
export function expandDesKey(k7: Uint8Array): Uint8Array {
  if (k7.length !== 7) throw new Error(`a DES key is 7 bytes before expansion, got ${k7.length}`);
  const out = new Uint8Array(8);
  // Bit i of the 56-bit key goes to byte i/7, top 7 bits.
  for (let i = 0; i < 8; i++) {
    let v = 0;
    for (let b = 0; b < 7; b++) {
      const bit = i * 7 + b;
      v = (v << 1) | ((k7[bit >> 3] >> (7 - (bit & 7))) & 1);
    }
    let ones = 0;
    for (let t = v; t; t >>= 1) ones += t & 1;
    out[i] = (v << 1) | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}

function run(type: 'encrypt' | 'decrypt', key: Uint8Array, block: Uint8Array): Uint8Array {
  const k8: Uint8Array = key.length === 7 ? expandDesKey(key) : key;
  if (k8.length !== 8) throw new Error(`DES key must be 7 or 8 bytes, got ${key.length}`);
  if (block.length !== 8) throw new Error(`DES works on 8-byte blocks, got ${block.length}`);
  const c = desjs.DES.create({ type, key: Array.from(k8), padding: false });
  const out = c.update(Array.from(block));
  return new Uint8Array(out.concat(c.final()));
}

/** DES-ECB encryption of one 8-byte block with a 7- or 8-byte key. */
export const desEncrypt = (key: Uint8Array, block: Uint8Array): Uint8Array => run('encrypt', key, block);
/** DES-ECB decryption of one 8-byte block with a 7- or 8-byte key. */
export const desDecrypt = (key: Uint8Array, block: Uint8Array): Uint8Array => run('decrypt', key, block);
