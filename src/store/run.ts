// The real engine binding: the catalog plus the runner. Loaded lazily by the app (after the first
// diagram is interactive), statically by tests, the CLI-side checks and the build-time precompute.
import { getScenario } from '../scenarios';
import { simulate } from '../engine/simulate';
import { catalog } from './catalog';
import type { SyncEngineApi } from './engine';

export const engine: SyncEngineApi = {
  ...catalog,
  run(id, options) {
    const scenario = getScenario(id);
    if (!scenario) throw new Error(`no scenario "${id}"`);
    return simulate(scenario, options);
  },
};
