// The simulator in a web worker: a run (and the engine's first, cold run with its key derivations)
// never blocks the screen. Requests: { id, scenario, options }; replies: { id, trace } or { id, error }.
import { engine } from './run';
import type { RunOptions } from './engine';

interface Request { id: number; scenario: string; options: RunOptions }

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, scenario, options } = e.data;
  try {
    const trace = engine.run(scenario, options);
    (self as unknown as Worker).postMessage({ id, trace });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
