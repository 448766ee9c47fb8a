// HTTPS (and a datagram application over DTLS) as the application drives Schannel: acquire the
// credentials (the server's certificate from the machine store), loop InitializeSecurityContext /
// AcceptSecurityContext passing the TLS flights over the TCP connection (tcp/443) until both say
// SEC_E_OK, then EncryptMessage an HTTP request and DecryptMessage the response. A failed handshake
// ends with the alert the failing side sends (or no answer) and its SEC_E_* status.
import { fromUtf8, hex, utf8 } from '../../bytes';
import { ISC_REQ } from '../../sspi/flags';
import type { ExportedTlsSecret, PackageName, TraceError } from '../../trace';
import { clientIdentity, type ExchangeResult } from '../../network/flows/exchange';
import type { HeldContext, NodeRuntime } from '../../network/nodes';
import type { Run, CallOutcome } from '../../network/run';
import type { CarrierMessage } from '../../network/carriers/types';
import { pkiFor, type PkiSpec } from './pki/build';
import { setStores } from './store';
import { enabledVersions } from './params';
import type { SchannelContext } from './package';
import { versionName } from './messages/constants';

const PKG: PackageName = 'Schannel';

/** The TLS records as the TCP payload (tcp/443), or a DTLS datagram (udp/4433). */
export function tlsCarrier(token: Uint8Array, dtls: boolean, what: string): CarrierMessage {
  return {
    carrier: {
      id: dtls ? 'dtls' : 'tls', name: dtls ? `UDP 4433 (DTLS ${what})` : `TCP 443 (TLS ${what})`, hex: hex(token),
      fields: [{ name: dtls ? 'UDP payload' : 'TCP payload', start: 0, end: token.length, explain: dtls ? 'The DTLS records, one datagram' : 'The TLS records, straight on the TCP connection (no HTTP around them: HTTPS is HTTP inside TLS)', layer: dtls ? 'DTLS' : 'TLS', value: `${token.length} bytes` }],
    },
    wire: token, flow: dtls ? { transport: 'udp', serverPort: 4433 } : { transport: 'tcp', serverPort: 443 }, tokenRange: { start: 0, end: token.length },
  };
}

export function pkiSpecOf(run: Run, s: NodeRuntime, c: NodeRuntime): PkiSpec {
  const scen = run.scenario!;
  const seed = Number(run.params.seed) || scen.seed;
  const domain = scen.domain?.dnsName.toLowerCase() ?? 'workgroup.local';
  const org = scen.domain ? scen.domain.netbiosName.charAt(0) + scen.domain.netbiosName.slice(1).toLowerCase() : 'Workgroup';
  const start = new Date(scen.startTime);
  return {
    seed, domain, org, serverHost: s.env.dnsHostName, clientUpn: `${c.spec.logon?.user ?? 'user'}@${domain}`,
    notBefore: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1) - 30 * 86400e3),
    notAfter: new Date(Date.UTC(start.getUTCFullYear() + 2, start.getUTCMonth(), 1)),
  };
}

export function installStores(run: Run, c: NodeRuntime, s: NodeRuntime): void {
  const spec = pkiSpecOf(run, s, c);
  const pki = pkiFor(spec);
  const which = String(run.params.serverCertificate ?? 'enterprise-ca');
  const serverCert = which === 'untrusted-root' ? pki.untrustedServer : which === 'expired' ? pki.expiredServer
    : which === 'wrong-name' ? pkiFor({ ...spec, serverHost: `portal.${spec.domain}` }).server : pki.server;
  setStores(s.env, { my: serverCert, myRsa: pki.serverRsa, root: [pki.root.der] });
  setStores(c.env, { my: pki.client, myRsa: null, root: [pki.root.der] });
}

