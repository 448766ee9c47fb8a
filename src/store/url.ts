// The URL holds scenario, toggles and step in plain query parameters:
//   ?scenario=negotiate-kerberos-http&step=7&server=NTLM,Negotiate&kdcReachable=false
// Parsing never throws: whatever is wrong becomes a notice and the app opens anyway.
import { ALL_PACKAGES } from '../engine/sspi/packageInfo';
import type { PackageName } from '../engine/trace';
import type { Catalog, ParamValue } from './engine';
import { PANELS, TABS, type Panel, type Tab, type ViewSettings } from './types';

// Besides the run, the URL keeps the view a trainer prepares a link with:
//   presenter=1 hideOutcome=1 layers=1 view=table closed=topology,state tab=inspector
export const VIEW_KEYS = ['presenter', 'hideOutcome', 'layers', 'view', 'closed', 'tab'] as const;
export const RESERVED = ['scenario', 'step', 'client', 'server', ...VIEW_KEYS] as const;

/** The view settings a link sets (closed: null when it does not say which panels are closed). */
export interface ParsedView {
  presenter: boolean;
  hideOutcome: boolean;
  layered: boolean;
  view: 'diagram' | 'table';
  closed: Panel[] | null;
  tab: Tab;
}

const yes = (v: string | null) => v !== null && /^(1|true|yes|on|)$/i.test(v.trim());

function parseView(q: URLSearchParams, notices: string[]): ParsedView {
  let closed: Panel[] | null = null;
  const raw = q.get('closed');
  if (raw !== null) {
    closed = [];
    for (const n of raw.split(',').map((x) => x.trim()).filter((x) => x && x !== '-')) {
      const p = PANELS.find((x) => x === n.toLowerCase());
      if (p) { if (!closed.includes(p)) closed.push(p); } else notices.push(`The link closes an unknown panel "${n}"; it was ignored.`);
    }
  }
  const t = q.get('tab');
  const tab = TABS.find((x) => x === t?.toLowerCase()) ?? 'diagram';
  if (t !== null && !TABS.includes(t.toLowerCase() as Tab)) notices.push(`The link opens an unknown tab "${t}"; the diagram is shown.`);
  return {
    presenter: yes(q.get('presenter')),
    hideOutcome: yes(q.get('hideOutcome')),
    layered: yes(q.get('layers')),
    view: q.get('view') === 'table' ? 'table' : 'diagram',
    closed,
    tab,
  };
}

export interface ParsedQuery {
  scenarioId: string | null;
  /** 1-based step as written in the link, or null. */
  step: number | null;
  client: PackageName[] | null;
  server: PackageName[] | null;
  params: Record<string, ParamValue>;
  view: ParsedView;
  notices: string[];
}

function parsePackages(key: string, raw: string, notices: string[]): PackageName[] | null {
  const t = raw.trim();
  if (t === '' || t === '-') return [];
  const out: PackageName[] = [];
  for (const n of t.split(',').map((s) => s.trim()).filter(Boolean)) {
    const pkg = ALL_PACKAGES.find((p) => p.toLowerCase() === n.toLowerCase());
    if (pkg) { if (!out.includes(pkg)) out.push(pkg); } else notices.push(`The link names an unknown provider "${n}" in ${key}=; it was ignored.`);
  }
  return out.length ? out : null;
}

export function parseQuery(search: string, engine: Catalog): ParsedQuery {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const notices: string[] = [];
  const res: ParsedQuery = { scenarioId: null, step: null, client: null, server: null, params: {}, view: parseView(q, notices), notices };
  const scenario = q.get('scenario');
  if (scenario !== null) {
    if (engine.listScenarios().some((s) => s.id === scenario)) res.scenarioId = scenario;
    else notices.push(`The link asks for a scenario "${scenario}" that does not exist (yet); the default scenario is shown instead.`);
  }
  const step = q.get('step');
  if (step !== null) {
    if (/^\d+$/.test(step.trim()) && Number(step) >= 1) res.step = Number(step);
    else notices.push(`"step=${step}" is not a step number (1, 2, 3…); the first step is shown.`);
  }
  const client = q.get('client');
  if (client !== null) res.client = parsePackages('client', client, notices);
  const server = q.get('server');
  if (server !== null) res.server = parsePackages('server', server, notices);
  const unknown: string[] = [];
  for (const [key, raw] of q.entries()) {
    if ((RESERVED as readonly string[]).includes(key)) continue;
    const spec = engine.parameters.find((p) => p.name === key) ?? engine.parameters.find((p) => p.name.toLowerCase() === key.toLowerCase());
    if (!spec) { if (!unknown.includes(key)) unknown.push(key); continue; }
    const r = engine.parseParam(spec.name, raw);
    if (r.ok) res.params[spec.name] = r.value;
    else notices.push(`The link sets ${spec.name}=${raw}, which is not valid (${r.error}); the scenario's value is used.`);
  }
  // Unknown parameters make one notice, however many there are (a long list must not cover the screen).
  if (unknown.length === 1) notices.push(`The link sets "${clip(unknown[0])}", which is not a known parameter; it was ignored.`);
  else if (unknown.length > 1) {
    const shown = unknown.slice(0, 5).map((k) => `"${clip(k)}"`).join(', ');
    notices.push(`The link sets ${unknown.length} parameters that are not known (${shown}${unknown.length > 5 ? `, and ${unknown.length - 5} more` : ''}); they were ignored.`);
  }
  return res;
}

/** A name from a link, cut to something a notice can show. */
const clip = (k: string): string => (k.length > 40 ? `${k.slice(0, 40)}…` : k);

export interface QueryState {
  scenarioId: string | null;
  cursor: number;
  client: PackageName[] | null;
  server: PackageName[] | null;
  params: Record<string, ParamValue>;
  /** The view settings (written only when they differ from the plain screen). */
  settings?: ViewSettings;
}

/** The query string for a state (without the leading "?"); toggles only when changed. */
export function toQuery(s: QueryState): string {
  const q = new URLSearchParams();
  if (s.scenarioId) q.set('scenario', s.scenarioId);
  if (s.cursor >= 0) q.set('step', String(s.cursor + 1));
  if (s.client) q.set('client', s.client.join(',') || '-');
  if (s.server) q.set('server', s.server.join(',') || '-');
  for (const k of Object.keys(s.params).sort()) q.set(k, String(s.params[k]));
  const v = s.settings;
  if (v) {
    if (v.presenter) q.set('presenter', '1');
    if (v.hideOutcome) q.set('hideOutcome', '1');
    if (v.layered) q.set('layers', '1');
    if (v.view === 'table') q.set('view', 'table');
    const closed = PANELS.filter((p) => (p === 'topology' ? v.topologyCollapsed : p === 'inspector' ? v.inspectorCollapsed : !v.nodeStateOpen));
    const same = closed.length === v.panelDefaults.length && closed.every((p) => v.panelDefaults.includes(p));
    if (!same) q.set('closed', closed.join(',') || '-');
    if (v.tab !== 'diagram') q.set('tab', v.tab);
  }
  return q.toString().replace(/%2C/g, ',');
}
