// The one store of the app, built by a factory from five slices: scenario, toggles, playback
// cursor, selection, settings. Only the store runs the engine (through EngineApi); components read
// the store with the selectors in selectors.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PackageName, Trace } from '../engine/trace';
import { ALL_PACKAGES } from '../engine/sspi/packageInfo';
import { defaultScenarioId, type Catalog, type EngineApi, type ParamValue, type Precomputed } from './engine';
import { describeChange, keepCursor, stepsOf } from './steps';
import { parseQuery } from './url';
import { SPEEDS, type AppState, type PlaybackSlice, type ScenarioSlice, type SelectionSlice, type SettingsSlice, type Side, type TogglesSlice } from './types';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const noSelection = { selectedEventId: null, part: 'token' as const, decryptPath: [], fieldPath: null };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function packagesOf(trace: Trace, role: Side): PackageName[] {
  return trace.nodes.find((n) => n.role === role)?.enabledPackages.slice() ?? [];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function safeList(catalog: Catalog) {
  try { return catalog.listScenarios(); } catch { return []; }
}

interface Toggles { client: PackageName[] | null; server: PackageName[] | null; params: Record<string, ParamValue> }

/** Opens a scenario (with toggles and a 1-based step, as from a link). */
function openScenario(set: Set, get: Get, wanted: string | null, t: Toggles, step: number | null, notices: string[]): void {
  const { engine, scenarios, precomputed } = get();
  let id = wanted && scenarios.some((s) => s.id === wanted) ? wanted : null;
  if (wanted && !id) notices.push(`There is no scenario "${wanted}"; the default scenario is shown instead.`);
  id = id ?? defaultScenarioId(scenarios);
  const reset = { ...noSelection, playing: false, change: null, direction: 0 as const, pending: null };
  if (!id) {
    set({ scenarioId: null, trace: null, steps: [], base: null, client: null, server: null, params: {}, cursor: -1, partial: false, ...reset, notices: [...get().notices, ...notices] });
    return;
  }
  const untouched = !t.client && !t.server && Object.keys(t.params).length === 0;
  if (!engine) {
    if (precomputed && precomputed.id === id && untouched) {
      show(set, get, id, precomputed.trace, precomputed.trace, { client: null, server: null, params: {} }, step, notices, true);
    } else {
      // Wait for the simulator; the shell says it is loading.
      set({ scenarioId: id, trace: null, steps: [], base: null, cursor: -1, partial: false, ...reset, pending: { id, toggles: t, step, notices } });
    }
    return;
  }
  let baseTrace: Trace;
  try {
    baseTrace = engine.run(id, {});
  } catch (e) {
    notices.push(`The simulator could not run "${id}": ${message(e)}`);
    set({ scenarioId: id, trace: null, steps: [], base: null, client: null, server: null, params: {}, cursor: -1, partial: false, ...reset, notices: [...get().notices, ...notices] });
    return;
  }
  const base = baseOf(baseTrace);
  const norm = normalise(t, base);
  let trace = baseTrace;
  if (norm.client || norm.server || Object.keys(norm.params).length) {
    try {
      trace = engine.run(id, runOptions(norm));
    } catch (e) {
      notices.push(`The toggles in the link could not be applied (${message(e)}); the scenario is shown as written.`);
      norm.client = null; norm.server = null; norm.params = {};
    }
  }
  show(set, get, id, baseTrace, trace, norm, step, notices, false);
}

function baseOf(t: Trace): NonNullable<ScenarioSlice['base']> {
  return { params: { ...t.scenario.params }, client: packagesOf(t, 'client'), server: packagesOf(t, 'server') };
}

function show(set: Set, get: Get, id: string, baseTrace: Trace, trace: Trace, norm: Toggles, step: number | null, notices: string[], partial: boolean) {
  const steps = stepsOf(trace);
  let cursor = steps.length ? 0 : -1;
  if (step !== null && steps.length) {
    if (step > steps.length) notices.push(`Step ${step} is past the end of this scenario (${steps.length} steps); the last step is shown.`);
    cursor = Math.min(step, steps.length) - 1;
  }
  set({
    scenarioId: id, trace, steps, base: baseOf(baseTrace), ...norm, cursor, partial,
    ...noSelection, playing: false, change: null, direction: 0, pending: null,
    notices: [...get().notices, ...notices],
  });
}

function runOptions(t: Toggles) {
  const o: { client?: PackageName[]; server?: PackageName[]; params?: Record<string, ParamValue> } = {};
  if (t.client) o.client = t.client;
  if (t.server) o.server = t.server;
  if (Object.keys(t.params).length) o.params = t.params;
  return o;
}

/** Drops toggles equal to the scenario's own values (so the URL holds only what changed). */
function normalise(t: Toggles, base: NonNullable<ScenarioSlice['base']>): Toggles {
  const order = (l: PackageName[]) => ALL_PACKAGES.filter((p) => l.includes(p));
  const client = t.client && !sameSet(t.client, base.client) ? order(t.client) : null;
  const server = t.server && !sameSet(t.server, base.server) ? order(t.server) : null;
  const params: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(t.params)) if (base.params[k] !== v) params[k] = v;
  return { client, server, params };
}

/** Re-runs the current scenario with new toggles, keeping the step where it still makes sense. */
function applyToggles(set: Set, get: Get, next: Toggles): void {
  const s = get();
  if (!s.scenarioId || !s.base || !s.engine) return;
  const norm = normalise(next, s.base);
  let trace: Trace;
  try {
    trace = s.engine.run(s.scenarioId, runOptions(norm));
  } catch (e) {
    set({ notices: [...s.notices, `The simulator could not run with that change: ${message(e)}`] });
    return;
  }
  const steps = stepsOf(trace);
  const cursor = keepCursor(s.steps, steps, s.cursor);
  const change = s.trace ? describeChange(s.trace, trace) : null;
  set({ trace, steps, ...norm, cursor, direction: 0, change, ...noSelection });
}

