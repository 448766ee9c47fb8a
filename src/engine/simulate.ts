// The runner's entry point: scenario + toggles + parameters in, trace out. Deterministic: the same
// inputs give a byte-identical trace (the seed feeds every random byte; the clock is simulated).
import { defaults, isIpAddress, type ParamValue } from './params';
import type { Scenario, ScenarioNode } from './scenario';
import type { Outcome, PackageName, Trace } from './trace';
import { buildNodes } from './network/nodes';
import { Run } from './network/run';
import { runHttp } from './network/flows/http';
import { runSmb2 } from './network/flows/smb2';
import type { ExchangeResult } from './network/flows/exchange';
import { PACKAGES } from './packages';
import { DC_SERVICES } from './network/dc';
import { buildKerberosTcp, buildKerberosUdp } from './network/carriers/kerberosTransport';
import { clientIdentity } from './network/flows/exchange';
import { asExchange } from './packages/kerberos/client/as';
import type { NodeRuntime } from './network/nodes';

export interface SimulateOptions {
  /** Packages enabled on the client (replaces the scenario's list). */
  client?: PackageName[];
  /** Packages enabled on the server (replaces the scenario's list). */
  server?: PackageName[];
  /** Parameter values (from --set, the URL or the toggles); override the scenario's. */
  params?: Record<string, ParamValue>;
  /** The wall clock, used only when startTime is "now". */
  wallClock?: () => Date;
}

export function resolveParams(scenario: Scenario, options: SimulateOptions): Record<string, ParamValue> {
  return { ...defaults(), ...(scenario.params ?? {}), ...(options.params ?? {}) };
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): Trace {
  const params = resolveParams(scenario, options);
  const seed = Number(params.seed) || scenario.seed;
  const startRaw = String(params.startTime || scenario.startTime);
  const start = startRaw === 'now' ? (options.wallClock ? options.wallClock() : new Date(scenario.startTime)) : new Date(startRaw);

  const specs: ScenarioNode[] = scenario.nodes.map((n) => {
    const copy: ScenarioNode = { ...n, packages: [...n.packages] };
    if (n.role === 'client' && options.client) copy.packages = [...options.client];
    if (n.role === 'server' && options.server) copy.packages = [...options.server];
    if (n.role === 'client') copy.clockOffsetSeconds = (n.clockOffsetSeconds ?? 0) + Number(params.clockSkewMinutes ?? 0) * 60;
    if (n.role === 'server') copy.clockOffsetSeconds = (n.clockOffsetSeconds ?? 0) + Number(params.serverClockSkewMinutes ?? 0) * 60;
    return copy;
  });
  const run = new Run([], start, PACKAGES, DC_SERVICES,
    (token, transport) => transport === 'udp/88' ? buildKerberosUdp(token) : buildKerberosTcp(token),
    scenario.narration?.steps ?? {}, params);
  const nodes = buildNodes(scenario, specs, params, seed, run.clock, PACKAGES);
  run.nodes.push(...nodes);
  run.scenario = scenario;

  const c = nodes.find((n) => n.spec.role === 'client');
  const s = nodes.find((n) => n.spec.role === 'server');
  if (!c || !s) throw new Error(`scenario ${scenario.id} needs a client and a server node`);
  const target = String(params.target || scenario.application.target);
  if (params.windowsRelease === '2025' && Number(params.lmCompatibilityLevel) < 3) {
    run.rec.note({ node: c.spec.id, anchor: 'windows-2025-ntlmv1', time: run.timeOf(c),
      narration: `LmCompatibilityLevel is ${params.lmCompatibilityLevel}, which asks for NTLMv1 — but NTLMv1 was removed in Windows 11 24H2 and Windows Server 2025, so the client sends NTLMv2 as at level 3.` });
    params.lmCompatibilityLevel = 3;
  }
  run.snapshot();
  if (scenario.logonFirst) interactiveLogon(run, c);

  let result: ExchangeResult;
  const pkg = scenario.application.package;
  switch (scenario.application.protocol) {
    case 'http':
      result = runHttp(run, c, s, target, scenario.application.resource ?? '/', scenario.application.serverOffers ?? [pkg]);
      break;
    case 'smb2':
      result = runSmb2(run, c, s, target, scenario.application.resource ?? 'share');
      break;
    default:
      throw new Error(`application protocol ${scenario.application.protocol} is not built yet`);
  }
  const outcome: Outcome = {
    result: result.ok ? 'authenticated' : 'failed',
    package: pkg,
    mechanism: result.mechanism,
    status: result.status,
    reason: result.ok ? `${result.mechanism ?? pkg} authenticated ${c.spec.logon?.domain ?? ''}\\${c.spec.logon?.user ?? ''} to ${s.trace.hostName}${isIpAddress(target) ? ` (addressed as ${target})` : ''}.` : result.reason,
  };
  return {
    scenario: { id: scenario.id, title: scenario.title, goal: scenario.goal, seed, params },
    nodes: nodes.map((n) => n.trace),
    outcome,
    events: run.rec.events,
    snapshots: run.rec.snapshots,
  };
}

/** Windows logon on a domain workstation: Winlogon → LsaLogonUser → the Kerberos SSP's AS exchange. */
function interactiveLogon(run: Run, c: NodeRuntime): void {
  const { identity } = clientIdentity(run, c);
  if (!identity || !identity.realm || !c.spec.packages.includes('Kerberos') || !PACKAGES.Kerberos) return;
  const who = `${identity.domain}\\${identity.user}`;
  run.rec.call({ node: c.spec.id, layer: 'app', call: 'LsaLogonUser', package: 'Kerberos', flags: ['Interactive'], inputTokenLength: 0, time: run.timeOf(c),
    narration: `${identity.user} types the password at the Windows logon screen of ${c.trace.hostName}. Winlogon calls LsaLogonUser, and the Kerberos SSP asks the KDC for a ticket-granting ticket (the AS exchange) before any application runs.` });
  const r = run.drive(c, asExchange({ ...c.env, rng: c.env.rngFor('Kerberos') }, { ...identity, realm: identity.realm }));
  const st = r.ok ? 'SEC_E_OK' : r.status;
  if (!r.ok) c.logonFailed = r.error?.name ?? st;
  run.rec.ret({ node: c.spec.id, layer: 'app', call: 'LsaLogonUser', package: 'Kerberos', status: st, statusCode: r.ok ? 0 : (r.error?.code ?? 0), flags: [], outputTokenLength: 0, time: run.timeOf(c),
    narration: r.ok ? `${who} is logged on: the TGT is in the logon session's ticket cache (klist shows it), ready for every later connection.` : `The logon failed: ${(r.error?.text ?? st).replace(/\.+$/, '')}. No logon session is created, so nothing is cached for ${who}.`,
    error: r.ok ? undefined : r.error });
  run.snapshot();
}
