// The real engine binding. Until src/scenarios and src/engine/simulate land, there is no scenario:
// the app opens on its shell with a notice (never on a made-up trace).
import type { EngineApi } from './engine';

export const engine: EngineApi = {
  listScenarios: () => [],
  run: (id) => { throw new Error(`no scenario "${id}": the simulator has not landed yet`); },
  parameters: [],
  parseParam: (name) => ({ ok: false, error: `unknown parameter ${name}` }),
};