const scenarioSlice = (deps: StoreDeps) => (set: Set, get: Get): ScenarioSlice => ({
  catalog: deps.catalog,
  engine: deps.engine ?? null,
  precomputed: deps.precomputed ?? null,
  partial: false,
  pending: null,
  scenarios: safeList(deps.catalog),
  scenarioId: null,
  trace: null,
  steps: [],
  base: null,
  change: null,
  notices: [],
  selectScenario(id) {
    openScenario(set, get, id, { client: null, server: null, params: {} }, null, []);
  },
  dismissNotice(index) {
    set({ notices: get().notices.filter((_, i) => i !== index) });
  },
  addNotice(text) {
    set({ notices: [...get().notices, text] });
  },
  loadQuery(search) {
    const q = parseQuery(search, get().catalog);
    openScenario(set, get, q.scenarioId, { client: q.client, server: q.server, params: q.params }, q.step, q.notices);
  },
  engineReady(engine) {
    set({ engine });
    const s = get();
    if (s.pending) {
      const p = s.pending;
      openScenario(set, get, p.id, p.toggles, p.step, p.notices);
      return;
    }
    if (s.partial && s.scenarioId) {
      // Complete the precomputed run: same flow, now with its field trees. The step stays.
      try {
        const trace = engine.run(s.scenarioId, runOptions({ client: s.client, server: s.server, params: s.params }));
        const steps = stepsOf(trace);
        set({ trace, steps, partial: false, cursor: Math.min(s.cursor, steps.length - 1), base: s.base ?? baseOf(trace) });
      } catch (e) {
        set({ notices: [...s.notices, `The simulator could not run "${s.scenarioId}": ${message(e)}`] });
      }
    }
  },
  engineFailed(error) {
    set({ notices: [...get().notices, `The simulator could not be loaded (${error}); reload the page to try again.`], pending: null });
  },
});

const togglesSlice = (set: Set, get: Get): TogglesSlice => ({
  client: null,
  server: null,
  params: {},
  setPackage(side, pkg, on) {
    const s = get();
    if (!s.trace) return;
    const current = s[side] ?? packagesOf(s.trace, side);
    const nextList = on ? (current.includes(pkg) ? current : [...current, pkg]) : current.filter((p) => p !== pkg);
    applyToggles(set, get, { client: s.client, server: s.server, params: s.params, [side]: nextList });
  },
  setParam(name, value) {
    const s = get();
    applyToggles(set, get, { client: s.client, server: s.server, params: { ...s.params, [name]: value } });
  },
  resetToggles() {
    applyToggles(set, get, { client: null, server: null, params: {} });
  },
});

const playbackSlice = (set: Set, get: Get): PlaybackSlice => {
  const move = (to: number, direction: 1 | -1 | 0) => {
    const { steps, cursor } = get();
    if (!steps.length) return;
    const c = Math.max(0, Math.min(steps.length - 1, to));
    if (c === cursor) { if (get().playing && c === steps.length - 1) set({ playing: false }); return; }
    set({ cursor: c, direction, ...noSelection, ...(c === steps.length - 1 ? { playing: false } : {}) });
  };
  return {
    cursor: -1,
    direction: 0,
    playing: false,
    speed: 1,
    first: () => move(0, 0),
    back: () => move(get().cursor - 1, -1),
    next: () => move(get().cursor + 1, 1),
    last: () => move(get().steps.length - 1, 0),
    goTo: (i) => move(i, i === get().cursor + 1 ? 1 : i === get().cursor - 1 ? -1 : 0),
    togglePlay() {
      const { playing, cursor, steps } = get();
      if (playing) { set({ playing: false }); return; }
      if (!steps.length) return;
      if (cursor >= steps.length - 1) set({ cursor: 0, direction: 0, ...noSelection });
      set({ playing: true });
    },
    setPlaying: (on) => set({ playing: on && get().steps.length > 0 }),
    setSpeed(speed) {
      const ok = (SPEEDS as readonly number[]).includes(speed);
      if (ok) set({ speed });
    },
  };
};

const selectionSlice = (set: Set, get: Get): SelectionSlice => ({
  ...noSelection,
  selectEvent: (id) => set({ ...noSelection, selectedEventId: id }),
  setPart: (part) => set({ part, decryptPath: [], fieldPath: null }),
  openDecrypted: (path) => set({ decryptPath: [...get().decryptPath, path], fieldPath: null }),
  closeDecrypted: (level) => set({ decryptPath: get().decryptPath.slice(0, Math.max(0, level)), fieldPath: null }),
  selectField: (path) => set({ fieldPath: path }),
});

const settingsSlice = (set: Set): SettingsSlice => ({
  layered: false,
  view: 'diagram',
  presenter: false,
  hideOutcome: false,
  inspectorCollapsed: false,
  set: (patch) => set(patch),
});

export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  catalog: Catalog;
  engine?: EngineApi | null;
  precomputed?: Precomputed | null;
}

/** One store per app (or per test). Pass the engine itself, or a catalog with the engine to come. */
export function createAppStore(deps: StoreDeps | EngineApi): AppStore {
  const d: StoreDeps = 'run' in deps ? { catalog: deps, engine: deps } : deps;
  return createStore<AppState>()((set, get) => ({
    ...scenarioSlice(d)(set, get),
    ...togglesSlice(set, get),
    ...playbackSlice(set, get),
    ...selectionSlice(set, get),
    ...settingsSlice(set),
  }));
}
