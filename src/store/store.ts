// The one store of the app, built by a factory from five slices: scenario, toggles, playback
// cursor, selection, settings. Only the store runs the engine (through EngineApi); components read
// the store with the selectors in selectors.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PackageName, Trace } from '../engine/trace';
import { ALL_PACKAGES } from '../engine/sspi/packageInfo';
import { defaultScenarioId, type Catalog, type EngineApi, type ParamValue, type Precomputed, type RunOptions, type Scenario, type ScenarioRef } from './engine';
import { describeChange, keepCursor, stepsOf } from './steps';
import { parseQuery } from './url';
import { conditionSpecs, likelyToggles } from './conditions';
import { isApplied } from './suggest';
import { SPEEDS, type AppState, type Panel, type PlaybackSlice, type ScenarioSlice, type SelectionSlice, type SettingsSlice, type Side, type TogglesSlice, type ViewSettings } from './types';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];
/** What the store's internal functions work with; `seq` numbers engine requests (newest wins). */
interface Ctx { set: Set; get: Get; seq: { n: number } }

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

/** Runs each request, in order, synchronously when the engine is (tests, build) or through its
 * promises (the worker); `done` gets the traces. A newer request of the same store wins. */
function runAll(c: Ctx, engine: EngineApi, reqs: { id: ScenarioRef; options: RunOptions }[], done: (traces: Trace[]) => void, fail: (e: unknown) => void): void {
  const mine = ++c.seq.n;
  const ok = (traces: Trace[]) => { if (mine === c.seq.n) done(traces); };
  const ko = (e: unknown) => { if (mine === c.seq.n) fail(e); };
  let results: (Trace | Promise<Trace>)[];
  try {
    results = reqs.map((r) => engine.run(r.id, r.options));
  } catch (e) {
    ko(e);
    return;
  }
  if (results.some((r) => r instanceof Promise)) Promise.all(results).then(ok, ko);
  else ok(results as Trace[]);
}

/** Opens a scenario (with toggles and a 1-based step, as from a link). */
function openScenario(c: Ctx, wanted: string | null, t: Toggles, step: number | null, notices: string[]): void {
  const { set, get } = c;
  const { engine, scenarios, precomputed } = get();
  const value = get().scenarioValue;
  let id = wanted && (scenarios.some((s) => s.id === wanted) || value?.id === wanted) ? wanted : null;
  if (wanted && !id) notices.push(`There is no scenario "${wanted}"; the default scenario is shown instead.`);
  id = id ?? defaultScenarioId(scenarios);
  const reset = { ...noSelection, playing: false, change: null, direction: 0 as const, pending: null };
  if (!id) {
    c.seq.n++;
    set({ scenarioId: null, trace: null, detail: null, steps: [], base: null, client: null, server: null, params: {}, cursor: -1, partial: false, ...reset, notices: [...get().notices, ...notices] });
    return;
  }
  const untouched = !t.client && !t.server && Object.keys(t.params).length === 0;
  if (!engine) {
    c.seq.n++;
    if (precomputed && precomputed.id === id && untouched) {
      show(c, id, precomputed.trace, precomputed.trace, { client: null, server: null, params: {} }, step, notices, true);
    } else {
      // Wait for the simulator; the shell says it is loading.
      set({ scenarioId: id, trace: null, detail: null, steps: [], base: null, cursor: -1, partial: false, ...reset, pending: { id, toggles: t, step, notices } });
    }
    return;
  }
  const scenario = id;
  const ref: ScenarioRef = value && value.id === id ? value : id;
  const failed = (e: unknown) => {
    notices.push(`The simulator could not run "${scenario}": ${message(e)}`);
    set({ scenarioId: scenario, trace: null, detail: null, steps: [], base: null, client: null, server: null, params: {}, cursor: -1, partial: false, ...reset, notices: [...get().notices, ...notices] });
  };
  runAll(c, engine, [{ id: ref, options: {} }], ([baseTrace]) => {
    const norm = normalise(t, baseOf(baseTrace));
    if (!norm.client && !norm.server && Object.keys(norm.params).length === 0) {
      show(c, scenario, baseTrace, baseTrace, norm, step, notices, false);
      return;
    }
    runAll(c, engine, [{ id: ref, options: runOptions(norm) }], ([trace]) => show(c, scenario, baseTrace, trace, norm, step, notices, false), (e) => {
      notices.push(`The toggles in the link could not be applied (${message(e)}); the scenario is shown as written.`);
      show(c, scenario, baseTrace, baseTrace, { client: null, server: null, params: {} }, step, notices, false);
    });
  }, failed);
}

function baseOf(t: Trace): NonNullable<ScenarioSlice['base']> {
  return { params: { ...t.scenario.params }, client: packagesOf(t, 'client'), server: packagesOf(t, 'server') };
}

