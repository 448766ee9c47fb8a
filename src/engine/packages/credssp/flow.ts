// Remote Desktop with Network Level Authentication, as mstsc and the Remote Desktop service drive
// CredSSP (MS-RDPBCGR 1.3.1.1, 5.4.5.2; MS-CSSP 3.1.5): on tcp/3389 the X.224 Connection Request
// offers PROTOCOL_HYBRID (CredSSP) and the Confirm selects it (or refuses with RDP_NEG_FAILURE); then
// the application loops InitializeSecurityContext / AcceptSecurityContext on the CredSSP package,
// carrying its tokens (TLS records: the handshake, then the TSRequests inside) as they are on the
// TCP stream; once CredSSP is done the server answers the Early User Authorization Result (HYBRID_EX)
// inside TLS. Failures stop where Windows stops: RDP_NEG_FAILURE, the TSRequest errorCode, the
// delegation policy before TSCredentials, the oracle-remediation version check.
import { u32le } from '../../bytes';
import { field, type Field } from '../../encoding/fields';
import { ISC_REQ } from '../../sspi/flags';
import type { PackageName, TraceError } from '../../trace';
import { clientIdentity, type ExchangeResult } from '../../network/flows/exchange';
import type { HeldContext, NodeRuntime } from '../../network/nodes';
import type { CallOutcome, Run } from '../../network/run';
import {
  FAILURE_CODE, PROTOCOL, buildX224ConnectionConfirm, buildX224ConnectionRequest, failureText, mstshashCookie, rdpTlsCarrier, rdpX224Carrier,
} from '../../network/carriers/rdp';
import { installStores, tlsSecretsOf } from '../schannel/flow';
import type { SchannelContext } from '../schannel/package';
import type { CredsspPackageContext } from './package';

const PKG: PackageName = 'CredSSP';
const isErr = (code: number) => (code & 0x80000000) !== 0;

/** RDP_NEG_RSP flags a Windows server sets: extended client data, the graphics pipeline, the reserved bit; plus
 *  Restricted Admin / Remote Credential Guard support when DisableRestrictedAdmin = 0. */
const RSP_FLAGS = 0x01 | 0x02 | 0x04;
const RSP_RESTRICTED_ADMIN = 0x08, RSP_REDIRECTED_AUTH = 0x10;
const REQ_RESTRICTED_ADMIN = 0x01, REQ_REDIRECTED_AUTH = 0x02;

