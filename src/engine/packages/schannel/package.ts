// Schannel as an SSPI package: InitializeSecurityContext / AcceptSecurityContext drive the TLS
// endpoints (tls/handshake.ts) flight by flight, returning SEC_I_CONTINUE_NEEDED until the handshake
// ends; EncryptMessage / DecryptMessage protect application data records; the context's snapshot is
// what QueryContextAttributes(SECPKG_ATTR_CONNECTION_INFO / SECPKG_ATTR_REMOTE_CERT_CONTEXT) return.
import { perRun } from '../../runScope';
import { hex } from '../../bytes';
import type { ContextResult, ContextSnapshot, MessageView, PackageCall, PackageEnv, RequestFlags, Rng, SecurityPackage } from '../../sspi/package';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import { status, type SecStatusName } from '../../sspi/status';
import { ISC_RET, ASC_RET } from '../../sspi/flags';
import { ALERT_NAMES } from './messages/constants';
import { describeFlight, type FlightView } from './messages/flight';
import {
  clientPostHandshake, clientReceive, clientStart, connectionInfo, decryptApplicationData, encryptApplicationData, newEndpoint, serverReceive,
  type EndpointConfig, type StepResult, type TlsState,
} from './tls/handshake';
import { enabledVersions } from './params';
import { storesOf } from './store';
import type { Profile } from './tls/profile';
import { versionName } from './messages/constants';

export interface SchannelContext {
  role: 'client' | 'server';
  tls: TlsState;
  /** Decisions already reported. */
  notesSent: number;
  keysSent: number;
  /** The node's random stream for EncryptMessage's CBC explicit IVs (TLS 1.1 and later; AEAD and TLS 1.3 draw none). */
  ivRng: Rng;
}

/** Each node's stream for record IVs: its own purpose, so the handshake's bytes do not depend on how many records follow. */
const ivStream = (env: PackageEnv): Rng => env.rngFor('Schannel/record IVs');

/** This run's views of the tokens this package produced, by hex: the sender knows its keys, so its view opens its
 * own encrypted records. Per run: a map kept across runs held every earlier run's field trees alive. */
const VIEWS = perRun(new Map<string, FlightView>());
const remember = (token: Uint8Array | null, view: FlightView | null) => {
  if (!token || !view) return;
  if (VIEWS.size > 2000) VIEWS.clear();
  VIEWS.set(hex(token), view);
};

