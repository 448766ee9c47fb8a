// The PKU2U SSP (pku2u.dll; draft-zhu-pku2u, RFC 4556, RFC 4121): peer-to-peer authentication with
// certificates and no KDC. The initiator runs the Kerberos AS exchange with the acceptor itself
// (PA-PK-AS-REQ signed with its certificate, ECDH P-256 key agreement, realm WELLKNOWN:PKU2U); the
// acceptor answers as a KDC for itself would (PA-PK-AS-REP, a ticket only it can open); then the AP
// exchange as Kerberos does, with KRB-FINISHED binding it to the AS exchange. Windows runs PKU2U only
// as an auth scheme of NegoExts (NEGOEX inside SPNEGO): its tokens travel inside NEGOEX messages.
import { concat, hex } from '../../bytes';
import { etypeName } from '../../crypto/kerberos';
import { shift, type Field } from '../../encoding/fields';
import { flagNames, ISC_RET, ASC_RET } from '../../sspi/flags';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { ContextResult, KeyRing, MessageView, PackageCall, PackageEnv, SecurityPackage } from '../../sspi/package';
import { status, type SecStatusName } from '../../sspi/status';
import type { TraceError } from '../../trace';
import { describeKerberos } from '../kerberos/describe';
import { errorName, type PrincipalName } from '../kerberos/messages';
import { getMic, protect, unprotect, verifyMic } from '../kerberos/protect';
import type { KerberosContext } from '../kerberos/state';
import { protectionKey } from '../kerberos/state';
import { acceptPku2uApReq, buildPku2uApReq, readPku2uApRep } from './ap';
import { pku2uAnswer, pku2uAsReq, pku2uReadReply, type InitiatorState } from './asExchange';
import { PA, PKU2U_REALM, TOK_ID, TOK_ID_NAMES, buildPku2uToken, parsePaPkAsRep, parsePaPkAsReq, parsePku2uToken, certInfo } from './messages';
import { myCertificate, pku2uSetupOf, trustedRoots } from './setup';
import { buildKrbError } from '../kerberos/messages';

export const PACKAGE_INFO = PACKAGE_INFOS.PKU2U;

export interface Pku2uContext {
  side: 'client' | 'server';
  state: 'initial' | 'as-sent' | 'as-answered' | 'ap-sent' | 'established' | 'failed';
  as: InitiatorState | null;
  /** The PKU2U tokens of the AS exchange (AS-REQ, AS-REP), for KRB-FINISHED. */
  transcript: Uint8Array[];
  cname: PrincipalName | null;
  /** Acceptor: the key it sealed the ticket with (only it holds it). */
  ticketKey: Uint8Array | null;
  /** The Kerberos context once the AP exchange runs (its keys protect messages). */
  krb: KerberosContext | null;
  /** Who the peer's certificate names. */
  peer: string | null;
}

type Call = PackageCall<Pku2uContext>;
const newContext = (side: 'client' | 'server'): Pku2uContext => ({ side, state: 'initial', as: null, transcript: [], cname: null, ticketKey: null, krb: null, peer: null });

function fail(ctx: Pku2uContext, name: SecStatusName, error: TraceError, output: Uint8Array | null = null): ContextResult<Pku2uContext> {
  return { ctx: { ...ctx, state: 'failed' }, status: status(name), output, error, attributes: 0 };
}
const outOfSequence = (ctx: Pku2uContext, what: string) => fail(ctx, 'SEC_E_OUT_OF_SEQUENCE', { code: 0x80090310, name: 'SEC_E_OUT_OF_SEQUENCE', text: what });
const invalid = (ctx: Pku2uContext, text: string) => fail(ctx, 'SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text });

/** The SSPI status for a PKINIT error the peer reports (an untrusted CA, a bad signature...). */
function statusOfPkinit(code: number): SecStatusName {
  if (code === 70 || code === 62) return 'SEC_E_ISSUING_CA_UNTRUSTED';
  if (code === 64 || code === 71 || code === 72 || code === 73) return 'SEC_E_PKINIT_CLIENT_FAILURE';
  return 'SEC_E_LOGON_DENIED';
}
const krbError = (code: number, text: string): TraceError => ({ code, name: errorName(code), text });

/** The service name of the target (cifs/peer2 → cifs/PEER2, NT-SRV-INST). */
export function snameOf(target: string | undefined, fallbackHost: string): PrincipalName {
  const parts = (target ?? `host/${fallbackHost}`).split('/');
  if (parts.length === 1) parts.unshift('host');
  return { nameType: 2, nameString: [parts[0], parts.slice(1).join('/').split('.')[0].toUpperCase()] };
}

function clientFirst(env: PackageEnv, cred: Parameters<SecurityPackage<Pku2uContext>['initialize']>[1], req: Parameters<SecurityPackage<Pku2uContext>['initialize']>[4]): ContextResult<Pku2uContext> {
  const ctx = newContext('client');
  const cert = myCertificate(env);
  if (!cert) return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'PKU2U has no certificate for this identity.' });
  const upn = cred.identity?.user.includes('@') ? cred.identity.user : `${cred.identity?.user ?? 'user'}@${cred.identity?.domain ?? ''}`;
  const cname: PrincipalName = { nameType: 10, nameString: [upn] };
  const start = pku2uAsReq({ identity: { chain: cert.chain, privateKey: cert.privateKey }, cname, sname: snameOf(req.target, env.computerName), now: env.now(), rng: env.rng });
  return { ctx: { ...ctx, state: 'as-sent', as: start.state, transcript: [start.token], cname }, status: status('SEC_I_CONTINUE_NEEDED'), output: start.token, attributes: 0 };
}

