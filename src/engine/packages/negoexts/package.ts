// The NegoExtender SSP (negoexts.dll, MS-NEGOEX): the extension of Negotiate that negotiates auth
// schemes other than Kerberos and NTLM (on Windows: PKU2U) inside SPNEGO. The initiator opens the
// conversation with INITIATOR_NEGO (its random, the schemes it can run) and one INITIATOR_META_DATA
// per scheme; the acceptor answers ACCEPTOR_NEGO with the schemes it keeps and their ACCEPTOR_META_DATA
// (a scheme that fails in the metadata phase is dropped); the first scheme left is the one that runs,
// its tokens in AP_REQUEST / CHALLENGE messages; once a side has the scheme's key it sends VERIFY, an
// RFC 3961 checksum over every NEGOEX message so far. One conversation ID; one sequence number
// counting every message of both sides. Once the chosen scheme fails there is no renegotiation and
// Negotiate does not fall back to NTLM (the seed's rule for NegoExts).
import { concat, hex } from '../../bytes';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type {
  ContextResult, Credential, KeyRing, MessageView, PackageCall, PackageEnv, PackageYield, RequestFlags, SecurityPackage,
} from '../../sspi/package';
import { status, type SecStatusName } from '../../sspi/status';
import type { PackageName, TraceError } from '../../trace';
import {
  ALERT_TYPE_PULSE, MESSAGE_TYPE, MESSAGE_TYPE_NAMES, type NegoexMessage, buildMessage, describeToken, guidText, parseToken, transcriptChecksum, verifyNoKeyPulse,
  verifyTranscript,
} from './messages';
import type { NegoexScheme, SchemeKey } from './scheme';
import { negoexSchemes } from './schemes';

export const PACKAGE_INFO = PACKAGE_INFOS.NegoExtender;

/** The auth schemes NegoExts can run, in order of preference. */
const schemeOf = (g: string) => negoexSchemes().find((s) => s.guid === g);

export interface NegoexContext {
  side: 'client' | 'server';
  state: 'initial' | 'nego-sent' | 'exchanging' | 'established' | 'failed';
  conversationId: string;
  /** The next sequence number (both sides count every message of the conversation). */
  nextSeq: number;
  /** Every NEGOEX message sent or received, in order (VERIFY checksums them). */
  transcript: Uint8Array[];
  scheme: string | null;
  inner: unknown;
  innerDone: boolean;
  verifySent: boolean;
  peerVerified: boolean;
}

type Call = PackageCall<NegoexContext>;
type Inner = SecurityPackage<unknown>;
type Body = NegoexMessage extends infer M ? M extends NegoexMessage ? Omit<M, 'sequenceNum' | 'conversationId'> : never : never;

const newContext = (side: 'client' | 'server'): NegoexContext => ({
  side, state: 'initial', conversationId: '00000000-0000-0000-0000-000000000000', nextSeq: 0, transcript: [], scheme: null, inner: null,
  innerDone: false, verifySent: false, peerVerified: false,
});

function fail(ctx: NegoexContext, name: SecStatusName, error: TraceError, output: Uint8Array | null = null): ContextResult<NegoexContext> {
  return { ctx: { ...ctx, state: 'failed' }, status: status(name), output, error, attributes: 0 };
}
const invalid = (ctx: NegoexContext, text: string) => fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text });
const decision = (d: string, condition: string, because: string): PackageYield => ({ kind: 'decision', decision: d, condition, because });