/** The host part of a target name ("HTTP/web01.contoso.local" or "web01.contoso.local"). */
const hostOf = (target: string | undefined, env: PackageEnv) => (target ?? env.dnsHostName).replace(/^[^/]*\//, '').replace(/:\d+$/, '');

function config(env: PackageEnv, role: 'client' | 'server', target?: string): EndpointConfig {
  const stores = storesOf(env);
  const { versions } = enabledVersions(env.params, role);
  const dtls = env.params.tlsTransport === 'datagram';
  return {
    role, versions: versions.filter((v) => (dtls ? v >= 0xfe00 : v < 0xfe00)), dtls,
    profile: (env.params.windowsRelease === '2025' ? '2025' : '2016') as Profile,
    host: role === 'client' ? hostOf(target, env) : env.dnsHostName,
    alpn: dtls ? [] : ['http/1.1'],
    trusted: stores.root,
    cert: role === 'server' ? stores.my : env.params.clientCertificate === false ? null : stores.my,
    certRsa: role === 'server' ? stores.myRsa : null,
    requestClientCert: role === 'server' && env.params.requireClientCertificate === true,
    sessionTickets: true,
    now: env.now(),
  };
}

const ATTRS_CLIENT = ISC_RET.CONFIDENTIALITY | ISC_RET.REPLAY_DETECT | ISC_RET.SEQUENCE_DETECT | ISC_RET.STREAM | ISC_RET.MUTUAL_AUTH;
const ATTRS_SERVER = ASC_RET.CONFIDENTIALITY | ASC_RET.REPLAY_DETECT | ASC_RET.SEQUENCE_DETECT | ASC_RET.STREAM;

function* step(ctx: SchannelContext, r: StepResult): PackageCall<SchannelContext> {
  const tls = r.st;
  const next: SchannelContext = { ...ctx, tls };
  for (const n of tls.notes.slice(ctx.notesSent)) yield { kind: 'decision', decision: n.decision, condition: n.condition, because: n.because };
  next.notesSent = tls.notes.length;
  for (const k of tls.keylog.slice(ctx.keysSent)) {
    yield { kind: 'key', key: { name: `TLS ${k.label} (client random ${k.clientRandom.slice(0, 16)}…)`, key: fromHexStr(k.secret), principal: `${k.label} ${k.clientRandom}` } };
  }
  next.keysSent = tls.keylog.length;
  remember(r.out, r.view);
  const attributes = ctx.role === 'client' ? ATTRS_CLIENT : ATTRS_SERVER;
  if (tls.failure) {
    const f = tls.failure;
    // A received alert is named by the reason already ("the server sent a fatal protocol_version alert: ..."): once is enough.
    const alert = f.alert === null ? 'no alert' : f.alertSent ? `sends a fatal ${ALERT_NAMES[f.alert] ?? f.alert} alert` : null;
    const name = f.status as SecStatusName;
    const st = status(name);
    const result: ContextResult<SchannelContext> = { ctx: next, status: st, output: r.out, attributes: 0, error: { code: st.code, name, text: alert ? `${f.reason} (${alert})` : f.reason } };
    return result;
  }
  const done = r.done && (tls.phase === 'done');
  return { ctx: next, status: status(done ? 'SEC_E_OK' : 'SEC_I_CONTINUE_NEEDED'), output: r.out, attributes };
}

function fromHexStr(h: string): Uint8Array { const o = new Uint8Array(h.length / 2); for (let i = 0; i < o.length; i++) o[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16); return o; }

export const schannelPackage: SecurityPackage<SchannelContext> = {
  info: PACKAGE_INFOS.Schannel,

  *initialize(env, _cred, ctx, input, req: RequestFlags) {
    if (!ctx) {
      const tls0 = newEndpoint(config(env, 'client', req.target));
      const c0: SchannelContext = { role: 'client', tls: tls0, notesSent: 0, keysSent: 0, ivRng: ivStream(env) };
      return yield* step(c0, clientStart(tls0, env.rng));
    }
    // TLS 1.3 after the handshake: the server's NewSessionTicket (DecryptMessage hands it back with SEC_I_RENEGOTIATE; the
    // application passes it here). The ticket is kept; SEC_E_OK, nothing to send.
    if (ctx.tls.phase === 'done' && input && ctx.tls.version === 0x0304) return yield* step(ctx, clientPostHandshake(ctx.tls, input));
    if (ctx.tls.phase === 'done' || ctx.tls.phase === 'failed' || !input) return { ctx, status: status('SEC_E_OUT_OF_SEQUENCE'), output: null, attributes: 0 };
    return yield* step(ctx, clientReceive(ctx.tls, input, env.rng));
  },

  *accept(env, _cred, ctx, input) {
    const c: SchannelContext = ctx ?? { role: 'server', tls: newEndpoint(config(env, 'server')), notesSent: 0, keysSent: 0, ivRng: ivStream(env) };
    if (c.tls.phase === 'done' || c.tls.phase === 'failed') return { ctx: c, status: status('SEC_E_OUT_OF_SEQUENCE'), output: null, attributes: 0 };
    return yield* step(c, serverReceive(c.tls, input, env.rng));
  },

  describe(token): MessageView {
    const v = VIEWS.get(hex(token)) ?? describeFlight(token, { version: 0, dtls: token.length > 2 && token[1] === 0xfe });
    const alert = v.items.find((i) => i.kind === 'alert');
    const view: MessageView & { error?: { code: number; name: string; text: string } } = {
      protocol: 'TLS', name: v.name, layers: [v.items.some((i) => i.kind === 'ssl2_hello') ? 'SSL 2.0 record' : token[1] === 0xfe ? 'DTLS' : 'TLS'],
      fields: v.fields, explain: explainFlight(v), ref: token[1] === 0xfe ? 'RFC 6347' : 'RFC 5246 / RFC 8446',
    };
    if (alert?.alert && alert.alert.level === 2) view.error = { code: alert.alert.description, name: ALERT_NAMES[alert.alert.description] ?? 'alert', text: `TLS fatal alert ${ALERT_NAMES[alert.alert.description] ?? alert.alert.description}` };
    return view;
  },

  protect(ctx, message) {
    const r = encryptApplicationData(ctx.tls, message, ctx.ivRng);
    remember(r.record, r.view);
    return { ctx: { ...ctx, tls: r.st }, token: r.record, view: { protocol: 'TLS', name: 'Application Data', layers: [ctx.tls.cfg.dtls ? 'DTLS' : 'TLS'], fields: r.view.fields, explain: 'EncryptMessage: the application\'s data in an encrypted application_data record (opened below with the traffic keys).', ref: 'RFC 5246 §6.2.3' } };
  },

  unprotect(ctx, token) {
    const r = decryptApplicationData(ctx.tls, token);
    return { ctx: { ...ctx, tls: r.st }, status: status(r.data ? 'SEC_E_OK' : 'SEC_E_DECRYPT_FAILURE'), message: r.data };
  },

  snapshot(ctx): ContextSnapshot {
    const t = ctx.tls;
    const info = connectionInfo(t);
    const flags = t.phase === 'done' ? ['CONFIDENTIALITY', 'INTEGRITY', 'REPLAY_DETECT', 'SEQUENCE_DETECT', 'STREAM'] : [];
    const keys: { name: string; hex: string }[] = [];
    if (info) keys.push({ name: 'SECPKG_ATTR_CONNECTION_INFO', hex: '' }, ...[
      { name: '  dwProtocol', hex: info.protocol }, { name: '  aiCipher', hex: `${info.cipher} (${t.suite!.name})` }, { name: '  dwCipherStrength', hex: String(info.cipherStrength) },
      { name: '  aiHash', hex: info.hash }, { name: '  dwHashStrength', hex: String(info.hashStrength) }, { name: '  aiExch', hex: info.exchange }, { name: '  dwExchStrength', hex: String(info.exchangeStrength) },
    ]);
    if (t.peer) keys.push({ name: 'SECPKG_ATTR_REMOTE_CERT_CONTEXT', hex: `${t.peer.subjectText} (issued by ${t.peer.issuerText}${t.peer.upn ? `, UPN ${t.peer.upn}` : ''})` });
    if (t.master) keys.push({ name: 'master secret', hex: hex(t.master) });
    for (const [k, v] of Object.entries(t.secrets13)) if (k === k.toUpperCase()) keys.push({ name: k, hex: hex(v) });
    for (const [i, tk] of t.tickets.entries()) {
      keys.push({ name: `session ticket ${i + 1} (NewSessionTicket)`, hex: `${tk.ticket.length}-byte ticket, lifetime ${tk.lifetime} s, nonce ${hex(tk.nonce)}` });
      keys.push({ name: `  resumption PSK ${i + 1} (RFC 8446 §4.6.1)`, hex: hex(tk.psk) });
    }
    const state = t.failure ? `failed: ${t.failure.reason}` : t.phase === 'done' ? `established (${versionName(t.version)})` : t.phase;
    return { state, flags, keys };
  },
};

function explainFlight(v: FlightView): string {
  if (v.items.some((i) => i.kind === 'ssl2_hello')) return 'An SSL 2.0-format CLIENT-HELLO: the two-byte SSL 2.0 record header, advertising the client\'s best version so that a newer server can answer in SSL 3.0 or TLS.';
  const alert = v.items.find((i) => i.kind === 'alert')?.alert;
  if (alert) return `A TLS alert: ${alert.level === 2 ? 'fatal' : 'warning'} ${ALERT_NAMES[alert.description] ?? alert.description}. The connection ends.`;
  return `One flight of TLS records: ${v.name}.`;
}

