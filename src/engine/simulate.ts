// The runner's entry point: scenario + toggles + parameters in, trace out. Deterministic: the same
// inputs give a byte-identical trace (the seed feeds every random byte; the clock is simulated).
import { beginRun } from './runScope';
import { defaults, isIpAddress, type ParamValue } from './params';
import type { Scenario, ScenarioNode } from './scenario';
import type { Outcome, PackageName, Trace, TraceEvent, TraceExports } from './trace';
import { buildNodes } from './network/nodes';
import { Run, type RunRegistry } from './network/run';
import { clientIdentity, type ExchangeResult } from './network/flows/exchange';
import { PACKAGES, PROVIDERS, packagesMissing, providerOf, serviceFor } from './packages';
// Every lazy provider registered up front in Node; an empty module in the app's build, which loads a heavy
// provider with its scenario (vite.config.ts lazyProviders, src/store/providers.ts).
import './packages/all';
import { carrierSpec } from './network/carriers/registry';
import { packageNarration } from './packages/metas';
import { application } from './network/applications';
import { enumeratePackages } from './sspi/enumerate';
import type { NodeRuntime } from './network/nodes';

const REGISTRY: RunRegistry = { packages: PACKAGES, serviceFor, carrier: carrierSpec };

export type { RunRegistry };

export interface SimulateOptions {
  /** Packages enabled on the client (replaces the scenario's list). */
  client?: PackageName[];
  /** Packages enabled on the server (replaces the scenario's list). */
  server?: PackageName[];
  /** Parameter values (from --set, the URL or the toggles); override the scenario's. */
  params?: Record<string, ParamValue>;
  /** The wall clock, used only when startTime is "now". */
  wallClock?: () => Date;
  /** Wraps what the runner looks up (tests and the fuzz suite put a tampering package or service in). */
  registry?: (base: RunRegistry) => RunRegistry;
}

export function resolveParams(scenario: Scenario, options: SimulateOptions): Record<string, ParamValue> {
  return { ...defaults(), ...(scenario.params ?? {}), ...(options.params ?? {}) };
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): Trace {
  const missing = packagesMissing(scenario);
  if (missing.length) throw new Error(`the code of ${missing.join(', ')} is not loaded: the app loads it first (store/providers.ts loadProvidersFor)`);
  const params = resolveParams(scenario, options);
  beginRun();
  const seed = Number(params.seed) || scenario.seed;
  const startRaw = String(params.startTime || scenario.startTime);
  const start = startRaw === 'now' ? (options.wallClock ? options.wallClock() : new Date(scenario.startTime)) : new Date(startRaw);

  const specs: ScenarioNode[] = scenario.nodes.map((n) => {
    const copy: ScenarioNode = { ...n, packages: [...n.packages] };
    if (n.role === 'client' && options.client) copy.packages = [...options.client];
    if (isAcceptor(n, scenario.nodes) && options.server) copy.packages = [...options.server];
    if (n.role === 'client') copy.clockOffsetSeconds = (n.clockOffsetSeconds ?? 0) + Number(params.clockSkewMinutes ?? 0) * 60;
    if (isAcceptor(n, scenario.nodes)) copy.clockOffsetSeconds = (n.clockOffsetSeconds ?? 0) + Number(params.serverClockSkewMinutes ?? 0) * 60;
    return copy;
  });
  const run = new Run([], start, options.registry ? options.registry(REGISTRY) : REGISTRY, { ...packageNarration(), ...(scenario.narration?.steps ?? {}) }, params);
  const nodes = buildNodes(scenario, specs, params, seed, run.clock, run.packages);
  run.nodes.push(...nodes);
  run.scenario = scenario;

  const c = nodes.find((n) => n.spec.role === 'client');
  const s = nodes.find((n) => isAcceptor(n.spec, scenario.nodes));
  if (!c || !s) throw new Error(`scenario ${scenario.id} needs a client and a server node`);
  const target = String(params.target || scenario.application.target);
  for (const p of PROVIDERS) p.onRunStart?.({
    params, client: c, server: s, scenario, seed,
    note: (n, anchor, narration) => run.rec.note({ node: n.spec.id, anchor, time: run.timeOf(n as NodeRuntime), narration }),
  });
  run.snapshot();
  if (scenario.enumeratePackages) for (const n of nodes) enumeratePackages(run, n);
  if (scenario.logonFirst) interactiveLogon(run, c);

  const pkg = scenario.application.package;
  const app = application(scenario.application.protocol);
  const runApp = app?.run ?? (app?.provider ? providerOf(app.provider)?.applications?.[app.id] : undefined);
  if (!app || !runApp) throw new Error(`application protocol ${scenario.application.protocol} is not built yet`);
  // A failed interactive logon leaves nobody logged on: no application runs for that user.
  const result: ExchangeResult = c.logonFailed ? logonStopped(run, c) : runApp(run, c, s, {
    package: pkg, target, resource: scenario.application.resource ?? app.resource.default, serverOffers: scenario.application.serverOffers ?? [pkg],
  });
  // What every node holds once the exchange is over (the initiator's context is established only
  // after it processed the last token, e.g. Kerberos's AP-REP, which no later step snapshots).
  run.snapshot();
  const outcome: Outcome = {
    result: result.ok ? 'authenticated' : 'failed',
    package: result.package ?? pkg,
    mechanism: result.mechanism,
    status: result.status,
    reason: result.ok && result.summary ? result.summary : result.ok ? `${result.mechanism ?? pkg} authenticated ${c.spec.logon?.domain ?? ''}\\${c.spec.logon?.user ?? ''} to ${s.trace.hostName}${isIpAddress(target) ? ` (addressed as ${target})` : ''}.` : result.reason,
  };
  return {
    scenario: { id: scenario.id, title: scenario.title, goal: scenario.goal, seed, params, ...directoryNames(scenario) },
    nodes: nodes.map((n) => n.trace),
    outcome,
    events: run.rec.events,
    snapshots: run.rec.snapshots,
    exports: traceExports(scenario, run.rec.events, params, result.exports),
  };
}

