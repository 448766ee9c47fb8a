// A small DER writer (ITU-T X.690 distinguished encoding rules) for the Kerberos, GSS-API and
// SPNEGO encoders. Every function returns the complete TLV bytes of one element, so encoders compose
// by nesting calls; already-encoded elements (a ticket inside an AP-REQ) are embedded as they are.
//
// Why not asn1js for the writing: asn1js's RawData does not embed inside a constructed element, so
// every nested ticket/authenticator would have to be re-parsed; and Kerberos needs only a handful of
// primitives. The tests check this writer against asn1js (random values) and MIT's reference encodings.
import { concat } from '../../bytes';

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

export const UNIVERSAL = {
  BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, ENUMERATED: 10, UTF8String: 12,
  SEQUENCE: 16, SET: 17, IA5String: 22, UTCTime: 23, GeneralizedTime: 24, GeneralString: 27,
} as const;

/** The identifier octets of a tag. */
export function tagBytes(tagClass: number, constructed: boolean, tagNumber: number): Uint8Array {
  const first = (tagClass << 6) | (constructed ? 0x20 : 0);
  if (tagNumber < 31) return new Uint8Array([first | tagNumber]);
  const rest: number[] = [];
  let n = tagNumber;
  rest.unshift(n & 0x7f);
  n = Math.floor(n / 128);
  while (n > 0) { rest.unshift((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  return new Uint8Array([first | 0x1f, ...rest]);
}

/** The length octets (definite form, minimal). */
export function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n]);
  const bs: number[] = [];
  let v = n;
  while (v > 0) { bs.unshift(v & 0xff); v = Math.floor(v / 256); }
  return new Uint8Array([0x80 | bs.length, ...bs]);
}

/** One TLV with a one-byte identifier (tag numbers below 31). */
export function tlv(identifier: number, content: Uint8Array): Uint8Array {
  const len = lengthBytes(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = identifier;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

/** One TLV with any tag. */
export function tlvTag(tagClass: number, constructed: boolean, tagNumber: number, content: Uint8Array): Uint8Array {
  if (tagNumber < 31) return tlv((tagClass << 6) | (constructed ? 0x20 : 0) | tagNumber, content);
  return concat(tagBytes(tagClass, constructed, tagNumber), lengthBytes(content.length), content);
}

type Part = Uint8Array | undefined | null | false;

/** One TLV around the present parts, written straight into the output (no intermediate concatenation). */
function constructed(identifier: number, parts: readonly Part[]): Uint8Array {
  let n = 0;
  for (const p of parts) if (p instanceof Uint8Array) n += p.length;
  const len = lengthBytes(n);
  const out = new Uint8Array(1 + len.length + n);
  out[0] = identifier;
  out.set(len, 1);
  let o = 1 + len.length;
  for (const p of parts) if (p instanceof Uint8Array) { out.set(p, o); o += p.length; }
  return out;
}

/** SEQUENCE of the given (already encoded) components; undefined components are left out. */
export function seq(...parts: Part[]): Uint8Array { return constructed(0x30, parts); }
/** SEQUENCE OF: same bytes as seq, named for readability. */
export function seqOf(items: Uint8Array[]): Uint8Array { return constructed(0x30, items); }
/** SET (the caller gives the components in DER order). */
export function set(...parts: Part[]): Uint8Array { return constructed(0x31, parts); }

/** [n] EXPLICIT: a constructed context-specific tag around one encoded element. */
export function explicit(n: number, inner: Uint8Array): Uint8Array { return tlvTag(2, true, n, inner); }
/** [n] IMPLICIT for a primitive: the element's content under a context tag. */
export function implicitPrimitive(n: number, content: Uint8Array): Uint8Array { return tlvTag(2, false, n, content); }
/** [APPLICATION n] EXPLICIT around one element. */
export function application(n: number, inner: Uint8Array): Uint8Array { return tlvTag(1, true, n, inner); }

/** [n] EXPLICIT around `encode(v)` when v is present, else undefined (an absent OPTIONAL). */
export function opt<T>(n: number, v: T | undefined | null, encode: (v: T) => Uint8Array): Uint8Array | undefined {
  return v === undefined || v === null ? undefined : explicit(n, encode(v));
}

/** Content octets of an INTEGER: minimal two's complement. */
export function integerContent(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  const bs: number[] = [];
  // Emit bytes until the remaining value is all sign bits and the top bit of the last byte matches the sign.
  for (;;) {
    const byte = Number(v & 0xffn);
    bs.unshift(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return new Uint8Array(bs);
}

export function integer(value: number | bigint): Uint8Array {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`INTEGER must be a safe integer, got ${value}`);
  return tlv(0x02, integerContent(value));
}
export function enumerated(value: number): Uint8Array { return tlv(0x0a, integerContent(value)); }
export function boolean(v: boolean): Uint8Array { return tlv(0x01, new Uint8Array([v ? 0xff : 0x00])); }
export function octetString(b: Uint8Array): Uint8Array { return tlv(0x04, b); }
export function nullValue(): Uint8Array { return new Uint8Array([0x05, 0x00]); }

/** BIT STRING with `unused` unused bits in the last byte. */
export function bitString(bytes: Uint8Array, unused = 0): Uint8Array {
  const c = new Uint8Array(bytes.length + 1);
  c[0] = unused;
  c.set(bytes, 1);
  return tlv(0x03, c);
}

/** A 32-bit KerberosFlags BIT STRING (bit 0 is the most significant bit of `flags`). */
export function flags32(flags: number): Uint8Array {
  return tlv(0x03, new Uint8Array([0, (flags >>> 24) & 0xff, (flags >>> 16) & 0xff, (flags >>> 8) & 0xff, flags & 0xff]));
}

const encodeAscii = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return new TextEncoder().encode(s);
    out[i] = c;
  }
  return out;
};

/** GeneralString (KerberosString, Realm): the characters as bytes (UTF-8 beyond ASCII, as Windows does). */
export function generalString(s: string): Uint8Array { return tlv(0x1b, encodeAscii(s)); }
export function ia5String(s: string): Uint8Array { return tlv(0x16, encodeAscii(s)); }
export function utf8String(s: string): Uint8Array { return tlv(0x0c, new TextEncoder().encode(s)); }

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** The KerberosTime text "YYYYMMDDHHMMSSZ" (whole seconds, UTC; RFC 4120 §5.2.3). */
export function kerberosTimeString(d: Date): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid date');
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}Z`;
}

/** GeneralizedTime without fractional seconds (KerberosTime). */
export function generalizedTime(d: Date): Uint8Array { return tlv(0x18, encodeAscii(kerberosTimeString(d))); }

/** OBJECT IDENTIFIER content octets from dotted text. */
export function oidContent(oid: string): Uint8Array {
  const arcs = oid.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${oid}`);
    return BigInt(a);
  });
  if (arcs.length < 2) throw new RangeError(`bad OID ${oid}`);
  const out: number[] = [];
  const push = (v: bigint) => {
    const bs: number[] = [Number(v & 0x7fn)];
    v >>= 7n;
    while (v > 0n) { bs.unshift(Number(v & 0x7fn) | 0x80); v >>= 7n; }
    out.push(...bs);
  };
  push(arcs[0] * 40n + arcs[1]);
  for (let i = 2; i < arcs.length; i++) push(arcs[i]);
  return new Uint8Array(out);
}
export function oid(s: string): Uint8Array { return tlv(0x06, oidContent(s)); }
