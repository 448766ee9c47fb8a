// RFC 3961 §5.1 n-fold: stretch or shrink a constant to the cipher's block size. The input is
// repeated, each copy rotated right by 13 bits more than the last, until the copies fill
// lcm(n, len) bytes; the n-byte chunks of that are added with end-around carry (ones' complement).

function gcd(a: number, b: number): number { while (b) { const t = a % b; a = b; b = t; } return a; }

/** n-fold `input` to `nBytes` bytes (RFC 3961 §5.1). */
export function nfold(input: Uint8Array, nBytes: number): Uint8Array {
  const k = input.length;
  if (k === 0 || nBytes <= 0) throw new Error('n-fold needs a non-empty input and a positive output size');
  const lcm = (k * nBytes) / gcd(k, nBytes);
  const inBits = k * 8;
  // The lcm-byte string of copies: byte i of copy c is the input rotated right by 13*c bits.
  const big = new Uint8Array(lcm);
  for (let c = 0; c < lcm / k; c++) {
    const rot = (13 * c) % inBits;
    for (let i = 0; i < k; i++) {
      // byte i of the rotated copy holds the input bits starting at (i*8 - rot) mod inBits
      const startBit = (((i * 8 - rot) % inBits) + inBits) % inBits;
      const b0 = startBit >> 3;
      const sh = startBit & 7;
      const hi = input[b0];
      const lo = input[(b0 + 1) % k];
      big[c * k + i] = sh === 0 ? hi : ((hi << sh) | (lo >> (8 - sh))) & 0xff;
    }
  }
  // Ones' complement addition of the nBytes-sized chunks.
  const sum = new Array<number>(nBytes).fill(0);
  for (let off = 0; off < lcm; off += nBytes) {
    for (let i = 0; i < nBytes; i++) sum[i] += big[off + i];
  }
  // propagate carries (big-endian), with end-around carry until stable
  for (;;) {
    let carry = 0;
    for (let i = nBytes - 1; i >= 0; i--) {
      const v = sum[i] + carry;
      sum[i] = v & 0xff;
      carry = v >>> 8;
    }
    if (carry === 0) break;
    sum[nBytes - 1] += carry;
  }
  return Uint8Array.from(sum);
}