function* clientNext(env: PackageEnv, ctx: Pku2uContext, input: Uint8Array, req: Parameters<SecurityPackage<Pku2uContext>['initialize']>[4]): Call {
  let g;
  try { g = parsePku2uToken(input); } catch (e) { return invalid(ctx, `The peer's PKU2U token is malformed: ${(e as Error).message}`); }
  if (ctx.state === 'as-sent') {
    let r;
    try { r = pku2uReadReply(input, ctx.as!, trustedRoots(env)); } catch (e) { return invalid(ctx, `The peer's AS-REP cannot be read: ${(e as Error).message}`); }
    if (!r.ok) {
      const code = r.errorCode || 70;
      const who = g.tokId === TOK_ID.KRB_ERROR ? 'The peer refused the AS-REQ' : 'The peer\'s AS-REP does not check out';
      return fail(ctx, statusOfPkinit(code), krbError(code, `${who}: ${r.text}.`));
    }
    yield { kind: 'key', key: { name: `PKU2U AS reply key (ECDH P-256 agreement → octetstring2key, ${etypeName(r.etype)})`, key: r.replyKey, etype: r.etype } };
    yield { kind: 'key', key: { name: `PKU2U session key (from the AS-REP, ${etypeName(r.etype)})`, key: r.sessionKey, etype: r.etype } };
    const transcript = [...ctx.transcript, input];
    const ap = buildPku2uApReq(env, { etype: r.etype, sessionKey: r.sessionKey, ticket: r.ticket, cname: ctx.cname!, transcript: concat(...transcript) }, req);
    yield { kind: 'key', key: { name: `PKU2U initiator subkey (AP-REQ authenticator, ${etypeName(r.etype)})`, key: ap.subkey, etype: r.etype } };
    const peer = certInfoSubject(r.acceptorCert);
    const next: Pku2uContext = { ...ctx, state: ap.ctx.state === 'established' ? 'established' : 'ap-sent', transcript, krb: ap.ctx, peer };
    return { ctx: next, status: status(next.state === 'established' ? 'SEC_E_OK' : 'SEC_I_CONTINUE_NEEDED'), output: ap.token, attributes: ap.ctx.attributes };
  }
  if (ctx.state === 'ap-sent') {
    if (g.tokId === TOK_ID.KRB_ERROR) return fail(ctx, 'SEC_E_LOGON_DENIED', krbError(0, 'The peer refused the AP-REQ.'));
    if (g.tokId !== TOK_ID.AP_REP) return invalid(ctx, `Expected a PKU2U KRB_AP_REP token, got ${TOK_ID_NAMES[g.tokId]}.`);
    const r = readPku2uApRep(ctx.krb!, g.message);
    if (!r.ok) return fail(ctx, 'SEC_E_MUTUAL_AUTH_FAILED', { code: 0x80090363, name: 'SEC_E_MUTUAL_AUTH_FAILED', text: r.why });
    return { ctx: { ...ctx, state: 'established', krb: r.ctx }, status: status('SEC_E_OK'), output: null, attributes: r.ctx.attributes };
  }
  return outOfSequence(ctx, `InitializeSecurityContext called in state ${ctx.state}.`);
}

function certInfoSubject(der: Uint8Array): string {
  try {
    const s = certInfo(der).subject;
    // The last printable string of the subject Name is its common name here.
    const text = new TextDecoder().decode(s).replace(/[^\x20-\x7e]+/g, '\u0000').split('\u0000').filter((x) => x.length > 1);
    return text[text.length - 1] ?? '?';
  } catch { return '?'; }
}

