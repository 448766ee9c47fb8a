// The full walk of every scenario, against the store (the browser suite walks a sample, e2e/walk.spec.ts):
// each opens from its first step, steps forward one at a time to the last with the narration, the
// sentence and the visible events of each step in order, stops there, and at the last step shows the
// outcome; the diagram's geometry gives one arrow per message, one note per decision and, in the
// layered view, one row per SSPI call. New scenarios are walked as soon as they are in the registry.
import { describe, expect, it } from 'vitest';
import { engine } from './run';
import { createAppStore } from './store';
import { selectAtLast, selectCurrentStep, selectOutcomeVisible } from './selectors';
import { visibleEvents } from './steps';
import { layoutDiagram } from '../components/Diagram/layout';
import { stepSentence } from '../components/Diagram/labels';

describe('walk every scenario in the store', () => {
  for (const s of engine.listScenarios()) {
    it(`walks ${s.id} to its last step`, () => {
      const store = createAppStore(engine);
      store.getState().loadQuery(`?scenario=${s.id}`);
      const st = store.getState();
      expect(st.notices).toEqual([]);
      const trace = st.trace!;
      const n = st.steps.length;
      expect(n).toBeGreaterThan(0);
      expect(st.cursor).toBe(0);
      let shown = 0;
      for (let i = 0; i < n; i++) {
        const now = store.getState();
        expect(now.cursor).toBe(i);
        const step = selectCurrentStep(now)!;
        expect(step.narration.length, `${s.id} step ${i + 1}: narration`).toBeGreaterThan(20);
        expect(stepSentence(step, trace.nodes)).not.toMatch(/undefined|null|NaN/);
        const visible = visibleEvents(trace, now.steps, now.cursor).length;
        expect(visible, `${s.id} step ${i + 1}: more of the run is shown`).toBeGreaterThan(shown);
        shown = visible;
        expect(selectAtLast(now)).toBe(i === n - 1);
        store.getState().next();
      }
      expect(store.getState().cursor, 'next at the last step stays there').toBe(n - 1);
      expect(visibleEvents(trace, store.getState().steps, n - 1)).toEqual(trace.events);
      // "Hide outcome" (presenter's "what will happen?") shows the outcome at the last step, not before.
      store.getState().set({ hideOutcome: true });
      expect(selectOutcomeVisible(store.getState())).toBe(true);
      if (n > 1) { store.getState().back(); expect(selectOutcomeVisible(store.getState())).toBe(false); }

      for (const layered of [false, true]) {
        const l = layoutDiagram(trace, { width: 1280, layered, scale: 1 });
        const kinds = (k: string) => l.rows.filter((r) => r.kind === k).length;
        expect(kinds('message')).toBe(trace.events.filter((e) => e.type === 'message').length);
        expect(kinds('decision')).toBe(trace.events.filter((e) => e.type === 'decision').length);
        expect(kinds('call')).toBe(layered ? trace.events.filter((e) => e.type === 'sspi-call').length : 0);
      }
    });
  }
});
