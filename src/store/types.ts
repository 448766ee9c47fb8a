// The store's shape: one Zustand store made of five slices.
import type { PackageName, Trace } from '../engine/trace';
import type { Suggestion } from '../engine/sspi/meta';
import type { Catalog, EngineApi, ParamValue, Precomputed, Scenario, ScenarioInfo } from './engine';
import type { Step } from './steps';

export type Side = 'client' | 'server';

export interface ScenarioSlice {
  catalog: Catalog;
  /** The simulator, once loaded (null before: the screen shows the precomputed default run). */
  engine: EngineApi | null;
  precomputed: Precomputed | null;
  /** The trace lacks its field trees (the precomputed run, until the engine arrives). */
  partial: boolean;
  /** A scenario asked for before the engine was loaded, opened when it arrives. */
  pending: { id: string | null; toggles: { client: PackageName[] | null; server: PackageName[] | null; params: Record<string, ParamValue> }; step: number | null; notices: string[] } | null;
  /** Hands the loaded simulator to the store: pending scenarios open, a partial run is completed. */
  engineReady(engine: EngineApi): void;
  engineFailed(error: string): void;
  scenarios: ScenarioInfo[];
  scenarioId: string | null;
  /** The scenario's value when it was opened from a file (runs take it instead of a built-in id). */
  scenarioValue: Scenario | null;
  trace: Trace | null;
  /** The run with its field trees: the trace itself, or (while the trace is the precomputed one)
   * null until the engine completes it. The inspector and the downloads read it. */
  detail: Trace | null;
  steps: Step[];
  /** The providers the engine has built (from its package registry); null until known. */
  built: readonly PackageName[] | null;
  /** Effective params and packages of the scenario with no toggles (to know what a toggle changed). */
  base: { params: Record<string, ParamValue>; client: PackageName[]; server: PackageName[] } | null;
  /** What the last toggle changed, for the outcome banner. */
  change: string | null;
  /** Clear notices (bad link, unknown scenario, engine fault); never a blank screen. */
  notices: string[];
  selectScenario(id: string): void;
  /** Runs a scenario value (from a file, or edited) exactly like a built-in. */
  openScenarioValue(scenario: Scenario): void;
  /** Checks a scenario file's text against the schema: opens it, or says what is wrong in a notice. */
  openScenarioFile(text: string, name: string): Promise<boolean>;
  dismissNotice(index: number): void;
  addNotice(text: string): void;
  /** Restores scenario, toggles, step and view settings from a query string (deep link,
   * back/forward). Panels the link does not mention open or close by the viewport's size. */
  loadQuery(search: string, viewport?: { w: number; h: number }): void;
}

export interface TogglesSlice {
  /** Enabled packages when changed from the scenario's own; null = the scenario's. */
  client: PackageName[] | null;
  server: PackageName[] | null;
  /** Parameters changed from the scenario's own. */
  params: Record<string, ParamValue>;
  setPackage(side: Side, pkg: PackageName, on: boolean): void;
  setParam(name: string, value: ParamValue): void;
  resetToggles(): void;
  /** "Try this", one click: the scenario as written with only this change (or, when it is what the run shows
   *  already, the scenario as written again). */
  trySuggestion(sug: Suggestion): void;
}

export interface PlaybackSlice {
  /** Index of the current step, -1 when the trace has no step. */
  cursor: number;
  /** Direction of the last move: 1 forward, -1 back, 0 a jump (no travel animation). */
  direction: 1 | -1 | 0;
  playing: boolean;
  speed: number;
  first(): void;
  back(): void;
  next(): void;
  last(): void;
  goTo(index: number): void;
  togglePlay(): void;
  setPlaying(on: boolean): void;
  setSpeed(speed: number): void;
}

export interface SelectionSlice {
  /** A message picked on the diagram; null = the current step's. */
  selectedEventId: string | null;
  /** Which bytes the inspector shows: the token itself or its carrier. */
  part: 'token' | 'carrier';
  /** Decrypted parts opened, each a field path in the level before. */
  decryptPath: number[][];
  /** Selected field (index path) in the innermost open level. */
  fieldPath: number[] | null;
  selectEvent(id: string | null): void;
  setPart(part: 'token' | 'carrier'): void;
  openDecrypted(path: number[]): void;
  closeDecrypted(level: number): void;
  selectField(path: number[] | null): void;
}

/** The panels that can be closed (kept in the URL as `closed=`). */
export type Panel = 'topology' | 'inspector' | 'state';
export const PANELS: readonly Panel[] = ['topology', 'inspector', 'state'];
/** On a phone one panel fills the screen under the header: the diagram first, the others as tabs. */
export type Tab = 'diagram' | 'inspector' | 'state' | 'setup';
export const TABS: readonly Tab[] = ['diagram', 'inspector', 'state', 'setup'];
export type Theme = 'system' | 'light' | 'dark';

/** What the URL holds besides the run: the view settings a trainer prepares a link with. */
export interface ViewSettings {
  layered: boolean;
  view: 'diagram' | 'table';
  presenter: boolean;
  hideOutcome: boolean;
  inspectorCollapsed: boolean;
  topologyCollapsed: boolean;
  nodeStateOpen: boolean;
  tab: Tab;
  /** The panels closed by default on this screen in this mode (the URL says `closed=` only when
   * the panels differ from them). */
  panelDefaults: readonly Panel[];
}

export interface SettingsSlice extends ViewSettings {
  /** Light, dark or the system's (kept in localStorage, not in the URL). */
  theme: Theme;
  set(patch: Partial<Omit<ViewSettings, 'panelDefaults'> & { theme: Theme }>): void;
  /** Presenter mode on or off, with the panels it closes to give the diagram the screen (or reopens). */
  setPresenter(on: boolean, viewport?: { w: number; h: number }): void;
}

export type AppState = ScenarioSlice & TogglesSlice & PlaybackSlice & SelectionSlice & SettingsSlice;

export const SPEEDS = [0.5, 1, 1.5, 2, 3, 4] as const;
