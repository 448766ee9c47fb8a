// The simulator in a web worker: a run (and the engine's first, cold run with its key derivations)
// never blocks the screen. Messages in: { id, scenario, options }, a run (replies { id, json } or
// { id, error }); or { prefetch: scenario, options }, a run to keep for later (replies { prefetched }).
// Finished runs are kept (RunCache), so a prefetched or repeated run answers at once. A trace travels as
// its JSON text: a run with field trees is tens of thousands of small objects, which structured cloning
// copies several times slower than the main thread parses the same JSON. A heavy provider's code (Schannel's)
// is fetched the first time a run needs it (loadFor), so the worker starts without it.
import { engine, loadFor } from './run';
import type { RunOptions, ScenarioRef } from './engine';
import { RunCache, runKey } from './runCache';

type Request = { id: number; scenario: ScenarioRef; options: RunOptions } | { prefetch: ScenarioRef; options: RunOptions };

// The current run, the ones a toggle away (up to ~16) and a few earlier ones; as JSON text, 32 runs
// are about 16 MB.
const cache = new RunCache<string>(32);

/** A run as JSON, from the cache when kept (which also marks it as recently used). */
function run(scenario: ScenarioRef, options: RunOptions): string {
  const key = runKey(scenario, options);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const json = JSON.stringify(engine.run(scenario, options));
  cache.set(key, json);
  return json;
}

const post = (m: unknown) => (self as unknown as Worker).postMessage(m);

// Requests are answered in the order they came (a run waiting for its provider's code holds the later ones).
let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  queue = queue.then(async () => {
    if ('prefetch' in req) {
      try { await loadFor(req.prefetch); run(req.prefetch, req.options); } catch { /* the real request, if it comes, reports it */ }
      post({ prefetched: true });
      return;
    }
    try {
      await loadFor(req.scenario);
      post({ id: req.id, json: run(req.scenario, req.options) });
    } catch (err) {
      post({ id: req.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
};
