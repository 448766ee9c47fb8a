// The CredSSP exchange inside the TLS tunnel (MS-CSSP 3.1.5), as two sans-I/O state machines:
// the client's and the server's. Each call takes the peer's TSRequest (plaintext, as the TLS layer
// delivered it) and returns the next one, running the Negotiate package inside (its KDC requests
// are yielded to the runner as they come). The TLS handshake itself and the wrapping of each
// TSRequest into TLS records belong to the Schannel layer around this one.
//
//   client                                             server
//   TSRequest{version, negoTokens: SPNEGO}        →
//                                                  ←   TSRequest{version, negoTokens}          (until Negotiate is done)
//   TSRequest{negoTokens?, pubKeyAuth, clientNonce} →   pubKeyAuth = EncryptMessage(binding hash | public key)
//                                                  ←   TSRequest{pubKeyAuth}                   (server-to-client hash | key + 1)
//   TSRequest{authInfo = EncryptMessage(TSCredentials)} →   (only if the delegation policy allows it)
//   On failure the server answers TSRequest{errorCode} (version 3+) and the client stops.
import { equal } from '../../bytes';
import type { AuthorityReply, Credential, MessageView, PackageEnv, PackageYield, RequestFlags, SecurityPackage } from '../../sspi/package';
import { type SecStatusName, status } from '../../sspi/status';
import type { TraceError } from '../../trace';
import {
  CRED_TYPE, CLIENT_NONCE_LENGTH, type TsCredentials, type TsRequest, buildTsCredentials, buildTsRequest, errorCodeStatus, errorCodeText, errorCodeValue,
  parseTsCredentials, parseTsRequest, pubKeyAuthValue, restrictedAdminCredentials,
} from './messages';

/** CredSSP encryption oracle remediation (CVE-2018-0886), the client and server policy of the May 2018 update. */
export type OracleRemediation = 'force-updated-clients' | 'mitigated' | 'vulnerable';

export interface CredsspPolicy {
  /** The TSRequest version this side speaks: 6 once patched for CVE-2018-0886, 2-4 before. */
  version: number;
  remediation: OracleRemediation;
  /** Client: "Allow delegating fresh credentials" (not configured = allowed for TERMSRV/*). */
  allowFreshCredentials: boolean;
  /** Client: "Allow delegating default credentials" (not configured = not allowed). */
  allowDefaultCredentials: boolean;
  /** Client: Restricted Admin mode (mstsc /restrictedAdmin): an empty TSPasswordCreds goes in authInfo. */
  restrictedAdmin: boolean;
  /** Client: Remote Credential Guard (mstsc /remoteGuard): TSRemoteGuardCreds with a Kerberos ticket logon buffer. */
  remoteGuard?: boolean;
}

export const DEFAULT_POLICY: CredsspPolicy = { version: 6, remediation: 'mitigated', allowFreshCredentials: true, allowDefaultCredentials: false, restrictedAdmin: false };

export type CredsspState = 'initial' | 'negotiating' | 'pubkey-sent' | 'pubkey-verified' | 'done' | 'failed';

export interface CredsspContext {
  side: 'client' | 'server';
  state: CredsspState;
  /** The peer's TSRequest version, once seen, and the version both use (the lower one). */
  peerVersion: number | null;
  inner: unknown;
  innerDone: boolean;
  clientNonce: Uint8Array | null;
  /** Server side: what the client delegated. */
  delegated: TsCredentials | null;
  /** Each TSRequest sent, plaintext (what the TLS layer encrypts). */
  sent: TsRequest[];
  /** Each pubKeyAuth / authInfo this side encrypted: the value before EncryptMessage and the inner package's view of
   *  the sealed token (with the key that opens it), so the inspector can open the field. */
  sealed: SealedPart[];
}

export interface SealedPart { part: 'pubKeyAuth' | 'authInfo'; cipher: Uint8Array; plain: Uint8Array; view: MessageView; direction: 'client-to-server' | 'server-to-client'; version: number }

