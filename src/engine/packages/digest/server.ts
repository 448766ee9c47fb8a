// The server side (AcceptSecurityContext): called first with no token, it returns the challenge
// (the server speaks first); with the client's response it either sends a fresh nonce with
// stale=true, or hands the response to the DC (Digest validation over the Netlogon generic
// pass-through, MS-APDS 3.1.5.2) because it has no password, and answers with rspauth built from
// the H(A1) the DC returned. A non-Windows RFC 7616 server (SHA-256) checks its own password file.
import { DecodeError, hex } from '../../bytes';
import type { AuthorityReply, ContextResult, Credential, PackageCall, PackageEnv, RequestFlags } from '../../sspi/package';
import { ASC_RET } from '../../sspi/flags';
import { status } from '../../sspi/status';
import { inputsOf, nc8, expectedRspauth } from './client';
import { ha1 as computeHa1, responseFromHa1, type DigestInputs } from './compute';
import { algorithmFromName } from './hash';
import { IIS_ORDER, buildAuthInfo, buildChallenge, buildSaslChallenge, buildSaslRspauth, parseResponse, parseSaslResponse } from './messages';
import { modeOf, requestOf, serverAlgorithm, staleNonce } from './params';
import { fail, refuse } from './results';
import { newContext, type DigestContext } from './state';
import type { DigestValidationReply, DigestValidationRequest } from './validate';

type Call = PackageCall<DigestContext>;

/** The DC's verdict in the SEC_E_/NTSTATUS words the server returns. */
const NT_OF: Record<string, 'STATUS_NO_SUCH_USER' | 'STATUS_WRONG_PASSWORD' | 'STATUS_LOGON_FAILURE'> = {
  STATUS_NO_SUCH_USER: 'STATUS_NO_SUCH_USER', STATUS_WRONG_PASSWORD: 'STATUS_WRONG_PASSWORD', STATUS_LOGON_FAILURE: 'STATUS_LOGON_FAILURE',
};

export function* accept(env: PackageEnv, _cred: Credential, ctx: DigestContext | null, input: Uint8Array, req: RequestFlags): Call {
  const c = ctx ?? newContext('server', modeOf(req));
  try {
    if (c.role !== 'server') return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'This context belongs to a client (InitializeSecurityContext).');
    if (c.state === 'initial') {
      if (input.length !== 0) return fail(c, 'SEC_E_INVALID_TOKEN', 'Digest starts with the server\'s challenge: AcceptSecurityContext is first called with no token.');
      return challenge(env, c, req, false);
    }
    if (c.state === 'challenge-sent') return yield* verify(env, c, input, req);
    return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', `AcceptSecurityContext was called on a context that is ${c.state}.`);
  } catch (e) {
    if (e instanceof DecodeError) return fail(c, 'SEC_E_INVALID_TOKEN', `The client's Digest response is malformed: ${e.message}`);
    return fail(c, 'SEC_E_INTERNAL_ERROR', `Digest server error: ${(e as Error).message}`);
  }
}

/** IIS's nonce: "+Upgraded+v1" and random hex. */
const newNonce = (env: PackageEnv): string => `+Upgraded+v1${hex(env.rng.bytes(30))}`;

function attributes(): number { return (ASC_RET.CONNECTION) >>> 0; }

function challenge(env: PackageEnv, c: DigestContext, _req: RequestFlags, stale: boolean): ContextResult<DigestContext> {
  const realm = env.domain ? env.domain.dnsName : env.computerName;
  const nonce = newNonce(env);
  let token: Uint8Array;
  let algorithm: DigestContext['algorithm'];
  if (c.mode === 'sasl') {
    algorithm = 'MD5-sess';
    token = buildSaslChallenge({ qop: 'auth,auth-int,auth-conf', cipher: '3des,rc4', algorithm: 'md5-sess', nonce, stale: stale || undefined, charset: 'utf-8', realm },
      ['qop', 'cipher', 'algorithm', 'nonce', 'stale', 'charset', 'realm']);
  } else {
    algorithm = serverAlgorithm(env);
    token = buildChallenge({ qop: 'auth', algorithm, nonce, stale: stale || undefined, charset: 'utf-8', realm }, IIS_ORDER);
  }
  const next: DigestContext = { ...c, state: 'challenge-sent', algorithm, realm, nonce, nonceIssuedAt: env.now().toISOString(), qop: c.mode === 'sasl' ? 'auth' : 'auth', staleRounds: c.staleRounds + (stale ? 1 : 0), attributes: attributes() };
  return { ctx: next, status: status('SEC_I_CONTINUE_NEEDED'), output: token, attributes: next.attributes };
}