function show({ set, get }: Ctx, id: string, baseTrace: Trace, trace: Trace, norm: Toggles, step: number | null, notices: string[], partial: boolean) {
  const steps = stepsOf(trace);
  let cursor = steps.length ? 0 : -1;
  if (step !== null && steps.length) {
    if (step > steps.length) notices.push(`Step ${step} is past the end of this scenario (${steps.length} steps); the last step is shown.`);
    cursor = Math.min(step, steps.length) - 1;
  }
  set({
    scenarioId: id, trace, detail: partial ? null : trace, steps, base: baseOf(baseTrace), ...norm, cursor, partial,
    ...noSelection, playing: false, change: null, direction: 0, pending: null,
    notices: [...get().notices, ...notices],
  });
}

/** What the runs of the current scenario take: its value when it came from a file, else its id. */
function refOf(s: { scenarioId: string | null; scenarioValue: Scenario | null }): ScenarioRef {
  return s.scenarioValue && s.scenarioValue.id === s.scenarioId ? s.scenarioValue : s.scenarioId!;
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

/** Re-runs the current scenario with new toggles, keeping the step where it still makes sense.
 * The toggles are recorded at once (a second click before the run returns builds on the first). */
function applyToggles(c: Ctx, next: Toggles): void {
  const { set, get } = c;
  const s = get();
  if (!s.scenarioId || !s.base || !s.engine) return;
  const norm = normalise(next, s.base);
  set({ ...norm });
  const before = s.trace;
  runAll(c, s.engine, [{ id: refOf(s), options: runOptions(norm) }], ([trace]) => {
    const now = get();
    const steps = stepsOf(trace);
    const cursor = keepCursor(now.steps, steps, now.cursor);
    const change = before ? describeChange(before, trace) : null;
    set({ trace, detail: trace, steps, partial: false, cursor, direction: 0, change, ...noSelection });
  }, (e) => {
    set({ notices: [...get().notices, `The simulator could not run with that change: ${message(e)}`] });
  });
}

const scenarioSlice = (deps: StoreDeps, c: Ctx): ScenarioSlice => {
  const { set, get } = c;
  return {
  catalog: deps.catalog,
  engine: deps.engine ?? null,
  precomputed: deps.precomputed ?? null,
  partial: false,
  pending: null,
  scenarios: safeList(deps.catalog),
  scenarioId: null,
  scenarioValue: null,
  trace: null,
  detail: null,
  steps: [],
  built: deps.built ?? deps.engine?.built ?? null,
  base: null,
  change: null,
  notices: [],
  selectScenario(id) {
    if (get().scenarioValue?.id !== id) set({ scenarioValue: null });
    openScenario(c, id, { client: null, server: null, params: {} }, null, []);
  },
  openScenarioValue(scenario) {
    set({ scenarioValue: scenario });
    openScenario(c, scenario.id, { client: null, server: null, params: {} }, null, []);
  },
  async openScenarioFile(text, name) {
    // The schema (with the registries it checks against) loads only when a file is opened.
    const { parseScenarioText } = await import('../scenarios/schema');
    const r = parseScenarioText(text, name);
    if (!r.ok) {
      set({ notices: [...get().notices, `The file could not be opened: ${r.errors.join('; ')}`] });
      return false;
    }
    get().openScenarioValue(r.scenario);
    return true;
  },
  dismissNotice(index) {
    set({ notices: get().notices.filter((_, i) => i !== index) });
  },
  addNotice(text) {
    set({ notices: [...get().notices, text] });
  },
  loadQuery(search, viewport) {
    const q = parseQuery(search, get().catalog);
    const v = q.view;
    const defaults = defaultClosed(v.presenter, viewport ?? currentViewport());
    set({
      presenter: v.presenter, hideOutcome: v.hideOutcome, layered: v.layered, view: v.view, tab: v.tab,
      ...panelsFrom(v.closed ?? defaults), panelDefaults: defaults,
    });
    openScenario(c, q.scenarioId, { client: q.client, server: q.server, params: q.params }, q.step, q.notices);
  },
  engineReady(engine) {
    set({ engine, ...(engine.built ? { built: engine.built } : {}) });
    const s = get();
    if (s.pending) {
      const p = s.pending;
      openScenario(c, p.id, p.toggles, p.step, p.notices);
      return;
    }
    if (s.partial && s.scenarioId) {
      // Complete the precomputed run: the same events, now with their field trees. Only the
      // inspector reads them (the diagram keeps its trace, so nothing else re-renders).
      const id = s.scenarioId;
      runAll(c, engine, [{ id: refOf(s), options: runOptions({ client: s.client, server: s.server, params: s.params }) }], ([trace]) => {
        set({ detail: trace, partial: false });
      }, (e) => {
        set({ notices: [...get().notices, `The simulator could not run "${id}": ${message(e)}`] });
      });
    }
  },
  engineFailed(error) {
    set({ notices: [...get().notices, `The simulator could not be loaded (${error}); reload the page to try again.`], pending: null });
  },
  };
};

const togglesSlice = (c: Ctx): TogglesSlice => {
  const { get } = c;
  return {
  client: null,
  server: null,
  params: {},
  setPackage(side, pkg, on) {
    const s = get();
    if (!s.trace) return;
    const current = s[side] ?? packagesOf(s.trace, side);
    const nextList = on ? (current.includes(pkg) ? current : [...current, pkg]) : current.filter((p) => p !== pkg);
    applyToggles(c, { client: s.client, server: s.server, params: s.params, [side]: nextList });
  },
  setParam(name, value) {
    const s = get();
    applyToggles(c, { client: s.client, server: s.server, params: { ...s.params, [name]: value } });
  },
  resetToggles() {
    applyToggles(c, { client: null, server: null, params: {} });
  },
  trySuggestion(sug) {
    const s = get();
    if (!s.trace) return;
    if (isApplied(s, sug)) { applyToggles(c, { client: null, server: null, params: {} }); return; }
    if (sug.kind === 'param') { applyToggles(c, { client: null, server: null, params: { [sug.name]: sug.value } }); return; }
    const current = s.base?.[sug.side] ?? packagesOf(s.trace, sug.side);
    const list = sug.on ? (current.includes(sug.pkg) ? current : [...current, sug.pkg]) : current.filter((p) => p !== sug.pkg);
    applyToggles(c, { client: null, server: null, params: {}, [sug.side]: list });
  },
  };
};

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

function currentViewport(): { w: number; h: number } {
  return typeof window === 'undefined' ? { w: 1280, h: 720 } : { w: window.innerWidth, h: window.innerHeight };
}

/** The panels closed when a link does not say: node state on short screens; the topology too below
 * 1024 px wide (a tablet held upright: the inspector sits under the diagram); in presenter mode the
 * topology and node state (the diagram gets the screen), and the inspector below 1400 px wide. */
export function defaultClosed(presenter: boolean, vp: { w: number; h: number }): Panel[] {
  if (presenter) return ['topology', 'state', ...(vp.w < 1400 ? ['inspector' as const] : [])];
  if (vp.w < 1024) return ['topology', 'state'];
  return vp.h < 900 ? ['state'] : [];
}

function panelsFrom(closed: readonly Panel[]): Pick<ViewSettings, 'topologyCollapsed' | 'inspectorCollapsed' | 'nodeStateOpen'> {
  return { topologyCollapsed: closed.includes('topology'), inspectorCollapsed: closed.includes('inspector'), nodeStateOpen: !closed.includes('state') };
}

const settingsSlice = (set: Set): SettingsSlice => ({
  layered: false,
  view: 'diagram',
  presenter: false,
  hideOutcome: false,
  inspectorCollapsed: false,
  topologyCollapsed: false,
  nodeStateOpen: true,
  tab: 'diagram',
  panelDefaults: [],
  theme: 'system',
  set: (patch) => set(patch),
  setPresenter(on, viewport) {
    const defaults = defaultClosed(on, viewport ?? currentViewport());
    set({ presenter: on, ...panelsFrom(defaults), panelDefaults: defaults });
  },
});

export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  catalog: Catalog;
  /** The providers the engine has built (known at build time; else from the engine once loaded). */
  built?: readonly PackageName[] | null;
  engine?: EngineApi | null;
  precomputed?: Precomputed | null;
}

