// RFC 4121 §4.2.5 "right rotation count": the sender rotates the token body right by RRC bytes
// (Windows' DCE-style GSS_WrapEx rotates by RRC+EC, MS-KILE 3.4.5.4.1). These helpers also map
// named segments of the unrotated body to their byte ranges in the rotated token.
import { field, type Field } from '../../../encoding/fields.ts';

export function rotateRight(b: Uint8Array, n: number): Uint8Array {
  if (b.length === 0) return b.slice();
  const r = n % b.length;
  if (r === 0) return b.slice();
  const out = new Uint8Array(b.length);
  out.set(b.subarray(b.length - r), 0);
  out.set(b.subarray(0, b.length - r), r);
  return out;
}

export function rotateLeft(b: Uint8Array, n: number): Uint8Array {
  if (b.length === 0) return b.slice();
  return rotateRight(b, b.length - (n % b.length));
}

export interface Segment { name: string; length: number; explain: string; value?: string; ref?: string }

/**
 * Leaves for `segments` (in unrotated order, lengths summing to the body length) as they sit in a
 * body rotated right by `rotation`, starting at token offset `base`. A segment that wraps around
 * becomes two leaves ("... (part 1/2)").
 */
export function rotatedFields(segments: Segment[], rotation: number, base: number): Field[] {
  const total = segments.reduce((a, s) => a + s.length, 0);
  const r = total === 0 ? 0 : rotation % total;
  const out: Field[] = [];
  let pos = 0;
  for (const s of segments) {
    if (s.length === 0) continue;
    const a = (pos + r) % total;
    const endUnwrapped = a + s.length;
    if (endUnwrapped <= total) {
      out.push(field(s.name, base + a, base + endUnwrapped, s.explain, s.value, s.ref));
    } else {
      const first = total - a;
      out.push(field(`${s.name} (part 1/2)`, base + a, base + total, `${s.explain} — its first ${first} bytes, after the rotation`, s.value, s.ref));
      out.push(field(`${s.name} (part 2/2)`, base, base + s.length - first, `${s.explain} — its last ${s.length - first} bytes, rotated to the front of the body`, s.value, s.ref));
    }
    pos += s.length;
  }
  return out.sort((x, y) => x.start - y.start);
}
