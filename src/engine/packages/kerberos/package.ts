// The Kerberos SSP (kerberos.dll): InitializeSecurityContext gets a TGT (AS exchange) and a service
// ticket (TGS exchange) from the KDC when the logon session's ticket cache has none, then sends the
// AP-REQ in GSS-API framing; AcceptSecurityContext checks it and answers with the AP-REP.
import { hex } from '../../bytes';
import { etypeName } from '../../crypto/kerberos';
import { flagNames, ISC_RET, ASC_RET } from '../../sspi/flags';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { CachedTicket, ContextResult, ContextSnapshot, Credential, PackageCall, PackageEnv, RequestFlags, SecurityPackage } from '../../sspi/package';
import { status, type SecStatusName } from '../../sspi/status';
import type { TraceError } from '../../trace';
import { parseGssToken, TOK_ID } from './messages';
import { asExchange } from './client/as';
import { buildClientApReq, readApRep } from './client/ap';
import { findTicket, type Step } from './client/common';
import { clientStatusOf, krbTraceError } from './client/errors';
import { tgsExchange } from './client/tgs';
import { acceptApReq } from './server/accept';
import { describeKerberos } from './describe';
import { getMic, protect, unprotect, verifyMic } from './protect';
import { newContext, protectionKey, type KerberosContext } from './state';

export const PACKAGE_INFO = PACKAGE_INFOS.Kerberos;

type Call = PackageCall<KerberosContext>;

function fail(ctx: KerberosContext, name: SecStatusName, error: TraceError, output: Uint8Array | null = null): ContextResult<KerberosContext> {
  return { ctx: { ...ctx, state: 'failed', error }, status: status(name), output, error, attributes: 0 };
}

const stepFail = (ctx: KerberosContext, s: Extract<Step<unknown>, { ok: false }>): ContextResult<KerberosContext> => fail(ctx, s.status, s.error);

/** A ticket for another realm's krbtgt when a service ticket was asked for: a referral to follow. */
function isReferral(t: CachedTicket, spnText: string): boolean {
  const [svc] = t.server.split('@');
  return svc.toLowerCase().startsWith('krbtgt/') && svc.toLowerCase() !== spnText.toLowerCase();
}

/** The SPN for a target name: an SPN is used as given; a bare host name becomes HOST/<name> (MS-KILE 3.3.5.1). */
export function spnOf(target: string): string[] {
  return target.includes('/') ? target.split('/') : ['HOST', target];
}

/**
 * A service acting as a user it authenticated (MS-SFU): it has no password of hers, only its own account. With its own
 * TGT it asks for her ticket to the back end with S4U2Proxy, presenting her ticket to itself as evidence; when she did
 * not sign in with Kerberos, it first gets that ticket with S4U2Self (protocol transition).
 */
function* clientImpersonating(env: PackageEnv, cred: Credential, req: RequestFlags): Call {
  const ctx = newContext('client');
  const svc = env.serviceAccount;
  const user = cred.identity;
  if (!svc || !env.domain || !user?.realm || !req.target) {
    return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'Only a domain service with an account of its own can act as a user with Kerberos.' });
  }
  const realm = env.domain.dnsName.toUpperCase();
  const spn = spnOf(req.target);
  // 1. The service's own TGT: the front end's service account logged on when the service started.
  let tgt = env.logonSession.tickets.find((t) => t.server.toLowerCase() === `krbtgt/${realm}@${realm}`.toLowerCase() && t.client.toLowerCase() === `${svc.name}@${realm}`.toLowerCase());
  if (!tgt) {
    yield { kind: 'note', anchor: 'krb-service-tgt', text: `${env.computerName} has no password of ${user.user}'s, so Kerberos works with the service's own account: first a TGT for ${svc.name} (the service account logs on to the KDC like a user).` };
    const r = yield* asExchange(env, { user: svc.name, domain: env.domain.netbiosName, password: svc.password, realm });
    if (!r.ok) return stepFail(ctx, r);
    tgt = r.value;
  }
  // 2. The evidence: her ticket to this service (from her AP-REQ), or S4U2Self for one.
  let evidence = cred.evidence ?? null;
  if (!evidence) {
    yield { kind: 'note', anchor: 'krb-s4u2self', text: `${user.user} did not sign in with Kerberos, so ${env.computerName} holds no ticket of hers. It asks the KDC for a ticket to itself in her name (S4U2Self, PA-FOR-USER): protocol transition.` };
    const r = yield* tgsExchange(env, tgt, [svc.name], realm, false, { forUser: { user: user.user, realm: user.realm } });
    if (!r.ok) return stepFail(ctx, r);
    evidence = r.value.ticket;
  }
  // 3. S4U2Proxy: her ticket to the back end, the evidence in additional-tickets.
  const r = yield* tgsExchange(env, tgt, spn, realm, false, { evidence });
  if (!r.ok) return stepFail(ctx, r);
  const ap = buildClientApReq(env, r.value, req);
  yield { kind: 'key', key: { name: ap.subkeyName, key: ap.subkey, etype: r.value.etype } };
  const next = { ...ap.ctx, wrapSeed: env.rng.bytes(16) };
  return { ctx: next, status: status(next.state === 'established' ? 'SEC_E_OK' : 'SEC_I_CONTINUE_NEEDED'), output: ap.token, attributes: next.attributes };
}

