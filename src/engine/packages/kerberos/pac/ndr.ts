// A little NDR (MS-RPCE 2.2.5 / C706 ch. 14) for the PAC: little-endian, 4-byte alignment of
// 32-bit values, 8-byte alignment of 64-bit values, referent IDs for embedded pointers, and a
// reader that records a field for every byte it consumes (padding included).
import { DecodeError, hex } from '../../../bytes';
import { utcText } from '../../../encoding/der/fields';
import type { Field } from '../../../encoding/fields';

export class NdrWriter {
  private buf = new Uint8Array(512);
  length = 0;
  private nextReferent = 0x00020000;
  constructor(private readonly base = 0) {}

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const nb = new Uint8Array(size);
    nb.set(this.buf.subarray(0, this.length));
    this.buf = nb;
  }
  align(n: number): void {
    const pad = (n - ((this.length - this.base) % n)) % n;
    this.ensure(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }
  u8(v: number): void { this.ensure(1); this.buf[this.length++] = v & 0xff; }
  u16(v: number): void { this.align(2); this.ensure(2); this.buf[this.length++] = v & 0xff; this.buf[this.length++] = (v >>> 8) & 0xff; }
  u32(v: number): void {
    this.align(4);
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.length++] = (v >>> (8 * i)) & 0xff;
  }
  /** Two 32-bit halves (FILETIME is two DWORDs: 4-byte alignment). */
  filetime(v: bigint): void { this.u32(Number(v & 0xffffffffn)); this.u32(Number((v >> 32n) & 0xffffffffn)); }
  raw(b: Uint8Array): void { this.ensure(b.length); this.buf.set(b, this.length); this.length += b.length; }
  /** A non-null pointer: writes the next referent ID. */
  pointer(present: boolean): void { if (present) { this.u32(this.nextReferent); this.nextReferent += 4; } else this.u32(0); }
  bytes(): Uint8Array { return this.buf.slice(0, this.length); }
}

/** Reads NDR and records fields with absolute offsets (`o` is an index into `b`). */
export class NdrReader {
  o: number;
  private stack: Field[][] = [[]];
  constructor(readonly b: Uint8Array, start: number, readonly end: number, private readonly alignBase = start) { this.o = start; }

  private need(n: number): void {
    if (this.o + n > this.end) throw new DecodeError(`NDR data cut short (need ${n} bytes)`, this.o);
  }
  private peek32(o: number): number { const b = this.b; return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }
  push(f: Field): void { this.stack[this.stack.length - 1].push(f); }
  leaf(name: string, len: number, explain: string, value?: string, ref?: string): Field {
    this.need(len);
    const f: Field = { name, start: this.o, end: this.o + len, explain };
    if (value !== undefined) f.value = value;
    if (ref) f.ref = ref;
    this.push(f);
    this.o += len;
    return f;
  }
  align(n: number): void {
    const pad = (n - ((this.o - this.alignBase) % n)) % n;
    if (pad && this.o + pad <= this.end) this.leaf('padding', pad, `zero bytes that align the next value to ${n} bytes (NDR rule)`, hex(this.b.subarray(this.o, this.o + pad)), 'MS-RPCE 2.2.5');
    else if (pad) throw new DecodeError('NDR alignment runs past the end', this.o);
  }
  u8(name: string, explain: string, fmt?: (v: number) => string, ref?: string): number {
    this.need(1);
    const v = this.b[this.o];
    this.leaf(name, 1, explain, fmt ? fmt(v) : String(v), ref);
    return v;
  }
  u16(name: string, explain: string, fmt?: (v: number) => string, ref?: string): number {
    this.align(2);
    this.need(2);
    const v = this.b[this.o] | (this.b[this.o + 1] << 8);
    this.leaf(name, 2, explain, fmt ? fmt(v) : String(v), ref);
    return v;
  }
  u32(name: string, explain: string, fmt?: (v: number) => string, ref?: string): number {
    this.align(4);
    this.need(4);
    const v = this.peek32(this.o);
    this.leaf(name, 4, explain, fmt ? fmt(v) : String(v), ref);
    return v;
  }
  filetime(name: string, explain: string, ref?: string): bigint {
    this.align(4);
    this.need(8);
    const lo = this.peek32(this.o);
    const hi = this.peek32(this.o + 4);
    const v = (BigInt(hi) << 32n) | BigInt(lo);
    this.leaf(name, 8, explain, filetimeTextParts(hi, lo), ref);
    return v;
  }
  raw(name: string, len: number, explain: string, value?: string, ref?: string): Uint8Array {
    this.need(len);
    const v = this.b.slice(this.o, this.o + len);
    this.leaf(name, len, explain, value ?? hex(v), ref);
    return v;
  }
  open(): void { this.stack.push([]); }
  close(name: string, explain: string, value?: string, ref?: string): Field | undefined {
    const kids = this.stack.pop()!;
    if (kids.length === 0) return undefined;
    const f: Field = { name, start: kids[0].start, end: kids[kids.length - 1].end, explain, children: kids };
    if (value !== undefined) f.value = value;
    if (ref) f.ref = ref;
    this.push(f);
    return f;
  }
  fields(): Field[] { return this.stack[0]; }
}

export const FILETIME_NEVER = 0x7fffffffffffffffn;
const EPOCH_DIFF = 116444736000000000n; // 100 ns ticks from 1601-01-01 to 1970-01-01

export function filetimeFromDate(d: Date): bigint { return BigInt(Math.round(d.getTime())) * 10000n + EPOCH_DIFF; }
export function filetimeToDate(v: bigint): Date | null {
  if (v === 0n || v >= FILETIME_NEVER) return null;
  return new Date(Number((v - EPOCH_DIFF) / 10000n));
}
export function filetimeText(v: bigint): string {
  if (v === FILETIME_NEVER) return 'never (0x7fffffffffffffff)';
  if (v === 0n) return 'not set (0)';
  if (v === 0xffffffffffffffffn) return 'never (-1)';
  if (v > FILETIME_NEVER) return `0x${v.toString(16)}`;
  return utcText(Number((v - EPOCH_DIFF) / 10000n));
}

/** filetimeText from the two 32-bit halves, without BigInt arithmetic (display precision: 1 ms). */
export function filetimeTextParts(hi: number, lo: number): string {
  if (hi === 0 && lo === 0) return 'not set (0)';
  if (hi >= 0x7fffffff) return hi === 0x7fffffff && lo === 0xffffffff ? 'never (0x7fffffffffffffff)' : hi === 0xffffffff && lo === 0xffffffff ? 'never (-1)' : `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
  return utcText(Math.floor((hi * 4294967296 + lo) / 10000) - 11644473600000);
}
