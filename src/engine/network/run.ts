// One run of a scenario: drives the SSPI calls of each node, routes the tokens over their carriers
// and the authority round trips to the DC, and records every step. Protocol code lives in the
// packages; this file only moves opaque blobs and writes them down.
import { BytesMemo } from '../crypto/bytesMemo';
import { DecodeError, hex } from '../bytes';
import { field, type Field } from '../encoding/fields';
import { packageMeta } from '../packages/metas';
import type { Scenario } from '../scenario';
import { SimClock } from '../clock';
import { flagNames, ASC_RET, ISC_RET, ISC_REQ, ASC_REQ } from '../sspi/flags';
import type {
  AuthorityReply, AuthorityRequest, ContextResult, Credential, KeyRing, MessageView, PackageCall, PackageYield, RequestFlags, SecurityPackage,
} from '../sspi/package';
import { SEC, STATUS_TEXT } from '../sspi/status';
import { PACKAGE_INFOS } from '../sspi/packageInfo';
import type { AuthorityService, ServiceContext, SummaryPart } from '../sspi/provider';
import type { Carrier, CarrierId, MessageEvent, NodeRole, PackageName, TraceError } from '../trace';
import { Recorder, errorOf } from './recorder';
import { nodeStates, type HeldContext, type NodeRuntime } from './nodes';
import type { CarrierMessage, CarrierSpec } from './carriers/types';

/** What the runner looks up: the SSPs, the services other nodes run for them, the carriers. */
export interface RunRegistry {
  packages: Partial<Record<PackageName, SecurityPackage<unknown>>>;
  serviceFor(role: NodeRole, protocol: string): AuthorityService | undefined;
  carrier(id: CarrierId): CarrierSpec | undefined;
}

export interface CallOutcome<C> {
  result: ContextResult<C>;
  held: HeldContext;
}

export class Run {
  readonly rec = new Recorder();
  readonly clock: SimClock;
  private handles = 0;
  /** Decoded views of this run's tokens (see view()). */
  private readonly views = new BytesMemo<MessageView>(4096);
  /** The scenario being run (the DC services read its directory). */
  scenario: Scenario | null = null;