function* clientFirst(env: PackageEnv, cred: Credential, req: RequestFlags): Call {
  if (cred.source === 'impersonated') return yield* clientImpersonating(env, cred, req);
  let ctx = newContext('client');
  const id = cred.identity;
  if (!id || !id.realm) {
    return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'Kerberos needs a domain account: these credentials have no realm.' });
  }
  if (!req.target) return fail(ctx, 'SEC_E_TARGET_UNKNOWN', { code: 0x80090303, name: 'SEC_E_TARGET_UNKNOWN', text: 'No target name: there is no SPN to ask a ticket for.' });
  const realm = id.realm.toUpperCase();
  const identity = { ...id, realm };
  const spn = spnOf(req.target);
  const spnText = spn.join('/');

  let tgt = findTicket(env, `krbtgt/${realm}@${realm}`);
  if (tgt) {
    yield { kind: 'note', anchor: 'krb-tgt-cached', text: `${env.computerName} already holds a TGT for ${tgt.client} in its logon session's ticket cache, so it skips the AS exchange.` };
  } else {
    const r = yield* asExchange(env, identity);
    if (!r.ok) return stepFail(ctx, r);
    tgt = r.value;
  }
  let st = findTicket(env, `${spnText}@${realm}`);
  if (st) {
    yield { kind: 'note', anchor: 'krb-ticket-cached', text: `A service ticket for ${spnText} is already in the ticket cache: no TGS exchange is needed.` };
  } else {
    const r = yield* tgsExchange(env, tgt, spn, realm);
    if (!r.ok) return stepFail(ctx, r);
    let got: CachedTicket = r.value;
    // A referral (RFC 6806 §8, MS-KILE 3.3.5.7.5): the KDC answered with a TGT for another domain's krbtgt, so the client
    // asks that domain's KDC next, with the referral TGT, for the same SPN.
    for (let hop = 0; hop < 3 && isReferral(got, spnText); hop++) {
      const next = got.server.split('@')[0].split('/')[1];
      yield { kind: 'note', anchor: 'krb-referral', text: `The KDC of ${got.realm} does not hold ${spnText}: it answered with a referral, a TGT for krbtgt/${next} sealed with the key of the trust between the two domains. ${env.computerName} finds a domain controller of ${next} and sends it the same request with that ticket.` };
      const hopped: Step<CachedTicket> = yield* tgsExchange(env, got, spn, next, true);
      if (!hopped.ok) return stepFail(ctx, hopped);
      got = hopped.value;
    }
    st = got;
  }
  const ap = buildClientApReq(env, st, req);
  yield { kind: 'key', key: { name: ap.subkeyName, key: ap.subkey, etype: st.etype } };
  ctx = { ...ap.ctx, wrapSeed: env.rng.bytes(16) };
  return { ctx, status: status(ctx.state === 'established' ? 'SEC_E_OK' : 'SEC_I_CONTINUE_NEEDED'), output: ap.token, attributes: ctx.attributes };
}