function* serverAccept(env: PackageEnv, ctx: Pku2uContext, input: Uint8Array, req: Parameters<SecurityPackage<Pku2uContext>['accept']>[4]): Call {
  let g;
  try { g = parsePku2uToken(input); } catch (e) { return invalid(ctx, `The peer's PKU2U token is malformed: ${(e as Error).message}`); }
  const setup = pku2uSetupOf(env);
  const cert = myCertificate(env);
  if (!setup || !cert) return fail(ctx, 'SEC_E_NO_CREDENTIALS', { code: 0x8009030e, name: 'SEC_E_NO_CREDENTIALS', text: 'This machine has no PKU2U certificate.' });
  if (ctx.state === 'initial') {
    if (g.tokId !== TOK_ID.AS_REQ) return invalid(ctx, `Expected a PKU2U KRB_AS_REQ token, got ${TOK_ID_NAMES[g.tokId]}.`);
    const sname = snameOf(req.target, env.computerName);
    let r;
    try {
      r = pku2uAnswer(input, { identity: { chain: cert.chain, privateKey: cert.privateKey }, trustedRoots: trustedRoots(env), sname, now: env.now(), rng: env.rng });
    } catch (e) { return invalid(ctx, `The AS-REQ cannot be read: ${(e as Error).message}`); }
    if (!r.ok) return fail(ctx, statusOfPkinit(r.errorCode), krbError(r.errorCode, `${env.computerName} refuses the AS-REQ: ${r.text}`), r.token);
    yield { kind: 'key', key: { name: `PKU2U AS reply key (ECDH P-256 agreement → octetstring2key, ${etypeName(r.etype)})`, key: r.replyKey, etype: r.etype } };
    yield { kind: 'key', key: { name: `${env.computerName} PKU2U ticket key (random, held only by the acceptor, ${etypeName(r.etype)})`, key: r.ticketKey, etype: r.etype, kvno: 0, principal: `${sname.nameString.join('/')}@${PKU2U_REALM}` } };
    yield { kind: 'key', key: { name: `PKU2U session key (in the ticket and the AS-REP, ${etypeName(r.etype)})`, key: r.sessionKey, etype: r.etype } };
    return {
      ctx: { ...ctx, state: 'as-answered', transcript: [input, r.token], ticketKey: r.ticketKey, peer: certInfoSubject(r.clientCert) },
      status: status('SEC_I_CONTINUE_NEEDED'), output: r.token, attributes: 0,
    };
  }
  if (ctx.state === 'as-answered') {
    if (g.tokId !== TOK_ID.AP_REQ) return invalid(ctx, `Expected a PKU2U KRB_AP_REQ token, got ${TOK_ID_NAMES[g.tokId]}.`);
    let r;
    try { r = acceptPku2uApReq(env, g.message, ctx.ticketKey!, concat(...ctx.transcript), req); } catch (e) { return invalid(ctx, `The AP-REQ cannot be read: ${(e as Error).message}`); }
    if (!r.ok) {
      const now = env.now();
      const err = buildPku2uToken(TOK_ID.KRB_ERROR, buildKrbError({ stime: new Date(Math.floor(now.getTime() / 1000) * 1000), susec: 0, errorCode: r.code, realm: PKU2U_REALM, sname: snameOf(req.target, env.computerName), eText: r.why }));
      return fail(ctx, 'SEC_E_LOGON_DENIED', krbError(r.code, `${env.computerName} refuses the AP-REQ: ${r.why}.`), err);
    }
    yield { kind: 'key', key: { name: `PKU2U acceptor subkey (AP-REP, ${etypeName(r.ctx.acceptorSubkey!.etype)})`, key: r.acceptorSubkey, etype: r.ctx.acceptorSubkey!.etype } };
    return { ctx: { ...ctx, state: 'established', krb: r.ctx }, status: status('SEC_E_OK'), output: r.token, attributes: r.ctx.attributes };
  }
  return outOfSequence(ctx, `AcceptSecurityContext called in state ${ctx.state}.`);
}

/** The PKU2U decoder: the GSS framing, then the Kerberos message with its PKINIT pre-authentication data opened. */
export function describePku2u(token: Uint8Array, keys: KeyRing): MessageView {
  const g = parsePku2uToken(token);
  const inner = describeKerberos(g.message, keys);
  const fields = [...g.fields, ...shift(openPkinit(inner.fields, g.message), g.messageStart)];
  const name = inner.name;
  return {
    protocol: 'PKU2U', name, layers: ['PKU2U GSS-API', ...inner.layers], fields,
    explain: EXPLAIN[TOK_ID_NAMES[g.tokId]] ?? inner.explain, ref: 'draft-zhu-pku2u-09 §6', error: inner.error,
  };
}