function decisionNames(run: Run, c: NodeRuntime, s: NodeRuntime): void {
  const cv = enabledVersions(run.params, 'client'), sv = enabledVersions(run.params, 'server');
  const dtls = run.params.tlsTransport === 'datagram';
  const f = (l: string[]) => l.filter((n) => (dtls ? n.startsWith('DTLS') : !n.startsWith('DTLS'))).join(', ') || 'none';
  const because = `Client ${c.trace.hostName} enables ${f(cv.names)}; server ${s.trace.hostName} enables ${f(sv.names)}. Schannel picks the best version both enable (the seed's list is not an order of preference: its own example picks SSL 3.0 over SSL 2.0).${cv.pctAsked || sv.pctAsked ? ' PCT is turned on, but Schannel lists PCT without supporting it: it changes nothing.' : ''}`;
  run.rec.note({ node: c.spec.id, anchor: 'schannel-versions', time: run.timeOf(c), narration: because });
}

export function runTls(run: Run, c: NodeRuntime, s: NodeRuntime, target: string, resource: string): ExchangeResult {
  const r = handshakeAndData(run, c, s, target, resource);
  return { ...r, exports: { tlsSecrets: tlsSecretsOf([r.client?.ctx as SchannelContext | null, r.server?.ctx as SchannelContext | null]) } };
}

function handshakeAndData(run: Run, c: NodeRuntime, s: NodeRuntime, target: string, resource: string): ExchangeResult {
  const dtls = run.params.tlsTransport === 'datagram';
  installStores(run, c, s);
  const r = tlsHandshake(run, c, s, target, dtls);
  if (!r.ok || !r.client || !r.server) return r;
  appData(run, c, s, r.client, r.server, dtls, target, resource);
  return r;
}

/** The TLS handshake as the application drives it (the nodes' certificate stores already set): AcquireCredentialsHandle
 *  on both ends, then InitializeSecurityContext / AcceptSecurityContext until both return SEC_E_OK. `established`
 *  words the decision that ends it (the scenario's narration `schannelEstablished` wins). */
