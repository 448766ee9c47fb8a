import { describe, expect, it } from 'vitest';
import { base64, fromUtf8, hex } from '../../bytes';
import { leaves, uncovered, type Field } from '../../encoding/fields';
import { sampleSteps } from '../../export/pcap/sampleCapture.testdata';
import { CARRIERS, carrierFlow } from './registry';

function walk(fs: Field[], parent: { start: number; end: number }, out: string[], path = ''): void {
  let prevEnd = parent.start;
  for (const f of fs) {
    const p = `${path}/${f.name}`;
    if (!(f.start >= parent.start && f.end <= parent.end && f.start < f.end)) out.push(`${p}: [${f.start},${f.end}) outside [${parent.start},${parent.end})`);
    if (f.start < prevEnd) out.push(`${p}: overlaps its previous sibling`);
    if (!f.explain || f.explain.length < 5) out.push(`${p}: no explanation`);
    prevEnd = f.end;
    if (f.children?.length) walk(f.children, f, out, p);
  }
}

describe('every carrier message explains every byte', () => {
  const steps = sampleSteps();
  it('covers the sample capture\'s 20 messages', () => expect(steps.length).toBe(20));
  for (const [i, s] of steps.entries()) {
    it(`${i + 1}. ${s.msg.carrier.name}`, () => {
      const { carrier, wire, tokenRange } = s.msg;
      expect(carrier.hex).toBe(hex(wire));
      expect(uncovered(carrier.fields, wire.length)).toEqual([]);
      const problems: string[] = [];
      walk(carrier.fields, { start: 0, end: wire.length }, problems);
      expect(problems).toEqual([]);
      expect(carrierFlow(carrier.id)).toEqual(s.msg.flow);
      expect(CARRIERS.map((c) => c.id)).toContain(carrier.id);
      const tokenLeaves = leaves(carrier.fields).filter((f) => f.layer);
      if (!tokenRange) { expect(tokenLeaves).toEqual([]); return; }
      expect(tokenLeaves.length).toBe(1);
      expect([tokenLeaves[0].start, tokenLeaves[0].end]).toEqual([tokenRange.start, tokenRange.end]);
      const inside = wire.subarray(tokenRange.start, tokenRange.end);
      // The token field decodes to the token: base64 text in HTTP, the raw bytes elsewhere.
      const token = carrier.id === 'http' ? base64.decode(fromUtf8(inside)) : inside;
      expect(token.length).toBeGreaterThan(10);
      expect(['NTLM', 'SPNEGO', 'Kerberos']).toContain(tokenLeaves[0].layer);
    });
  }
  it('carriers with no network leg have no flow', () => expect(carrierFlow('netlogon')).toBeNull());
});
