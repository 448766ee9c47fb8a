// Glossary strips: under the current (and the selected) step's label, a row of small buttons for the
// glossary terms the label uses. A label is itself a button (it selects its step), so its words
// cannot hold links; the terms sit in a strip of their own, and the rows below it move down to make
// room (rows above keep their place, and their objects, so nothing above redraws). Pure geometry.
import type { DiagramLayout, Row } from './layout';

export interface LabelTerm { id: string; text: string }
type Segment = string | { id: string; text: string; missing?: true };

/** The glossary terms a label's words use, the first use of each, spelled as in the label. */
export function labelTerms(words: string, link: (text: string) => Segment[]): LabelTerm[] {
  const out: LabelTerm[] = [];
  for (const s of link(words)) if (typeof s !== 'string' && !s.missing && !out.some((t) => t.id === s.id)) out.push({ id: s.id, text: s.text });
  return out;
}

export interface Strip { id: string; x: number; y: number; w: number; h: number; terms: LabelTerm[] }

/** The strip's visible lead-in (the group's accessible name says the same). */
export const STRIP_LEAD = 'Glossary:';
/** One line of chips (a 1.5rem chip and the gap under it), at scale 1. */
export const STRIP_LINE = 30;

/** A chip's width, estimated from its text (0.72rem type, padding, border, gap) with room to spare. */
const chipWidth = (text: string, s: number) => (text.length * 7.4 + 22) * s;

/** Where a row's strip goes: centred under its label, as wide as its chips need (never wider than
 *  the diagram, nor than `view`, the part of it on screen when it scrolls sideways), as many lines
 *  tall as the chips take at that width. */
export function stripBox(row: Row, terms: LabelTerm[], width: number, s: number, view = width): Strip {
  const lead = chipWidth(STRIP_LEAD, s) - 8 * s;
  const want = lead + terms.reduce((a, t) => a + chipWidth(t.text, s), 0) + 8 * s;
  const w = Math.min(width - 8, view - 8, Math.max(row.lw, want));
  let lines = 1, used = lead;
  for (const t of terms) {
    const cw = Math.min(chipWidth(t.text, s), w - 8 * s);
    if (used + cw > w - 8 * s && used > 0) { lines++; used = 0; }
    used += cw;
  }
  const cx = row.lx + row.lw / 2;
  const x = Math.max(4, Math.min(width - 4 - w, cx - w / 2));
  return { id: row.event.id, x, y: row.y + row.h, w, h: (lines * STRIP_LINE + 4) * s, terms };
}

/** The layout with a strip under each row named in `wanted` (rows without terms get none). */
export function withStrips(base: DiagramLayout, wanted: Map<string, LabelTerm[]>, s: number, view = base.width): { layout: DiagramLayout; strips: Strip[] } {
  if (!wanted.size) return { layout: base, strips: [] };
  const rows: Row[] = [];
  const strips: Strip[] = [];
  let shift = 0;
  for (const r of base.rows) {
    const row = shift ? { ...r, y: r.y + shift, ay: r.ay + shift } : r;
    rows.push(row);
    const terms = wanted.get(r.event.id);
    if (!terms?.length) continue;
    const strip = stripBox(row, terms, base.width, s, view);
    strips.push(strip);
    shift += strip.h;
  }
  if (!shift) return { layout: base, strips: [] };
  const last = base.rows[base.rows.length - 1];
  const height = Math.max(base.height, last.y + last.h + shift + 16 * s);
  return { layout: { ...base, rows, height, rowByEvent: new Map(rows.map((r) => [r.event.id, r])) }, strips };
}
