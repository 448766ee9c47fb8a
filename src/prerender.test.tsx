// The build's first screen (src/prerender.tsx): it must hold the default run itself — its lifelines,
// the first message and the step counter — so the page paints the real first screen before any
// script, and hydration finds the same markup (a store hook that read the store's initial state on
// the server would render an empty shell here).
import { describe, expect, it } from 'vitest';
import { prerender } from './prerender';
import { engine } from './store/run';
import { defaultScenarioId } from './store/engine';
import { skeleton } from './store/skeleton';
import type { Trace } from './engine/trace';

describe('the prerendered first screen', () => {
  const id = defaultScenarioId(engine.listScenarios())!;
  const trace = engine.run(id, {}) as Trace;
  const { html, key } = prerender({ id, trace: skeleton(trace) }, [...(engine.built ?? [])]);
  it('draws the default run: every node\'s lifeline, the first message, the position and the outcome', () => {
    for (const n of trace.nodes) expect(html).toContain(n.hostName);
    const first = trace.events.find((e) => e.type === 'message');
    expect(first && first.type === 'message' && html.includes(first.name)).toBe(true);
    expect(html).toMatch(/data-testid="diagram\.arrow"/);
    expect(html).not.toContain('No scenario to show');
    expect(html).not.toContain('No run yet');
    expect(JSON.parse(key)[0]).toBe(id);
  });
});
