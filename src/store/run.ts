// The real engine binding: the catalog plus the runner. Loaded lazily by the app (after the first
// diagram is interactive), statically by tests, the CLI-side checks and the build-time precompute.
import { getScenario } from '../scenarios';
import { simulate } from '../engine/simulate';
import { PACKAGES } from '../engine/packages';
import type { PackageName } from '../engine/trace';
import { catalog } from './catalog';
import type { SyncEngineApi } from './engine';

export const engine: SyncEngineApi = {
  ...catalog,
  // The providers the engine has built: its package registry's names.
  built: Object.keys(PACKAGES) as PackageName[],
  run(ref, options) {
    const scenario = typeof ref === 'string' ? getScenario(ref) : ref;
    if (!scenario) throw new Error(`no scenario "${String(ref)}"`);
    return simulate(scenario, options);
  },
};
