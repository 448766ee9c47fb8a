// Field-tree helpers over DER nodes: every element becomes a field whose first leaf is its tag and
// length bytes (merged with the explicit tags around it) and whose other leaves cover its content,
// so the leaves of a message cover every byte.
import { DecodeError, hex } from '../../bytes';
import type { Field } from '../fields';
import {
  type DerNode, expectSequence, readBitString, readBoolean, readFlags32, readInteger, readNodes, readOctets, readOid, readString, readTime, tagName,
} from './reader';

/** A decoded value with the fields that cover its element's content bytes [headerEnd, end). */
export interface Parsed<T> {
  value: T;
  children: Field[];
  /** Short text shown as the value of the field that holds this element. */
  display?: string;
  /** Extra properties for the holding field (e.g. `decrypted`, `layer`). */
  extra?: Partial<Field>;
}

export type ContentParser<T, C = unknown> = (b: Uint8Array, node: DerNode, ctx: C) => Parsed<T>;

const X690 = 'ITU-T X.690 §8.1';

function lenText(n: DerNode): string { return `${n.end - n.headerEnd} byte${n.end - n.headerEnd === 1 ? '' : 's'}`; }

/** The leaf for the tag+length bytes of a chain of directly nested elements (outer first). */
export function headerLeaf(chain: DerNode[]): Field {
  const first = chain[0];
  const last = chain[chain.length - 1];
  const value = chain.map((n) => `${tagName(n)} ${lenText(n)}`).join(' → ');
  const explain = chain.length > 1
    ? 'DER tag and length bytes: the explicit tag, then the type tag of what it holds'
    : 'DER tag and length bytes of this element';
  return { name: 'tag/length', start: first.start, end: last.headerEnd, value, explain, ref: X690 };
}

/** The field for an element reached through `chain` (explicit/application tags first, the typed element last). */
export function elementField<T>(name: string, chain: DerNode[], parsed: Parsed<T>, explain: string, ref?: string): Field {
  const outer = chain[0];
  const f: Field = { name, start: outer.start, end: outer.end, explain, children: [headerLeaf(chain), ...parsed.children] };
  if (parsed.display !== undefined) f.value = parsed.display;
  if (ref) f.ref = ref;
  if (parsed.extra) Object.assign(f, parsed.extra);
  return f;
}

/** A primitive's content as one leaf (none when the content is empty). */
export function contentLeaf(node: DerNode, name: string, display: string, explain: string): Field[] {
  if (node.end === node.headerEnd) return [];
  return [{ name, start: node.headerEnd, end: node.end, value: display, explain }];
}

// ---------- primitive parsers ----------

