// AES in CBC mode with ciphertext stealing, the Kerberos variant (RFC 3962 §5, "CBC-CS3"):
// the last two ciphertext blocks are always swapped and the final one is cut to the length of the
// last plaintext block. Built on AES-CBC without padding (aesModes: noble's AES block function, each key's schedule kept for the run).
import { cbcDecrypt, cbcEncrypt } from '../aesModes.ts';

const BLOCK = 16;
const ZERO_IV = new Uint8Array(BLOCK);

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** One raw AES block encryption (the basic cipher E of RFC 3961's DR). */
export function aesBlockEncrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
  return cbcEncrypt(key, ZERO_IV, block);
}

function aesBlockDecrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
  return cbcDecrypt(key, ZERO_IV, block);
}

/** AES-CBC-CTS encryption. `plaintext` must be at least one block (Kerberos always prepends a 16-byte confounder). */
export function aesCtsEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const n = plaintext.length;
  if (n < BLOCK) throw new Error(`AES-CTS needs at least ${BLOCK} bytes of input, got ${n}`);
  if (n === BLOCK) return cbcEncrypt(key, iv, plaintext);
  const padded = new Uint8Array(Math.ceil(n / BLOCK) * BLOCK);
  padded.set(plaintext);
  const c: Uint8Array = cbcEncrypt(key, iv, padded);
  const blocks = padded.length / BLOCK;
  const lastLen = n - (blocks - 1) * BLOCK; // 1..16
  const out = new Uint8Array(n);
  out.set(c.subarray(0, (blocks - 2) * BLOCK));
  // swap: the last full ciphertext block goes first, the penultimate one is truncated and goes last
  out.set(c.subarray((blocks - 1) * BLOCK, blocks * BLOCK), (blocks - 2) * BLOCK);
  out.set(c.subarray((blocks - 2) * BLOCK, (blocks - 2) * BLOCK + lastLen), (blocks - 1) * BLOCK);
  return out;
}

/** AES-CBC-CTS decryption (inverse of aesCtsEncrypt). */
export function aesCtsDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const n = ciphertext.length;
  if (n < BLOCK) throw new Error(`AES-CTS ciphertext must be at least ${BLOCK} bytes, got ${n}`);
  if (n === BLOCK) return cbcDecrypt(key, iv, ciphertext);
  const blocks = Math.ceil(n / BLOCK);
  const lastLen = n - (blocks - 1) * BLOCK;
  const headLen = (blocks - 2) * BLOCK;
  const out = new Uint8Array(n);
  let prev: Uint8Array = iv;
  if (headLen > 0) {
    const head = ciphertext.subarray(0, headLen);
    out.set(cbcDecrypt(key, iv, head));
    prev = ciphertext.subarray(headLen - BLOCK, headLen);
  }
  const cn = ciphertext.subarray(headLen, headLen + BLOCK); // encryption of the (padded) last block
  const tail = ciphertext.subarray(headLen + BLOCK); // first lastLen bytes of the penultimate block's ciphertext
  const d = aesBlockDecrypt(key, cn);
  const cPenult = new Uint8Array(BLOCK);
  cPenult.set(tail);
  cPenult.set(d.subarray(lastLen), lastLen);
  out.set(xor(d.subarray(0, lastLen), tail), headLen + BLOCK);
  out.set(xor(aesBlockDecrypt(key, cPenult), prev), headLen);
  return out;
}

/** The cipher state after an encryption (RFC 3962 §5): the second-to-last ciphertext block as it appears in the output. */
export function aesCtsNextIv(ciphertext: Uint8Array): Uint8Array {
  const blocks = Math.ceil(ciphertext.length / BLOCK);
  const start = blocks === 1 ? 0 : (blocks - 2) * BLOCK;
  return ciphertext.slice(start, start + BLOCK);
}
