// NTLM relay over HTTPS, and what Extended Protection for Authentication does about it (MS-NLMP 2.2.2.1,
// 3.1.5.1.2, 3.2.5.1.2; RFC 5929; Microsoft Learn "Extended Protection for Authentication Overview";
// KB5005413). Alice's browser is led to https://rogue/: it runs TLS with ROGUE and NTLM inside HTTP, and
// binds its answer to that TLS channel (MsvAvChannelBindings = MD5 of the gss_channel_bindings_struct with
// "tls-server-end-point:" + the hash of ROGUE's certificate). ROGUE opens its own TLS connection to the
// server's site and passes the NTLM tokens through. A site without Extended Protection accepts the relayed
// logon; with it, the server hashes its own channel's bindings and they do not match.
import { hex } from '../../bytes';
import type { Field } from '../../encoding/fields';
import type { MessageView } from '../../sspi/package';
import type { PackageName, TraceError } from '../../trace';
import { buildHttp401, buildHttpRequest, buildHttpResponse, type HttpAuthToken } from '../../network/carriers/http';
import type { CarrierMessage } from '../../network/carriers/types';
import { clientIdentity, requestFlags, type ExchangeResult } from '../../network/flows/exchange';
import { clearSigningFlags, recordMicRefusal } from '../../network/flows/relayTamper';
import { tamperedWords } from '../../network/flows/smb2Relay';
import type { HeldContext, NodeRuntime } from '../../network/nodes';
import type { CallOutcome, Run } from '../../network/run';
import { pkiFor, serverCertFrom } from './pki/build';
import { tlsServerEndPoint, type EndpointBindings } from './pki/endpointBindings';
import { pkiSpecOf, tlsHandshake, tlsSecretsOf } from './flow';
import { setStores } from './store';
import type { SchannelContext } from './package';
import { versionName } from './messages/constants';
import { channelBindingsHash, channelBindingsStruct } from '../ntlm/crypto';

/** MsvAvChannelBindings of a channel: MD5 of the gss_channel_bindings_struct around its application data. */
const avHash = (b: EndpointBindings): string => hex(channelBindingsHash(channelBindingsStruct(b.applicationData)));

const NTLM: PackageName = 'NTLM';
const PATH = '/certsrv/';
const TLS_FLOW = { transport: 'tcp', serverPort: 443 } as const;

/** An HTTP message inside one TLS application_data record: EncryptMessage on the sender's Schannel context,
 *  DecryptMessage on the receiver's (so both record sequence numbers move on). */
function overTls(run: Run, from: NodeRuntime, hFrom: HeldContext, hTo: HeldContext, http: CarrierMessage): CarrierMessage {
  const pkg = run.packages.Schannel!;
  run.rec.call({ node: from.spec.id, layer: 'app', call: 'EncryptMessage', package: 'Schannel', flags: [], inputTokenLength: http.wire.length, time: run.timeOf(from),
    narration: `${from.trace.hostName} hands the ${http.wire.length}-byte HTTP message to EncryptMessage on its TLS context.` });
  const p = pkg.protect!(hFrom.ctx, http.wire, true);
  hFrom.ctx = p.ctx;
  run.rec.ret({ node: from.spec.id, layer: 'app', call: 'EncryptMessage', package: 'Schannel', status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: p.token.length, time: run.timeOf(from),
    narration: `EncryptMessage returns SEC_E_OK and a ${p.token.length}-byte application_data record.` });
  const u = pkg.unprotect!(hTo.ctx, p.token, true);
  hTo.ctx = u.ctx;
  hFrom.snapshot = pkg.snapshot(hFrom.ctx);
  hTo.snapshot = pkg.snapshot(hTo.ctx);
  const withHttp = (fs: Field[]): Field[] => fs.map((f) => ({
    ...f,
    ...(f.decrypted ? { decrypted: { ...f.decrypted, name: http.carrier.name, fields: http.carrier.fields.map((x) => ({ ...x, layer: x.layer ?? 'HTTP' })) } } : {}),
    ...(f.children ? { children: withHttp(f.children) } : {}),
  }));
  return {
    carrier: { id: 'tls', name: `HTTPS ${http.carrier.name.replace(/^HTTP /, '')}`, hex: hex(p.token), fields: withHttp(p.view.fields) },
    wire: p.token, flow: TLS_FLOW,
    // The token is inside the encrypted fragment (after the 5-byte record header).
    tokenRange: http.tokenRange ? { start: 5, end: p.token.length } : undefined,
  };
}

