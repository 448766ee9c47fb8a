// BER as LDAP uses it (RFC 4511 §5.1: definite lengths only, BOOLEAN TRUE is 0xff). Reading goes
// through the offset-keeping reader of encoding/der (it accepts BER's longer-than-needed lengths);
// writing adds the one thing Active Directory does differently from DER: a DC's responses carry
// every constructed length in the 4-byte long form (84 xx xx xx xx), as the captures show.
import { DecodeError, concat, fromUtf8, u32be } from '../../../bytes';
import { contentLeaf, elementField, type DerNode, tagName, lengthBytes } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';

export const REF = 'RFC 4511 §4';

/** How lengths are written: minimal (a Windows client, OpenLDAP) or 4-byte long form for constructed elements (an AD DC). */
export type LengthStyle = 'minimal' | 'ad';

export function tlvStyled(identifier: number, content: Uint8Array, style: LengthStyle = 'minimal'): Uint8Array {
  const constructed = (identifier & 0x20) !== 0;
  const len = style === 'ad' && constructed ? concat(new Uint8Array([0x84]), u32be(content.length)) : lengthBytes(content.length);
  return concat(new Uint8Array([identifier]), len, content);
}

// ---------- reading ----------

export function need(n: DerNode | undefined, tagClass: number, tagNumber: number, what: string, at: number): DerNode {
  if (!n) throw new DecodeError(`${what} is missing`, at);
  if (n.tagClass !== tagClass || n.tagNumber !== tagNumber) throw new DecodeError(`${what}: expected ${tagName({ tagClass, tagNumber })} but found ${tagName(n)}`, n.start);
  return n;
}

export const content = (b: Uint8Array, n: DerNode): Uint8Array => b.subarray(n.headerEnd, n.end);

/** INTEGER or ENUMERATED content (any tag), as a number. */
export function intOf(b: Uint8Array, n: DerNode): number {
  if (n.constructed || n.end === n.headerEnd || n.end - n.headerEnd > 6) throw new DecodeError(`${tagName(n)}: not a small integer`, n.start);
  let v = b[n.headerEnd] & 0x80 ? -1 : 0;
  for (let i = n.headerEnd; i < n.end; i++) v = v * 256 + b[i];
  return v;
}

export const strOf = (b: Uint8Array, n: DerNode): string => fromUtf8(content(b, n));

const show = (s: string) => (s === '' ? '"" (empty)' : JSON.stringify(s));

/** A primitive element: its tag/length leaf and one value leaf. */
export function prim(name: string, n: DerNode, display: string, explain: string, valueExplain: string, ref = REF, extra: Partial<Field> = {}): Field {
  return elementField(name, [n], { value: null, display, children: contentLeaf(n, 'value', display, valueExplain), extra }, explain, ref);
}

export function intField(name: string, b: Uint8Array, n: DerNode, explain: string, names?: Record<number, string>, ref = REF): Field {
  const v = intOf(b, n);
  const display = names?.[v] ? `${v} (${names[v]})` : String(v);
  return prim(name, n, display, explain, 'two\'s-complement integer, big-endian', ref);
}

export function strField(name: string, b: Uint8Array, n: DerNode, explain: string, ref = REF): Field {
  return prim(name, n, show(strOf(b, n)), explain, 'UTF-8 characters (LDAPString / LDAPDN)', ref);
}

/** A constructed element: tag/length leaf, then the given children. */
export function cons(name: string, n: DerNode, children: Field[], explain: string, display?: string, ref = REF): Field {
  return elementField(name, [n], { value: null, display, children }, explain, ref);
}

export function kids(n: DerNode, what: string): DerNode[] {
  if (!n.constructed) throw new DecodeError(`${what} must be constructed`, n.start);
  return n.children ?? [];
}
