// The real engine binding: the built-in scenarios, the runner and the parameter registry.
import { getScenario, listScenarios } from '../scenarios';
import { simulate } from '../engine/simulate';
import { PARAMETERS, parseParam } from '../engine/params';
import type { EngineApi } from './engine';

export const engine: EngineApi = {
  listScenarios,
  run(id, options) {
    const scenario = getScenario(id);
    if (!scenario) throw new Error(`no scenario "${id}"`);
    return simulate(scenario, options);
  },
  parameters: PARAMETERS,
  parseParam,
};
