// What the store needs from the engine, as one small interface. The real binding (run.ts) wires it
// to src/scenarios + src/engine/simulate + src/engine/params; tests may pass the same binding.
// Components never call the engine: only the store does, through this interface.
import type { PackageName, Trace } from '../engine/trace';
import type { Scenario, TryThis } from '../engine/scenario';
import type { ParamValue, ParamSpec } from '../engine/params';

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface ScenarioInfo {
  id: string;
  title: string;
  /** Provider group, e.g. "NTLM", "Kerberos", "Negotiate". */
  group: string;
  level: Level;
  goal: string;
  minutes?: number;
  references?: string[];
  keywords?: string[];
  /** The scenario's own "try this" suggestions, each with what to watch for. */
  tryThis?: TryThis[];
}

// Parameter types come from the engine's one registry (src/engine/params.ts), re-exported here for the
// screen, which never imports the engine's code (type-only import).
export type { ParamSpec, ParamValue } from '../engine/params';

export type ParseResult = { ok: true; value: ParamValue } | { ok: false; error: string };

/** What a run takes: a built-in scenario's id, or a scenario value (loaded from a file, or edited). */
export type ScenarioRef = string | Scenario;

export type { Scenario };

export interface RunOptions {
  client?: PackageName[];
  server?: PackageName[];
  params?: Record<string, ParamValue>;
}

/** What is known without the simulator: the scenario list and the parameter registry (small, in
 * the initial bundle). */
export interface Catalog {
  listScenarios(): ScenarioInfo[];
  parameters: readonly ParamSpec[];
  parseParam(name: string, raw: string): ParseResult;
}

/** The simulator itself (loaded after the first diagram is on screen). */
export interface EngineApi extends Catalog {
  /** Runs a scenario; throws (or rejects) when the id is unknown. In the app it runs in a web
   * worker and returns a promise; tests and the build use the synchronous engine. */
  run(scenario: ScenarioRef, options: RunOptions): Trace | Promise<Trace>;
  /** Optional: runs these when idle and keeps them, so a likely next toggle answers at once (the
   * worker does; a newer list replaces an older one). */
  prefetch?(scenario: ScenarioRef, options: RunOptions[]): void;
  /** The providers the engine has built, from its package registry (the others are shown as not
   * built yet). */
  built?: readonly PackageName[];
}

/** The engine as tests, the build-time precompute and the worker use it: synchronous. */
export interface SyncEngineApi extends EngineApi {
  run(scenario: ScenarioRef, options: RunOptions): Trace;
}

/** A trace of the default scenario computed by the real engine at build time, without its field
 * trees (they arrive with the engine), so the first diagram needs no simulator code. */
export interface Precomputed {
  id: string;
  trace: Trace;
}

/** The scenario the app opens on when the URL names none. */
export function defaultScenarioId(list: ScenarioInfo[]): string | null {
  if (list.some((s) => s.id === 'negotiate-kerberos-http')) return 'negotiate-kerberos-http';
  return list[0]?.id ?? null;
}