/** The machine the application connects to: the server, or in a peer-to-peer scenario (no server node) the peer. */
export function isAcceptor(n: Pick<ScenarioNode, 'role'>, nodes?: readonly Pick<ScenarioNode, 'role'>[]): boolean {
  return n.role === 'server' || (n.role === 'peer' && !(nodes ?? []).some((x) => x.role === 'server'));
}

/** The logon failed: Windows stays at the logon screen, so the application (the share, the site) is never opened. */
function logonStopped(run: Run, c: NodeRuntime): ExchangeResult {
  const why = c.logonFailed!;
  run.rec.note({ node: c.spec.id, anchor: 'logon-failed-stop', time: run.timeOf(c),
    narration: `The logon failed (${why}): Windows shows the error at the logon screen and no session starts, so nothing goes on to open the connection. Type the right password to see the logon and then the connection succeed.` });
  run.snapshot();
  const ret = [...run.rec.events].reverse().find((e) => e.type === 'sspi-return' && e.call === 'LsaLogonUser');
  const status = ret && ret.type === 'sspi-return' ? ret.status : 'SEC_E_LOGON_DENIED';
  return { ok: false, status, reason: `The interactive logon on ${c.trace.hostName} failed (${why}); no session, so the application never ran.`, client: null, server: null, mechanism: null };
}

/** RID → name for the directory's accounts and groups (the inspector shows them beside a PAC's RIDs). */
function directoryNames(scenario: Scenario): { names?: Record<string, string> } {
  const entries = [...scenario.accounts.map((a) => [String(a.rid), a.name] as const), ...(scenario.groups ?? []).map((g) => [String(g.rid), g.name] as const)];
  return entries.length ? { names: Object.fromEntries(entries) } : {};
}

/** Each provider's contribution to the trace's exports, merged (lists concatenate). */
function traceExports(scenario: Scenario, events: readonly TraceEvent[], params: Readonly<Record<string, unknown>>, fromRun?: TraceExports): TraceExports {
  const out: TraceExports = {};
  const parts = [...PROVIDERS.map((p) => p.exports?.({ scenario, events, params }) ?? {}), fromRun ?? {}];
  for (const x of parts) {
    if (x.kerberosKeys) out.kerberosKeys = [...(out.kerberosKeys ?? []), ...x.kerberosKeys];
    if (x.tlsSecrets) out.tlsSecrets = [...(out.tlsSecrets ?? []), ...x.tlsSecrets];
  }
  return out;
}

/** Windows logon (scenario.logonFirst): the first provider with a logon hook that applies does it (Kerberos's AS exchange). */
function interactiveLogon(run: Run, c: NodeRuntime): void {
  const { identity } = clientIdentity(run, c);
  if (!identity) return;
  for (const p of PROVIDERS) {
    if (!p.logon) continue;
    const pkg = p.meta.name;
    const done = p.logon({
      client: c, identity, time: () => run.timeOf(c),
      call: (narration) => run.rec.call({ node: c.spec.id, layer: 'app', call: 'LsaLogonUser', package: pkg, flags: ['Interactive'], inputTokenLength: 0, time: run.timeOf(c), narration }),
      drive: (gen) => run.drive(c, gen),
      ret: (status, code, narration, error) => {
        if (status !== 'SEC_E_OK') c.logonFailed = error?.name ?? status;
        run.rec.ret({ node: c.spec.id, layer: 'app', call: 'LsaLogonUser', package: pkg, status, statusCode: code, flags: [], outputTokenLength: 0, time: run.timeOf(c), narration, error });
      },
      decision: (decision, condition, because, narration) => run.rec.decision({ node: c.spec.id, decision, condition, because, time: run.timeOf(c), narration }),
      cachedPassword: c.spec.logon && identity.user.toLowerCase() === c.spec.logon.user.toLowerCase() ? c.spec.logon.password : null,
      snapshot: () => run.snapshot(),
    });
    if (done) return;
  }
}
