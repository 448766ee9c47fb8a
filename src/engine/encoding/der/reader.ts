// A DER reader that keeps exact byte offsets: every element becomes a node with the range of its
// identifier+length header and of its content, so decoders can explain every byte.
import { perRun } from '../../runScope';
import { BytesMemo } from '../../crypto/bytesMemo';
import { DecodeError } from '../../bytes';

export interface DerNode {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  tagClass: number;
  tagNumber: number;
  constructed: boolean;
  /** Offset of the first identifier byte. */
  start: number;
  /** Offset of the first content byte (= end of the tag and length bytes). */
  headerEnd: number;
  /** Offset just past the content. */
  end: number;
  /** Parsed elements of a constructed node's content (undefined for primitives). */
  children?: DerNode[];
}

const MAX_DEPTH = 48;

/** Parse the one element that starts at `start` and must end at or before `limit`. */
export function readNode(b: Uint8Array, start: number, limit: number = b.length, depth = 0): DerNode {
  if (depth > MAX_DEPTH) throw new DecodeError('DER nesting too deep', start);
  let o = start;
  if (o >= limit) throw new DecodeError('expected a DER element but the data ended', o);
  const id = b[o++];
  const tagClass = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tagNumber = id & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let n = 0;
    for (;;) {
      if (o >= limit) throw new DecodeError('DER tag number runs past the end', o);
      const c = b[o++];
      tagNumber = tagNumber * 128 + (c & 0x7f);
      if (++n > 4) throw new DecodeError('DER tag number too large', start);
      if ((c & 0x80) === 0) break;
    }
  }
  if (o >= limit) throw new DecodeError('DER length missing', o);
  const l0 = b[o++];
  let len: number;
  if (l0 < 0x80) len = l0;
  else if (l0 === 0x80) throw new DecodeError('indefinite length is not allowed in DER', o - 1);
  else {
    const n = l0 & 0x7f;
    if (n > 4) throw new DecodeError(`DER length of ${n} bytes is too large`, o - 1);
    if (o + n > limit) throw new DecodeError('DER length runs past the end', o);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[o++];
  }
  const headerEnd = o;
  const end = headerEnd + len;
  if (end > limit) throw new DecodeError(`DER element claims ${len} bytes but only ${limit - headerEnd} remain`, start);
  const node: DerNode = { tagClass, tagNumber, constructed, start, headerEnd, end };
  if (constructed) node.children = readNodes(b, headerEnd, end, depth + 1);
  return node;
}

/** Parse consecutive elements filling [start, end) exactly. */
export function readNodes(b: Uint8Array, start: number, end: number, depth = 0): DerNode[] {
  const out: DerNode[] = [];
  let o = start;
  while (o < end) {
    const n = readNode(b, o, end, depth);
    out.push(n);
    o = n.end;
  }
  return out;
}

/** This run's parsed trees: a token or ticket is read by its receiver, the inspector and the layers around it,
 * and a tree is never changed once read. Keyed by the bytes and where they start in their buffer. */
const trees = perRun(new BytesMemo<DerNode>(512));

/** Parse one element that covers all of `b` (trailing bytes are an error). */
export function readDer(b: Uint8Array, start = 0, end = b.length): DerNode {
  const n = trees.get(String(start), [b.subarray(start, end)], () => readNode(b, start, end));
  if (n.end !== end) throw new DecodeError(`${end - n.end} unexpected bytes after the DER element`, n.end);
  return n;
}

// ---------- checks ----------

const CLASS = ['universal', 'application', 'context', 'private'];
const UNIVERSAL_NAMES: Record<number, string> = {
  1: 'BOOLEAN', 2: 'INTEGER', 3: 'BIT STRING', 4: 'OCTET STRING', 5: 'NULL', 6: 'OBJECT IDENTIFIER', 10: 'ENUMERATED',
  12: 'UTF8String', 16: 'SEQUENCE', 17: 'SET', 19: 'PrintableString', 22: 'IA5String', 23: 'UTCTime', 24: 'GeneralizedTime',
  26: 'VisibleString', 27: 'GeneralString', 30: 'BMPString',
};

/** "SEQUENCE", "[3]", "[APPLICATION 14]", "[PRIVATE 2]". */
export function tagName(n: { tagClass: number; tagNumber: number }): string {
  if (n.tagClass === 0) return UNIVERSAL_NAMES[n.tagNumber] ?? `UNIVERSAL ${n.tagNumber}`;
  if (n.tagClass === 2) return `[${n.tagNumber}]`;
  return `[${CLASS[n.tagClass].toUpperCase()} ${n.tagNumber}]`;
}

export function is(n: DerNode, tagClass: number, tagNumber: number): boolean {
  return n.tagClass === tagClass && n.tagNumber === tagNumber;
}

export function expectTag(n: DerNode, tagClass: number, tagNumber: number, what: string, constructed?: boolean): DerNode {
  if (n.tagClass !== tagClass || n.tagNumber !== tagNumber) {
    throw new DecodeError(`${what}: expected ${tagName({ tagClass, tagNumber })} but found ${tagName(n)}`, n.start);
  }
  if (constructed !== undefined && n.constructed !== constructed) {
    throw new DecodeError(`${what}: ${tagName(n)} must be ${constructed ? 'constructed' : 'primitive'}`, n.start);
  }
  return n;
}

export const expectSequence = (n: DerNode, what: string): DerNode => expectTag(n, 0, 16, what, true);

/** The single element inside an explicit tag. */
export function inner(n: DerNode, what: string): DerNode {
  if (!n.constructed || !n.children || n.children.length !== 1) {
    throw new DecodeError(`${what}: explicit tag ${tagName(n)} must hold exactly one element`, n.start);
  }
  return n.children[0];
}

