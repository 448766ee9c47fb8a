// Node runtimes: each scenario machine with its clock, its seeded randomness, its LSA logon
// session and the security contexts it holds. Built fresh for every run.
import { nodeDomain, type Scenario, type ScenarioNode } from '../scenario';
import type { ParamValue } from '../params';
import type { LogonSession, PackageEnv, SecurityPackage, ContextSnapshot } from '../sspi/package';
import type { NodeState, PackageName, TraceNode } from '../trace';
import type { SimClock } from '../clock';
import { seededRng } from '../rng';
import { hex } from '../bytes';

export interface HeldContext {
  handle: string;
  package: PackageName;
  pkg: SecurityPackage<unknown>;
  ctx: unknown;
  snapshot: ContextSnapshot | null;
  /** The last ISC_RET_* / ASC_RET_* attributes the package returned. */
  attributes: number;
}

export interface NodeRuntime {
  spec: ScenarioNode;
  trace: TraceNode;
  env: PackageEnv;
  contexts: HeldContext[];
  offsetSeconds: number;
  /** Set when the interactive logon failed (the error's name): there is then no logon session. */
  logonFailed?: string;
}

const ROLE_WORDS: Record<string, string> = {
  client: 'workstation', server: 'server', dc: 'domain controller (KDC)', ca: 'certification authority', idp: 'identity provider', peer: 'peer', attacker: 'attacker (relays what it receives)',
};

export function buildNodes(
  scenario: Scenario,
  nodes: ScenarioNode[],
  params: Record<string, ParamValue>,
  seed: number,
  clock: SimClock,
  packages: Partial<Record<PackageName, SecurityPackage<unknown>>>,
): NodeRuntime[] {
  return nodes.map((n) => {
    const offsetSeconds = n.clockOffsetSeconds ?? 0;
    const home = nodeDomain(scenario, n);
    const domain = home?.domain ?? null;
    const joined = domain !== null;
    const dnsHostName = joined ? `${n.hostName.toLowerCase()}.${domain!.dnsName.toLowerCase()}` : n.hostName.toLowerCase();
    const logonSession: LogonSession = { tickets: [], data: {} };
    const acct = n.serviceAccount ? (home?.accounts ?? scenario.accounts).find((a) => a.name.toLowerCase() === n.serviceAccount!.toLowerCase()) : undefined;
    const serviceAccount = acct ? {
      name: acct.name,
      // A stale service key: the directory has a new password, the server still uses the previous one.
      password: params.staleServiceKey === true ? `${acct.password}-previous` : acct.password,
      kvno: params.staleServiceKey === true ? Math.max(1, (acct.kvno ?? 2) - 1) : (acct.kvno ?? 2),
      spns: acct.spns ?? [], enctypes: acct.enctypes ?? [18, 17, 23],
    } : null;
    const streams = new Map<string, ReturnType<typeof seededRng>>();
    const rngFor = (purpose: string) => {
      let r = streams.get(purpose);
      if (!r) { r = seededRng(seed, `${n.id}/${purpose}`); streams.set(purpose, r); }
      return r;
    };
    const env: PackageEnv = {
      nodeId: n.id,
      computerName: n.hostName.toUpperCase(),
      dnsHostName,
      domain: joined ? domain : null,
      now: () => clock.at(offsetSeconds),
      rng: rngFor('node'),
      rngFor,
      localAccounts: n.localAccounts ?? [],
      params,
      enabledPackages: n.packages,
      logonSession,
      serviceAccount,
      packages,
    };
    const description = n.role === 'server' ? (joined ? 'member server' : 'standalone server')
      : n.role === 'client' ? (joined ? 'domain-joined workstation' : 'workgroup workstation')
        : ROLE_WORDS[n.role];
    const trace: TraceNode = {
      id: n.id, role: n.role, hostName: dnsHostName, address: n.address, domain: joined ? domain!.dnsName : null,
      enabledPackages: [...n.packages], clockOffsetSeconds: offsetSeconds, description,
    };
    return { spec: n, trace, env, contexts: [], offsetSeconds };
  });
}

/** What each node holds right now, for the node-state panel. */
export function nodeStates(nodes: NodeRuntime[], clock: SimClock): Record<string, NodeState> {
  const out: Record<string, NodeState> = {};
  for (const n of nodes) {
    out[n.spec.id] = {
      clock: clock.at(n.offsetSeconds).toISOString(),
      // Fresh objects and arrays all through (the runtime's own lists change as the run goes on), so
      // the recorder keeps them as they are.
      tickets: n.env.logonSession.tickets.map((t) => ({
        client: t.client, server: t.server, etype: String(t.etype), flags: [...t.flags], start: t.start, end: t.end,
        sessionKeyHex: hex(t.sessionKey),
      })),
      contexts: n.contexts.filter((c) => c.snapshot).map((c) => ({
        package: c.package, handle: c.handle, state: c.snapshot!.state + (c.snapshot!.mechanism ? ` (${c.snapshot!.mechanism})` : ''),
        flags: [...c.snapshot!.flags], keys: c.snapshot!.keys.map((k) => ({ name: k.name, hex: k.hex })),
      })),
    };
  }
  return out;
}
