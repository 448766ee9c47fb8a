// Byte helpers shared by every encoder and decoder. Little-endian readers for the binary
// protocols (NTLMSSP, NEGOEX, SMB2), big-endian for the network framing.

export type Bytes = Uint8Array;

// Lower-case hex. Short inputs (keys, nonces, memo keys: most calls) by joining table strings; longer ones
// through one ASCII buffer and one decode, several times faster on the larger messages (hex is among a run's
// hottest functions). The digits are ASCII, which every single-byte decoding reads alike.
const HEX_PAIRS: string[] = [];
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  const h = i.toString(16).padStart(2, '0');
  HEX_PAIRS.push(h);
  HEX_CODES[2 * i] = h.charCodeAt(0);
  HEX_CODES[2 * i + 1] = h.charCodeAt(1);
}
const ASCII = new TextDecoder('latin1');

export function hex(b: Uint8Array): string {
  if (b.length <= 48) {
    let s = '';
    for (let i = 0; i < b.length; i++) s += HEX_PAIRS[b[i]];
    return s;
  }
  const out = new Uint8Array(b.length * 2);
  for (let i = 0; i < b.length; i++) {
    const v = b[i] * 2;
    out[2 * i] = HEX_CODES[v];
    out[2 * i + 1] = HEX_CODES[v + 1];
  }
  return ASCII.decode(out);
}

export function fromHex(h: string): Uint8Array {
  const clean = h.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`not a hex string: ${h.slice(0, 40)}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const fromUtf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[i * 2] = c & 0xff; out[i * 2 + 1] = c >> 8; }
  return out;
}
export function fromUtf16le(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i] | (b[i + 1] << 8));
  return s;
}

export function u16le(n: number): Uint8Array { return new Uint8Array([n & 0xff, (n >>> 8) & 0xff]); }
export function u32le(n: number): Uint8Array { return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]); }
export function u64le(n: bigint): Uint8Array { const o = new Uint8Array(8); for (let i = 0; i < 8; i++) o[i] = Number((n >> BigInt(8 * i)) & 0xffn); return o; }
export function u16be(n: number): Uint8Array { return new Uint8Array([(n >>> 8) & 0xff, n & 0xff]); }
export function u32be(n: number): Uint8Array { return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]); }

export function readU16le(b: Uint8Array, o: number): number { need(b, o, 2); return b[o] | (b[o + 1] << 8); }
export function readU32le(b: Uint8Array, o: number): number { need(b, o, 4); return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }
export function readU64le(b: Uint8Array, o: number): bigint { need(b, o, 8); let v = 0n; for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]); return v; }
export function readU16be(b: Uint8Array, o: number): number { need(b, o, 2); return (b[o] << 8) | b[o + 1]; }
export function readU32be(b: Uint8Array, o: number): number { need(b, o, 4); return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0; }

/** Thrown by decoders when the bytes are too short or malformed; carries the offset. */
export class DecodeError extends Error {
  constructor(message: string, public readonly offset: number) { super(`${message} (at byte ${offset})`); this.name = 'DecodeError'; }
}
function need(b: Uint8Array, o: number, n: number): void {
  if (o < 0 || o + n > b.length) throw new DecodeError(`need ${n} bytes but the message has ${Math.max(0, b.length - o)} left`, o);
}

export const base64 = {
  encode(b: Uint8Array): string {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let s = '';
    for (let i = 0; i < b.length; i += 3) {
      const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
      s += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < b.length ? A[(n >> 6) & 63] : '=') + (i + 2 < b.length ? A[n & 63] : '=');
    }
    return s;
  },
  decode(s: string): Uint8Array {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const clean = s.replace(/\s/g, '');
    if (clean.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(clean)) throw new DecodeError('not valid base64', 0);
    const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
    const out = new Uint8Array((clean.length / 4) * 3 - pad);
    let o = 0;
    for (let i = 0; i < clean.length; i += 4) {
      const n = (A.indexOf(clean[i]) << 18) | (A.indexOf(clean[i + 1]) << 12) | ((A.indexOf(clean[i + 2]) & 63) << 6) | (A.indexOf(clean[i + 3]) & 63);
      if (o < out.length) out[o++] = (n >> 16) & 0xff;
      if (o < out.length) out[o++] = (n >> 8) & 0xff;
      if (o < out.length) out[o++] = n & 0xff;
    }
    return out;
  },
};