// ---------- primitive values ----------

function primitive(n: DerNode, tagNumber: number, what: string): void {
  expectTag(n, 0, tagNumber, what, false);
}

export function readInteger(b: Uint8Array, n: DerNode, what = 'INTEGER'): number {
  primitive(n, 2, what);
  const len = n.end - n.headerEnd;
  if (len === 0) throw new DecodeError(`${what}: empty INTEGER`, n.start);
  if (len > 6) {
    const v = readBigInteger(b, n, what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new DecodeError(`${what}: INTEGER too large`, n.start);
    return Number(v);
  }
  let v = b[n.headerEnd] & 0x80 ? -1 : 0;
  for (let i = n.headerEnd; i < n.end; i++) v = v * 256 + b[i];
  // a negative number built with * 256 from -1 works: (-1*256 + 0xff) = -1 ...
  return v;
}

export function readBigInteger(b: Uint8Array, n: DerNode, what = 'INTEGER'): bigint {
  if (n.end === n.headerEnd) throw new DecodeError(`${what}: empty INTEGER`, n.start);
  let v = b[n.headerEnd] & 0x80 ? -1n : 0n;
  for (let i = n.headerEnd; i < n.end; i++) v = (v << 8n) | BigInt(b[i]);
  return v;
}

export function readBoolean(b: Uint8Array, n: DerNode, what = 'BOOLEAN'): boolean {
  primitive(n, 1, what);
  if (n.end - n.headerEnd !== 1) throw new DecodeError(`${what}: BOOLEAN must be one byte`, n.start);
  return b[n.headerEnd] !== 0;
}

export function readOctets(b: Uint8Array, n: DerNode, what = 'OCTET STRING'): Uint8Array {
  primitive(n, 4, what);
  return b.subarray(n.headerEnd, n.end);
}

/** KerberosString / Realm (GeneralString), also accepting the other character string types. */
export function readString(b: Uint8Array, n: DerNode, what = 'string'): string {
  if (n.tagClass !== 0 || n.constructed || ![27, 22, 12, 19, 26].includes(n.tagNumber)) {
    throw new DecodeError(`${what}: expected GeneralString but found ${tagName(n)}`, n.start);
  }
  const bytes = b.subarray(n.headerEnd, n.end);
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) { ascii = false; break; }
  if (ascii) { let s = ''; for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]); return s; }
  return new TextDecoder().decode(bytes);
}

/** KerberosTime: GeneralizedTime "YYYYMMDDHHMMSSZ" (fractions tolerated and dropped). */
export function readTime(b: Uint8Array, n: DerNode, what = 'KerberosTime'): Date {
  primitive(n, 24, what);
  let s = '';
  for (let i = n.headerEnd; i < n.end; i++) s += String.fromCharCode(b[i]);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(s);
  if (!m) throw new DecodeError(`${what}: not a KerberosTime: ${JSON.stringify(s.slice(0, 20))}`, n.start);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  if (m[1] < '0100') d.setUTCFullYear(+m[1]);
  return d;
}

export interface BitStringValue { unused: number; bytes: Uint8Array }
export function readBitString(b: Uint8Array, n: DerNode, what = 'BIT STRING'): BitStringValue {
  primitive(n, 3, what);
  if (n.end === n.headerEnd) throw new DecodeError(`${what}: empty BIT STRING`, n.start);
  const unused = b[n.headerEnd];
  if (unused > 7) throw new DecodeError(`${what}: ${unused} unused bits`, n.headerEnd);
  return { unused, bytes: b.subarray(n.headerEnd + 1, n.end) };
}

/** KerberosFlags as a 32-bit number, bit 0 = 0x80000000 (longer strings keep their first 32 bits). */
export function readFlags32(b: Uint8Array, n: DerNode, what = 'KerberosFlags'): number {
  const { bytes } = readBitString(b, n, what);
  let v = 0;
  for (let i = 0; i < 4; i++) v = v * 256 + (i < bytes.length ? bytes[i] : 0);
  return v >>> 0;
}

export function readOid(b: Uint8Array, n: DerNode, what = 'OBJECT IDENTIFIER'): string {
  primitive(n, 6, what);
  return oidFromContent(b.subarray(n.headerEnd, n.end), n.start);
}

// An OID's text from its content octets, remembered by those octets (a pure decoding, not cryptography): a run
// reads the same few dozen OIDs hundreds of times, each arc through BigInt.
const OID_TEXTS = new Map<string, string>();
export function oidFromContent(c: Uint8Array, at = 0): string {
  if (c.length === 0) throw new DecodeError('empty OBJECT IDENTIFIER', at);
  let key = '';
  for (let i = 0; i < c.length; i++) key += String.fromCharCode(c[i]);
  const known = OID_TEXTS.get(key);
  if (known !== undefined) return known;
  const text = oidText(c, at);
  if (OID_TEXTS.size < 4096) OID_TEXTS.set(key, text);
  return text;
}
function oidText(c: Uint8Array, at: number): string {
  const arcs: bigint[] = [];
  let v = 0n;
  let inArc = false;
  for (let i = 0; i < c.length; i++) {
    v = (v << 7n) | BigInt(c[i] & 0x7f);
    inArc = (c[i] & 0x80) !== 0;
    if (!inArc) { arcs.push(v); v = 0n; }
  }
  if (inArc) throw new DecodeError('OBJECT IDENTIFIER ends inside an arc', at);
  const first = arcs[0];
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].map(String).join('.');
}
