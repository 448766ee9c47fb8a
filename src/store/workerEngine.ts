// An EngineApi whose runs happen in a web worker (engine.worker.ts): run() returns a promise.
import type { Trace } from '../engine/trace';
import type { Catalog, EngineApi, RunOptions } from './engine';

type Reply = { id: number; trace: Trace } | { id: number; error: string };

export function workerEngine(catalog: Catalog, onFatal: (message: string) => void): EngineApi {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'sspi-engine' });
  const waiting = new Map<number, { resolve: (t: Trace) => void; reject: (e: Error) => void }>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if ('trace' in e.data) w.resolve(e.data.trace);
    else w.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => {
    const msg = e.message || 'the simulator worker failed to start';
    for (const w of waiting.values()) w.reject(new Error(msg));
    waiting.clear();
    onFatal(msg);
  };
  return {
    ...catalog,
    run(id: string, options: RunOptions): Promise<Trace> {
      const rid = next++;
      return new Promise((resolve, reject) => {
        waiting.set(rid, { resolve, reject });
        worker.postMessage({ id: rid, scenario: id, options });
      });
    },
  };
}