export function runRdp(run: Run, c: NodeRuntime, s: NodeRuntime, target: string): ExchangeResult {
  const p = run.params;
  const offers = p.clientOffersNla !== false;
  const requires = p.serverRequiresNla !== false;
  // mstsc takes /restrictedAdmin or /remoteGuard; here Remote Credential Guard wins when both are on.
  const remoteGuard = p.remoteCredentialGuard === true;
  const restrictedAdmin = p.restrictedAdmin === true && !remoteGuard;
  const serverAllows = p.serverAllowsRestrictedAdmin === true;
  const fail = (status: string, reason: string, error?: TraceError, client: HeldContext | null = null, server: HeldContext | null = null): ExchangeResult =>
    ({ ok: false, status, reason, error, client, server, mechanism: mechanismOf(client) ?? mechanismOf(server) });
  const host = target.replace(/^[^/]*\//, '');
  const spn = `TERMSRV/${host}`;
  const { identity } = clientIdentity(run, c);
  const user = identity?.user ?? 'user';

  // 1. X.224 Connection Request: what the client can run.
  const requested = offers ? PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX : PROTOCOL.SSL;
  const reqFlags = (restrictedAdmin ? REQ_RESTRICTED_ADMIN : 0) | (remoteGuard ? REQ_REDIRECTED_AUTH : 0);
  const cr = buildX224ConnectionRequest({ cookie: mstshashCookie(user.slice(0, 9)), negReq: { flags: reqFlags, requestedProtocols: requested } });
  run.sendBare(c, s, rdpX224Carrier(cr),
    `${c.trace.hostName} runs Remote Desktop Connection (mstsc) to ${host}: TCP port 3389, then the X.224 Connection Request. Its RDP_NEG_REQ offers ${offers ? 'PROTOCOL_SSL, PROTOCOL_HYBRID (CredSSP: Network Level Authentication) and PROTOCOL_HYBRID_EX' : 'only PROTOCOL_SSL: this client does not offer Network Level Authentication (CredSSP)'}${restrictedAdmin ? ', with RESTRICTED_ADMIN_MODE_REQUIRED' : remoteGuard ? ', with REDIRECTED_AUTHENTICATION_MODE_REQUIRED (Remote Credential Guard)' : ''}. The cookie carries the user name for a connection broker. No credentials yet.`);

  // 2. X.224 Connection Confirm: the server's choice, or its refusal.
  if (!offers && requires) {
    const cc = buildX224ConnectionConfirm({ negFailure: { failureCode: FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER } });
    const error: TraceError = { code: FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER, name: 'HYBRID_REQUIRED_BY_SERVER', text: failureText(FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER) };
    run.sendBare(s, c, rdpX224Carrier(cc),
      `${s.trace.hostName} requires Network Level Authentication ("Allow connections only from computers running Remote Desktop with Network Level Authentication", UserAuthentication = 1) and the client did not offer PROTOCOL_HYBRID: RDP_NEG_FAILURE with HYBRID_REQUIRED_BY_SERVER, and the server closes the connection.`, error);
    run.rec.note({ node: c.spec.id, anchor: 'rdp-nla-required', time: run.timeOf(c),
      narration: 'mstsc shows: "The remote computer requires Network Level Authentication, which your computer does not support." No SSPI call was made: nobody authenticated, and no session started on the server. Turn "Client offers NLA" on (CredSSP support, enablecredsspsupport:i:1) and the connection goes on with TLS and CredSSP.' });
    return fail('HYBRID_REQUIRED_BY_SERVER', `${s.trace.hostName} requires Network Level Authentication (RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER); the client did not offer CredSSP.`, error);
  }
  const selected = offers ? PROTOCOL.HYBRID_EX : PROTOCOL.SSL;
  const rspFlags = RSP_FLAGS | (serverAllows ? RSP_RESTRICTED_ADMIN | RSP_REDIRECTED_AUTH : 0);
  const cc = buildX224ConnectionConfirm({ negRsp: { flags: rspFlags, selectedProtocol: selected } });
  run.sendBare(s, c, rdpX224Carrier(cc), offers
    ? `${s.trace.hostName} selects PROTOCOL_HYBRID_EX: CredSSP inside TLS, then the Early User Authorization Result. Its flags say what else it supports${serverAllows ? ', including Restricted Admin and Remote Credential Guard (DisableRestrictedAdmin = 0)' : ''}.`
    : `${s.trace.hostName} does not require NLA, so it accepts PROTOCOL_SSL: TLS only, no CredSSP.`);
  if (!offers) {
    run.rec.decision({ node: s.spec.id, decision: 'No NLA: TLS only, session before authentication', condition: 'rdpNoNla', time: run.timeOf(s),
      because: 'The client offered only PROTOCOL_SSL and the server does not require Network Level Authentication, so it selects PROTOCOL_SSL.',
      narration: `Without NLA the server starts a session and shows its own logon screen inside it before anybody authenticated: an anonymous connection already uses the server's memory and CPU, and the password is typed on the remote screen. That is what Network Level Authentication prevents (Microsoft Learn: "Configure Network Level Authentication for Remote Desktop Services connections"). CredSSP does not run here.` });
    return fail('NO_NLA', `No Network Level Authentication: ${s.trace.hostName} accepted plain TLS (PROTOCOL_SSL), so no SSPI authentication happened before the session started.`);
  }
  if ((restrictedAdmin || remoteGuard) && !serverAllows) {
    const what = restrictedAdmin ? 'Restricted Admin mode' : 'Remote Credential Guard';
    run.rec.note({ node: c.spec.id, anchor: 'rdp-restricted-admin-unsupported', time: run.timeOf(c),
      narration: `The client requires ${what} and the server's RDP_NEG_RSP does not set ${restrictedAdmin ? 'RESTRICTED_ADMIN_MODE_SUPPORTED' : 'REDIRECTED_AUTHENTICATION_MODE_SUPPORTED'}: the server has it off (HKLM\\System\\CurrentControlSet\\Control\\Lsa DisableRestrictedAdmin is not 0). mstsc stops before CredSSP, so no credentials leave the client. Turn "Server allows Restricted Admin" on.` });
    return fail('SEC_E_UNSUPPORTED_FUNCTION', `${s.trace.hostName} does not support ${what} (DisableRestrictedAdmin is not 0); the client stops after the Connection Confirm.`);
  }

  // 3. CredSSP: the TLS handshake, then the TSRequests inside it.
  installStores(run, c, s);
  const fresh = String(p.rdpCredentials ?? 'fresh') !== 'default';
  const credC = run.acquire(c, PKG, { use: 'outbound', identity, source: fresh ? 'supplied' : 'logged-on' });
  if (!credC) return fail(c.spec.packages.includes(PKG) ? 'SEC_E_NO_CREDENTIALS' : 'SEC_E_SECPKG_NOT_FOUND', `CredSSP is not usable on ${c.trace.hostName}.`);
  const credS = run.acquire(s, PKG, { use: 'inbound', identity: null, source: 'service' });
  if (!credS) return fail('SEC_E_SECPKG_NOT_FOUND', `CredSSP is not enabled on ${s.trace.hostName}.`);
  const flags = (ISC_REQ.MUTUAL_AUTH | ISC_REQ.CONFIDENTIALITY | ISC_REQ.INTEGRITY | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT | ISC_REQ.CONNECTION | ISC_REQ.DELEGATE) >>> 0;
  let hc: HeldContext | null = null, hs: HeldContext | null = null;
  let input: Uint8Array | null = null;
  const exportsOf = () => ({ tlsSecrets: tlsSecretsOf([hc?.ctx as SchannelContext | null, hs?.ctx as SchannelContext | null]) });
  const stop = (r: ExchangeResult): ExchangeResult => ({ ...r, exports: exportsOf() });
  let ok = false;
  let certNoted = false;
  for (let leg = 0; leg < 16 && !ok; leg++) {
    const rc: CallOutcome<CredsspPackageContext> = run.sspi<CredsspPackageContext>(c, 'client', PKG, credC, hc, input, { flags, target: spn });
    hc = rc.held;
    const note = (hc.ctx as CredsspPackageContext).certificateNote;
    if (note && !certNoted) {
      certNoted = true;
      run.rec.note({ node: c.spec.id, anchor: 'credssp-certificate', time: run.timeOf(c),
        narration: `CredSSP asked Schannel to leave the certificate check to it (manual validation), so the handshake goes on although the certificate does not pass: ${note}. The server is authenticated by ${host.match(/^\d/) ? 'the DC (NTLM pass-through)' : 'Kerberos'} inside, and pubKeyAuth binds this TLS key to that authentication; mstsc itself warns "The identity of the remote computer cannot be verified" before the session starts.` });
    }
    const out = rc.result.output;
    const cs = rc.result.status;
    if (out && out.length) run.sendToken(c, s, PKG, out, rdpTlsCarrier(out), isErr(cs.code) ? rc.result.error : undefined);
    if (isErr(cs.code)) {
      clientStops(run, c, rc.result.error?.text ?? cs.name);
      return stop(fail(cs.name, rc.result.error?.text ?? `InitializeSecurityContext failed on ${c.trace.hostName}.`, rc.result.error, hc, hs));
    }
    if (!out || !out.length) return stop(fail('SEC_E_INTERNAL_ERROR', 'The client produced no token.', undefined, hc, hs));
    const rs: CallOutcome<CredsspPackageContext> = run.sspi<CredsspPackageContext>(s, 'server', PKG, credS, hs, out, { flags: 0 });
    hs = rs.held;
    const sout = rs.result.output;
    const ss = rs.result.status;
    if (sout && sout.length) run.sendToken(s, c, PKG, sout, rdpTlsCarrier(sout), isErr(ss.code) ? rs.result.error : undefined);
    if (isErr(ss.code)) {
      if (sout && sout.length) {
        // The client reads the server's answer (the TSRequest errorCode, or a TLS alert) and stops with it.
        const fin: CallOutcome<CredsspPackageContext> = run.sspi<CredsspPackageContext>(c, 'client', PKG, credC, hc, sout, { flags, target: spn });
        hc = fin.held;
        const e = fin.result.error ?? rs.result.error;
        clientStops(run, c, e?.text ?? fin.result.status.name);
        return stop(fail(isErr(fin.result.status.code) ? fin.result.status.name : ss.name, e?.text ?? 'The server refused.', e, hc, hs));
      }
      run.rec.note({ node: s.spec.id, anchor: 'credssp-server-drops', time: run.timeOf(s),
        narration: `AcceptSecurityContext on ${s.trace.hostName} failed (${rs.result.error?.text ?? ss.name}) and there is nothing to send back: the server closes the connection. The client sees the connection end.` });
      return stop(fail(ss.name, rs.result.error?.text ?? `AcceptSecurityContext failed on ${s.trace.hostName}.`, rs.result.error, hc, hs));
    }
    if (ss.name === 'SEC_E_OK') { ok = true; break; }
    if (!sout || !sout.length) return stop(fail('SEC_E_INTERNAL_ERROR', 'The server asked to continue without a token.', undefined, hc, hs));
    input = sout;
  }
  if (!ok || !hc || !hs) return stop(fail('SEC_E_INTERNAL_ERROR', 'The CredSSP exchange did not finish.', undefined, hc, hs));
  serverLogsOn(run, c, s, hs);
  earlyUserAuthorization(run, c, s, hc, hs);
  return { ok: true, status: 'SEC_E_OK', reason: 'authenticated', client: hc, server: hs, mechanism: mechanismOf(hs) ?? mechanismOf(hc), exports: exportsOf() };
}

function clientStops(run: Run, c: NodeRuntime, why: string): void {
  run.rec.note({ node: c.spec.id, anchor: 'credssp-client-stops', time: run.timeOf(c),
    narration: `mstsc stops: ${why} It closes the connection; no Remote Desktop session starts.` });
}

function serverLogsOn(run: Run, c: NodeRuntime, s: NodeRuntime, hs: HeldContext): void {
  const ctx = hs.ctx as CredsspPackageContext;
  const d = ctx.cssp?.delegated;
  let words: string;
  if (!d) words = 'no credentials were delegated.';
  else if (d.credType === 1 && !(d.credentials instanceof Uint8Array) && (d.credentials as { userName: string }).userName === '') {
    words = `the TSCredentials hold an empty TSPasswordCreds: Restricted Admin mode. ${s.trace.hostName} logs the user on with the Kerberos/NTLM authentication it just verified (a network-style logon), so the user's password never reaches it and a compromised server has nothing to reuse; in exchange, from that session the user reaches other servers as ${s.trace.hostName}'s computer account, not as themselves.`;
  } else if (d.credType === 6) {
    words = `the TSCredentials hold TSRemoteGuardCreds: Remote Credential Guard. ${s.trace.hostName} logs the user on with the Kerberos ticket in the KERB_TICKET_LOGON buffer; no password and no TGT reach it. When the session needs another ticket, the request is sent back to ${c.trace.hostName} over the RDP connection (MS-RDPEAR), where the user's credentials stay.`;
  } else {
    const pc = d.credentials as { domainName: string; userName: string };
    words = `the TSCredentials hold ${pc.domainName}\\${pc.userName}'s password (TSPasswordCreds). ${s.trace.hostName} logs the user on with it, so the session can reach other servers as the user — and whoever controls ${s.trace.hostName} could take the password from its memory. Hence the Credentials Delegation policies, Restricted Admin and Remote Credential Guard.`;
  }
  const what = !d ? 'nothing delegated' : d.credType === 6 ? 'Remote Credential Guard' : d.credType === 1 && !(d.credentials instanceof Uint8Array) && (d.credentials as { userName: string }).userName === '' ? 'Restricted Admin: no password' : 'password delegated';
  run.rec.decision({ node: s.spec.id, decision: `CredSSP complete (${what})`, condition: 'credsspDelegated', time: run.timeOf(s),
    because: `AcceptSecurityContext returned SEC_E_OK after decrypting authInfo with the Negotiate context: ${words}`,
    narration: run.narration.credsspDelegated ?? `AcceptSecurityContext returns SEC_E_OK: ${words}` });
  run.snapshot();
}

/** HYBRID_EX: the server tells the client, inside TLS, that the user may log on (MS-RDPBCGR 2.2.10.2). */
function earlyUserAuthorization(run: Run, c: NodeRuntime, s: NodeRuntime, hc: HeldContext, hs: HeldContext): void {
  const pkg = run.packages.CredSSP!;
  const pdu = u32le(0);
  const p = pkg.protect!(hs.ctx, pdu, true);
  hs.ctx = p.ctx;
  const fields = withPdu(p.view.fields);
  run.sendView(s, c, { ...p.view, protocol: 'RDP', name: 'AUTHZ_SUCCESS (Early User Authorization Result)', layers: ['TLS', 'RDP'], fields,
    explain: 'PROTOCOL_HYBRID_EX: once CredSSP is done the server says, inside TLS, whether the user may log on (MS-RDPBCGR 2.2.10.2): AUTHZ_SUCCESS. Then the RDP session itself starts (not shown).', ref: 'MS-RDPBCGR 2.2.10.2' },
  p.token, rdpTlsCarrier(p.token, 'TLS on TCP 3389'));
  const u = pkg.unprotect!(hc.ctx, p.token, true);
  hc.ctx = u.ctx;
  hc.snapshot = pkg.snapshot(hc.ctx);
  hs.snapshot = pkg.snapshot(hs.ctx);
  run.snapshot();
}

function withPdu(fields: Field[]): Field[] {
  const map = (fs: Field[]): Field[] => fs.map((f) => {
    let out = f;
    if (f.decrypted) {
      const d = f.decrypted;
      out = { ...f, decrypted: { ...d, name: 'Early User Authorization Result PDU', fields: d.fields.map((x) => (x.name === 'application_data' && !x.children?.length
        ? { ...field('authorizationResult', x.start, x.end, 'AUTHZ_SUCCESS (0x00000000): the user is allowed to log on; ACCESS_DENIED (0x00000005) would end the connection here', '0x00000000 (AUTHZ_SUCCESS)', 'MS-RDPBCGR 2.2.10.2'), layer: 'RDP' } : x)) } };
    }
    if (out.children) out = { ...out, children: map(out.children) };
    return out;
  });
  return map(fields);
}

function mechanismOf(h: HeldContext | null): PackageName | null {
  if (!h || !h.snapshot) return null;
  return h.snapshot.mechanism ?? null;
}
