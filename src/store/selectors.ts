// Module-level selectors (stable references, so components re-render only when their slice changes).
import type { MessageEvent, TraceEvent } from '../engine/trace';
import type { AppState } from './types';
import type { Step } from './steps';

export const selectScenarios = (s: AppState) => s.scenarios;
export const selectScenarioId = (s: AppState) => s.scenarioId;
export const selectTrace = (s: AppState) => s.trace;
export const selectHasTrace = (s: AppState) => s.trace !== null;
export const selectSteps = (s: AppState) => s.steps;
export const selectCursor = (s: AppState) => s.cursor;
export const selectDirection = (s: AppState) => s.direction;
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectNotices = (s: AppState) => s.notices;
export const selectChange = (s: AppState) => s.change;
export const selectBase = (s: AppState) => s.base;
export const selectToggleClient = (s: AppState) => s.client;
export const selectToggleServer = (s: AppState) => s.server;
export const selectParams = (s: AppState) => s.params;
export const selectEngineParameters = (s: AppState) => s.catalog.parameters;
export const selectEngineLoaded = (s: AppState) => s.engine !== null;
export const selectPartial = (s: AppState) => s.partial;
export const selectPending = (s: AppState) => s.pending !== null;
export const selectLayered = (s: AppState) => s.layered;
export const selectView = (s: AppState) => s.view;
export const selectPresenter = (s: AppState) => s.presenter;
export const selectHideOutcome = (s: AppState) => s.hideOutcome;
export const selectInspectorCollapsed = (s: AppState) => s.inspectorCollapsed;
export const selectTopologyCollapsed = (s: AppState) => s.topologyCollapsed;
export const selectNodeStateOpen = (s: AppState) => s.nodeStateOpen;
export const selectTab = (s: AppState) => s.tab;
export const selectTheme = (s: AppState) => s.theme;
export const selectBuilt = (s: AppState) => s.built;
export const selectSelectedEventId = (s: AppState) => s.selectedEventId;
export const selectPart = (s: AppState) => s.part;
export const selectDecryptPath = (s: AppState) => s.decryptPath;
export const selectFieldPath = (s: AppState) => s.fieldPath;

export const selectCurrentStep = (s: AppState): Step | null => s.steps[s.cursor] ?? null;
export const selectStepCount = (s: AppState) => s.steps.length;
export const selectAtLast = (s: AppState) => s.steps.length > 0 && s.cursor >= s.steps.length - 1;
export const selectScenarioInfo = (s: AppState) => s.scenarios.find((x) => x.id === s.scenarioId) ?? null;

export const selectDetail = (s: AppState) => s.detail;

/** The event the inspector shows (the one picked on the diagram, else the current step's), from
 * the run with field trees when there is one. */
export const selectInspected = (s: AppState): TraceEvent | null => {
  const id = s.selectedEventId ?? s.steps[s.cursor]?.id;
  const src = s.detail ?? s.trace;
  if (!id || !src) return null;
  return src.events.find((e) => e.id === id) ?? null;
};

export const selectInspectedMessage = (s: AppState): MessageEvent | null => {
  const e = selectInspected(s);
  return e && e.type === 'message' ? e : null;
};

/** Whether the outcome may be shown (presenter's "hide until the last step"). */
export const selectOutcomeVisible = (s: AppState) => !s.hideOutcome || selectAtLast(s);

export const selectScenarioValue = (s: AppState) => s.scenarioValue;
