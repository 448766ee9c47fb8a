// The worker's memory of finished runs: a run is a pure function of (scenario, options), so a toggle
// switched back, or one prefetched while the screen was idle, answers without running the engine.
import type { RunOptions, ScenarioRef } from './engine';

/** The same key for the same run whatever the order its options were built in. */
export function runKey(scenario: ScenarioRef, options: RunOptions): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  // A built-in by its id; a scenario value by its whole content (an edited file is another run).
  const which = typeof scenario === 'string' ? scenario : JSON.stringify(sorted(scenario));
  return `${which} ${JSON.stringify(sorted(options))}`;
}

/** Least recently used runs, at most `max` of them (a run with field trees is a few hundred kB). */
export class RunCache<T> {
  private readonly runs = new Map<string, T>();
  constructor(private readonly max: number) {}

  get(key: string): T | undefined {
    const t = this.runs.get(key);
    if (t !== undefined) { this.runs.delete(key); this.runs.set(key, t); }
    return t;
  }

  has(key: string): boolean {
    return this.runs.has(key);
  }

  set(key: string, trace: T): void {
    this.runs.delete(key);
    this.runs.set(key, trace);
    while (this.runs.size > this.max) this.runs.delete(this.runs.keys().next().value!);
  }

  get size(): number {
    return this.runs.size;
  }
}
