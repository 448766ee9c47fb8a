// LDAP authentication (RFC 4511 §4.2, RFC 4422, MS-ADTS): SASL binds on tcp/389 carrying the
// package's tokens (GSS-SPNEGO for Negotiate and NTLM, DIGEST-MD5 for Digest; the mechanism comes
// from the package's meta), bindResponse saslBindInProgress while the SSP continues, then one search.
// When the bind negotiated signing or sealing, the search goes in SASL buffers wrapped by
// EncryptMessage (RFC 4121 Wrap tokens for Kerberos, NTLM sealing for NTLM); otherwise in clear.
import { ISC_RET } from '../../sspi/flags';
import type { PackageName } from '../../trace';
import { packageMeta } from '../../packages/metas';
import { buildLdap, buildLdapSasl, buildLdapMessage, type LdapMessage } from '../carriers/ldap';
import type { NodeRuntime, HeldContext } from '../nodes';
import type { Run } from '../run';
import type { AppRequest } from '../applications';
import { exchange, type ExchangeResult, type ServerOpening } from './exchange';

/** What Active Directory writes in diagnosticMessage when AcceptSecurityContext fails (data 52e: ERROR_LOGON_FAILURE). */
const AD_LOGON_FAILURE = '80090308: LdapErr: DSID-0C090569, comment: AcceptSecurityContext error, data 52e, v4563';

function baseDn(run: Run): string {
  const dns = run.scenario?.domain?.dnsName ?? 'example.local';
  return dns.split('.').map((p) => `DC=${p}`).join(',');
}

export function runLdap(run: Run, c: NodeRuntime, s: NodeRuntime, app: AppRequest): ExchangeResult {
  const pkg = app.package;
  const meta = packageMeta(pkg);
  const enc = meta?.travel.encoding.ldap;
  const mechanism = enc && enc.kind === 'raw' ? enc.mechanism ?? 'GSS-SPNEGO' : 'GSS-SPNEGO';
  const layer = meta?.travel.layer ?? pkg;
  const host = app.target;
  const spn = `ldap/${host}`;
  let id = 1;
  const bind = (credentials?: Uint8Array): LdapMessage => ({ messageId: id, op: { op: 'bindRequest', version: 3, name: '', auth: { kind: 'sasl', mechanism, credentials } } });
  const bound = (resultCode: number, creds: Uint8Array | null): LdapMessage => ({
    messageId: id++, op: { op: 'bindResponse', resultCode, matchedDN: '', diagnosticMessage: resultCode === 49 ? AD_LOGON_FAILURE : '', serverSaslCreds: creds && creds.length ? creds : undefined },
  });

  let opening: ServerOpening | undefined;
  if (meta?.travel.firstSpeaker === 'server') {
    // The client names the mechanism with no credentials; the server's first AcceptSecurityContext gives the challenge.
    run.sendBare(c, s, buildLdap(bind()), `${c.trace.hostName} connects to ${host} on port 389 and sends a SASL bind naming ${mechanism} with no credentials: with this mechanism the server speaks first.`);
    const cred = run.acquire(s, pkg, { use: 'inbound', identity: null, source: 'service' });
    if (cred) {
      const r = run.sspi(s, 'server', pkg, cred, null, null, { flags: 0, target: spn });
      const out = r.result.output;
      if (out && out.length && !(r.result.status.code & 0x80000000)) {
        opening = { cred, held: r.held, token: out };
        run.sendToken(s, c, pkg as PackageName, out, buildLdap(bound(14, out), 'ad', layer));
      }
    }
    if (!opening) {
      run.sendBare(s, c, buildLdap(bound(7, null), 'ad'), `${s.trace.hostName} cannot run ${mechanism}: authMethodNotSupported.`);
      return { ok: false, status: 'SEC_E_SECPKG_NOT_FOUND', reason: `${s.trace.hostName} does not offer ${mechanism}.`, client: null, server: null, mechanism: null };
    }
  }

  const result = exchange(run, c, s, pkg, spn, {
    clientMsg: (token) => buildLdap(bind(token)),
    serverMsg: (token, res) => buildLdap(bound(res === 'continue' ? 14 : res === 'ok' ? 0 : 49, token), 'ad', layer),
  }, { opening });
  if (result.ok) search(run, c, s, result, id, layer);
  return result;
}

function protection(h: HeldContext): { seal: boolean; integrity: boolean } {
  const flags = h.snapshot?.flags ?? [];
  const seal = (h.attributes & ISC_RET.CONFIDENTIALITY) !== 0 || flags.some((f) => /SEAL|CONF/.test(f));
  return { seal, integrity: seal || (h.attributes & ISC_RET.INTEGRITY) !== 0 || flags.some((f) => /SIGN|INTEG/.test(f)) };
}

