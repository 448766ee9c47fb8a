// The field tree: every message's bytes explained by named ranges [start, end) into its hex.
// Decoders build these trees; the inspector renders them; a test checks that the leaves cover
// every byte of every message.

export interface DecryptedPart {
  /** Which key decrypts it, in words ("krbtgt long-term key (aes256-cts-hmac-sha1-96, kvno 2)"). */
  key: string;
  /** The key itself, hex. */
  keyHex: string;
  keyUsage?: number;
  etype?: number;
  /** The plaintext, hex; `fields` offsets are into this. */
  hex: string;
  fields: Field[];
  /** Name of the decrypted structure, e.g. "EncTicketPart". */
  name: string;
}

export interface Field {
  name: string;
  start: number;
  end: number;
  /** Display value: a decoded number, string, flag list, OID name, hex... */
  value?: string;
  /** One line in plain words. */
  explain: string;
  /** The defining document and section, e.g. "MS-NLMP 2.2.1.2" or "RFC 4120 §5.3". */
  ref?: string;
  children?: Field[];
  decrypted?: DecryptedPart;
  /** A nested message carried as an opaque blob (e.g. the NTLMSSP token inside SPNEGO). */
  layer?: string;
}

export function field(name: string, start: number, end: number, explain: string, value?: string | number, ref?: string): Field {
  const f: Field = { name, start, end, explain };
  if (value !== undefined) f.value = String(value);
  if (ref) f.ref = ref;
  return f;
}

/** A parent field spanning its children. */
export function group(name: string, explain: string, children: Field[], extra: Partial<Field> = {}): Field {
  if (children.length === 0) throw new Error(`group ${name} has no children`);
  const start = Math.min(...children.map((c) => c.start));
  const end = Math.max(...children.map((c) => c.end));
  return { name, start, end, explain, children, ...extra };
}

/** Shift every offset of a tree by `delta` (used when a message is nested inside another): a copy,
 * built field by field (a spread per node made this one of a run's hottest functions). */
export function shift(fields: Field[], delta: number): Field[] {
  const out = new Array<Field>(fields.length);
  for (let i = 0; i < fields.length; i++) out[i] = shiftOne(fields[i], delta);
  return out;
}

/** One field and its subtree, shifted by `delta`. */
export function shiftOne(f: Field, delta: number): Field {
  const g: Field = { name: f.name, start: f.start + delta, end: f.end + delta, explain: f.explain };
  if (f.value !== undefined) g.value = f.value;
  if (f.ref !== undefined) g.ref = f.ref;
  if (f.children) g.children = shift(f.children, delta);
  if (f.decrypted !== undefined) g.decrypted = f.decrypted;
  if (f.layer !== undefined) g.layer = f.layer;
  return g;
}

/** The leaves of a tree (fields without children), in order. */
export function leaves(fields: Field[]): Field[] {
  const out: Field[] = [];
  const walk = (fs: Field[]) => { for (const f of fs) { if (f.children && f.children.length) walk(f.children); else out.push(f); } };
  walk(fields);
  return out;
}

/** Byte offsets of `length` that no leaf covers; empty when every byte is explained. */
export function uncovered(fields: Field[], length: number): number[] {
  const covered = new Uint8Array(length);
  for (const l of leaves(fields)) for (let i = Math.max(0, l.start); i < Math.min(length, l.end); i++) covered[i] = 1;
  const gaps: number[] = [];
  for (let i = 0; i < length; i++) if (!covered[i]) gaps.push(i);
  return gaps;
}

/** Find the deepest field containing byte `offset` (for click-a-byte in the inspector). */
export function fieldAt(fields: Field[], offset: number, path: Field[] = []): Field[] {
  for (const f of fields) {
    if (offset >= f.start && offset < f.end) {
      const p = [...path, f];
      return f.children && f.children.length ? fieldAt(f.children, offset, p) : p;
    }
  }
  return path;
}
