// The directive lists Digest messages are made of (RFC 7616 §3.3–3.5, RFC 2831 §2.1): name=value
// pairs, the value a token or a quoted-string, separated by commas. One parser keeps the byte range
// of every name, "=", value and separator so each message's field tree covers all of its bytes.
import { DecodeError, fromUtf8, utf8 } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';

export interface Directive {
  name: string;
  /** The value with quotes removed and backslash escapes resolved. */
  value: string;
  quoted: boolean;
}

export interface ParsedDirective extends Directive {
  start: number;
  nameEnd: number;
  valueStart: number;
  end: number;
}

export interface DirectiveList {
  directives: ParsedDirective[];
  /** Ranges of the separators (commas and the white space around them). */
  separators: { start: number; end: number; text: string }[];
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isTokenChar = (c: number) => c > 0x20 && c < 0x7f && !'()<>@,;:\\"/[]?={}'.includes(String.fromCharCode(c));

/** Parse "a=b, c="d"" (the bytes after the scheme name) keeping every range. */
export function parseDirectives(b: Uint8Array): DirectiveList {
  const directives: ParsedDirective[] = [];
  const separators: { start: number; end: number; text: string }[] = [];
  let o = 0;
  const skip = () => { const s = o; while (o < b.length && (isSpace(b[o]) || b[o] === 0x2c)) o++; if (o > s) separators.push({ start: s, end: o, text: fromUtf8(b.subarray(s, o)) }); };
  skip();
  while (o < b.length) {
    const start = o;
    while (o < b.length && isTokenChar(b[o]) && b[o] !== 0x3d) o++;
    if (o === start) throw new DecodeError(`expected a directive name but found ${JSON.stringify(String.fromCharCode(b[o]))}`, o);
    const name = fromUtf8(b.subarray(start, o));
    const nameEnd = o;
    while (o < b.length && isSpace(b[o])) o++;
    if (b[o] !== 0x3d) throw new DecodeError(`directive ${name} has no "="`, o);
    o++;
    while (o < b.length && isSpace(b[o])) o++;
    const valueStart = o;
    let value: string;
    let quoted = false;
    if (b[o] === 0x22) {
      quoted = true;
      o++;
      const bytes: number[] = [];
      for (;;) {
        if (o >= b.length) throw new DecodeError(`the quoted value of ${name} is not closed`, valueStart);
        if (b[o] === 0x22) { o++; break; }
        if (b[o] === 0x5c && o + 1 < b.length) o++;
        bytes.push(b[o++]);
      }
      value = fromUtf8(new Uint8Array(bytes));
    } else {
      while (o < b.length && b[o] !== 0x2c && !isSpace(b[o])) o++;
      value = fromUtf8(b.subarray(valueStart, o));
    }
    directives.push({ name, value, quoted, start, nameEnd, valueStart, end: o });
    let p = o;
    while (p < b.length && isSpace(b[p])) p++;
    if (p < b.length && b[p] !== 0x2c) throw new DecodeError(`expected "," after ${name}`, p);
    skip();
  }
  return { directives, separators };
}

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The text of a directive list; `sep` is ", " for HTTP (RFC 7616 examples) and "," for SASL (RFC 2831). */
export function buildDirectives(list: Directive[], sep = ', '): Uint8Array {
  return utf8(list.map((d) => `${d.name}=${d.quoted ? quote(d.value) : d.value}`).join(sep));
}

/** A directive's lowercase name → its value (first occurrence). */
export function directiveMap(list: DirectiveList): Map<string, ParsedDirective> {
  const m = new Map<string, ParsedDirective>();
  for (const d of list.directives) if (!m.has(d.name.toLowerCase())) m.set(d.name.toLowerCase(), d);
  return m;
}

export interface DirectiveInfo { explain: string; ref: string }

/** Field tree: one group per directive (name and "=", then the value), one leaf per separator. */
export function directiveFields(list: DirectiveList, info: (name: string) => DirectiveInfo | undefined, show?: (d: ParsedDirective) => string): Field[] {
  const out: Field[] = [];
  for (const d of list.directives) {
    const i = info(d.name.toLowerCase()) ?? { explain: 'A directive this message does not define; receivers ignore directives they do not know.', ref: 'RFC 7616 §3.3' };
    const shown = show?.(d) ?? d.value;
    out.push(group(d.name, i.explain, [
      field('name', d.start, d.valueStart, `The directive's name and "=".`, d.name, i.ref),
      field('value', d.valueStart, d.end, d.quoted ? 'The value, as a quoted-string (the quotes are not part of it).' : 'The value, as a token (no quotes).', shown, i.ref),
    ], { value: shown, ref: i.ref }));
  }
  for (const s of list.separators) out.push(field('separator', s.start, s.end, 'A comma (and optional spaces) between directives.', JSON.stringify(s.text)));
  return out.sort((a, b) => a.start - b.start);
}

/** How one property of a message object goes on the wire: its directive name and whether it is quoted. */
export type Spec<T> = readonly (readonly [key: keyof T & string, wire: string, quoted: boolean])[];

/** The directives of `msg`, in `order` (wire names) or in the spec's order; absent properties are left out. */
export function toDirectives<T extends object>(msg: T, spec: Spec<T>, order?: readonly string[]): Directive[] {
  const rows = order ? order.map((w) => { const r = spec.find((s) => s[1] === w); if (!r) throw new RangeError(`unknown directive ${w}`); return r; }) : spec;
  const out: Directive[] = [];
  for (const [key, wire, quoted] of rows) {
    const v = (msg as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    out.push({ name: wire, value: typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v), quoted });
  }
  return out;
}

/** The message object back from its directives (string values; the caller converts booleans). */
export function fromDirectives<T extends object>(list: DirectiveList, spec: Spec<T>): { values: Partial<Record<keyof T & string, string>>; order: string[] } {
  const values: Partial<Record<keyof T & string, string>> = {};
  const map = directiveMap(list);
  for (const [key, wire] of spec) { const d = map.get(wire.toLowerCase()); if (d) values[key] = d.value; }
  return { values, order: list.directives.map((d) => d.name) };
}

/** A required directive's value, or a DecodeError naming it. */
export function required(v: string | undefined, name: string, what: string): string {
  if (v === undefined) throw new DecodeError(`${what} has no ${name} directive`, 0);
  return v;
}
