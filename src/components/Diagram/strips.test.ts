// The diagram's glossary strips over every scenario: every label's terms come from the glossary (each
// once, spelled as in the label), the strip sits under its label inside the diagram, and the rows
// below move down so nothing overlaps, at a phone's, a laptop's and a projector's sizes.
import { describe, expect, it } from 'vitest';
import { engine } from '../../store/run';
import type { Trace } from '../../engine/trace';
import { TERM_BY_ID } from '../../content/glossary';
import { linkTerms } from '../../content/link';
import { layoutDiagram, type Row } from './layout';
import { labelWords } from './labels';
import { labelTerms, stripBox, withStrips, type LabelTerm, type Strip } from './strips';

const traces: [string, Trace][] = engine.listScenarios().map((s) => [s.id, engine.run(s.id, {})]);
const SIZES = [{ width: 390, scale: 1 }, { width: 880, scale: 1 }, { width: 1500, scale: 1.3 }];
const link = (t: string) => linkTerms(t);
const termsOf = (r: Row) => labelTerms(labelWords(r.event), link);

const boxesMeet = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x + 0.01 < b.x + b.w && b.x + 0.01 < a.x + a.w && a.y + 0.01 < b.y + b.h && b.y + 0.01 < a.y + a.h;
const labelBox = (r: Row) => ({ x: r.lx, y: r.y, w: r.lw, h: r.h });

describe('glossary terms of a diagram label', () => {
  it('are glossary terms, each once, spelled as the label spells them', () => {
    let labels = 0, withTerms = 0;
    for (const [, t] of traces) for (const r of layoutDiagram(t, { width: 1280, layered: true, scale: 1 }).rows) {
      labels++;
      const words = labelWords(r.event);
      const terms = termsOf(r);
      if (terms.length) withTerms++;
      expect(new Set(terms.map((x) => x.id)).size, words).toBe(terms.length);
      for (const x of terms) {
        expect(TERM_BY_ID.has(x.id), `${x.id} in "${words}"`).toBe(true);
        expect(words, x.id).toContain(x.text);
      }
    }
    // Nearly every label names something the glossary explains.
    expect(withTerms / labels).toBeGreaterThan(0.8);
  });

  it('a Kerberos AS-REQ offers Kerberos and the AS exchange; an NTLM challenge offers NTLM, its messages and SMB2', () => {
    const kerb = traces.find(([id]) => id === 'kerberos-smb')![1];
    const asReq = kerb.events.find((e) => e.type === 'message' && e.name === 'AS-REQ')!;
    expect(labelTerms(labelWords(asReq), link)).toEqual([{ id: 'kerberos', text: 'Kerberos' }, { id: 'as-exchange', text: 'AS-REQ' }]);
    const ntlm = traces.find(([id]) => id === 'negotiate-fallback-ip')![1];
    const challenge = ntlm.events.find((e) => e.type === 'message' && /CHALLENGE/.test(e.name))!;
    expect(labelTerms(labelWords(challenge), link).map((x) => x.id)).toEqual(['ntlm', 'ntlm-messages', 'smb2']);
  });

  it('leaves out a [[mark]] that names no glossary entry', () => {
    expect(labelTerms('[[nope|a word]] and the KDC', link)).toEqual([{ id: 'kdc', text: 'KDC' }]);
  });
});

describe('glossary strips over every scenario', () => {
  for (const [id, t] of traces) {
    it(id, () => {
      for (const layered of [false, true]) for (const { width, scale } of SIZES) {
        const base = layoutDiagram(t, { width, layered, scale });
        // The current step's strip, at each step; then the current step's and an earlier selected label's.
        const steps = base.rows.filter((r) => r.kind === 'message' || r.kind === 'decision');
        const wants: Map<string, LabelTerm[]>[] = steps.map((r) => new Map([[r.event.id, termsOf(r)]]));
        const calls = base.rows.filter((r) => r.kind === 'call');
        if (calls.length && steps.length) wants.push(new Map([[calls[0].event.id, termsOf(calls[0])], [steps[steps.length - 1].event.id, termsOf(steps[steps.length - 1])]]));
        for (const wanted of wants) check(base, withStrips(base, wanted, scale, width), wanted, base.width, width);
      }
    });
  }

  it('no strip, no change: the same layout object', () => {
    const base = layoutDiagram(traces[0][1], { width: 900, layered: false, scale: 1 });
    expect(withStrips(base, new Map(), 1).layout).toBe(base);
    expect(withStrips(base, new Map([[base.rows[0].event.id, []]]), 1).layout).toBe(base);
  });

  it('many terms on a narrow screen take more lines, never more width than the diagram', () => {
    const row = layoutDiagram(traces[0][1], { width: 390, layered: false, scale: 1 }).rows[0];
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, text: `AUTHENTICATE_MESSAGE${i}` }));
    const one = stripBox(row, many.slice(0, 1), 390, 1);
    const all = stripBox(row, many, 390, 1);
    expect(all.w).toBeLessThanOrEqual(390 - 8);
    expect(all.h).toBeGreaterThan(one.h * 3);
  });
});

function check(base: ReturnType<typeof layoutDiagram>, out: { layout: ReturnType<typeof layoutDiagram>; strips: Strip[] }, wanted: Map<string, LabelTerm[]>, width: number, view: number) {
  const { layout, strips } = out;
  expect(strips.map((s) => s.id)).toEqual(base.rows.filter((r) => wanted.get(r.event.id)?.length).map((r) => r.event.id));
  let shift = 0;
  for (const [i, r] of layout.rows.entries()) {
    const b = base.rows[i];
    expect(r.event).toBe(b.event);
    // Rows above the first strip are the very same objects (their labels do not redraw).
    if (shift === 0) expect(r).toBe(b);
    expect(r.y).toBeCloseTo(b.y + shift);
    expect(r.ay - r.y).toBeCloseTo(b.ay - b.y);
    expect(layout.rowByEvent.get(r.event.id)).toBe(r);
    const strip = strips.find((s) => s.id === r.event.id);
    if (!strip) continue;
    expect(strip.y).toBeCloseTo(r.y + r.h);
    expect(strip.x).toBeGreaterThanOrEqual(0);
    expect(strip.x + strip.w).toBeLessThanOrEqual(width);
    // As wide as its label at least, never wider than the screen (a wide diagram scrolls sideways).
    expect(strip.w).toBeGreaterThanOrEqual(Math.min(r.lw, width - 8, view - 8));
    expect(strip.w).toBeLessThanOrEqual(view - 8);
    expect(strip.terms).toEqual(wanted.get(r.event.id));
    shift += strip.h;
  }
  const overlapping: string[] = [];
  for (const s of strips) for (const r of layout.rows) if (boxesMeet(s, labelBox(r))) overlapping.push(`${s.id} / ${r.event.id}`);
  for (let i = 0; i < strips.length; i++) for (let j = i + 1; j < strips.length; j++) if (boxesMeet(strips[i], strips[j])) overlapping.push(`${strips[i].id} / ${strips[j].id}`);
  expect(overlapping, 'strips that overlap a label or each other').toEqual([]);
  const last = strips[strips.length - 1];
  if (last) expect(layout.height).toBeGreaterThanOrEqual(last.y + last.h);
  expect(layout.height).toBeGreaterThanOrEqual(base.height);
}
