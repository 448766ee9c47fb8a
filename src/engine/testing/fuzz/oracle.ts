// What "pass" means for one fuzz input: only documented errors, and quick.
import { DecodeError } from '../../bytes';

/** The slowest an input may take (an input over it is timed again, so a busy machine does not count). */
export const BUDGET_MS = 100;
/** How many inputs a CI run feeds (npm run fuzz multiplies: FUZZ_SCALE=10 for a million). */
export const SCALE = Number(process.env.FUZZ_SCALE ?? 1) || 1;
/** The fast-check seed: every run is reproducible (FUZZ_SEED=n to explore others). */
export const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed) | 0;

export interface Stats { inputs: number; slowestMs: number; slowest: string }
export const stats = (): Stats => ({ inputs: 0, slowestMs: 0, slowest: '' });

/** The process's CPU time in ms: unlike the wall clock, it does not count the time other processes of a
 *  busy machine take (the suite runs beside others on 2 cores). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Time f (CPU time); over the budget, time it twice more and keep the fastest. */
export function timed(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = cpuMs();
    f();
    best = Math.min(best, cpuMs() - t);
    if (best <= BUDGET_MS) break;
  }
  return best;
}

/** Run a decoder on one input: null when it returned or threw DecodeError within the budget, else the finding. */
export function checkDecoder(name: string, decode: (b: Uint8Array) => unknown, b: Uint8Array, s: Stats): string | null {
  let thrown: unknown = null;
  const ms = timed(() => { try { decode(b); } catch (e) { thrown = e; } });
  s.inputs++;
  if (ms > s.slowestMs) { s.slowestMs = ms; s.slowest = `${name}, ${b.length} bytes`; }
  if (thrown !== null && !(thrown instanceof DecodeError)) return `${name} threw ${(thrown as Error).name ?? typeof thrown}: ${(thrown as Error).message ?? String(thrown)}`;
  if (ms > BUDGET_MS) return `${name} took ${ms.toFixed(0)} ms on a ${b.length}-byte input`;
  return null;
}