/** A random GUID (version 4) for the conversation ID. */
function newGuid(env: PackageEnv): string {
  const b = env.rng.bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Number, build and record outgoing messages. */
function send(ctx: NegoexContext, bodies: Body[]): { ctx: NegoexContext; bytes: Uint8Array[] } {
  let seq = ctx.nextSeq;
  const transcript = [...ctx.transcript];
  const bytes: Uint8Array[] = [];
  for (const b of bodies) {
    const m = buildMessage({ ...b, sequenceNum: seq++, conversationId: ctx.conversationId } as NegoexMessage);
    bytes.push(m);
    transcript.push(m);
  }
  return { ctx: { ...ctx, nextSeq: seq, transcript }, bytes };
}

const RAW = { layer: 'scheme bytes', fields: [] };

interface Received { msgs: NegoexMessage[]; raw: Uint8Array[]; before: number[] }

/** Parse an incoming token, check its conversation ID and sequence numbers, and record it. */
function receive(ctx: NegoexContext, token: Uint8Array, first = false): { ctx: NegoexContext; got: Received } | { error: string } {
  let p;
  // The receiver needs the messages, not the inspector's field tree of the scheme's bytes (its own package reads them).
  try { p = parseToken(token, () => RAW); } catch (e) { return { error: `The NEGOEX token is malformed: ${(e as Error).message}` }; }
  const conv = first ? p.messages[0].conversationId : ctx.conversationId;
  let seq = first ? 0 : ctx.nextSeq;
  const transcript = [...ctx.transcript];
  const got: Received = { msgs: [], raw: [], before: [] };
  for (let i = 0; i < p.messages.length; i++) {
    const m = p.messages[i];
    if (m.conversationId !== conv) return { error: `NEGOEX message ${i} belongs to conversation ${m.conversationId}, not ${conv}.` };
    if (m.sequenceNum !== seq) return { error: `NEGOEX message ${i} has sequence number ${m.sequenceNum}, ${seq} was expected.` };
    const raw = token.slice(p.ranges[i].start, p.ranges[i].end);
    got.before.push(transcript.length);
    got.msgs.push(m); got.raw.push(raw); transcript.push(raw);
    seq++;
  }
  return { ctx: { ...ctx, conversationId: conv, nextSeq: seq, transcript }, got };
}

const innerEnv = (env: PackageEnv, p: PackageName): PackageEnv => ({ ...env, rng: env.rngFor(p) });

function innerPkg(env: PackageEnv, s: NegoexScheme): Inner | undefined {
  return env.packages[s.pkg];
}

/** Which schemes a node can run as initiator (enabled, built, with credentials). */
export function initiatorSchemes(env: PackageEnv, cred: Credential): NegoexScheme[] {
  return negoexSchemes().filter((s) => env.enabledPackages.includes(s.pkg) && !!env.packages[s.pkg] && s.canInitiate(env, cred));
}

/** NTSTATUS an ALERT carries for a scheme failure. */
const NTSTATUS_OF: Partial<Record<SecStatusName, number>> = { SEC_E_ISSUING_CA_UNTRUSTED: 0xc000038a, SEC_E_PKINIT_CLIENT_FAILURE: 0xc0000320 };

/** The seed's rule, as a decision: the chosen scheme failed, nothing else is tried. */
function noFallback(env: PackageEnv, s: NegoexScheme, why: string): PackageYield {
  const ntlm = env.enabledPackages.includes('NTLM');
  return decision(`${s.name} failed → authentication fails (no renegotiation, no NTLM)`, 'negoexChosenSchemeFailed',
    `${why.replace(/\.+$/, '')}. NegoExts had already chosen ${s.name} for this conversation; once the chosen scheme fails there is no renegotiation of another scheme, and Negotiate does not fall back to NTLM${ntlm ? `, although NTLM is enabled on ${env.computerName}` : ''} (Microsoft's "Security Support Provider Interface Architecture": within NegoExts, "when the authentication method fails for any reason, an authentication failure message will be displayed or logged. No renegotiation or fallback authentication methods are possible.").`);
}

/** After the scheme's call: our VERIFY once we have the key; check the peer's VERIFY (or pulse when we have no key yet). */
function verifyStep(ctx: NegoexContext, s: NegoexScheme, got: Received | null, out: Body[]): { ctx: NegoexContext; out: Body[]; bad?: string } {
  let c = ctx;
  const keys = s.verifyKeys(c.inner, c.side);
  if (got) {
    got.msgs.forEach((m, i) => {
      if (m.kind !== 'verify') return;
      if (!keys.peer) { out.push({ kind: 'alert', messageType: MESSAGE_TYPE.ALERT, authScheme: s.guid, errorCode: 0, alerts: [verifyNoKeyPulse()] }); return; }
      const transcript = concat(...c.transcript.slice(0, got.before[i]));
      if (verifyTranscript(m.checksum, keys.peer.key, c.side === 'client' ? 'acceptor' : 'initiator', transcript)) c = { ...c, peerVerified: true };
      else c = { ...c, state: 'failed' };
    });
    if (c.state === 'failed') return { ctx: c, out, bad: `The peer's VERIFY checksum does not match the NEGOEX messages this side saw: the negotiation was tampered with.` };
  }
  if (keys.mine && !c.verifySent) {
    // The checksum covers the transcript up to this VERIFY: what was received, then what goes out before it.
    const pending = send(c, out);
    const cks = transcriptChecksum((keys.mine as SchemeKey).etype, keys.mine.key, c.side === 'client' ? 'initiator' : 'acceptor', concat(...pending.ctx.transcript));
    out.push({ kind: 'verify', messageType: MESSAGE_TYPE.VERIFY, authScheme: s.guid, checksum: cks });
    c = { ...c, verifySent: true };
  }
  return { ctx: c, out };
}

const done = (c: NegoexContext) => c.innerDone && c.verifySent && c.peerVerified;

function finish(ctx: NegoexContext, out: Body[], attributes: number): ContextResult<NegoexContext> {
  const sent = send(ctx, out);
  const c: NegoexContext = { ...sent.ctx, state: done(sent.ctx) ? 'established' : ctx.state };
  const token = sent.bytes.length ? concat(...sent.bytes) : null;
  return { ctx: c, status: status(c.state === 'established' ? 'SEC_E_OK' : 'SEC_I_CONTINUE_NEEDED'), output: token, attributes };
}

function* clientFirst(env: PackageEnv, cred: Credential, req: RequestFlags): Call {
  let ctx = newContext('client');
  const schemes = initiatorSchemes(env, cred);
  if (!schemes.length) return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'NegoExts has no auth scheme with credentials for this user.' });
  const ready: NegoexScheme[] = [];
  for (const s of schemes) {
    const r = s.prepare ? yield* s.prepare(innerEnv(env, s.pkg), cred) : { ok: true as const };
    if (r.ok) ready.push(s);
  }
  if (!ready.length) return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'No NEGOEX auth scheme could get its credentials.' });
  ctx = { ...ctx, conversationId: newGuid(env), state: 'nego-sent' };
  const r = send(ctx, [
    { kind: 'nego', messageType: MESSAGE_TYPE.INITIATOR_NEGO, random: env.rng.bytes(32), protocolVersion: 0n, authSchemes: ready.map((s) => s.guid), extensions: [] },
    ...ready.map((s): Body => ({ kind: 'exchange', messageType: MESSAGE_TYPE.INITIATOR_META_DATA, authScheme: s.guid, exchange: s.initiatorMetadata(innerEnv(env, s.pkg), req) })),
  ]);
  return { ctx: r.ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: concat(...r.bytes), attributes: 0 };
}