/** One store per app (or per test). Pass the engine itself, or a catalog with the engine to come. */
/** The runs one toggle away from the current one, as the store would ask for them: each provider
 * likely to be toggled (conditions.ts) switched the other way on either side, and each boolean
 * condition flipped. */
export function variantsAround(s: AppState): RunOptions[] {
  const { trace, base } = s;
  if (!trace || !base) return [];
  const cur: Toggles = { client: s.client, server: s.server, params: s.params };
  const out: RunOptions[] = [];
  for (const side of ['server', 'client'] as const) {
    const list = s[side] ?? packagesOf(trace, side);
    for (const p of likelyToggles(trace, ALL_PACKAGES)) {
      const next = list.includes(p) ? list.filter((x) => x !== p) : [...list, p];
      out.push(runOptions(normalise({ ...cur, [side]: next }, base)));
    }
  }
  const own = trace.scenario.params ?? {};
  for (const spec of conditionSpecs(trace, s.catalog.parameters)) {
    if (spec.type !== 'boolean') continue;
    const value = s.params[spec.name] ?? own[spec.name] ?? spec.default;
    out.push(runOptions(normalise({ ...cur, params: { ...s.params, [spec.name]: !value } }, base)));
  }
  return out;
}

export function createAppStore(deps: StoreDeps | EngineApi): AppStore {
  const d: StoreDeps = 'run' in deps ? { catalog: deps, engine: deps } : deps;
  const seq = { n: 0 };
  const store = createStore<AppState>()((set, get) => ({
    ...scenarioSlice(d, { set, get, seq }),
    ...togglesSlice({ set, get, seq }),
    ...playbackSlice(set, get),
    ...selectionSlice(set, get),
    ...settingsSlice(set),
  }));
  // Each complete run shown: the engine may compute the runs one toggle away while idle.
  store.subscribe((s, prev) => {
    if (!s.engine?.prefetch || !s.scenarioId || !s.trace || s.partial) return;
    if (s.trace === prev.trace && s.engine === prev.engine && s.partial === prev.partial) return;
    s.engine.prefetch(refOf(s), variantsAround(s));
  });
  return store;
}