/** QueryContextAttributes(SECPKG_ATTR_ENDPOINT_BINDINGS) on a Schannel context, recorded as the application's call. */
function endpointBindings(run: Run, n: NodeRuntime, certDer: Uint8Array, whose: string): EndpointBindings {
  const b = tlsServerEndPoint(certDer);
  run.rec.call({ node: n.spec.id, layer: 'app', call: 'QueryContextAttributes', package: 'Schannel', flags: ['SECPKG_ATTR_ENDPOINT_BINDINGS'], inputTokenLength: 0, time: run.timeOf(n),
    narration: `Before authenticating, the application on ${n.trace.hostName} asks Schannel for the channel's bindings (QueryContextAttributes, SECPKG_ATTR_ENDPOINT_BINDINGS), to hand them to the authentication package in a channel-bindings buffer.` });
  run.rec.ret({ node: n.spec.id, layer: 'app', call: 'QueryContextAttributes', package: 'Schannel', status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: b.applicationData.length, time: run.timeOf(n),
    narration: `Schannel returns the SEC_CHANNEL_BINDINGS application data "tls-server-end-point:" followed by the ${b.hashName} of ${whose} certificate (RFC 5929 §4.1): ${hex(b.certificateHash)}. It names this TLS connection's server certificate, so a logon made for it is worthless on a connection to another server.` });
  return b;
}

function ntlmView(run: Run, token: Uint8Array): MessageView {
  const v = run.packages.NTLM!.describe(token, run.keys);
  return { ...v, layers: ['TLS', 'HTTP', ...v.layers] };
}

/** An HTTP message with no token inside TLS: shown as HTTP (its carrier is the TLS record). */
const HTTP_IN_TLS = { protocol: 'HTTP' as const, layers: ['TLS', 'HTTP'] };

const ntlmAuth = (token?: Uint8Array): HttpAuthToken => (token ? { scheme: 'NTLM', token, layer: 'NTLM' } : { scheme: 'NTLM' });