function* clientNego(env: PackageEnv, cred: Credential, ctx: NegoexContext, got: Received, req: RequestFlags): Call {
  const nego = got.msgs.find((m) => m.kind === 'nego' && m.messageType === MESSAGE_TYPE.ACCEPTOR_NEGO);
  if (!nego || nego.kind !== 'nego') return invalid(ctx, 'Expected ACCEPTOR_NEGO.');
  const meta = (g: string) => got.msgs.find((m) => m.kind === 'exchange' && m.messageType === MESSAGE_TYPE.ACCEPTOR_META_DATA && m.authScheme === g);
  let chosen: NegoexScheme | null = null;
  const dropped: string[] = [];
  for (const g of nego.authSchemes) {
    const s = schemeOf(g);
    if (!s) continue;
    const m = meta(g);
    const check = s.initiatorCheck(innerEnv(env, s.pkg), m && m.kind === 'exchange' ? m.exchange : undefined);
    if (!check.ok) { yield decision(check.decision, check.condition, check.because); dropped.push(check.decision); continue; }
    chosen = s;
    break;
  }
  if (!chosen) {
    yield decision('No NEGOEX auth scheme left → authentication fails', 'negoexNoSchemeLeft', `Every auth scheme was dropped in the metadata phase, so NegoExts has nothing to run. SPNEGO already agreed on NEGOEX with the acceptor: the conversation ends here.`);
    return fail(ctx, 'SEC_E_LOGON_DENIED', { code: 0x8009030c, name: 'SEC_E_LOGON_DENIED', text: `NEGOEX: no auth scheme both peers can run${dropped.length ? ` (${dropped.join('; ')})` : ''}.` });
  }
  yield decision(`Use ${chosen.name} (the first scheme both peers keep)`, 'negoexSchemeChosen', `The acceptor's ACCEPTOR_NEGO lists ${nego.authSchemes.map((g) => schemeOf(g)?.name ?? g).join(', ')}; its metadata names a CA that issued this user's certificate, so ${chosen.name} stays and, being first, is the scheme this conversation runs. From here a failure of ${chosen.name} ends the authentication.`);
  const pkg = innerPkg(env, chosen);
  if (!pkg) return fail(ctx, 'SEC_E_SECPKG_NOT_FOUND', { code: 0x80090305, name: 'SEC_E_SECPKG_NOT_FOUND', text: `${chosen.name} is not available.` });
  const r = yield* pkg.initialize(innerEnv(env, chosen.pkg), cred, null, null, req);
  const c: NegoexContext = { ...ctx, scheme: chosen.guid, inner: r.ctx, state: 'exchanging' };
  if (r.status.code & 0x80000000) { yield noFallback(env, chosen, r.error?.text ?? r.status.name); return { ...r, ctx: { ...c, state: 'failed' } }; }
  c.innerDone = r.status.name === 'SEC_E_OK';
  const out: Body[] = r.output ? [{ kind: 'exchange', messageType: MESSAGE_TYPE.AP_REQUEST, authScheme: chosen.guid, exchange: r.output }] : [];
  const v = verifyStep(c, chosen, null, out);
  return finish(v.ctx, v.out, r.attributes);
}

