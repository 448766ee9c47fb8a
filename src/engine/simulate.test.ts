// The engine end to end, for every built-in scenario: deterministic (golden traces), every byte of
// every message and carrier explained, decrypted parts too.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { SCENARIOS } from '../scenarios';
import { uncovered, type Field } from './encoding/fields';
import { steps, type MessageEvent } from './trace';
import { hexGolden, stepsGolden } from './testing/golden';

function checkCoverage(where: string, fields: Field[], hexStr: string): string[] {
  const problems: string[] = [];
  const len = hexStr.length / 2;
  const gaps = uncovered(fields, len);
  if (gaps.length) problems.push(`${where}: ${gaps.length} of ${len} bytes unexplained (first at ${gaps[0]})`);
  const walk = (fs: Field[], path: string) => {
    for (const f of fs) {
      if (f.start < 0 || f.end > len || f.start > f.end) problems.push(`${where}: field ${path}${f.name} has range [${f.start}, ${f.end}) outside ${len} bytes`);
      if (!f.explain) problems.push(`${where}: field ${path}${f.name} has no explanation`);
      if (f.decrypted) problems.push(...checkCoverage(`${where} → ${f.name} (decrypted ${f.decrypted.name})`, f.decrypted.fields, f.decrypted.hex));
      if (f.children) walk(f.children, `${path}${f.name}/`);
    }
  };
  walk(fields, '');
  return problems;
}

describe.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  const trace = simulate(scenario);

  it('is deterministic: the same scenario and seed give a byte-identical trace', () => {
    expect(JSON.stringify(simulate(scenario))).toBe(JSON.stringify(trace));
  });

  it('explains every byte of every message and carrier (summary legs excepted)', () => {
    const problems: string[] = [];
    for (const e of trace.events.filter((x): x is MessageEvent => x.type === 'message')) {
      if (e.modelled === 'summary') { expect(e.hex).toBe(''); continue; }
      problems.push(...checkCoverage(`step ${e.seq} ${e.name}`, e.fields, e.hex));
      problems.push(...checkCoverage(`step ${e.seq} carrier ${e.carrier.name}`, e.carrier.fields, e.carrier.hex));
    }
    expect(problems).toEqual([]);
  });

  it('has a well-formed trace: ids, order, times, narration, outcome', () => {
    trace.events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.id).toBe(`e${i + 1}`);
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(e.narration.length, `event ${e.seq} narration`).toBeGreaterThan(10);
    });
    const ids = new Set(trace.nodes.map((n) => n.id));
    for (const e of trace.events) if (e.type === 'message') { expect(ids.has(e.from)).toBe(true); expect(ids.has(e.to)).toBe(true); }
    expect(steps(trace).length).toBeGreaterThan(2);
    expect(['authenticated', 'failed']).toContain(trace.outcome.result);
  });

  it('matches its golden steps and bytes (readable: one line per event, one per message\'s bytes)', async () => {
    await expect(stepsGolden(trace)).toMatchFileSnapshot(`./__golden__/${scenario.id}.steps.txt`);
    await expect(hexGolden(trace)).toMatchFileSnapshot(`./__golden__/${scenario.id}.hex.txt`);
  });
});