/** "YYYY-MM-DD HH:MM:SSZ" from milliseconds since 1970 (whole seconds; faster than toISOString). */
export function utcText(ms: number): string {
  if (!Number.isFinite(ms)) return 'invalid';
  const secs = Math.floor(ms / 1000);
  let days = Math.floor(secs / 86400);
  const sod = secs - days * 86400;
  // civil-from-days (proleptic Gregorian)
  days += 719468;
  const era = Math.floor(days / 146097);
  const doe = days - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
  const h = Math.floor(sod / 3600);
  const mi = Math.floor((sod % 3600) / 60);
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(sod % 60)}Z`;
}
export const time = (d: Date): string => utcText(d.getTime());

export function shortHex(b: Uint8Array, max = 32): string {
  return b.length <= max ? hex(b) : `${hex(b.subarray(0, max))}… (${b.length} bytes)`;
}

export function pInt(names?: Record<number, string> | ((v: number) => string | undefined)): ContentParser<number> {
  return (b, n) => {
    const v = readInteger(b, n);
    const nm = typeof names === 'function' ? names(v) : names?.[v];
    const display = nm ? `${v} (${nm})` : String(v);
    return { value: v, display, children: contentLeaf(n, 'value', display, 'two\'s-complement integer, big-endian') };
  };
}
export const pString: ContentParser<string> = (b, n) => {
  const v = readString(b, n);
  return { value: v, display: v, children: contentLeaf(n, 'value', v, 'the characters of the string') };
};
export const pTime: ContentParser<Date> = (b, n) => {
  const v = readTime(b, n);
  const display = time(v);
  return { value: v, display, children: contentLeaf(n, 'value', display, 'GeneralizedTime text YYYYMMDDHHMMSSZ, always UTC') };
};
export const pOctets: ContentParser<Uint8Array> = (b, n) => {
  const v = readOctets(b, n);
  const display = shortHex(v);
  return { value: v, display, children: contentLeaf(n, 'value', display, 'raw bytes') };
};
export const pBool: ContentParser<boolean> = (b, n) => {
  const v = readBoolean(b, n);
  return { value: v, display: String(v), children: contentLeaf(n, 'value', String(v), 'BOOLEAN: 0x00 is false, anything else true (DER: 0xff)') };
};
export const pOid = (names?: Record<string, string>): ContentParser<string> => (b, n) => {
  const v = readOid(b, n);
  const display = names?.[v] ? `${v} (${names[v]})` : v;
  return { value: v, display, children: contentLeaf(n, 'value', display, 'object identifier arcs, base-128') };
};

/** Names of the set bits of a 32-bit KerberosFlags value (bit 0 = most significant). */
export function flagNames(v: number, names: Record<number, string>): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < 32; bit++) if (v & (0x80000000 >>> bit)) out.push(names[bit] ?? `bit${bit}`);
  return out;
}
export function flagsFromNames(list: string[], names: Record<number, string>): number {
  let v = 0;
  for (const want of list) {
    const bit = Object.entries(names).find(([, n]) => n === want)?.[0];
    if (bit === undefined) throw new RangeError(`unknown flag ${want}`);
    v |= 0x80000000 >>> Number(bit);
  }
  return v >>> 0;
}

export function pFlags(names: Record<number, string>): ContentParser<number> {
  return (b, n) => {
    const v = readFlags32(b, n);
    const bits = readBitString(b, n);
    const set = flagNames(v, names);
    const display = `0x${v.toString(16).padStart(8, '0')}${set.length ? ` (${set.join(', ')})` : ''}`;
    const children: Field[] = [{ name: 'unused bits', start: n.headerEnd, end: n.headerEnd + 1, value: String(bits.unused), explain: 'how many bits of the last byte are padding' }];
    if (n.end > n.headerEnd + 1) children.push({ name: 'flags', start: n.headerEnd + 1, end: n.end, value: display, explain: 'flag bits, bit 0 is the top bit of the first byte' });
    return { value: v, display, children };
  };
}

// ---------- constructed ----------

/** Reads a SEQUENCE whose components carry explicit context tags [0], [1], ... (the Kerberos style). */
export class SeqReader<C = unknown> {
  readonly fields: Field[] = [];
  private readonly byTag = new Map<number, DerNode>();
  private readonly used = new Set<number>();

  constructor(private readonly b: Uint8Array, readonly node: DerNode, private readonly what: string, private readonly ctx: C) {
    expectSequence(node, what);
    for (const c of node.children ?? []) {
      if (c.tagClass !== 2 || !c.constructed || c.children?.length !== 1) {
        throw new DecodeError(`${what}: component ${tagName(c)} is not an explicit context tag`, c.start);
      }
      if (this.byTag.has(c.tagNumber)) throw new DecodeError(`${what}: component [${c.tagNumber}] appears twice`, c.start);
      this.byTag.set(c.tagNumber, c);
    }
  }

  has(tag: number): boolean { return this.byTag.has(tag); }

  /** The inner element of component [tag], without making a field (for callers that need raw access). */
  raw(tag: number): DerNode | undefined { return this.byTag.get(tag)?.children?.[0]; }

  opt<T>(tag: number, name: string, parse: ContentParser<T, C>, explain: string, ref?: string): T | undefined {
    const outer = this.byTag.get(tag);
    if (!outer) return undefined;
    this.used.add(tag);
    const inner = outer.children![0];
    const parsed = parse(this.b, inner, this.ctx);
    this.fields.push(elementField(name, [outer, inner], parsed, explain, ref));
    return parsed.value;
  }

  req<T>(tag: number, name: string, parse: ContentParser<T, C>, explain: string, ref?: string): T {
    if (!this.byTag.has(tag)) throw new DecodeError(`${this.what}: required component [${tag}] ${name} is missing`, this.node.start);
    return this.opt(tag, name, parse, explain, ref) as T;
  }

  /** Fields of every component (unknown tags explained generically), in byte order. */
  finish(): Field[] {
    for (const [tag, outer] of this.byTag) {
      if (this.used.has(tag)) continue;
      const inner = outer.children![0];
      this.fields.push(elementField(`[${tag}] (unknown)`, [outer, inner], genericContent(this.b, inner), `a component ${this.what} does not define here`));
    }
    this.fields.sort((x, y) => x.start - y.start);
    return this.fields;
  }
}

/** SEQUENCE OF items: one field per item. */
export function pSeqOf<T, C = unknown>(item: ContentParser<T, C>, itemName: (i: number, v: T) => string, itemExplain: string, ref?: string, display?: (vs: T[]) => string): ContentParser<T[], C> {
  return (b, n, ctx) => {
    expectSequence(n, 'SEQUENCE OF');
    const values: T[] = [];
    const children: Field[] = [];
    (n.children ?? []).forEach((c, i) => {
      const p = item(b, c, ctx);
      values.push(p.value);
      children.push(elementField(itemName(i, p.value), [c], p, itemExplain, ref));
    });
    return { value: values, children, display: display ? display(values) : `${values.length} item${values.length === 1 ? '' : 's'}` };
  };
}

// ---------- generic ----------

/** Any DER element, explained generically (used for types this app does not model). */
export function genericContent(b: Uint8Array, n: DerNode): Parsed<null> {
  if (n.constructed) {
    const kids = n.children ?? [];
    return { value: null, display: `${kids.length} element${kids.length === 1 ? '' : 's'}`, children: kids.map((c) => genericField(b, c)) };
  }
  const c = b.subarray(n.headerEnd, n.end);
  let display = shortHex(c);
  try {
    if (n.tagClass === 0) {
      switch (n.tagNumber) {
        case 1: display = String(readBoolean(b, n)); break;
        case 2: display = c.length <= 6 ? String(readInteger(b, n)) : display; break;
        case 6: display = readOid(b, n); break;
        case 24: display = time(readTime(b, n)); break;
        case 12: case 19: case 22: case 26: case 27: display = JSON.stringify(readString(b, n)); break;
        case 4: {
          // An OCTET STRING that holds exactly one constructed DER element: show it (encapsulated data).
          if (c.length >= 2 && (c[0] & 0x20)) {
            try {
              const kids = readNodes(b, n.headerEnd, n.end);
              if (kids.length === 1 && kids[0].constructed) {
                return { value: null, display: 'encapsulated DER', children: [genericField(b, kids[0])] };
              }
            } catch { /* not DER: raw bytes */ }
          }
        }
      }
    }
  } catch { /* keep hex */ }
  return { value: null, display, children: contentLeaf(n, 'value', display, 'content bytes') };
}

export function genericField(b: Uint8Array, n: DerNode, name = tagName(n)): Field {
  return elementField(name, [n], genericContent(b, n), `${tagName(n)} element`, X690);
}
