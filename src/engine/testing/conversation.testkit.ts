// Test kit: one scenario's SSPI conversation driven straight through the packages (no carriers, no
// trace), with a hook that sees — and may replace — every token on its way to its receiver: client →
// server, server → client, client → KDC and KDC → client. The bit-flip and fuzz suites use it to
// deliver one tampered token mid-conversation and read what each side answered.
import type { Scenario, ScenarioNode } from '../scenario';
import type { PackageName } from '../trace';
import type { AuthorityReply, ContextResult, Credential, PackageCall, PackageYield, SecurityPackage } from '../sspi/package';
import { isAcceptor, resolveParams } from '../simulate';
import { SimClock } from '../clock';
import { buildNodes, type NodeRuntime } from '../network/nodes';
import { PACKAGES, PROVIDERS, serviceFor } from '../packages';
import { packageMeta } from '../packages/metas';
import type { ServiceContext } from '../sspi/provider';
import { clientIdentity, requestFlags } from '../network/flows/exchange';
import { asExchange } from '../packages/kerberos/client/as';

export type Leg = 'to-server' | 'to-client' | 'to-kdc' | 'from-kdc';
export interface Delivery { index: number; leg: Leg; token: Uint8Array }
/** Returns the token the receiver gets (the same array when untouched). */
export type Tamper = (d: Delivery) => Uint8Array;

export interface Call { side: 'client' | 'server'; status: string; input: number | null }
export interface Conversation {
  /** Every token delivered, as sent (before any tampering). */
  deliveries: Delivery[];
  calls: Call[];
  /** Both sides reached SEC_E_OK. */
  ok: boolean;
  /** The index of the delivery the hook changed, or null. */
  tampered: number | null;
  /** What the first call after the tampered delivery answered (its receiver's verdict). */
  afterTamper: string | null;
}

export interface ConverseOptions {
  params?: Record<string, string | number | boolean>;
  tamper?: Tamper;
  packages?: Partial<Record<PackageName, SecurityPackage<unknown>>>;
}