export interface CredsspOptions {
  policy: CredsspPolicy;
  /** The SubjectPublicKey of the TLS server certificate (from the TLS layer). */
  serverPublicKey: Uint8Array;
  /** The inner Negotiate request (target TERMSRV/<host>, flags). */
  req: RequestFlags;
}

type Result = { ctx: CredsspContext; status: ReturnType<typeof status>; output: Uint8Array | null; error?: TraceError; attributes: number };
type Call = Generator<PackageYield, Result, AuthorityReply | undefined>;

const newCtx = (side: 'client' | 'server'): CredsspContext => ({ side, state: 'initial', peerVersion: null, inner: null, innerDone: false, clientNonce: null, delegated: null, sent: [], sealed: [] });

function negotiateOf(env: PackageEnv): SecurityPackage<unknown> {
  const p = env.packages.Negotiate;
  if (!p) throw new Error('CredSSP needs the Negotiate package');
  return p;
}

function fail(ctx: CredsspContext, name: SecStatusName, text: string, output: Uint8Array | null = null): Result {
  const s = status(name);
  return { ctx: { ...ctx, state: 'failed' }, status: s, output, error: { code: s.code, name, text }, attributes: 0 };
}

/** Whether the Negotiate context's mechanism has finished (SPNEGO's own mechListMIC round aside). */
const mechDone = (inner: unknown): boolean => (inner as { innerDone?: boolean } | null)?.innerDone === true;

const effective = (mine: number, peer: number | null) => Math.min(mine, peer ?? mine);

function send(ctx: CredsspContext, r: TsRequest): Uint8Array {
  ctx.sent.push(r);
  return buildTsRequest(r);
}

