// The real engine binding: the catalog plus the runner. Loaded lazily by the app (after the first
// diagram is interactive), statically by tests, the CLI-side checks and the build-time precompute
// (in Node every provider is registered; in the app a run throws when a heavy provider it needs is not
// loaded, so the worker awaits loadFor(scenario) first).
import { getScenario } from '../scenarios';
import { simulate } from '../engine/simulate';
import { BUILT } from '../engine/packages';
import { loadProvidersFor } from './providers';
import { catalog } from './catalog';
import type { ScenarioRef, SyncEngineApi } from './engine';

export const engine: SyncEngineApi = {
  ...catalog,
  // The providers the engine has built: its package registry's names (a lazy one too, loaded or not).
  built: BUILT,
  run(ref, options) {
    const scenario = typeof ref === 'string' ? getScenario(ref) : ref;
    if (!scenario) throw new Error(`no scenario "${String(ref)}"`);
    return simulate(scenario, options);
  },
};

/** Loads the code a run needs (a heavy provider's chunk, e.g. Schannel's, the first time): the worker
 * and the main-thread fallback await it before the synchronous run. */
export function loadFor(ref: ScenarioRef): Promise<void> {
  const scenario = typeof ref === 'string' ? getScenario(ref) : ref;
  return scenario ? loadProvidersFor(scenario) : Promise.resolve();
}
