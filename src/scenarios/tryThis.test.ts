// Every scenario of the registry (those added later too) carries narration for each step, different
// from step to step, and 2–4 "try this" suggestions whose claims hold: each one, applied with the
// store's one click, changes the outcome, the mechanism or the decisive step as it says.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '.';
import { engine } from '../store/run';
import { createAppStore } from '../store/store';
import { steps, type Trace } from '../engine/trace';
import { checkExpectation, optionsFor, stepLines } from './tryThis';
import { validateScenario } from './schema';

const base = new Map<string, Trace>(SCENARIOS.map((s) => [s.id, engine.run(s, {})]));

describe('narration', () => {
  it('every message and decision of every scenario has its own narration', () => {
    const problems: string[] = [];
    for (const s of SCENARIOS) {
      const seen = new Map<string, number>();
      steps(base.get(s.id)!).forEach((e, i) => {
        const n = e.narration?.trim() ?? '';
        if (n.length < 20) problems.push(`${s.id} step ${i + 1}: no narration`);
        else if (seen.has(n)) problems.push(`${s.id} steps ${seen.get(n)! + 1} and ${i + 1} share the narration "${n.slice(0, 80)}…"`);
        else seen.set(n, i);
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('try this', () => {
  it('every scenario has 2–4 suggestions, each with what to watch for and a claim', () => {
    const problems: string[] = [];
    for (const s of SCENARIOS) {
      const n = s.tryThis?.length ?? 0;
      if (n < 2 || n > 4) problems.push(`${s.id}: ${n} suggestions`);
      if (new Set(s.tryThis?.map((t) => t.label)).size !== n) problems.push(`${s.id}: two suggestions share a label`);
      const v = validateScenario(JSON.parse(JSON.stringify(s)));
      if (!v.ok) problems.push(`${s.id}: ${v.errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('each suggestion, applied with the store\'s one click, does what it claims against the scenario as written', () => {
    const problems: string[] = [];
    for (const s of SCENARIOS) for (const [i, t] of (s.tryThis ?? []).entries()) {
      const store = createAppStore(engine);
      store.getState().loadQuery(`?scenario=${s.id}`);
      // Once per scenario: another change first, so the click is seen to start from the scenario as written.
      if (i === 0) store.getState().setParam('seed', 1234);
      store.getState().trySuggestion(t);
      const st = store.getState();
      expect(st.notices, `${s.id}: ${t.label}`).toEqual([]);
      expect(Object.keys(st.params).filter((k) => k !== (t.kind === 'param' ? t.name : '')), `${s.id}: ${t.label}`).toEqual([]);
      for (const p of checkExpectation(t.expect, base.get(s.id)!, st.trace!)) problems.push(`${s.id} — ${t.label}: ${p}`);
      if (i === 0) {
        expect(stepLines(st.trace!), `${s.id}: ${t.label}, same as the engine run`).toEqual(stepLines(engine.run(s, optionsFor(s, t))));
        store.getState().trySuggestion(t);
        expect(stepLines(store.getState().trace!), `${s.id}: ${t.label}, second click`).toEqual(stepLines(base.get(s.id)!));
        expect(store.getState().params).toEqual({});
      }
    }
    expect(problems).toEqual([]);
  });
});