function* verify(env: PackageEnv, c: DigestContext, input: Uint8Array, req: RequestFlags): Call {
  const r = c.mode === 'sasl' ? saslFields(input) : httpFields(input, requestOf(req).method);
  const base: DigestContext = { ...c, user: r.username, cnonce: r.cnonce, nc: parseInt(r.nc, 16) || 0, uri: r.uri, method: r.method || null, qop: r.qop || null };
  if (r.nonce !== c.nonce) return fail(base, 'SEC_E_INVALID_TOKEN', `The response answers nonce ${r.nonce.slice(0, 20)}…, which this server did not issue on this connection.`);
  if (r.realm !== c.realm) return fail(base, 'SEC_E_INVALID_TOKEN', `The response names realm "${r.realm}", not the server's "${c.realm}".`);
  if (staleNonce(env) && c.staleRounds === 0) {
    yield { kind: 'note', anchor: 'digest-stale', text: `The nonce ${c.nonce!.slice(0, 24)}… has expired on the server (it keeps nonces a short time). The answer is not checked: the server sends a new nonce with stale=true, which tells the client its password was fine and it may answer again without asking the user (RFC 7616 §3.3).` };
    return challenge(env, base, req, true);
  }
  let ha1: string;
  let checkedWith: string;
  if (c.mode === 'http' && algorithmFromName(r.algorithm) === 'SHA-256') {
    // A non-Windows server: its own password file (htdigest-style), no DC.
    const acct = env.localAccounts.find((a) => a.user.toLowerCase() === r.username.toLowerCase());
    const i: DigestInputs = { ...inputsOf(base), algorithm: 'SHA-256' };
    if (!acct) return fail(base, 'SEC_E_LOGON_DENIED', `The server's password file has no user "${r.username}".`, 'STATUS_NO_SUCH_USER');
    ha1 = computeHa1(i, acct.password);
    checkedWith = 'the server\'s own password file (SHA-256 of user:realm:password)';
    if (responseFromHa1(i, ha1) !== r.response) return fail(base, 'SEC_E_LOGON_DENIED', `The response does not match ${checkedWith}: wrong password.`, 'STATUS_WRONG_PASSWORD');
    yield { kind: 'note', anchor: 'digest-local-check', text: `This server is not a Windows server: it keeps H(user:realm:password) with SHA-256 in its own file and checks the response itself, with no domain controller.` };
  } else {
    const payload: DigestValidationRequest = {
      messageType: 'DIGEST_VALIDATION_REQ', digestType: c.mode === 'sasl' ? 'SASL' : 'HTTP', algorithm: r.algorithm || (c.mode === 'sasl' ? 'md5-sess' : 'MD5'), qop: r.qop,
      username: r.username, realm: r.realm, nonce: r.nonce, cnonce: r.cnonce, nc: r.nc, method: r.method, uri: r.uri, response: r.response, server: env.computerName,
    };
    const reply: AuthorityReply | undefined = yield { kind: 'request', to: 'dc', protocol: 'DigestValidation', name: 'Digest validation (generic pass-through)', transport: 'netlogon', token: new Uint8Array(0), payload };
    const rp = reply?.payload as Partial<DigestValidationReply> | undefined;
    if (!rp || typeof rp.status !== 'string') return fail(base, 'SEC_E_NO_AUTHENTICATING_AUTHORITY', `${env.computerName} cannot reach a domain controller to check ${r.username}.`, 'STATUS_NO_LOGON_SERVERS');
    if (rp.status !== 'STATUS_SUCCESS' || !rp.sessionKey) return fail(base, 'SEC_E_LOGON_DENIED', rp.text ?? `The domain controller answered ${rp.status}.`, NT_OF[rp.status] ?? 'STATUS_LOGON_FAILURE');
    ha1 = rp.sessionKey;
    checkedWith = rp.hashUsed ?? 'a stored WDigest hash';
  }
  const next: DigestContext = { ...base, state: 'established', ha1, checkedWith, attributes: attributes() };
  yield { kind: 'key', key: { name: `Digest H(A1) (session key) of ${r.username}`, key: new Uint8Array(ha1.match(/../g)!.map((h) => parseInt(h, 16))) } };
  const rspauth = expectedRspauth(next);
  const token = c.mode === 'sasl' ? buildSaslRspauth({ rspauth }) : buildAuthInfo({ qop: next.qop ?? undefined, rspauth, cnonce: next.cnonce ?? undefined, nc: nc8(next.nc) });
  return { ctx: next, status: status('SEC_E_OK'), output: token, attributes: next.attributes };
}

interface Fields { username: string; realm: string; nonce: string; cnonce: string; nc: string; qop: string; uri: string; method: string; response: string; algorithm: string }

function httpFields(input: Uint8Array, method: string): Fields {
  const m = parseResponse(input).msg;
  return { username: m.username, realm: m.realm, nonce: m.nonce, cnonce: m.cnonce ?? '', nc: m.nc ?? '', qop: m.qop ?? '', uri: m.uri, method, response: m.response, algorithm: m.algorithm ?? 'MD5' };
}

function saslFields(input: Uint8Array): Fields {
  const m = parseSaslResponse(input).msg;
  return { username: m.username, realm: m.realm ?? '', nonce: m.nonce, cnonce: m.cnonce, nc: m.nc, qop: m.qop ?? 'auth', uri: m.digestUri, method: '', response: m.response, algorithm: 'md5-sess' };
}