/** One step of the chosen scheme: feed its token from the peer's message, wrap its answer, then VERIFY. */
function* schemeStep(env: PackageEnv, cred: Credential, ctx: NegoexContext, got: Received, req: RequestFlags): Call {
  const s = schemeOf(ctx.scheme!)!;
  const pkg = innerPkg(env, s)!;
  const wantType = ctx.side === 'client' ? MESSAGE_TYPE.CHALLENGE : MESSAGE_TYPE.AP_REQUEST;
  const x = got.msgs.find((m) => m.kind === 'exchange' && m.messageType === wantType && m.authScheme === s.guid);
  const c = { ...ctx };
  const out: Body[] = [];
  let attributes = 0;
  if (x && x.kind === 'exchange') {
    const r = ctx.side === 'client'
      ? yield* pkg.initialize(innerEnv(env, s.pkg), cred, c.inner, x.exchange, req)
      : yield* pkg.accept(innerEnv(env, s.pkg), cred, c.inner, x.exchange, req);
    c.inner = r.ctx;
    attributes = r.attributes;
    if (r.status.code & 0x80000000) {
      yield noFallback(env, s, r.error?.text ?? r.status.name);
      // The acceptor still answers: the scheme's error token, and an ALERT carrying the NTSTATUS.
      const errOut: Body[] = [];
      if (ctx.side === 'server') {
        if (r.output && r.output.length) errOut.push({ kind: 'exchange', messageType: MESSAGE_TYPE.CHALLENGE, authScheme: s.guid, exchange: r.output });
        errOut.push({ kind: 'alert', messageType: MESSAGE_TYPE.ALERT, authScheme: s.guid, errorCode: NTSTATUS_OF[r.status.name] ?? 0xc000006d, alerts: [] });
      }
      const sent = send(c, errOut);
      return { ...r, ctx: { ...sent.ctx, state: 'failed' }, output: sent.bytes.length ? concat(...sent.bytes) : null };
    }
    c.innerDone = r.status.name === 'SEC_E_OK';
    if (r.output && r.output.length) out.push({ kind: 'exchange', messageType: ctx.side === 'client' ? MESSAGE_TYPE.AP_REQUEST : MESSAGE_TYPE.CHALLENGE, authScheme: s.guid, exchange: r.output });
  }
  const v = verifyStep(c, s, got, out);
  if (v.bad) return fail(v.ctx, 'SEC_E_MESSAGE_ALTERED', { code: 0x8009030f, name: 'SEC_E_MESSAGE_ALTERED', text: v.bad });
  return finish(v.ctx, v.out, attributes);
}