/** The client's InitializeSecurityContext step. `input` is the server's TSRequest (null on the first call). */
export function* credsspClient(env: PackageEnv, cred: Credential, prev: CredsspContext | null, input: Uint8Array | null, o: CredsspOptions): Call {
  const ctx: CredsspContext = prev ? { ...prev, sent: [...prev.sent], sealed: [...prev.sealed] } : newCtx('client');
  const neg = negotiateOf(env);
  const v = o.policy.version;
  let reply: TsRequest | null = null;
  if (input) {
    try { reply = parseTsRequest(input).value; } catch (e) { return fail(ctx, 'SEC_E_INVALID_TOKEN', `The server's TSRequest is malformed: ${(e as Error).message}`); }
    ctx.peerVersion = reply.version;
    if (reply.errorCode !== undefined) {
      return fail(ctx, 'SEC_E_LOGON_DENIED', `The server ended CredSSP with errorCode ${errorCodeText(reply.errorCode)}: the authentication inside failed, so no credentials were delegated.`);
    }
    // CVE-2018-0886: an updated client does not fall back to a server that speaks a pre-update version.
    if (reply.version < 6 && v >= 6 && o.policy.remediation !== 'vulnerable') {
      return fail(ctx, 'SEC_E_UNSUPPORTED_FUNCTION', `The server speaks CredSSP version ${reply.version}, from before the May 2018 update (CVE-2018-0886). With "Encryption Oracle Remediation" set to ${o.policy.remediation === 'force-updated-clients' ? 'Force Updated Clients' : 'Mitigated'} the client will not fall back, and mstsc says: "An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation."`);
    }
  }

  if (ctx.state === 'initial' || ctx.state === 'negotiating') {
    if (ctx.state === 'negotiating' && !reply?.negoTokens?.length && !ctx.innerDone) return fail(ctx, 'SEC_E_INVALID_TOKEN', 'The server sent no SPNEGO token.');
    let out: Uint8Array | null = null;
    if (!ctx.innerDone || reply?.negoTokens?.length) {
      const r = yield* neg.initialize(env, cred, ctx.inner, reply?.negoTokens?.[0] ?? null, o.req);
      ctx.inner = r.ctx;
      if (r.status.name !== 'SEC_E_OK' && r.status.name !== 'SEC_I_CONTINUE_NEEDED') return { ctx: { ...ctx, state: 'failed' }, status: r.status, output: null, error: r.error, attributes: 0 };
      out = r.output;
      ctx.innerDone = r.status.name === 'SEC_E_OK';
      // The mechanism inside SPNEGO may be done (NTLM's AUTHENTICATE just made, with its keys) while SPNEGO
      // still waits for the server's mechListMIC: Windows then sends that last token together with
      // pubKeyAuth (MS-CSSP 3.1.5; pyspnego's client does the same), and the server's reply carries the
      // SPNEGO accept-completed with the MIC next to its own pubKeyAuth.
      if (!ctx.innerDone && out && mechDone(r.ctx)) ctx.innerDone = true;
    }
    if (!ctx.innerDone) {
      ctx.state = 'negotiating';
      return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: send(ctx, { version: v, negoTokens: out ? [out] : [] }), attributes: 0 };
    }
    // Negotiate is done: bind the TLS key to it (pubKeyAuth), with the last SPNEGO token if there is one.
    const ver = effective(v, ctx.peerVersion);
    if (ver >= 5) ctx.clientNonce = env.rngFor('credssp-nonce').bytes(CLIENT_NONCE_LENGTH);
    const value = pubKeyAuthValue(ver, 'client-to-server', o.serverPublicKey, ctx.clientNonce ?? undefined);
    if (!neg.protect) return fail(ctx, 'SEC_E_UNSUPPORTED_FUNCTION', 'The inner package cannot encrypt.');
    const p = neg.protect(ctx.inner, value, true);
    ctx.inner = p.ctx;
    ctx.sealed.push({ part: 'pubKeyAuth', cipher: p.token, plain: value, view: p.view, direction: 'client-to-server', version: ver });
    ctx.state = 'pubkey-sent';
    const req: TsRequest = { version: v, ...(out ? { negoTokens: [out] } : {}), pubKeyAuth: p.token, ...(ctx.clientNonce ? { clientNonce: ctx.clientNonce } : {}) };
    return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: send(ctx, req), attributes: 0 };
  }

  if (ctx.state === 'pubkey-sent') {
    if (!reply?.pubKeyAuth) return fail(ctx, 'SEC_E_INVALID_TOKEN', 'The server did not return pubKeyAuth.');
    if (reply.negoTokens?.length) {
      const r = yield* neg.initialize(env, cred, ctx.inner, reply.negoTokens[0], o.req);
      ctx.inner = r.ctx;
      if (r.status.name !== 'SEC_E_OK') return { ctx: { ...ctx, state: 'failed' }, status: r.status, output: null, error: r.error, attributes: 0 };
    }
    const u = neg.unprotect?.(ctx.inner, reply.pubKeyAuth, true);
    if (!u || u.status.name !== 'SEC_E_OK' || !u.message) return fail(ctx, 'SEC_E_MESSAGE_ALTERED', 'The server\'s pubKeyAuth does not decrypt with the Negotiate context.');
    ctx.inner = u.ctx;
    const ver = effective(v, ctx.peerVersion);
    const want = pubKeyAuthValue(ver, 'server-to-client', o.serverPublicKey, ctx.clientNonce ?? undefined);
    if (!equal(u.message, want)) return fail(ctx, 'SEC_E_MUTUAL_AUTH_FAILED', 'The server\'s pubKeyAuth does not match the TLS certificate: a man in the middle holds the TLS key, not the server that authenticated.');
    ctx.state = 'pubkey-verified';
    // Delegation: what goes in authInfo.
    let creds: TsCredentials;
    if (o.policy.restrictedAdmin) creds = restrictedAdminCredentials();
    else if (o.policy.remoteGuard) {
      const mech = (ctx.inner as { mech?: string } | null)?.mech;
      if (mech !== 'Kerberos') return fail(ctx, 'SEC_E_UNSUPPORTED_FUNCTION', `Remote Credential Guard needs Kerberos, and Negotiate ran ${mech ?? 'no mechanism'} here: mstsc /remoteGuard refuses to fall back to sending a password.`);
      const host = (o.req.target ?? '').replace(/^[^/]*\//, '').toLowerCase();
      const t = env.logonSession.tickets.find((k) => k.server.toLowerCase().startsWith('termsrv/') && k.server.toLowerCase().includes(host.split('.')[0]));
      if (!t) return fail(ctx, 'SEC_E_NO_CREDENTIALS', 'Remote Credential Guard: no service ticket for the server in the cache.');
      creds = { credType: CRED_TYPE.remoteGuard, credentials: { logonCred: { packageName: 'Kerberos', credBuffer: kerbTicketLogon(t.ticket) } } };
    } else {
      if (cred.source === 'logged-on' && !o.policy.allowDefaultCredentials) {
        return fail(ctx, 'SEC_E_DELEGATION_POLICY', 'The client would delegate the logged-on user\'s default credentials, and the policy "Allow delegating default credentials" is not enabled for TERMSRV/*: CredSSP stops before sending TSCredentials.');
      }
      if (cred.source !== 'logged-on' && !o.policy.allowFreshCredentials) {
        return fail(ctx, 'SEC_E_DELEGATION_POLICY', 'The policy "Allow delegating fresh credentials" does not allow TERMSRV/* for this server: CredSSP stops before sending TSCredentials.');
      }
      const id = cred.identity;
      if (!id) return fail(ctx, 'SEC_E_NO_CREDENTIALS', 'No credentials to delegate.');
      creds = { credType: CRED_TYPE.password, credentials: { domainName: id.domain, userName: id.user, password: id.password } };
    }
    if (!neg.protect) return fail(ctx, 'SEC_E_UNSUPPORTED_FUNCTION', 'The inner package cannot encrypt.');
    const plain = buildTsCredentials(creds);
    const p = neg.protect(ctx.inner, plain, true);
    ctx.inner = p.ctx;
    ctx.sealed.push({ part: 'authInfo', cipher: p.token, plain, view: p.view, direction: 'client-to-server', version: v });
    ctx.state = 'done';
    return { ctx, status: status('SEC_E_OK'), output: send(ctx, { version: v, authInfo: p.token }), attributes: 0 };
  }
  return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE', 'InitializeSecurityContext called after the exchange ended.');
}

