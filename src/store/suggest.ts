// "Try this": a few one-click changes worth trying on the current run. A scenario names its own
// (each with what to watch for and a claim a test checks); a scenario file without them gets the
// packages' rules (their folders' meta.ts), composed with the parameter registry.
import type { Trace } from '../engine/trace';
import type { Suggestion } from '../engine/sspi/meta';
import type { TryThis } from '../engine/scenario';
import { packageSuggestions } from '../engine/packages/metas';
import type { ParamSpec } from './engine';
import type { AppState } from './types';

export type { Suggestion, TryThis };

export function suggestions(trace: Trace, specs: readonly ParamSpec[], max = 3): Suggestion[] {
  const has = (name: string) => specs.some((s) => s.name === name);
  const value = (name: string) => trace.scenario.params[name] ?? specs.find((s) => s.name === name)?.default;
  return packageSuggestions({ trace, has, value }).slice(0, max);
}

/** The current scenario's own suggestions (from the catalog, or the opened file), or null when it has none. */
export function scenarioSuggestions(s: Pick<AppState, 'scenarioId' | 'scenarios' | 'scenarioValue'>): TryThis[] | null {
  const own = s.scenarioValue && s.scenarioValue.id === s.scenarioId ? s.scenarioValue.tryThis : s.scenarios.find((x) => x.id === s.scenarioId)?.tryThis;
  return own?.length ? own : null;
}

/** Is this suggestion's change, and only it, what the run shows now (the scenario as written otherwise)? */
export function isApplied(s: Pick<AppState, 'trace' | 'params' | 'client' | 'server'>, sug: Suggestion): boolean {
  if (!s.trace) return false;
  if (sug.kind === 'param') return !s.client && !s.server && Object.keys(s.params).length === 1 && s.params[sug.name] === sug.value;
  if (Object.keys(s.params).length || s[sug.side === 'client' ? 'server' : 'client']) return false;
  const node = s.trace.nodes.find((n) => n.role === sug.side);
  return !!s[sug.side] && !!node && node.enabledPackages.includes(sug.pkg) === sug.on;
}
