// "Try this": a few one-click changes worth trying on the current run. Every package contributes its
// own rules (its folder's meta.ts); this composes them with the parameter registry.
import type { Trace } from '../engine/trace';
import type { Suggestion } from '../engine/sspi/meta';
import { packageSuggestions } from '../engine/packages/metas';
import type { ParamSpec } from './engine';

export type { Suggestion };

export function suggestions(trace: Trace, specs: readonly ParamSpec[], max = 3): Suggestion[] {
  const has = (name: string) => specs.some((s) => s.name === name);
  const value = (name: string) => trace.scenario.params[name] ?? specs.find((s) => s.name === name)?.default;
  return packageSuggestions({ trace, has, value }).slice(0, max);
}