  constructor(
    readonly nodes: NodeRuntime[],
    start: Date,
    readonly registry: RunRegistry,
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
  get packages(): Partial<Record<PackageName, SecurityPackage<unknown>>> { return this.registry.packages; }

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
        ? `The application on ${n.trace.hostName} asks SSPI for a credentials handle for the ${pkg} package${cred.identity ? ` (${cred.identity.domain}\\${cred.identity.user}, ${cred.source === 'impersonated' ? 'impersonated: the service acts as this user, with no password of hers' : cred.source === 'supplied' ? 'typed in' : n.logonFailed ? `the name typed at the logon screen — but that logon failed (${n.logonFailed}), so Windows opened no logon session and there is no logged-on user; the lab goes on with the name to show what the other side answers` : 'the logged-on user'})` : ''}.`
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
            narration: this.decisionNarration(y.condition) ?? `${y.decision}: ${y.because}` });
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

  /** Deliver an authority request to the service of its role and protocol, and record both legs. */
  authority(n: NodeRuntime, req: AuthorityRequest): AuthorityReply {
    const service = this.registry.serviceFor(req.to, req.protocol);
    // The authority of the realm asked for (a referral), else the one of the requester's own domain, else the first of the role.
    const realm = (req.realm ?? n.env.domain?.dnsName)?.toUpperCase();
    const node = (realm ? this.nodes.find((x) => x.spec.role === req.to && x.env.domain?.dnsName.toUpperCase() === realm) : undefined) ?? this.byRole(req.to);
    if (!service || !node || !this.scenario) return { token: null };
    const ctx: ServiceContext = { node, from: n, scenario: this.scenario, params: this.params, addKey: (k) => this.rec.addKey(k) };
    if (service.summary) {
      const res = service.answer(ctx, req);
      if (res.kind !== 'summary') throw new Error(`service ${req.to}/${req.protocol} answered a summary request with a token`);
      this.summaryLeg(service, n, node, req.name, res.request);
      this.summaryLeg(service, node, n, `${req.name} reply`, res.reply);
      return { token: null, payload: res.payload };
    }
    const frame = this.registry.carrier(req.transport)?.frame;
    if (!frame) throw new Error(`no carrier frames ${req.transport}`);
    const lost = service.unreachable?.(ctx, req) ?? null;
    this.sendToken(n, node, service.describeWith, req.token, frame(req.token), lost?.error, lost ? { lost: true, narration: lost.lostNarration } : undefined);
    if (lost) {
      this.rec.note({ node: n.spec.id, anchor: lost.anchor, time: this.timeOf(n), narration: lost.narration });
      this.tick(lost.waitMs);
      return { token: null };
    }
    const res = service.answer(ctx, req);
    const replyToken = res.kind === 'token' ? res.token : null;
    if (!replyToken) return { token: null };
    this.sendToken(node, n, service.describeWith, replyToken, frame(replyToken));
    return { token: replyToken };
  }

  /** A token's decoded view (field tree, name, explanation), decoded once per run for the same package,
   * bytes and key ring: a flow that names a message before sending it does not decode it twice. */
  view(pkg: PackageName, token: Uint8Array): MessageView {
    const p = this.packages[pkg];
    if (!p) throw new Error(`no decoder for ${pkg}`);
    return this.views.get(`${pkg}|${this.keys.entries.length}`, [token], () => describeOrPartial(p, token, this.keys, pkg));
  }

  /** Record a token travelling from one node to another inside its carrier. */
  sendToken(from: NodeRuntime, to: NodeRuntime, pkg: PackageName | undefined, token: Uint8Array, carrier: CarrierMessage, error?: TraceError, told?: { lost?: true; narration: string }): MessageEvent {
    this.tick();
    const p = pkg ? this.packages[pkg] : undefined;
    let view: MessageView;
    if (token.length === 0) {
      view = { protocol: this.carrierProtocol(carrier.carrier.id), name: carrier.carrier.name, layers: [], fields: [], explain: '' };
    } else if (!p) {
      throw new Error(`no decoder for ${pkg}`);
    } else {
      view = this.view(pkg!, token);
    }
    const err = error ?? view.error;
    // The SSP produced a token but the carrier does not send it: an SMB2 ERROR response carries only
    // the NTSTATUS (MS-SMB2 3.3.5.5.3), and the client learns nothing else (MS-SMB2 3.2.5.3.1).
    const notSent = token.length > 0 && !carrier.tokenRange;
    const ev = this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: carrier.carrier, protocol: view.protocol, name: view.name,
      layers: [this.carrierLayerName(carrier.carrier), ...view.layers], hex: hex(token), fields: view.fields,
      explain: notSent ? `${this.notSentExplain(carrier.carrier)} ${view.explain}` : view.explain, ref: view.ref,
      time: this.timeOf(from), error: err,
      narration: told?.lost ? `${from.trace.hostName} → ${to.trace.hostName}: ${view.protocol} ${view.name} (${token.length} bytes), never delivered. ${told.narration}`
        : told ? `${from.trace.hostName} → ${to.trace.hostName}: ${view.protocol} ${view.name} (${token.length} bytes) inside ${carrier.carrier.name}. ${told.narration}`
        : notSent ? this.narrateNotSent(from, to, view, carrier.carrier, token.length) : this.narrate(from, to, view, carrier.carrier, token.length),
      ...(notSent ? { tokenNotSent: true as const } : {}),
      ...(told?.lost ? { lost: true as const } : {}),
    });
    this.snapshot();
    return ev;
  }

  /** Record a message whose decoded view the caller already has (e.g. the output of EncryptMessage); `told` is the
   *  flow's own words for this step (after the usual "who → who: what" head), else the narration catalog's. */
  sendView(from: NodeRuntime, to: NodeRuntime, view: MessageView, token: Uint8Array, carrier: CarrierMessage, error?: TraceError, told?: string): MessageEvent {
    this.tick();
    const ev = this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: carrier.carrier, protocol: view.protocol, name: view.name,
      layers: [this.carrierLayerName(carrier.carrier), ...view.layers], hex: hex(token), fields: view.fields, explain: view.explain, ref: view.ref,
      time: this.timeOf(from), error,
      narration: told ? `${from.trace.hostName} → ${to.trace.hostName}: ${view.protocol} ${view.name} (${token.length} bytes) inside ${carrier.carrier.name}. ${told}` : this.narrate(from, to, view, carrier.carrier, token.length),
    });
    this.snapshot();
    return ev;
  }

  /** A leg shown but not byte-accurate (the Netlogon pass-through): labelled by its service. */
  private summaryLeg(service: AuthorityService, from: NodeRuntime, to: NodeRuntime, name: string, part: SummaryPart): void {
    const label = service.summary!;
    this.tick(2);
    this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: { id: label.carrier.id, name: label.carrier.name, hex: '', fields: [] },
      protocol: label.protocol, name, layers: label.layers, hex: '', fields: part.fields, explain: part.explain, modelled: 'summary',
      ref: label.ref, time: this.timeOf(from), error: part.error,
      narration: this.narrationFor(label.protocol, name) ?? `${from.trace.hostName} → ${to.trace.hostName}: ${name}. ${part.explain}`,
    });
    this.snapshot();
  }

  /** A carrier message with no token (HTTP GET without credentials, the bare 401, SMB2 NEGOTIATE request). `inner`
   *  names what the carrier holds when that is not the carrier's own protocol (HTTP inside TLS). */
  sendBare(from: NodeRuntime, to: NodeRuntime, carrier: CarrierMessage, narration: string, error?: TraceError, inner?: { protocol: MessageEvent['protocol']; layers: string[] }): void {
    this.tick();
    const protocol = inner?.protocol ?? this.carrierProtocol(carrier.carrier.id);
    this.rec.message({
      from: from.spec.id, to: to.spec.id, carrier: carrier.carrier, protocol, name: carrier.carrier.name,
      layers: [this.carrierLayerName(carrier.carrier), ...(inner?.layers ?? [])], hex: '', fields: [], explain: narration, time: this.timeOf(from), error,
      narration: this.narrationFor(protocol, carrier.carrier.name) ?? narration,
    });
    this.snapshot();
  }

  private seen = new Map<string, number>();

  /** A decision's narration: `<condition>#<n>` (its n-th occurrence in the run, from 1), then `<condition>`. */
  private decisionNarration(condition: string): string | undefined {
    const key = `decision ${condition}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return this.narration[`${condition}#${n}`] ?? this.narration[condition];
  }

  /** The narration catalog's text for a message (packages' defaults, overridden by the scenario), keyed by event:
   *  `<protocol> <name>#<n>` (the n-th such message of the run, from 1), then `<protocol> <name>`, then `<name>`. */
  private narrationFor(protocol: string, name: string): string | undefined {
    const key = `${protocol} ${name}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return this.narration[`${key}#${n}`] ?? this.narration[key] ?? this.narration[name];
  }

  private carrierProtocol(id: CarrierId): MessageEvent['protocol'] {
    const spec = this.registry.carrier(id);
    if (!spec) throw new Error(`carrier ${id} is not registered`);
    return spec.protocol;
  }

  private carrierLayerName(c: Carrier): string {
    return this.registry.carrier(c.id)?.layer ?? c.id.toUpperCase();
  }

  /** Why a carrier left the SSP's token out (its spec says; SMB2's ERROR response has no security buffer). */
  private notSentExplain(c: Carrier): string {
    return this.registry.carrier(c.id)?.tokenNotSent ?? `${c.name} does not carry the security token.`;
  }

  private narrateNotSent(from: NodeRuntime, to: NodeRuntime, view: MessageView, carrier: Carrier, len: number): string {
    return `${from.trace.hostName} → ${to.trace.hostName}: ${carrier.name}. The server's SSP produced a ${view.protocol} ${view.name} (${len} bytes), but it is not sent: ${this.notSentExplain(carrier)} ${to.trace.hostName} sees only the status and gives up on the session; the token is shown here, marked not sent, so you can read what the server's SSP decided.`;
  }

  private narrate(from: NodeRuntime, to: NodeRuntime, view: MessageView, carrier: Carrier, len: number): string {
    const custom = this.narrationFor(view.protocol, view.name);
    const head = `${from.trace.hostName} → ${to.trace.hostName}: ${view.protocol} ${view.name} (${len} bytes) inside ${carrier.name}.`;
    return custom ? `${head} ${custom}` : `${head} ${view.explain}`;
  }
}

