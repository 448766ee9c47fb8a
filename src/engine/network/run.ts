// One run of a scenario: drives the SSPI calls of each node, routes the tokens over their carriers
// and the authority round trips to the DC, and records every step. Protocol code lives in the
// packages; this file only moves opaque blobs and writes them down.
import { hex } from '../bytes';
import type { Scenario } from '../scenario';
import { SimClock } from '../clock';
import type { Field } from '../encoding/fields';
import { flagNames, ASC_RET, ISC_RET, ISC_REQ, ASC_REQ } from '../sspi/flags';
import type {
  AuthorityReply, AuthorityRequest, ContextResult, Credential, KeyRing, MessageView, PackageCall, PackageYield, RequestFlags, SecurityPackage,
} from '../sspi/package';
import { SEC, STATUS_TEXT } from '../sspi/status';
import { PACKAGE_INFOS } from '../sspi/packageInfo';
import { ERROR, ERROR_CODES } from '../packages/kerberos/messages/constants';
import type { Carrier, MessageEvent, PackageName, TraceError } from '../trace';
import { Recorder, errorOf } from './recorder';
import { nodeStates, type HeldContext, type NodeRuntime } from './nodes';
import type { CarrierMessage } from './carriers/types';

/** Handlers the DC node runs for authority requests (the KDC, Netlogon). */
export interface DcServices {
  kerberos?(dc: NodeRuntime, request: Uint8Array, run: Run, transport: 'tcp/88' | 'udp/88'): Uint8Array | null;
  netlogon?(dc: NodeRuntime, payload: unknown, run: Run): { payload: unknown; fields: Field[]; requestFields: Field[]; error?: TraceError };
}

/** How a KDC leg is framed (TCP 88 record mark or bare UDP). Supplied by the carriers layer. */
export type KerberosFraming = (token: Uint8Array, transport: 'tcp/88' | 'udp/88') => CarrierMessage;

export interface CallOutcome<C> {
  result: ContextResult<C>;
  held: HeldContext;
}

export class Run {
  readonly rec = new Recorder();
  readonly clock: SimClock;
  private handles = 0;
  /** The scenario being run (the DC services read its directory). */
  scenario: Scenario | null = null;

  constructor(
    readonly nodes: NodeRuntime[],
    start: Date,
    readonly packages: Partial<Record<PackageName, SecurityPackage<unknown>>>,
    readonly dc: DcServices,
    readonly frameKerberos: KerberosFraming,
    readonly narration: Record<string, string>,
    readonly params: Record<string, string | number | boolean>,
  ) {
    this.clock = new SimClock(start);
  }