function search(run: Run, c: NodeRuntime, s: NodeRuntime, result: ExchangeResult, firstId: number, layer: string): void {
  const base = baseDn(run);
  const user = c.spec.logon?.user ?? 'alice';
  const account = run.scenario?.accounts.find((a) => a.name.toLowerCase() === user.toLowerCase());
  const cn = account?.fullName ?? user;
  const dns = run.scenario?.domain?.dnsName ?? 'example.local';
  const request: LdapMessage = { messageId: firstId, op: {
    op: 'searchRequest', baseObject: base, scope: 2, derefAliases: 0, sizeLimit: 0, timeLimit: 120, typesOnly: false,
    filter: { and: [{ equality: ['objectClass', 'user'] }, { equality: ['sAMAccountName', user] }] }, attributes: ['cn', 'mail', 'userPrincipalName'],
  } };
  const entry: LdapMessage = { messageId: firstId, op: { op: 'searchResEntry', objectName: `CN=${cn},CN=Users,${base}`, attributes: [
    { type: 'cn', vals: [cn] }, { type: 'mail', vals: [`${user}@${dns}`] }, { type: 'userPrincipalName', vals: [`${user}@${dns}`] },
  ] } };
  const done: LdapMessage = { messageId: firstId, op: { op: 'searchResDone', resultCode: 0, matchedDN: '', diagnosticMessage: '' } };

  const hc = result.client, hs = result.server;
  const p = hc && hs && hc.pkg.protect && hs.pkg.protect && hc.pkg.unprotect && hs.pkg.unprotect ? protection(hc) : { seal: false, integrity: false };
  if (!hc || !hs || !p.integrity) {
    run.sendBare(c, s, buildLdap(request), `${c.trace.hostName} searches the directory for ${user}. The bind negotiated no security layer, so the search and its results travel in clear.`);
    run.sendBare(s, c, buildLdap(entry, 'ad'), `${s.trace.hostName} returns the entry it found.`);
    run.sendBare(s, c, buildLdap(done, 'ad'), 'The search is over: searchResDone, success.');
    return;
  }
  const what = p.seal ? 'signed and sealed' : 'signed';
  send(run, c, s, hc, hs, request, 'searchRequest', p.seal, layer, `${c.trace.hostName} searches the directory for ${user}. The bind negotiated a security layer, so the LDAP message goes through EncryptMessage and travels ${what} in a SASL buffer (a 4-byte length, then the wrapped message).`);
  send(run, s, c, hs, hc, entry, 'searchResEntry', p.seal, layer, `${s.trace.hostName} wraps the entry it found the same way, with its side of the context.`);
  send(run, s, c, hs, hc, done, 'searchResDone', p.seal, layer, 'The end of the search, wrapped too.');
}

function send(run: Run, from: NodeRuntime, to: NodeRuntime, hf: HeldContext, ht: HeldContext, m: LdapMessage, what: string, seal: boolean, layer: string, narration: string): void {
  const plain = buildLdapMessage(m, from.spec.role === 'server' ? 'ad' : 'minimal');
  const call = seal ? 'EncryptMessage' : 'MakeSignature';
  run.rec.call({ node: from.spec.id, layer: 'app', call, package: hf.package, flags: seal ? [] : ['SECQOP_WRAP_NO_ENCRYPT'], inputTokenLength: plain.length, time: run.timeOf(from), narration });
  const pm = hf.pkg.protect!(hf.ctx, plain, seal);
  hf.ctx = pm.ctx;
  run.rec.ret({ node: from.spec.id, layer: 'app', call, package: hf.package, status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: pm.token.length, time: run.timeOf(from),
    narration: `${call} returns the wrapped ${what} (${pm.token.length} bytes for ${plain.length} bytes of LDAP).` });
  run.sendView(from, to, { ...pm.view, explain: `${what}(${m.messageId}), ${seal ? 'signed and sealed' : 'signed'}: ${pm.view.explain}` }, pm.token, buildLdapSasl(pm.token, `${what}(${m.messageId})`, layer));
  const verify = seal ? 'DecryptMessage' : 'VerifySignature';
  run.rec.call({ node: to.spec.id, layer: 'app', call: verify, package: ht.package, flags: [], inputTokenLength: pm.token.length, time: run.timeOf(to),
    narration: `${to.trace.hostName} calls ${verify} on the SASL buffer's content with its side of the context.` });
  const u = ht.pkg.unprotect!(ht.ctx, pm.token, seal);
  ht.ctx = u.ctx;
  const ok = u.status.name === 'SEC_E_OK';
  run.rec.ret({ node: to.spec.id, layer: 'app', call: verify, package: ht.package, status: u.status.name, statusCode: u.status.code, flags: [], outputTokenLength: u.message?.length ?? 0, time: run.timeOf(to),
    narration: ok ? `${verify} returns SEC_E_OK and the ${what}: the signature checks out${seal ? ' and the data decrypts' : ''}.` : `${verify} fails with ${u.status.name}.`,
    error: ok ? undefined : { code: u.status.code, name: u.status.name, text: 'The message or signature was altered.' } });
}
