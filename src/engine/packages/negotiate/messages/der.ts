// A small, strict DER reader/writer for SPNEGO with exact byte offsets (X.690).
//
// SPNEGO tokens are DER: every element is tag, length, value. The reader keeps the offset of each
// part so the field tree can explain the tag byte, the length bytes and the value separately.
// Strict on purpose: single-byte tags only (SPNEGO needs no others), definite minimal lengths, no
// trailing bytes; so whatever parses also rebuilds to the same bytes.
import { DecodeError } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { field } from '../../../encoding/fields';

/** One DER element located in a buffer: [start, valueStart) is tag+length, [valueStart, end) the value. */
export interface Tlv {
  tag: number;
  start: number;
  valueStart: number;
  end: number;
}

export const valueLength = (t: Tlv): number => t.end - t.valueStart;

/** Read the element starting at `offset`; it must end at or before `limit`. */
export function readTlv(b: Uint8Array, offset: number, limit: number = b.length): Tlv {
  if (offset >= limit) throw new DecodeError('expected a DER element but the data ended', offset);
  const tag = b[offset];
  if ((tag & 0x1f) === 0x1f) throw new DecodeError(`multi-byte tag 0x${tag.toString(16)} is not used by SPNEGO`, offset);
  if (offset + 1 >= limit) throw new DecodeError('DER element has a tag but no length', offset + 1);
  const first = b[offset + 1];
  let len: number;
  let valueStart: number;
  if (first < 0x80) {
    len = first;
    valueStart = offset + 2;
  } else {
    const n = first & 0x7f;
    if (n === 0) throw new DecodeError('indefinite length (0x80) is not allowed in DER', offset + 1);
    if (n > 4) throw new DecodeError(`length uses ${n} bytes, more than this decoder accepts`, offset + 1);
    if (offset + 2 + n > limit) throw new DecodeError('length bytes run past the end of the data', offset + 2);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[offset + 2 + i];
    if (b[offset + 2] === 0 || len < 0x80) throw new DecodeError('length is not in its shortest form (not DER)', offset + 1);
    valueStart = offset + 2 + n;
  }
  const end = valueStart + len;
  if (end > limit) throw new DecodeError(`element says ${len} bytes follow but only ${Math.max(0, limit - valueStart)} are there`, offset + 1);
  return { tag, start: offset, valueStart, end };
}

/** Read exactly one element filling [offset, limit). */
export function readOnly(b: Uint8Array, offset: number, limit: number = b.length): Tlv {
  const t = readTlv(b, offset, limit);
  if (t.end !== limit) throw new DecodeError(`${limit - t.end} unexpected byte(s) after the element`, t.end);
  return t;
}

/** The elements inside a constructed element's value, in order. */
export function readChildren(b: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new DecodeError(`tag 0x${parent.tag.toString(16)} is primitive, expected a constructed element`, parent.start);
  const out: Tlv[] = [];
  let o = parent.valueStart;
  while (o < parent.end) { const t = readTlv(b, o, parent.end); out.push(t); o = t.end; }
  return out;
}

export function expectTag(t: Tlv, tag: number, what: string): void {
  if (t.tag !== tag) throw new DecodeError(`${what}: expected tag 0x${tag.toString(16).padStart(2, '0')} (${tagName(tag)}), found 0x${t.tag.toString(16).padStart(2, '0')}`, t.start);
}

/** The element's value bytes (a view, not a copy). */
export const valueOf = (b: Uint8Array, t: Tlv): Uint8Array => b.subarray(t.valueStart, t.end);

// ---------- writing ----------

export function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

/** One DER element: tag, minimal length, then the parts concatenated. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const len = encodeLength(n);
  const out = new Uint8Array(1 + len.length + n);
  out[0] = tag;
  out.set(len, 1);
  let o = 1 + len.length;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

// ---------- explaining ----------

const UNIVERSAL: Record<number, string> = {
  1: 'BOOLEAN', 2: 'INTEGER', 3: 'BIT STRING', 4: 'OCTET STRING', 5: 'NULL', 6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED', 16: 'SEQUENCE', 17: 'SET', 27: 'GeneralString',
};

/** "SEQUENCE", "[APPLICATION 0]", "[2]"... */
export function tagName(tag: number): string {
  const num = tag & 0x1f;
  switch (tag >> 6) {
    case 0: return UNIVERSAL[num] ?? `UNIVERSAL ${num}`;
    case 1: return `[APPLICATION ${num}]`;
    case 2: return `[${num}]`;
    default: return `[PRIVATE ${num}]`;
  }
}

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** The tag byte and the length bytes of an element, as two leaves. */
export function headerFields(b: Uint8Array, t: Tlv, what: string): Field[] {
  const cls = ['universal', 'application', 'context-specific', 'private'][t.tag >> 6];
  const form = t.tag & 0x20 ? 'constructed (holds other elements)' : 'primitive (holds raw bytes)';
  const len = valueLength(t);
  const long = t.valueStart - t.start - 2;
  const lengthExplain = long === 0
    ? `Length (short form, one byte): the ${what} value is the next ${len} byte${len === 1 ? '' : 's'}`
    : `Length (long form): ${hex2(b[t.start + 1])} says ${long} length byte${long === 1 ? '' : 's'} follow; the ${what} value is ${len} bytes`;
  return [
    field('tag', t.start, t.start + 1, `Tag: ${tagName(t.tag)}, ${cls} class, ${form}, starts the ${what}`, `${hex2(t.tag)} ${tagName(t.tag)}`, 'X.690 §8.1.2'),
    field('length', t.start + 1, t.valueStart, lengthExplain, len, 'X.690 §8.1.3'),
  ];
}

/** A field for a whole element: its tag and length leaves followed by `content` (fields inside the value). */
export function element(b: Uint8Array, name: string, t: Tlv, explain: string, content: Field[], extra: Partial<Field> = {}): Field {
  return { name, start: t.start, end: t.end, explain, ...extra, children: [...headerFields(b, t, name), ...content] };
}

/** A primitive element whose value is one leaf (omitted when the value is empty). */
export function primitive(b: Uint8Array, name: string, t: Tlv, explain: string, value: string, valueExplain: string, ref?: string, leafExtra: Partial<Field> = {}): Field {
  const content: Field[] = [];
  if (t.end > t.valueStart) content.push({ ...field('value', t.valueStart, t.end, valueExplain, value, ref), ...leafExtra });
  return element(b, name, t, explain, content, { value, ...(ref ? { ref } : {}) });
}