  node(id: string): NodeRuntime {
    const n = this.nodes.find((x) => x.spec.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }
  byRole(role: string): NodeRuntime | undefined { return this.nodes.find((x) => x.spec.role === role); }
  timeOf(n: NodeRuntime): string { return this.clock.at(n.offsetSeconds).toISOString(); }
  get keys(): KeyRing { return this.rec.keys; }

  /** Advance the reference clock by ms milliseconds. */
  tick(ms = 3): void { this.clock.advance(ms); }

  snapshot(): void { this.rec.snapshot(nodeStates(this.nodes, this.clock)); }

  /** AcquireCredentialsHandle: recorded as a call and its return. */
  acquire(n: NodeRuntime, pkg: PackageName, cred: Omit<Credential, 'handle' | 'package'>): Credential | null {
    const enabled = n.spec.packages.includes(pkg) && !!this.packages[pkg];
    this.rec.call({
      node: n.spec.id, layer: 'app', call: 'AcquireCredentialsHandle', package: pkg, flags: [cred.use === 'outbound' ? 'SECPKG_CRED_OUTBOUND' : 'SECPKG_CRED_INBOUND'],
      inputTokenLength: 0, time: this.timeOf(n),
      narration: cred.use === 'outbound'
        ? `The application on ${n.trace.hostName} asks SSPI for a credentials handle for the ${pkg} package${cred.identity ? ` (${cred.identity.domain}\\${cred.identity.user}, ${cred.source === 'supplied' ? 'typed in' : n.logonFailed ? `the name typed at the logon screen — but that logon failed (${n.logonFailed}), so Windows opened no logon session and there is no logged-on user; the lab goes on with the name to show what the other side answers` : 'the logged-on user'})` : ''}.`
        : `The service on ${n.trace.hostName} asks SSPI for an inbound credentials handle for ${pkg}.`,
    });
    const ok = enabled && (cred.use === 'inbound' || cred.identity !== null);
    const st = !enabled ? 'SEC_E_SECPKG_NOT_FOUND' : ok ? 'SEC_E_OK' : 'SEC_E_NO_CREDENTIALS';
    // SSPI hands the call to the package (an SSP it does not have is answered by SSPI itself).
    if (enabled) {
      this.rec.call({
        node: n.spec.id, layer: 'sspi', call: 'AcquireCredentialsHandle', package: pkg, flags: [cred.use === 'outbound' ? 'SECPKG_CRED_OUTBOUND' : 'SECPKG_CRED_INBOUND'],
        inputTokenLength: 0, time: this.timeOf(n),
        narration: `SSPI passes the request to the ${pkg} SSP (${PACKAGE_INFOS[pkg].dll}).`,
      });
      this.rec.ret({
        node: n.spec.id, layer: 'sspi', call: 'AcquireCredentialsHandle', package: pkg, status: st, statusCode: statusCode(st), flags: [], outputTokenLength: 0,
        time: this.timeOf(n),
        narration: ok ? `The ${pkg} SSP has credentials to use and returns SEC_E_OK to SSPI.` : `The ${pkg} SSP has no credentials to use (SEC_E_NO_CREDENTIALS).`,
        error: ok ? undefined : errorOf(statusCode(st), st, STATUS_TEXT[st as keyof typeof STATUS_TEXT]),
      });
    }
    this.rec.ret({
      node: n.spec.id, layer: 'app', call: 'AcquireCredentialsHandle', package: pkg, status: st, statusCode: statusCode(st), flags: [], outputTokenLength: 0,
      time: this.timeOf(n),
      narration: !enabled ? `${pkg} is not enabled on ${n.trace.hostName}: SSPI finds no such package (SEC_E_SECPKG_NOT_FOUND).`
        : ok ? `SSPI returns a credentials handle (SEC_E_OK).` : `There are no credentials to use (SEC_E_NO_CREDENTIALS).`,
      error: ok ? undefined : errorOf(statusCode(st), st, STATUS_TEXT[st as keyof typeof STATUS_TEXT]),
    });
    if (!ok) return null;
    return { ...cred, handle: `h${++this.handles}`, package: pkg };
  }

  /** InitializeSecurityContext / AcceptSecurityContext: drive the package's generator, routing its authority requests. */
  sspi<C>(
    n: NodeRuntime, side: 'client' | 'server', pkgName: PackageName, cred: Credential, held: HeldContext | null,
    input: Uint8Array | null, req: RequestFlags,
  ): CallOutcome<C> {
    const pkg = this.packages[pkgName] as SecurityPackage<C> | undefined;
    if (!pkg) throw new Error(`package ${pkgName} is not built`);
    const call = side === 'client' ? 'InitializeSecurityContext' : 'AcceptSecurityContext';
    const reqNames = flagNames(req.flags, side === 'client' ? ISC_REQ : ASC_REQ, side === 'client' ? 'ISC_REQ_' : 'ASC_REQ_');
    this.rec.call({
      node: n.spec.id, layer: 'app', call, package: pkgName, flags: reqNames, target: req.target, inputTokenLength: input?.length ?? 0,
      time: this.timeOf(n),
      narration: side === 'client'
        ? `The application calls InitializeSecurityContext (${pkgName})${req.target ? ` for target "${req.target}"` : ''}${input ? ` with the ${input.length}-byte token it received` : ''}; SSPI hands the call to the ${pkgName} SSP.`
        : `The service calls AcceptSecurityContext (${pkgName}) with the ${input?.length ?? 0}-byte opaque token the client sent; SSPI hands it to the ${pkgName} SSP.`,
    });
    this.rec.call({
      node: n.spec.id, layer: 'sspi', call, package: pkgName, flags: reqNames, target: req.target, inputTokenLength: input?.length ?? 0,
      time: this.timeOf(n),
      narration: `SSPI passes ${call} to the ${pkgName} SSP (${PACKAGE_INFOS[pkgName].dll}): the package that ${side === 'client' ? 'builds the token and reads the answers' : 'reads the token and builds the answer'}; SSPI itself never looks inside the opaque token.`,
    });
    const env = { ...n.env, rng: n.env.rngFor(pkgName) };
    const gen: PackageCall<C> = side === 'client'
      ? pkg.initialize(env, cred, (held?.ctx ?? null) as C | null, input, req)
      : pkg.accept(env, cred, (held?.ctx ?? null) as C | null, input ?? new Uint8Array(0), req);
    const result = this.drive(n, gen);
    const h: HeldContext = held ?? { handle: `ctx${++this.handles}`, package: pkgName, pkg: pkg as SecurityPackage<unknown>, ctx: null, snapshot: null, attributes: 0 };
    h.ctx = result.ctx;
    h.snapshot = pkg.snapshot(result.ctx);
    h.attributes = result.attributes || h.attributes;
    if (!held) n.contexts.push(h);
    const st = result.status.name;
    const retFlags = flagNames(result.attributes, side === 'client' ? ISC_RET : ASC_RET, side === 'client' ? 'ISC_RET_' : 'ASC_RET_');
    const retError = result.error ?? (result.status.code & 0x80000000 ? errorOf(result.status.code, st, STATUS_TEXT[st]) : undefined);
    this.rec.ret({
      node: n.spec.id, layer: 'sspi', call, package: pkgName, status: st, statusCode: result.status.code, flags: retFlags,
      outputTokenLength: result.output?.length ?? 0, time: this.timeOf(n),
      narration: `The ${pkgName} SSP returns ${st} to SSPI${result.output && result.output.length ? ` with a ${result.output.length}-byte token` : ''}.`,
      error: retError,
    });
    this.rec.ret({
      node: n.spec.id, layer: 'app', call, package: pkgName, status: st, statusCode: result.status.code,
      flags: retFlags,
      outputTokenLength: result.output?.length ?? 0, time: this.timeOf(n),
      narration: `${call} returns ${st}${result.output && result.output.length ? ` and a ${result.output.length}-byte opaque token for the application to carry` : ''}. ${STATUS_TEXT[st]}`,
      error: retError,
    });
    return { result, held: h };
  }

  /** Run a package generator to completion, delivering authority round trips and recording decisions. */
  drive<R>(n: NodeRuntime, gen: Generator<PackageYield, R, AuthorityReply | undefined>): R {
    let next = gen.next();
    // After an authority's answer, the package reads it (a TGT or service ticket goes into the cache)
    // before it asks for anything else: the node state "after" the answer's step is taken then.
    let answered = false;
    while (!next.done) {
      const y = next.value;
      let reply: AuthorityReply | undefined;
      if (answered && y.kind !== 'key') { this.snapshot(); answered = false; }
      switch (y.kind) {
        case 'request': reply = this.authority(n, y); break;
        case 'decision':
          this.rec.decision({ node: n.spec.id, decision: y.decision, condition: y.condition, because: y.because, time: this.timeOf(n),
            narration: this.narration[y.condition] ?? `${y.decision}: ${y.because}` });
          this.snapshot();
          break;
        case 'note':
          this.rec.note({ node: n.spec.id, anchor: y.anchor, time: this.timeOf(n), narration: y.text });
          break;
        case 'key':
          this.rec.addKey(y.key);
          break;
      }
      next = gen.next(reply);
      if (reply) answered = true;
    }
    if (answered) this.snapshot();
    return next.value;
  }

  /** Deliver an authority request to the DC and record both legs. */
  authority(n: NodeRuntime, req: AuthorityRequest): AuthorityReply {
    const dc = this.byRole('dc');
    if (req.protocol === 'Netlogon') {
      if (!dc || !this.dc.netlogon) return { token: null };
      const res = this.dc.netlogon(dc, req.payload, this);
      this.summaryLeg(n, dc, req.name, res.requestFields, 'The member server cannot check a domain account\'s response itself: it passes the challenge and the response to a domain controller over the Netlogon secure channel (MS-NRPC NetrLogonSamLogonWithFlags). Shown as a summary: the DCE/RPC bytes are not modelled.');
      this.summaryLeg(dc, n, `${req.name} reply`, res.fields, 'The domain controller recomputed the response from the stored NT hash and answers with the result and, on success, the user session key.', res.error);
      return { token: null, payload: res.payload };
    }
    // Kerberos to the KDC.
    if (!dc) return { token: null };
    const reachable = this.params.kdcReachable !== false;
    this.sendToken(n, dc, 'Kerberos', req.token, this.frameKerberos(req.token, req.transport === 'udp/88' ? 'udp/88' : 'tcp/88'),
      reachable ? undefined : errorOf(0x80090311, 'SEC_E_NO_AUTHENTICATING_AUTHORITY', 'No KDC answered on port 88.'));
    if (!reachable) {
      this.rec.note({ node: n.spec.id, anchor: 'kdc-timeout', time: this.timeOf(n), narration: `No answer from the KDC on port 88: the Kerberos client waits, retries, and gives up (the KDC is unreachable).` });
      this.tick(3000);
      return { token: null };
    }
    const replyToken = this.dc.kerberos ? this.dc.kerberos(dc, req.token, this, req.transport === 'udp/88' ? 'udp/88' : 'tcp/88') : null;
    if (!replyToken) return { token: null };
    this.sendToken(dc, n, 'Kerberos', replyToken, this.frameKerberos(replyToken, req.transport === 'udp/88' ? 'udp/88' : 'tcp/88'));
    return { token: replyToken };
  }

  /** Record a token travelling from one node to another inside its carrier. */
  sendToken(from: NodeRuntime, to: NodeRuntime, pkg: PackageName | 'Kerberos', token: Uint8Array, carrier: CarrierMessage, error?: TraceError, describeWith?: PackageName): MessageEvent {
    this.tick();
    const p = this.packages[describeWith ?? (pkg as PackageName)];
    let view: MessageView;
    if (token.length === 0) {
      view = { protocol: carrierProtocol(carrier.carrier.id), name: carrier.carrier.name, layers: [], fields: [], explain: '' };
    } else if (!p) {
      throw new Error(`no decoder for ${pkg}`);
    } else {
      view = p.describe(token, this.keys);
    }
    const err = error ?? viewError(view);
    // The SSP produced a token but the carrier does not send it: an SMB2 ERROR response carries only
    // the NTSTATUS (MS-SMB2 3.3.5.5.3), and the client learns nothing else (MS-SMB2 3.2.5.3.1).
    const notSent = token.length > 0 && !carrier.tokenRange;
    const ev = this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: carrier.carrier, protocol: view.protocol, name: view.name,
      layers: [carrierLayerName(carrier.carrier), ...view.layers], hex: hex(token), fields: view.fields,
      explain: notSent ? `${NOT_SENT_EXPLAIN(carrier.carrier)} ${view.explain}` : view.explain, ref: view.ref,
      time: this.timeOf(from), error: err,
      narration: notSent ? this.narrateNotSent(from, to, view, carrier.carrier, token.length) : this.narrate(from, to, view, carrier.carrier, token.length),
      ...(notSent ? { tokenNotSent: true as const } : {}),
    });
    this.snapshot();
    return ev;
  }

  /** Record a message whose decoded view the caller already has (e.g. the output of EncryptMessage). */
  sendView(from: NodeRuntime, to: NodeRuntime, view: MessageView, token: Uint8Array, carrier: CarrierMessage, error?: TraceError): MessageEvent {
    this.tick();
    const ev = this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: carrier.carrier, protocol: view.protocol, name: view.name,
      layers: [carrierLayerName(carrier.carrier), ...view.layers], hex: hex(token), fields: view.fields, explain: view.explain, ref: view.ref,
      time: this.timeOf(from), error, narration: this.narrate(from, to, view, carrier.carrier, token.length),
    });
    this.snapshot();
    return ev;
  }

  /** A leg shown but not byte-accurate (the Netlogon pass-through). */
  summaryLeg(from: NodeRuntime, to: NodeRuntime, name: string, fields: Field[], explain: string, error?: TraceError): void {
    this.tick(2);
    this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: { id: 'netlogon', name: 'Netlogon (RPC)', hex: '', fields: [] },
      protocol: 'Netlogon', name, layers: ['Netlogon secure channel'], hex: '', fields, explain, modelled: 'summary',
      ref: 'MS-NRPC 3.5.4.5.1', time: this.timeOf(from), error,
      narration: this.narration[name] ?? `${from.trace.hostName} → ${to.trace.hostName}: ${name}. ${explain}`,
    });
    this.snapshot();
  }

  /** A carrier message with no token (HTTP GET without credentials, the bare 401, SMB2 NEGOTIATE request). */
  sendBare(from: NodeRuntime, to: NodeRuntime, carrier: CarrierMessage, narration: string, error?: TraceError): void {
    this.tick();
    this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: carrier.carrier, protocol: carrierProtocol(carrier.carrier.id), name: carrier.carrier.name,
      layers: [carrierLayerName(carrier.carrier)], hex: '', fields: [], explain: narration, time: this.timeOf(from), error,
      narration: this.narration[carrier.carrier.name] ?? narration,
    });
    this.snapshot();
  }

  private narrateNotSent(from: NodeRuntime, to: NodeRuntime, view: MessageView, carrier: Carrier, len: number): string {
    return `${from.trace.hostName} → ${to.trace.hostName}: ${carrier.name}. The server's SSP produced a ${view.protocol} ${view.name} (${len} bytes), but it is not sent: ${NOT_SENT_EXPLAIN(carrier)} ${to.trace.hostName} sees only the status and gives up on the session; the token is shown here, marked not sent, so you can read what the server's SSP decided.`;
  }

  private narrate(from: NodeRuntime, to: NodeRuntime, view: MessageView, carrier: Carrier, len: number): string {
    const custom = this.narration[view.name];
    const head = `${from.trace.hostName} → ${to.trace.hostName}: ${view.protocol} ${view.name} (${len} bytes) inside ${carrier.name}.`;
    return custom ? `${head} ${custom}` : `${head} ${view.explain}`;
  }
}