export function runHttpsRelay(run: Run, c: NodeRuntime, s: NodeRuntime): ExchangeResult {
  const a = run.nodes.find((n) => n.spec.role === 'attacker');
  if (!a) throw new Error('the ntlm-relay application needs a node with role "attacker"');
  const epa = String(run.params.extendedProtection ?? 'off');
  const tamper = run.params.relayTampers === true;
  const rogue = a.spec.hostName.toLowerCase();
  const target = s.env.dnsHostName;
  const C = c.trace.hostName, A = a.trace.hostName, S = s.trace.hostName;
  const date = (n: NodeRuntime) => run.timeOf(n);

  // Certificates: the server's from the enterprise CA; ROGUE's from the same CA (any domain computer may enrol).
  const pki = pkiFor(pkiSpecOf(run, s, c));
  const rogueCert = serverCertFrom(pki, rogue, 'relay-server');
  setStores(s.env, { my: pki.server, myRsa: pki.serverRsa, root: [pki.root.der] });
  setStores(a.env, { my: rogueCert, myRsa: null, root: [pki.root.der] });
  setStores(c.env, { my: pki.client, myRsa: null, root: [pki.root.der] });
  const held: (HeldContext | null)[] = [];
  const exports = () => ({ tlsSecrets: tlsSecretsOf(held.map((h) => (h?.ctx ?? null) as SchannelContext | null)) });
  const fail = (status: string, reason: string, client: HeldContext | null, server: HeldContext | null, error?: TraceError): ExchangeResult =>
    ({ ok: false, status, reason, error, client, server, package: NTLM, mechanism: client || server ? NTLM : null, exports: exports() });

  // 1. Alice's browser and ROGUE: TLS, then HTTP asking for credentials.
  const t1 = tlsHandshake(run, c, a, rogue, false, (ctx) => `${C}'s browser has a TLS channel to https://${rogue}/ (${versionName(ctx.tls.version)}, ${ctx.tls.suite?.name}). ${A}'s certificate, CN=${rogue}, chains to the enterprise root: an attacker who controls any domain computer account can enrol one. The lock icon is there; nothing looks wrong.`);
  held.push(t1.client, t1.server);
  if (!t1.ok || !t1.client || !t1.server) return { ...t1, exports: exports() };
  const [vc, va] = [t1.client, t1.server];
  run.sendBare(c, a, overTls(run, c, vc, va, buildHttpRequest({ host: rogue, path: '/' })),
    `Inside the new channel the browser asks for https://${rogue}/ without credentials, as it always does first. A dotless name is in the Local intranet zone, where Windows browsers log on automatically when a site asks.`, undefined, HTTP_IN_TLS);
  run.sendBare(a, c, overTls(run, a, va, vc, buildHttp401({ challenges: [ntlmAuth()], date: date(a) })),
    `${A} answers 401 with only "WWW-Authenticate: NTLM", as a relay tool's HTTP server does: offering Negotiate would let the browser try Kerberos first, and a Kerberos ticket for ${A} is of no use at ${S}.`, undefined, HTTP_IN_TLS);

  // 2. The browser's NTLM, bound to its TLS channel (the one to ROGUE).
  // A client that binds (the parameter channelBindings; every current Windows browser does) asks Schannel for the channel's bindings.
  const bindC = run.params.channelBindings === true ? endpointBindings(run, c, (vc.ctx as SchannelContext).tls.peer!.der, `${A}'s`) : null;
  if (!bindC) {
    run.rec.note({ node: c.spec.id, anchor: 'no-channel-binding', time: run.timeOf(c),
      narration: `This client passes NTLM no channel bindings (an HTTP client without Extended Protection support, or with it turned off): MsvAvChannelBindings will be 16 zero bytes, "no channel", which nothing can check.` });
  }
  const { identity, source } = clientIdentity(run, c);
  const credC = run.acquire(c, NTLM, { use: 'outbound', identity, source });
  if (!credC) return fail('SEC_E_SECPKG_NOT_FOUND', `NTLM is not enabled on ${C}: there is nothing to relay.`, null, null);
  const flags = requestFlags(run, NTLM);
  const spn = `HTTP/${rogue}`;
  const isc = (h: HeldContext | null, input: Uint8Array | null): CallOutcome<unknown> =>
    run.sspi(c, 'client', NTLM, credC, h, input, { flags, target: spn, channelBindings: bindC?.applicationData });
  const r1 = isc(null, null);
  let hc = r1.held;
  if (r1.result.status.code & 0x80000000 || !r1.result.output?.length) return fail(r1.result.status.name, r1.result.error?.text ?? 'The browser\'s NTLM stopped.', hc, null, r1.result.error);
  const negotiate = r1.result.output;
  run.sendView(c, a, ntlmView(run, negotiate), negotiate, overTls(run, c, vc, va, buildHttpRequest({ host: rogue, path: '/', authorization: ntlmAuth(negotiate) })), undefined,
    `The browser's NEGOTIATE_MESSAGE in "Authorization: NTLM", encrypted for ${A}. ${A} reads it in the clear: TLS protects the connection, and ${A} is its other end.`);

  // 3. ROGUE's own TLS connection to the real site, and the NEGOTIATE passed on unchanged.
  const t2 = tlsHandshake(run, a, s, target, false, (ctx) => `${A} now has its own TLS channel to https://${target}${PATH} (${versionName(ctx.tls.version)}): a different connection, with ${S}'s certificate. The two channels have nothing in common but the man in the middle.`);
  held.push(t2.client, t2.server);
  if (!t2.ok || !t2.client || !t2.server) return { ...t2, exports: exports() };
  const [ar, sr] = [t2.client, t2.server];
  const toTarget = (token: Uint8Array) => buildHttpRequest({ host: target, path: PATH, authorization: ntlmAuth(token) });
  run.sendView(a, s, ntlmView(run, negotiate), negotiate, overTls(run, a, ar, sr, toTarget(negotiate)), undefined,
    `${A} passes Alice's NEGOTIATE_MESSAGE, byte for byte, to ${S}'s web enrollment pages (/certsrv, the target of KB5005413) in its own request.`);
  const credS = run.acquire(s, NTLM, { use: 'inbound', identity: null, source: 'service' });
  if (!credS) return fail('SEC_E_SECPKG_NOT_FOUND', `NTLM is not enabled on ${S}.`, hc, null);
  const rs1 = run.sspi(s, 'server', NTLM, credS, null, negotiate, { flags: 0 });
  let hs = rs1.held;
  const challenge = rs1.result.output;
  if (rs1.result.status.code & 0x80000000 || !challenge?.length) return fail(rs1.result.status.name, rs1.result.error?.text ?? `${S} refused the NEGOTIATE_MESSAGE.`, hc, hs, rs1.result.error);
  run.sendView(s, a, ntlmView(run, challenge), challenge, overTls(run, s, sr, ar, buildHttp401({ challenges: [ntlmAuth(challenge)], date: date(s) })), undefined,
    `IIS on ${S} answers 401 with its CHALLENGE_MESSAGE: a fresh server challenge, for whoever answers it on this connection.`);
  run.sendView(a, c, ntlmView(run, challenge), challenge, overTls(run, a, va, vc, buildHttp401({ challenges: [ntlmAuth(challenge)], date: date(a) })), undefined,
    `${A} hands ${S}'s challenge to the browser as its own. The target information names CONTOSO and ${S}, but nothing in NTLM tells the browser which machine it is really talking to.`);

  // 4. Alice's answer: genuine, for S's challenge, with a MIC, and bound to the channel to ROGUE.
  const r2 = isc(hc, challenge);
  hc = r2.held;
  if (r2.result.status.code & 0x80000000 || !r2.result.output?.length) return fail(r2.result.status.name, r2.result.error?.text ?? 'The browser\'s NTLM stopped.', hc, hs, r2.result.error);
  const authenticate = r2.result.output;
  run.sendView(c, a, ntlmView(run, authenticate), authenticate, overTls(run, c, vc, va, buildHttpRequest({ host: rogue, path: '/', authorization: ntlmAuth(authenticate) })), undefined,
    `Alice's AUTHENTICATE_MESSAGE: NTProofStr answers ${S}'s challenge with her NT hash, and inside the NTLMv2 blob it signs (the NT response's AV pairs, in the inspector) ${bindC
      ? `MsvAvChannelBindings = MD5 of the gss_channel_bindings_struct over "tls-server-end-point:" + the hash of ${A}'s certificate (MS-NLMP 2.2.2.1): ${avHash(bindC)}`
      : 'MsvAvChannelBindings = 16 zero bytes (this client binds to no channel)'}, MsvAvFlags 0x2 (a MIC follows) and MsvAvTargetName ${spn}.`);
  const tampered = tamper ? clearSigningFlags(authenticate) : null;
  const forwarded = tampered?.token ?? authenticate;
  run.sendView(a, s, ntlmView(run, forwarded), forwarded, overTls(run, a, ar, sr, toTarget(forwarded)), undefined,
    tampered ? tamperedWords(A, tampered) : `${A} forwards the answer unchanged: it cannot change the channel binding (NTProofStr covers it) nor the flags (the MIC covers them), and it does not need to.`);

  // 5. The site decides: with Extended Protection it hashes its own channel's bindings and compares.
  const bindS = epa === 'off' ? null : endpointBindings(run, s, pki.server.der, `its own (${S}'s)`);
  const rs2 = run.sspi(s, 'server', NTLM, credS, hs, forwarded, { flags: 0, channelBindings: bindS?.applicationData, channelBindingsRequired: epa === 'required' });
  hs = rs2.held;
  const st = rs2.result.status;
  if (st.code & 0x80000000) {
    if (st.name === 'SEC_E_BAD_BINDINGS') {
      run.rec.decision({ node: s.spec.id, decision: bindC ? 'Refuse the logon: the channel binding is for another TLS channel' : 'Refuse the logon: it carries no channel binding', condition: 'extendedProtection', time: run.timeOf(s),
        because: `Extended Protection is ${epa === 'required' ? 'Required' : 'Accept'} (tokenChecking="${epa === 'required' ? 'Require' : 'Allow'}"): IIS passes this connection's channel bindings to NTLM, ${bindC ? 'whose MD5 is not the MsvAvChannelBindings in the answer' : 'and the answer has no MsvAvChannelBindings to compare them with'} (MS-NLMP 3.2.5.1.2)`,
        narration: bindC
          ? `IIS hands NTLM this connection's bindings; NTLM hashes them as the client would: ${avHash(bindS!)} (from ${S}'s certificate). Alice's answer carries MsvAvChannelBindings ${avHash(bindC)} (from ${A}'s certificate, the channel she really had). They differ: SEC_E_BAD_BINDINGS, the answer was made for another TLS channel, and ${A} cannot make it match without breaking NTProofStr. ${epa === 'accept' ? '"Accept" refuses it too: the browser sent a binding, so it is checked; only a client that sends none gets through, which is why Microsoft (KB5005413) asks for "Required".' : '"Required" would also refuse a client that sends no binding at all (a relay from SMB or plain HTTP).'} (Microsoft Learn: "Extended Protection for Authentication Overview".)`
          : `IIS hands NTLM this connection's bindings (${avHash(bindS!)}, from ${S}'s certificate), but Alice's answer carries none: MsvAvChannelBindings is all zero. "Required" (tokenChecking="Require", MS-NLMP's ApplicationRequiresCBT) refuses an answer without a binding: SEC_E_BAD_BINDINGS. "Accept" would have let it through, because a client that binds nothing cannot be checked — the gap KB5005413 closes by asking for Required.` });
    }
    if (tampered && st.name === 'SEC_E_MESSAGE_ALTERED') recordMicRefusal(run, s, a);
    run.sendBare(s, a, overTls(run, s, sr, ar, buildHttp401({ challenges: [ntlmAuth()], date: date(s) })),
      `${S} answers 401 again: no logon. ${rs2.result.error?.text ?? st.name}`, rs2.result.error ?? { code: st.code, name: st.name, text: st.name }, HTTP_IN_TLS);
    run.sendBare(a, c, overTls(run, a, va, vc, buildHttpResponse({ status: 403, date: date(a) })),
      `The relay got nothing; ${A} tells the browser 403 Forbidden, and Alice closes the tab.`, undefined, HTTP_IN_TLS);
    return fail(st.name, st.name === 'SEC_E_BAD_BINDINGS'
      ? (bindC ? `The relay is refused: ${S} checks channel bindings (Extended Protection "${epa}") and Alice's answer is bound to her TLS channel to ${A}, not to ${A}'s connection to ${S} (SEC_E_BAD_BINDINGS).`
        : `The relay is refused: ${S} requires a channel binding (Extended Protection "required") and Alice's answer carries none (SEC_E_BAD_BINDINGS).`)
      : `The relay is refused at ${S}: ${rs2.result.error?.text ?? st.name}`, hc, hs, rs2.result.error);
  }
  run.rec.decision({ node: s.spec.id, time: run.timeOf(s), condition: 'extendedProtection',
    decision: epa === 'off' ? 'Accept the relayed logon: Extended Protection is off' : 'Accept the relayed logon: no channel binding to check',
    because: epa === 'off'
      ? 'IIS gives NTLM no channel bindings (tokenChecking="None"), so MsvAvChannelBindings is never compared: NTProofStr (checked by the DC) and the MIC are right, and that is all NTLM asks'
      : '"Accept" (tokenChecking="Allow") checks a channel binding only when the client sent one, and this answer\'s MsvAvChannelBindings is all zero',
    narration: epa === 'off'
      ? `Extended Protection is off on this site (IIS Windows Authentication, extendedProtection tokenChecking="None"): IIS hands NTLM no channel bindings, so the MsvAvChannelBindings Alice's browser computed for ${A}'s certificate is never compared with anything. The DC vouched for NTProofStr, the MIC matches: to ${S}, this is Alice.`
      : `Extended Protection is "Accept": ${S} would compare a binding, but this client sent none (all zero), so there is nothing to compare and the logon passes. A relay from a client that does not bind (or from SMB or plain HTTP, where there is no TLS channel to bind) gets through "Accept"; only "Required" stops it.` });
  run.sendBare(s, a, overTls(run, s, sr, ar, buildHttpResponse({ status: 200, date: date(s), body: '<html><body>Microsoft Active Directory Certificate Services -- CONTOSO Issuing CA: Welcome, CONTOSO\\alice</body></html>\r\n' })),
    `${S} accepted the relayed answer: on ${A}'s connection, IIS now runs requests as CONTOSO\\alice. Against the web enrollment pages of Active Directory Certificate Services, the next request would ask for a certificate in her name, good for Kerberos logons long after this connection closes.`, undefined, HTTP_IN_TLS);
  run.sendBare(a, c, overTls(run, a, va, vc, buildHttpResponse({ status: 403, date: date(a) })),
    `${A} has what it wanted and tells the browser 403 Forbidden: Alice thinks the link was wrong.`, undefined, HTTP_IN_TLS);
  return { ok: true, status: 'SEC_E_OK', reason: 'authenticated', client: hc, server: hs, package: NTLM, mechanism: NTLM, exports: exports(),
    summary: `The relay worked: ${A} is logged on to https://${target}${PATH} as ${c.spec.logon?.domain}\\${c.spec.logon?.user}, with a logon it never knew the password for (Extended Protection ${epa}${epa === 'off' ? '' : ', and the answer carried no channel binding to check'}).` };
}
