// The catalog: the scenario list and the parameter registry. Small and free of simulator code, so
// it is in the initial bundle (the picker, the URL and the conditions need it at once).
import { listScenarios } from '../scenarios';
import { PARAMETERS, parseParam } from '../engine/params';
import type { Catalog } from './engine';

export const catalog: Catalog = { listScenarios, parameters: PARAMETERS, parseParam };