export function tlsHandshake(run: Run, c: NodeRuntime, s: NodeRuntime, target: string, dtls: boolean, established?: (ctx: SchannelContext) => string): ExchangeResult {
  const fail = (status: string, reason: string, error?: TraceError, client: HeldContext | null = null, server: HeldContext | null = null): ExchangeResult =>
    ({ ok: false, status, reason, error, client, server, mechanism: client || server ? PKG : null });
  const { identity, source } = clientIdentity(run, c);
  const credC = run.acquire(c, PKG, { use: 'outbound', identity: identity ?? { user: 'user', domain: c.spec.hostName, password: '', realm: null }, source });
  if (!credC) return fail('SEC_E_SECPKG_NOT_FOUND', `Schannel is not enabled on ${c.trace.hostName}.`);
  const credS = run.acquire(s, PKG, { use: 'inbound', identity: null, source: 'service' });
  if (!credS) return fail('SEC_E_SECPKG_NOT_FOUND', `Schannel is not enabled on ${s.trace.hostName}.`);
  decisionNames(run, c, s);
  const flags = (ISC_REQ.CONFIDENTIALITY | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT | ISC_REQ.STREAM | ISC_REQ.ALLOCATE_MEMORY) >>> 0;
  let hc: HeldContext | null = null, hs: HeldContext | null = null;
  let input: Uint8Array | null = null;
  let clientDone = false, serverDone = false;
  const label = (tok: Uint8Array, from: 'client' | 'server') => (run.view(PKG, tok).name || `${from} flight`);
  for (let leg = 0; leg < 8 && !(clientDone && serverDone); leg++) {
    if (!clientDone) {
      const rc: CallOutcome<SchannelContext> = run.sspi<SchannelContext>(c, 'client', PKG, credC, hc, input, { flags, target });
      hc = rc.held;
      const out = rc.result.output;
      const st = rc.result.status;
      if (out && out.length) run.sendToken(c, s, PKG, out, tlsCarrier(out, dtls, label(out, 'client')), (st.code & 0x80000000) ? rc.result.error : undefined);
      if (st.code & 0x80000000) return fail(st.name, rc.result.error?.text ?? 'InitializeSecurityContext failed', rc.result.error, hc, hs);
      clientDone = st.name === 'SEC_E_OK';
      if (!out || !out.length) { if (clientDone && serverDone) break; if (clientDone) break; return fail('SEC_E_INTERNAL_ERROR', 'The client produced no token.', undefined, hc, hs); }
      input = out;
    }
    const rs: CallOutcome<SchannelContext> = run.sspi<SchannelContext>(s, 'server', PKG, credS, hs, input!, { flags: 0 });
    hs = rs.held;
    const sout = rs.result.output;
    const ss = rs.result.status;
    if (sout && sout.length) run.sendToken(s, c, PKG, sout, tlsCarrier(sout, dtls, label(sout, 'server')), (ss.code & 0x80000000) ? rs.result.error : undefined);
    if (ss.code & 0x80000000) {
      if (!sout || !sout.length) run.rec.note({ node: s.spec.id, anchor: 'schannel-no-answer', time: run.timeOf(s), narration: `The server closes the connection without an answer: ${rs.result.error?.text ?? ss.name}. The client's InitializeSecurityContext sees the connection end.` });
      if (sout && sout.length) {
        const rc: CallOutcome<SchannelContext> = run.sspi<SchannelContext>(c, 'client', PKG, credC, hc, sout, { flags, target });
        hc = rc.held;
        if (rc.result.status.code & 0x80000000) return fail(rc.result.status.name, rc.result.error?.text ?? 'The handshake failed', rc.result.error, hc, hs);
      }
      return fail(ss.name, rs.result.error?.text ?? 'AcceptSecurityContext failed', rs.result.error, hc, hs);
    }
    serverDone = ss.name === 'SEC_E_OK';
    if (sout && sout.length) input = sout; else if (!serverDone) return fail('SEC_E_INTERNAL_ERROR', 'The server asked to continue without a token.', undefined, hc, hs);
    if (clientDone && serverDone) {
      // TLS 1.3: the server's last output is after the handshake (its NewSessionTicket); the client's Schannel reads it.
      if (sout && sout.length) {
        const rc: CallOutcome<SchannelContext> = run.sspi<SchannelContext>(c, 'client', PKG, credC, hc, sout, { flags, target });
        hc = rc.held;
        if (rc.result.status.code & 0x80000000) return fail(rc.result.status.name, rc.result.error?.text ?? 'The post-handshake message failed', rc.result.error, hc, hs);
      }
      break;
    }
    if (clientDone && sout && sout.length) {
      const rc: CallOutcome<SchannelContext> = run.sspi<SchannelContext>(c, 'client', PKG, credC, hc, sout, { flags, target });
      hc = rc.held;
      if (rc.result.status.code & 0x80000000) return fail(rc.result.status.name, rc.result.error?.text ?? 'The handshake failed', rc.result.error, hc, hs);
    }
  }
  if (!hc || !hs) return fail('SEC_E_INTERNAL_ERROR', 'The handshake did not finish.');
  const ctxC = hc.ctx as SchannelContext;
  run.rec.decision({ node: c.spec.id, decision: `${versionName(ctxC.tls.version)} with ${ctxC.tls.suite?.name}`, condition: 'schannelEstablished', time: run.timeOf(c),
    because: `Both InitializeSecurityContext and AcceptSecurityContext returned SEC_E_OK: the handshake is complete. QueryContextAttributes(SECPKG_ATTR_CONNECTION_INFO) now reports ${versionName(ctxC.tls.version)}, ${ctxC.tls.suite?.name}.`,
    narration: run.narration.schannelEstablished ?? established?.(ctxC) ?? `The secure channel is up: ${versionName(ctxC.tls.version)} with ${ctxC.tls.suite?.name}. The server's certificate (${ctxC.tls.peer?.subjectText ?? ''}) chains to the enterprise root the client trusts.` });
  run.snapshot();
  return { ok: true, status: 'SEC_E_OK', reason: 'authenticated', client: hc, server: hs, mechanism: PKG };
}


