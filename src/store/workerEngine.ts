// An EngineApi whose runs happen in a web worker (engine.worker.ts): run() returns a promise.
// prefetch() hands the worker the runs one toggle away, one at a time and only when `whenIdle` says
// the person is not busy (stepping): the worker's CPU is then never taken from the screen.
import type { Trace } from '../engine/trace';
import type { Catalog, EngineApi, RunOptions, ScenarioRef } from './engine';

type Reply = { id: number; json: string } | { id: number; error: string } | { prefetched: true };

/** Calls `fn` at a quiet moment; returns a cancel function. */
export type WhenIdle = (fn: () => void) => () => void;

const soon: WhenIdle = (fn) => { const t = setTimeout(fn, 0); return () => clearTimeout(t); };

export function workerEngine(catalog: Catalog, onFatal: (message: string) => void, whenIdle: WhenIdle = soon): EngineApi {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'sspi-engine' });
  const waiting = new Map<number, { resolve: (t: Trace) => void; reject: (e: Error) => void }>();
  let next = 1;
  // Prefetch: the newest list, the run the worker is computing, the quiet moment waited for.
  let wanted: { id: ScenarioRef; list: RunOptions[] } | null = null;
  let computing = false;
  let cancelWait: (() => void) | null = null;
  const pump = () => {
    if (computing || cancelWait || !wanted?.list.length) return;
    cancelWait = whenIdle(() => {
      cancelWait = null;
      const options = wanted?.list.shift();
      if (!wanted || !options) return;
      computing = true;
      worker.postMessage({ prefetch: wanted.id, options });
    });
  };
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const r = e.data;
    if ('prefetched' in r) { computing = false; pump(); return; }
    const w = waiting.get(r.id);
    if (!w) return;
    waiting.delete(r.id);
    if ('json' in r) w.resolve(JSON.parse(r.json) as Trace);
    else w.reject(new Error(r.error));
  };
  worker.onerror = (e) => {
    const msg = e.message || 'the simulator worker failed to start';
    for (const w of waiting.values()) w.reject(new Error(msg));
    waiting.clear();
    cancelWait?.();
    wanted = null;
    onFatal(msg);
  };
  return {
    ...catalog,
    run(id: ScenarioRef, options: RunOptions): Promise<Trace> {
      const rid = next++;
      return new Promise((resolve, reject) => {
        waiting.set(rid, { resolve, reject });
        worker.postMessage({ id: rid, scenario: id, options });
      });
    },
    prefetch(id: ScenarioRef, list: RunOptions[]) {
      wanted = { id, list: [...list] };
      pump();
    },
  };
}