/** The server's AcceptSecurityContext step on the client's TSRequest. */
export function* credsspServer(env: PackageEnv, cred: Credential, prev: CredsspContext | null, input: Uint8Array, o: CredsspOptions): Call {
  const ctx: CredsspContext = prev ? { ...prev, sent: [...prev.sent], sealed: [...prev.sealed] } : newCtx('server');
  const neg = negotiateOf(env);
  const v = o.policy.version;
  let req: TsRequest;
  try { req = parseTsRequest(input).value; } catch (e) { return fail(ctx, 'SEC_E_INVALID_TOKEN', `The client's TSRequest is malformed: ${(e as Error).message}`); }
  ctx.peerVersion = req.version;
  if (ctx.state === 'initial' && req.version < 6 && v >= 6 && o.policy.remediation === 'force-updated-clients') {
    return fail(ctx, 'SEC_E_UNSUPPORTED_FUNCTION', `The client speaks CredSSP version ${req.version}, from before the May 2018 update; with "Force Updated Clients" the server refuses unpatched clients.`);
  }
  const errorReply = (r: { status: ReturnType<typeof status>; error?: TraceError }, nt: number): Result => {
    const out = v >= 3 ? send(ctx, { version: v, errorCode: errorCodeValue(nt) }) : null;
    return { ctx: { ...ctx, state: 'failed' }, status: r.status, output: out, error: r.error, attributes: 0 };
  };
  if (ctx.state === 'initial' || ctx.state === 'negotiating') {
    let out: Uint8Array | null = null;
    if (req.negoTokens?.length) {
      const r = yield* neg.accept(env, cred, ctx.inner, req.negoTokens[0], o.req);
      ctx.inner = r.ctx;
      if (r.status.name !== 'SEC_E_OK' && r.status.name !== 'SEC_I_CONTINUE_NEEDED') return errorReply(r, r.status.name === 'SEC_E_LOGON_DENIED' ? 0xc000006d : r.status.code);
      out = r.output;
      ctx.innerDone = r.status.name === 'SEC_E_OK';
    }
    if (!ctx.innerDone) {
      ctx.state = 'negotiating';
      return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: send(ctx, { version: v, negoTokens: out ? [out] : [] }), attributes: 0 };
    }
    if (!req.pubKeyAuth) {
      // Negotiate finished on the server first (Kerberos AP-REP): send the last token, wait for pubKeyAuth.
      ctx.state = 'negotiating';
      return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: send(ctx, { version: v, negoTokens: out ? [out] : [] }), attributes: 0 };
    }
    const u = neg.unprotect?.(ctx.inner, req.pubKeyAuth, true);
    if (!u || u.status.name !== 'SEC_E_OK' || !u.message) return errorReply({ status: status('SEC_E_MESSAGE_ALTERED') }, 0x8009030f);
    ctx.inner = u.ctx;
    const ver = effective(v, req.version);
    if (ver >= 5 && !req.clientNonce) return errorReply({ status: status('SEC_E_INVALID_TOKEN') }, 0x80090308);
    ctx.clientNonce = req.clientNonce ?? null;
    const want = pubKeyAuthValue(ver, 'client-to-server', o.serverPublicKey, ctx.clientNonce ?? undefined);
    if (!equal(u.message, want)) return errorReply({ status: status('SEC_E_MUTUAL_AUTH_FAILED'), error: { code: status('SEC_E_MUTUAL_AUTH_FAILED').code, name: 'SEC_E_MUTUAL_AUTH_FAILED', text: 'The client bound a different TLS public key: someone between them terminated TLS.' } }, 0x80090363);
    const back = pubKeyAuthValue(ver, 'server-to-client', o.serverPublicKey, ctx.clientNonce ?? undefined);
    const p = neg.protect!(ctx.inner, back, true);
    ctx.inner = p.ctx;
    ctx.sealed.push({ part: 'pubKeyAuth', cipher: p.token, plain: back, view: p.view, direction: 'server-to-client', version: ver });
    ctx.state = 'pubkey-sent';
    return { ctx, status: status('SEC_I_CONTINUE_NEEDED'), output: send(ctx, { version: v, ...(out ? { negoTokens: [out] } : {}), pubKeyAuth: p.token }), attributes: 0 };
  }
  if (ctx.state === 'pubkey-sent') {
    if (!req.authInfo) return errorReply({ status: status('SEC_E_INVALID_TOKEN') }, 0x80090308);
    const u = neg.unprotect?.(ctx.inner, req.authInfo, true);
    if (!u || u.status.name !== 'SEC_E_OK' || !u.message) return errorReply({ status: status('SEC_E_MESSAGE_ALTERED') }, 0x8009030f);
    ctx.inner = u.ctx;
    try { ctx.delegated = parseTsCredentials(u.message).value; } catch { return errorReply({ status: status('SEC_E_INVALID_TOKEN') }, 0x80090308); }
    ctx.state = 'done';
    return { ctx, status: status('SEC_E_OK'), output: null, attributes: 0 };
  }
  return fail(ctx, 'SEC_E_OUT_OF_SEQUENCE', 'AcceptSecurityContext called after the exchange ended.');
}

/** KERB_TICKET_LOGON (ntsecapi.h; MS-CSSP 2.2.1.2.3.1 names it as Kerberos's credBuffer), self-relative: MessageType
 *  KerbTicketLogon (10), Flags, ServiceTicketLength, TicketGrantingTicketLength, then the two 64-bit buffer offsets
 *  from the structure's start, then the service ticket. No TGT: it stays on the client (Remote Credential Guard). */
export function kerbTicketLogon(serviceTicket: Uint8Array): Uint8Array {
  const head = 16 + 16;
  const out = new Uint8Array(head + serviceTicket.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 10, true);
  dv.setUint32(4, 0, true);
  dv.setUint32(8, serviceTicket.length, true);
  dv.setUint32(12, 0, true);
  dv.setBigUint64(16, BigInt(head), true);
  dv.setBigUint64(24, 0n, true);
  out.set(serviceTicket, head);
  return out;
}

/** The status a client sees in a TSRequest errorCode, as a 32-bit value. */
export const serverErrorStatus = (r: TsRequest): number | null => (r.errorCode === undefined ? null : errorCodeStatus(r.errorCode));