/** The receiver decides, not the runner: a token its decoder cannot read is still delivered, shown with the
 *  field tree up to where decoding stopped (the bytes that decoded, then the rest with the decoder's words). */
function describeOrPartial(p: SecurityPackage<unknown>, token: Uint8Array, keys: KeyRing, pkg: PackageName): MessageView {
  try {
    return p.describe(token, keys);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const at = Math.min(Math.max(0, e.offset), token.length);
    const fields: Field[] = [];
    if (at > 0) fields.push(field('Decoded', 0, at, `These ${at} bytes are read as the start of a ${pkg} message before the decoder stopped.`, `${at} bytes`));
    fields.push(field('Malformed', at, token.length, `The ${pkg} decoder stops here: ${e.message}. The token is delivered anyway; the receiving package decides what to answer.`, `${token.length - at} bytes`));
    return {
      protocol: (packageMeta(pkg)?.travel.layer ?? pkg) as MessageView['protocol'], name: `malformed ${pkg} token`, layers: [`${pkg} (malformed)`], fields,
      explain: `A token the ${pkg} decoder cannot read (${e.message}).`, error: { code: 0x80090308, name: 'DecodeError', text: e.message },
    };
  }
}

export function statusCode(name: string): number {
  return (SEC as Record<string, number>)[name] ?? 0;
}
