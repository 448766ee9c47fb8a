// A field-recording cursor over TLS's big-endian vectors (RFC 8446 §3, RFC 5246 §4): every read
// becomes a leaf with its byte range, groups wrap what they read, so a message's leaves cover all
// of its bytes. Throws DecodeError on short or malformed input.
import { DecodeError, hex } from '../../../bytes';
import type { Field } from '../../../encoding/fields';

export class Cursor {
  fields: Field[] = [];
  constructor(readonly b: Uint8Array, public pos = 0, public end = b.length, readonly base = 0) {}

  get left(): number { return this.end - this.pos; }
  need(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new DecodeError(`need ${n} bytes but ${Math.max(0, this.end - this.pos)} are left`, this.pos + this.base);
  }
  private leaf(name: string, start: number, end: number, explain: string, value?: string, ref?: string): void {
    const f: Field = { name, start: start + this.base, end: end + this.base, explain };
    if (value !== undefined) f.value = value;
    if (ref) f.ref = ref;
    this.fields.push(f);
  }
  uint(size: number, name: string, explain: string, show?: (v: number) => string, ref?: string): number {
    this.need(size);
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + this.b[this.pos + i];
    this.leaf(name, this.pos, this.pos + size, explain, show ? show(v) : String(v), ref);
    this.pos += size;
    return v;
  }
  u8(name: string, explain: string, show?: (v: number) => string, ref?: string): number { return this.uint(1, name, explain, show, ref); }
  u16(name: string, explain: string, show?: (v: number) => string, ref?: string): number { return this.uint(2, name, explain, show, ref); }
  u24(name: string, explain: string, show?: (v: number) => string, ref?: string): number { return this.uint(3, name, explain, show, ref); }
  raw(name: string, n: number, explain: string, show?: (v: Uint8Array) => string, ref?: string): Uint8Array {
    this.need(n);
    const v = this.b.slice(this.pos, this.pos + n);
    if (n > 0) this.leaf(name, this.pos, this.pos + n, explain, show ? show(v) : shortHex(v), ref);
    this.pos += n;
    return v;
  }
  /** Collect what `fn` reads under one parent field. */
  group<T>(name: string, explain: string, fn: () => T, value?: (v: T) => string | undefined, extra: Partial<Field> = {}): T {
    const outer = this.fields;
    const start = this.pos;
    this.fields = [];
    let v: T;
    let read = false;
    try { v = fn(); read = true; } finally {
      const children = this.fields;
      this.fields = outer;
      if (this.pos > start) {
        const f: Field = { name, start: start + this.base, end: this.pos + this.base, explain, children, ...extra };
        // When fn threw (a DecodeError on the way out), there is no value to show: keep the error, not a TypeError.
        const shown = value && read ? value(v!) : undefined;
        if (shown !== undefined) f.value = shown;
        outer.push(f);
      }
    }
    return v;
  }
  /** A vector: `lenSize` bytes of length, then a body read by `fn` that must end exactly at the length. */
  vector<T>(lenSize: number, name: string, explain: string, fn: (end: number) => T, value?: (v: T) => string | undefined): T {
    return this.group(name, explain, () => {
      const len = this.uint(lenSize, 'length', `Length of ${name} in bytes`, (n) => `${n}`);
      this.need(len);
      const end = this.pos + len;
      const saved = this.end;
      this.end = end;
      let v: T;
      try { v = fn(end); } finally { this.end = saved; }
      if (this.pos !== end) throw new DecodeError(`${name}: ${end - this.pos} bytes left inside the vector`, this.pos + this.base);
      return v;
    }, value);
  }
  /** Opaque vector read as one leaf after its length. */
  opaque(lenSize: number, name: string, explain: string, show?: (v: Uint8Array) => string): Uint8Array {
    return this.vector(lenSize, name, explain, (end) => this.raw('value', end - this.pos, explain, show), (v) => show ? show(v) : `${v.length} bytes`);
  }
  done(what: string): void {
    if (this.pos !== this.end) throw new DecodeError(`${what}: ${this.end - this.pos} unexpected trailing bytes`, this.pos + this.base);
  }
}

export function shortHex(b: Uint8Array, max = 32): string {
  return b.length <= max ? hex(b) : `${hex(b.subarray(0, max))}… (${b.length} bytes)`;
}

/** Big-endian writer helpers for TLS vectors. */
export function be(n: number, size: number): Uint8Array {
  const o = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) { o[i] = n % 256; n = Math.floor(n / 256); }
  return o;
}
export function vec(lenSize: number, ...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(lenSize + n);
  out.set(be(n, lenSize), 0);
  let o = lenSize;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
