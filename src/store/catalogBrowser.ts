// The catalog as the browser's first chunk has it: the scenarios' summaries computed at build time
// (virtual:sspi-scenarios, see precomputePlugin.ts) instead of the scenario modules themselves, and the
// parameter registry. Node (tests, the CLI, the build) uses catalog.ts, which reads src/scenarios.
import scenarios from 'virtual:sspi-scenarios';
import { PARAMETERS, parseParam } from '../engine/params';
import type { Catalog } from './engine';

export const catalog: Catalog = { listScenarios: () => scenarios, parameters: PARAMETERS, parseParam };