export function converse(scenario: Scenario, o: ConverseOptions = {}): Conversation {
  const params = resolveParams(scenario, { params: o.params });
  const seed = Number(params.seed) || scenario.seed;
  const clock = new SimClock(new Date(scenario.startTime));
  const specs: ScenarioNode[] = scenario.nodes.map((n) => ({
    ...n, clockOffsetSeconds: (n.clockOffsetSeconds ?? 0) + (n.role === 'client' ? Number(params.clockSkewMinutes ?? 0) * 60 : isAcceptor(n, scenario.nodes) ? Number(params.serverClockSkewMinutes ?? 0) * 60 : 0),
  }));
  const packages = o.packages ?? PACKAGES;
  const nodes = buildNodes(scenario, specs, params, seed, clock, packages);
  const run = { scenario, params } as unknown as Parameters<typeof clientIdentity>[0];
  const conv: Conversation = { deliveries: [], calls: [], ok: false, tampered: null, afterTamper: null };
  let pendingVerdict = false;
  const deliver = (leg: Leg, token: Uint8Array): Uint8Array => {
    const d: Delivery = { index: conv.deliveries.length, leg, token };
    conv.deliveries.push(d);
    const out = o.tamper ? o.tamper(d) : token;
    if (out !== token) { conv.tampered = d.index; pendingVerdict = true; }
    return out;
  };
  const drive = <R>(_n: NodeRuntime, gen: Generator<PackageYield, R, AuthorityReply | undefined>): R => {
    let next = gen.next();
    while (!next.done) {
      const y = next.value;
      let reply: AuthorityReply | undefined;
      if (y.kind === 'request') {
        // The service of the request's role and protocol (the KDC, Netlogon...), as the runner finds it.
        const service = serviceFor(y.to, y.protocol);
        const node = nodes.find((x) => x.spec.role === y.to);
        const ctx: ServiceContext | null = node ? { node, from: _n, scenario, params, addKey() {} } : null;
        if (!service || !ctx || service.unreachable?.(ctx, y)) reply = { token: null };
        else if (service.summary) {
          const a = service.answer(ctx, y);
          reply = { token: null, payload: a.kind === 'summary' ? a.payload : undefined };
        } else {
          const a = service.answer(ctx, { ...y, token: deliver('to-kdc', y.token) });
          const r = a.kind === 'token' ? a.token : null;
          reply = { token: r ? deliver('from-kdc', r) : null };
        }
      }
      next = gen.next(reply);
    }
    return next.value;
  };
  const record = (side: Call['side'], r: ContextResult<unknown>, input: number | null) => {
    conv.calls.push({ side, status: r.status.name, input });
    if (pendingVerdict) { conv.afterTamper = r.status.name; pendingVerdict = false; }
  };

  const c = nodes.find((n) => n.spec.role === 'client')!;
  const s = nodes.find((n) => isAcceptor(n.spec, scenario.nodes))!;
  // What each provider sets up before the application runs, as simulate() does (PKU2U's certificates and policy).
  for (const p of PROVIDERS) p.onRunStart?.({ params, client: c, server: s, scenario, seed, note() {} });
  const pkgName = scenario.application.protocol === 'smb2' ? 'Negotiate' : scenario.application.package;
  const pkg = packages[pkgName];
  const { identity, source } = clientIdentity(run, c);
  if (scenario.logonFirst && identity?.realm && c.spec.packages.includes('Kerberos')) {
    drive(c, asExchange({ ...c.env, rng: c.env.rngFor('Kerberos') }, { ...identity, realm: identity.realm }));
  }
  if (!pkg || !c.spec.packages.includes(pkgName) || !s.spec.packages.includes(pkgName)) return conv;
  const credC: Credential = { handle: 'h1', package: pkgName, use: 'outbound', identity, source };
  const credS: Credential = { handle: 'h2', package: pkgName, use: 'inbound', identity: null, source: 'service' };
  const flags = requestFlags(run, pkgName);
  const host = String(params.target || scenario.application.target);
  const target = scenario.application.protocol === 'smb2' ? `cifs/${host}` : scenario.application.protocol === 'ldap' ? `ldap/${host}` : `HTTP/${host}`;
  // A package whose server speaks first (Digest) learns the service and the request from its caller, as the flows pass them.
  const serverFirst = packageMeta(pkgName as PackageName)?.travel.firstSpeaker === 'server';
  const sreq = serverFirst ? { flags: 0, target, request: { method: 'GET', uri: scenario.application.resource ?? '/' } } : { flags: 0 };
  const cenv = { ...c.env, rng: c.env.rngFor(pkgName) };
  const senv = { ...s.env, rng: s.env.rngFor(pkgName) };
  const isErr = (r: ContextResult<unknown>) => (r.status.code & 0x80000000) !== 0;

  let input: Uint8Array | null = null;
  let cctx: unknown = null, sctx: unknown = null;
  if (scenario.application.protocol === 'smb2') {
    const hint = drive(s, pkg.accept(senv, credS, null, new Uint8Array(0), { flags: 0 }) as PackageCall<unknown>);
    if (hint.output?.length) input = deliver('to-client', hint.output);
  } else if (serverFirst) {
    // The server's opening challenge (Digest's 401 / SASL digest-challenge) is the first delivery.
    const open = drive(s, pkg.accept(senv, credS, null, new Uint8Array(0), sreq) as PackageCall<unknown>);
    record('server', open, null);
    sctx = open.ctx;
    if (isErr(open) || !open.output?.length) return conv;
    input = deliver('to-client', open.output);
  }
  let clientOk: boolean;
  for (let leg = 0; leg < 12; leg++) {
    const inputIndex = input ? conv.deliveries.length - 1 : null;
    const rc = drive(c, pkg.initialize(cenv, credC, cctx, input, { ...sreq, flags, target }));
    record('client', rc, inputIndex);
    cctx = rc.ctx;
    if (isErr(rc)) return conv;
    clientOk = rc.status.name === 'SEC_E_OK';
    if (!rc.output?.length) { conv.ok = clientOk && sctx !== null; return conv; }
    const toServer = deliver('to-server', rc.output);
    const rs = drive(s, pkg.accept(senv, credS, sctx, toServer, sreq));
    record('server', rs, conv.deliveries.length - 1);
    sctx = rs.ctx;
    if (isErr(rs)) return conv;
    if (rs.status.name === 'SEC_E_OK') {
      if (rs.output?.length && !clientOk) {
        const fin = drive(c, pkg.initialize(cenv, credC, cctx, deliver('to-client', rs.output), { ...sreq, flags, target }));
        record('client', fin, conv.deliveries.length - 1);
        conv.ok = fin.status.name === 'SEC_E_OK';
      } else conv.ok = true;
      return conv;
    }
    if (!rs.output?.length) return conv;
    input = deliver('to-client', rs.output);
  }
  return conv;
}