function* serverFirst(env: PackageEnv, ctx0: NegoexContext, input: Uint8Array): Call {
  const rc = receive(ctx0, input, true);
  if ('error' in rc) return invalid(ctx0, rc.error);
  let ctx = rc.ctx;
  const nego = rc.got.msgs[0];
  if (nego.kind !== 'nego' || nego.messageType !== MESSAGE_TYPE.INITIATOR_NEGO) return invalid(ctx, 'A NEGOEX conversation starts with INITIATOR_NEGO.');
  const kept: NegoexScheme[] = [];
  const metas: Body[] = [];
  const dropped: string[] = [];
  for (const g of nego.authSchemes) {
    const s = schemeOf(g);
    if (!s || !env.enabledPackages.includes(s.pkg) || !env.packages[s.pkg]) continue;
    const m = rc.got.msgs.find((x) => x.kind === 'exchange' && x.messageType === MESSAGE_TYPE.INITIATOR_META_DATA && x.authScheme === g);
    const check = s.acceptorCheck(innerEnv(env, s.pkg), m && m.kind === 'exchange' ? m.exchange : undefined);
    if (!check.ok) { yield decision(check.decision, check.condition, check.because); dropped.push(check.decision); continue; }
    kept.push(s);
    if (check.metadata) metas.push({ kind: 'exchange', messageType: MESSAGE_TYPE.ACCEPTOR_META_DATA, authScheme: s.guid, exchange: check.metadata });
  }
  if (!kept.length) {
    yield decision('No NEGOEX auth scheme in common → reject', 'negoexNoSchemeLeft', `The initiator offers ${nego.authSchemes.map((g) => schemeOf(g)?.name ?? g).join(', ')}; ${env.computerName} can run none of them, so NegoExts fails and Negotiate rejects. NEGOEX was SPNEGO's choice: there is no renegotiation.`);
    return fail(ctx, 'SEC_E_LOGON_DENIED', { code: 0x8009030c, name: 'SEC_E_LOGON_DENIED', text: `NEGOEX: no auth scheme both peers can run${dropped.length ? ` (${dropped.join('; ')})` : ''}.` });
  }
  ctx = { ...ctx, scheme: kept[0].guid, state: 'exchanging' };
  return finish(ctx, [{ kind: 'nego', messageType: MESSAGE_TYPE.ACCEPTOR_NEGO, random: env.rng.bytes(32), protocolVersion: 0n, authSchemes: kept.map((s) => s.guid), extensions: [] }, ...metas], 0);
}