/** Why a carrier left the SSP's token out (only SMB2 does so today: its ERROR response has no security buffer). */
function NOT_SENT_EXPLAIN(c: Carrier): string {
  if (c.id === 'smb2') return 'on an authentication failure the SMB2 server answers with an ERROR response that carries only the NTSTATUS in its header, never the security token (MS-SMB2 3.3.5.5.3; the client handles it as in MS-SMB2 3.2.5.3.1).';
  return `${c.name} does not carry the security token.`;
}

/** A KRB-ERROR on the wire is an error step (red), except the routine "pre-authentication required". */
function viewError(v: MessageView): TraceError | undefined {
  const m = /^KRB-ERROR \((\w+)\)/.exec(v.name);
  if (!m || m[1] === 'KDC_ERR_PREAUTH_REQUIRED') return undefined;
  const code = ERROR[m[1]];
  return { code: code ?? 0, name: m[1], text: ERROR_CODES[code]?.[1] ?? m[1] };
}

export function statusCode(name: string): number {
  return (SEC as Record<string, number>)[name] ?? 0;
}

function carrierProtocol(id: string): MessageEvent['protocol'] {
  if (id === 'http') return 'HTTP';
  if (id === 'smb2') return 'SMB2';
  if (id === 'ldap') return 'LDAP';
  if (id === 'rdp') return 'RDP';
  if (id === 'netlogon') return 'Netlogon';
  return 'Kerberos';
}

function carrierLayerName(c: Carrier): string {
  switch (c.id) {
    case 'http': return 'HTTP';
    case 'smb2': return 'SMB2';
    case 'tcp/88': return 'TCP 88';
    case 'udp/88': return 'UDP 88';
    default: return c.id.toUpperCase();
  }
}