function appData(run: Run, c: NodeRuntime, s: NodeRuntime, hc: HeldContext, hs: HeldContext, dtls: boolean, host: string, resource: string): void {
  const pkg = run.packages.Schannel!;
  const send = (from: NodeRuntime, to: NodeRuntime, hFrom: HeldContext, hTo: HeldContext, text: string, what: string) => {
    const data = utf8(text);
    run.rec.call({ node: from.spec.id, layer: 'app', call: 'EncryptMessage', package: PKG, flags: [], inputTokenLength: data.length, time: run.timeOf(from),
      narration: `The application hands its ${what} (${data.length} bytes) to EncryptMessage: Schannel seals it into an application_data record with the traffic keys.` });
    const p = pkg.protect!(hFrom.ctx, data, true);
    hFrom.ctx = p.ctx;
    run.rec.ret({ node: from.spec.id, layer: 'app', call: 'EncryptMessage', package: PKG, status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: p.token.length, time: run.timeOf(from),
      narration: `EncryptMessage returns SEC_E_OK and the ${p.token.length}-byte record.` });
    run.sendView(from, to, { ...p.view, name: `Application Data (${what})` }, p.token, tlsCarrier(p.token, dtls, `application data: ${what}`));
    run.rec.call({ node: to.spec.id, layer: 'app', call: 'DecryptMessage', package: PKG, flags: [], inputTokenLength: p.token.length, time: run.timeOf(to),
      narration: `${to.trace.hostName} calls DecryptMessage on the record.` });
    const u = pkg.unprotect!(hTo.ctx, p.token, true);
    hTo.ctx = u.ctx;
    const ok = u.status.name === 'SEC_E_OK';
    run.rec.ret({ node: to.spec.id, layer: 'app', call: 'DecryptMessage', package: PKG, status: u.status.name, statusCode: u.status.code, flags: [], outputTokenLength: u.message?.length ?? 0, time: run.timeOf(to),
      narration: ok ? `DecryptMessage returns SEC_E_OK: the record authenticates and decrypts to the ${what}: ${JSON.stringify(fromUtf8(u.message!).split('\r\n')[0])}.` : `DecryptMessage fails with ${u.status.name}.`,
      error: ok ? undefined : { code: u.status.code, name: u.status.name, text: 'The record did not decrypt.' } });
    hTo.snapshot = pkg.snapshot(hTo.ctx);
    hFrom.snapshot = pkg.snapshot(hFrom.ctx);
  };
  if (dtls) {
    send(c, s, hc, hs, 'HELLO over DTLS: one datagram of application data\n', 'datagram');
    send(s, c, hs, hc, 'ACK over DTLS\n', 'reply datagram');
    return;
  }
  const body = `<html><body><h1>${s.env.dnsHostName}</h1><p>Hello over TLS.</p></body></html>\n`;
  send(c, s, hc, hs, `GET ${resource} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)\r\nAccept: text/html\r\nConnection: close\r\n\r\n`, 'HTTP request');
  send(s, c, hs, hc, `HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, 'HTTP response');
}

/** The NSS key log of the run (what --keylog writes and Wireshark reads), from the contexts' secrets. */
/** The TLS secrets of the run's contexts (each once), for the trace's exports: the key log is written from them. */
export function tlsSecretsOf(contexts: (SchannelContext | null)[]): ExportedTlsSecret[] {
  const seen = new Set<string>();
  const out: ExportedTlsSecret[] = [];
  for (const ctx of contexts) for (const k of ctx?.tls.keylog ?? []) {
    const line = `${k.label} ${k.clientRandom} ${k.secret}`;
    if (!seen.has(line)) { seen.add(line); out.push({ label: k.label, clientRandomHex: k.clientRandom, secretHex: k.secret }); }
  }
  return out;
}