export const createNegoexPackage = (packageOf: (p: PackageName) => Inner | undefined): SecurityPackage<NegoexContext> => {
  const schemePkg = (ctx: NegoexContext): Inner | undefined => {
    const s = ctx.scheme ? schemeOf(ctx.scheme) : undefined;
    return s ? packageOf(s.pkg) : undefined;
  };
  return {
    info: PACKAGE_INFO,

    *initialize(env, cred, ctx, input, req): Call {
      if (ctx === null || ctx.state === 'initial') return yield* clientFirst(env, cred, req);
      if (!input || (ctx.state !== 'nego-sent' && ctx.state !== 'exchanging')) return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE', { code: 0x80090310, name: 'SEC_E_OUT_OF_SEQUENCE', text: `InitializeSecurityContext called in state ${ctx.state}.` });
      const rc = receive(ctx, input);
      if ('error' in rc) return invalid(ctx, rc.error);
      if (ctx.state === 'nego-sent') return yield* clientNego(env, cred, rc.ctx, rc.got, req);
      return yield* schemeStep(env, cred, rc.ctx, rc.got, req);
    },

    *accept(env, cred, ctx, input, req): Call {
      if (ctx === null || ctx.state === 'initial') return yield* serverFirst(env, ctx ?? newContext('server'), input);
      if (ctx.state !== 'exchanging') return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE', { code: 0x80090310, name: 'SEC_E_OUT_OF_SEQUENCE', text: `AcceptSecurityContext called in state ${ctx.state}.` });
      const rc = receive(ctx, input);
      if ('error' in rc) return invalid(ctx, rc.error);
      return yield* schemeStep(env, cred, rc.ctx, rc.got, req);
    },

    describe(token: Uint8Array, keys: KeyRing): MessageView {
      let innerView: MessageView | undefined;
      const p = parseToken(token, (type, scheme, exchange) => {
        const d = schemeOf(scheme)?.describeExchange(type, exchange, keys);
        if (d?.view) innerView = d.view;
        return d;
      });
      const kinds = describeToken(p.messages);
      const layer = `NEGOEX ${kinds}`;
      const alert = p.messages.find((m) => m.kind === 'alert' && m.errorCode !== 0);
      const error: MessageView['error'] = innerView?.error ?? (alert && alert.kind === 'alert' ? { code: alert.errorCode, name: `NTSTATUS 0x${alert.errorCode.toString(16)}`, text: 'The acceptor ends the NEGOEX conversation with an error (ALERT).' } : undefined);
      const extra = p.messages.filter((m) => m.kind === 'verify' || m.kind === 'alert').map((m) => MESSAGE_TYPE_NAMES[m.messageType]);
      if (innerView) {
        return {
          protocol: 'PKU2U', name: [innerView.name, ...extra].join(' + '), layers: [layer, ...innerView.layers], fields: p.fields,
          explain: `${innerView.explain}${extra.includes('VERIFY') ? ' With it, VERIFY: the RFC 3961 checksum of every NEGOEX message so far under the scheme\'s key, proving nobody changed the negotiation.' : ''} (Inside NEGOEX ${kinds}, conversation ${p.messages[0].conversationId}.)`,
          ref: innerView.ref, error,
        };
      }
      const isPulse = p.messages.some((m) => m.kind === 'alert' && m.alerts.some((a) => a.alertType === ALERT_TYPE_PULSE));
      return {
        protocol: 'NEGOEX', name: kinds, layers: [layer], fields: p.fields,
        explain: `${EXPLAIN[p.messages[0].messageType] ?? 'NEGOEX messages.'}${isPulse ? ' The ALERT pulse says: VERIFY received before this side had a key.' : ''} Conversation ${p.messages[0].conversationId}, messages ${p.messages.map((m) => m.sequenceNum).join(', ')}.`,
        ref: 'MS-NEGOEX 3.1.5', error,
      };
    },

    sessionKey(ctx) {
      const p = schemePkg(ctx);
      return ctx.state === 'established' && p?.sessionKey ? p.sessionKey(ctx.inner) : null;
    },
    protect(ctx, message, seal) {
      const r = schemePkg(ctx)!.protect!(ctx.inner, message, seal);
      return { ctx: { ...ctx, inner: r.ctx }, token: r.token, view: r.view };
    },
    unprotect(ctx, token, seal) {
      const r = schemePkg(ctx)!.unprotect!(ctx.inner, token, seal);
      return { ctx: { ...ctx, inner: r.ctx }, status: r.status, message: r.message };
    },
    getMic(ctx, data) {
      const r = schemePkg(ctx)!.getMic!(ctx.inner, data);
      return { ctx: { ...ctx, inner: r.ctx }, mic: r.mic };
    },
    verifyMic(ctx, data, mic) {
      const p = schemePkg(ctx);
      if (!p?.verifyMic) return { ctx, ok: false };
      const r = p.verifyMic(ctx.inner, data, mic);
      return { ctx: { ...ctx, inner: r.ctx }, ok: r.ok };
    },

    snapshot(ctx) {
      const p = schemePkg(ctx);
      const inner = p && ctx.inner ? p.snapshot(ctx.inner) : undefined;
      const s = ctx.scheme ? schemeOf(ctx.scheme) : undefined;
      return {
        state: `${ctx.state}${s ? `, scheme ${s.name}` : ''}, conversation ${ctx.conversationId}, next sequence number ${ctx.nextSeq}`,
        mechanism: s?.pkg, flags: inner?.flags ?? [], keys: inner?.keys ?? [],
      };
    },
  };
};

const EXPLAIN: Record<number, string> = {
  [MESSAGE_TYPE.INITIATOR_NEGO]: 'The initiator opens the NEGOEX conversation: INITIATOR_NEGO with its random and the auth schemes it can run (best first), then one INITIATOR_META_DATA per scheme (for PKU2U, the CAs it trusts).',
  [MESSAGE_TYPE.ACCEPTOR_NEGO]: 'The acceptor answers with ACCEPTOR_NEGO: its random and the schemes it keeps from the initiator\'s list (a scheme that fails in the metadata phase is dropped), with its own metadata for each.',
  [MESSAGE_TYPE.VERIFY]: 'VERIFY: the RFC 3961 checksum of every NEGOEX message so far under the chosen scheme\'s key.',
  [MESSAGE_TYPE.ALERT]: 'ALERT: the acceptor tells the initiator the scheme failed (an NTSTATUS), or pulses that a VERIFY arrived before it had a key.',
};

export { guidText };