function clientReply(ctx: KerberosContext, input: Uint8Array): ContextResult<KerberosContext> {
  let tok;
  try { tok = parseGssToken(input).value; } catch (e) {
    return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The server's Kerberos token is malformed: ${(e as Error).message}` });
  }
  if (tok.tokId === TOK_ID.KRB_ERROR && tok.message.kind === 'KRB-ERROR') {
    const code = tok.message.message.errorCode;
    return fail(ctx, clientStatusOf(code), krbTraceError(code, 'The server refused the AP-REQ'));
  }
  if (tok.tokId !== TOK_ID.AP_REP || tok.message.kind !== 'AP-REP') {
    return fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: 'Expected a GSS-API KRB_AP_REP token (TOK_ID 02 00).' });
  }
  const r = readApRep(ctx, tok.message.message);
  if (!r.ok) return fail(ctx, 'SEC_E_MUTUAL_AUTH_FAILED', { code: 0x80090363, name: 'SEC_E_MUTUAL_AUTH_FAILED', text: r.why });
  return { ctx: r.ctx, status: status('SEC_E_OK'), output: null, attributes: r.ctx.attributes };
}

export const kerberosPackage: SecurityPackage<KerberosContext> = {
  info: PACKAGE_INFO,

  *initialize(env, cred, ctx, input, req): Call {
    if (ctx === null || ctx.state === 'initial') {
      if (input && input.length) return fail(ctx ?? newContext('client'), 'SEC_E_OUT_OF_SEQUENCE', { code: 0x80090310, name: 'SEC_E_OUT_OF_SEQUENCE', text: 'A Kerberos client context starts without an input token.' });
      return yield* clientFirst(env, cred, req);
    }
    if (ctx.state !== 'awaiting-ap-rep' || !input) {
      return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE', { code: 0x80090310, name: 'SEC_E_OUT_OF_SEQUENCE', text: `InitializeSecurityContext called in state ${ctx.state}.` });
    }
    return clientReply(ctx, input);
  },

  *accept(env, _cred, ctx, input, req): Call {
    const c = ctx ?? newContext('server');
    if (c.state !== 'initial') return fail(c, 'SEC_E_OUT_OF_SEQUENCE', { code: 0x80090310, name: 'SEC_E_OUT_OF_SEQUENCE', text: `AcceptSecurityContext called in state ${c.state}.` });
    const r = yield* acceptApReq(env, c, input, req);
    const out = r.status === 'SEC_E_OK' ? { ...r.ctx, wrapSeed: env.rng.bytes(16) } : r.ctx;
    return { ctx: out, status: status(r.status), output: r.output, error: r.error, attributes: r.attributes };
  },

  /** SECPKG_ATTR_SESSION_KEY: the acceptor's subkey, else the initiator's, else the ticket's session key (MS-KILE 3.1.1.2). */
  sessionKey(ctx: KerberosContext): Uint8Array | null {
    return ctx.state === 'established' ? protectionKey(ctx)?.key ?? null : null;
  },

  describe: describeKerberos,
  evidenceTicket: (ctx: KerberosContext) => (ctx.side === 'server' && ctx.state === 'established' ? ctx.ticket ?? null : null),
  protect,
  unprotect,
  getMic,
  verifyMic,

  snapshot(ctx: KerberosContext): ContextSnapshot {
    const keys: { name: string; hex: string }[] = [];
    if (ctx.sessionKey) keys.push({ name: `session key (${etypeName(ctx.sessionKey.etype)})`, hex: hex(ctx.sessionKey.key) });
    if (ctx.initiatorSubkey) keys.push({ name: `initiator subkey (${etypeName(ctx.initiatorSubkey.etype)})`, hex: hex(ctx.initiatorSubkey.key) });
    if (ctx.acceptorSubkey) keys.push({ name: `acceptor subkey (${etypeName(ctx.acceptorSubkey.etype)})`, hex: hex(ctx.acceptorSubkey.key) });
    const flags = ctx.side === 'client' ? flagNames(ctx.attributes, ISC_RET, 'ISC_RET_') : flagNames(ctx.attributes, ASC_RET, 'ASC_RET_');
    return { state: ctx.state, flags, keys };
  },
};