/** Replace the generic view of a PA-PK-AS-REQ / PA-PK-AS-REP padata-value with the PKINIT decoder's tree. */
function openPkinit(fields: Field[], message: Uint8Array): Field[] {
  const walk = (fs: Field[]): Field[] => fs.map((f) => {
    if ((f.name === 'PA-PK-AS-REQ' || f.name === 'PA-PK-AS-REP') && f.children?.some((c) => c.name === 'padata-value')) {
      return { ...f, children: f.children.map((c) => {
        if (c.name !== 'padata-value' || !c.children) return c;
        return { ...c, children: c.children.map((v) => {
          if (v.name !== f.name || v.children?.some((x) => x.name === 'signedAuthPack' || x.name === 'dhSignedData')) return v;
          try {
            const bytes = message.subarray(v.start, v.end);
            const p = f.name === 'PA-PK-AS-REQ' ? parsePaPkAsReq(bytes) : parsePaPkAsRep(bytes);
            return { ...v, children: shift(p.fields, v.start).flatMap((x) => (x.start === v.start && x.end === v.end && x.children ? x.children : [x])) };
          } catch { return v; }
        }) };
      }) };
    }
    return f.children ? { ...f, children: walk(f.children) } : f;
  });
  void PA;
  return walk(fields);
}

const EXPLAIN: Record<string, string> = {
  KRB_AS_REQ: 'The initiator asks the acceptor itself for a ticket (there is no KDC between peers, the realm is WELLKNOWN:PKU2U): PA-PK-AS-REQ carries its AuthPack (a fresh ECDH P-256 public value, the nonce and the SHA-1 of the request body) signed with its certificate\'s key in CMS SignedData, with the certificate.',
  KRB_AS_REP: 'The acceptor checked the signature and that the certificate chains to a CA it trusts. PA-PK-AS-REP carries its own ECDH value and the nonce, signed with its certificate; both sides now derive the same reply key from the shared secret (RFC 4556 octetstring2key), which opens the enc-part and its session key. The ticket is sealed with a key only the acceptor holds.',
  KRB_AP_REQ: 'Now as in Kerberos: the initiator presents the ticket with an authenticator under the session key. Its GSS checksum carries KRB-FINISHED, a checksum of the AS exchange\'s two tokens (key usage 41), so the acceptor knows nobody changed them.',
  KRB_AP_REP: 'Mutual authentication: the acceptor proves it opened the ticket by returning the authenticator\'s time under the session key, with its own subkey.',
  KRB_ERROR: 'The peer refuses: a KRB-ERROR inside the PKU2U framing.',
};

export const pku2uPackage: SecurityPackage<Pku2uContext> = {
  info: PACKAGE_INFO,

  *initialize(env, cred, ctx, input, req): Call {
    if (ctx === null || ctx.state === 'initial') {
      if (input && input.length) return outOfSequence(ctx ?? newContext('client'), 'A PKU2U client context starts without an input token.');
      return clientFirst(env, cred, req);
    }
    if (!input) return outOfSequence(ctx, 'InitializeSecurityContext needs the peer\'s token.');
    return yield* clientNext(env, ctx, input, req);
  },

  *accept(env, _cred, ctx, input, req): Call {
    return yield* serverAccept(env, ctx ?? newContext('server'), input, req);
  },

  describe: describePku2u,

  sessionKey(ctx) { return ctx.state === 'established' && ctx.krb ? protectionKey(ctx.krb)?.key ?? null : null; },
  protect(ctx, message, seal) {
    const r = protect(ctx.krb!, message, seal);
    return { ctx: { ...ctx, krb: r.ctx }, token: r.token, view: r.view };
  },
  unprotect(ctx, token, seal) {
    const r = unprotect(ctx.krb!, token, seal);
    return { ctx: { ...ctx, krb: r.ctx }, status: r.status, message: r.message };
  },
  getMic(ctx, data) { const r = getMic(ctx.krb!, data); return { ctx: { ...ctx, krb: r.ctx }, mic: r.mic }; },
  verifyMic(ctx, data, mic) { const r = verifyMic(ctx.krb!, data, mic); return { ctx: { ...ctx, krb: r.ctx }, ok: r.ok }; },

  snapshot(ctx) {
    const keys: { name: string; hex: string }[] = [];
    const k = ctx.krb;
    if (k?.sessionKey) keys.push({ name: `session key (${etypeName(k.sessionKey.etype)})`, hex: hex(k.sessionKey.key) });
    if (k?.initiatorSubkey) keys.push({ name: `initiator subkey (${etypeName(k.initiatorSubkey.etype)})`, hex: hex(k.initiatorSubkey.key) });
    if (k?.acceptorSubkey) keys.push({ name: `acceptor subkey (${etypeName(k.acceptorSubkey.etype)})`, hex: hex(k.acceptorSubkey.key) });
    const flags = k ? (ctx.side === 'client' ? flagNames(k.attributes, ISC_RET, 'ISC_RET_') : flagNames(k.attributes, ASC_RET, 'ASC_RET_')) : [];
    return { state: ctx.state + (ctx.peer ? `, peer certificate: ${ctx.peer}` : ''), flags, keys };
  },
};
