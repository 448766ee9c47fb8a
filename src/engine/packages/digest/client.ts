// The client side (InitializeSecurityContext): Digest waits for the server's challenge (the server
// speaks first), answers it with the request-digest computed from the password, answers a stale=true
// challenge again without asking the user, and checks the server's rspauth (mutual authentication).
import { DecodeError, hex } from '../../bytes';
import type { ContextResult, Credential, PackageCall, PackageEnv, RequestFlags } from '../../sspi/package';
import { ISC_REQ, ISC_RET } from '../../sspi/flags';
import { status } from '../../sspi/status';
import { ha1 as computeHa1, responseFromHa1, rspauthFromHa1, type DigestInputs } from './compute';
import { algorithmFromName, type DigestAlgorithm } from './hash';
import { buildResponse, buildSaslResponse, parseAuthInfo, parseChallenge, parseDirectives, parseSaslChallenge, parseSaslRspauth, directiveMap } from './messages';
import { modeOf, requestOf, type DigestRequest } from './params';
import { fail, refuse } from './results';
import { saslHa1, saslResponse, saslRspauthFromHa1, saslSecret, type SaslInputs } from './sasl';
import { newContext, type DigestContext } from './state';

type Call = PackageCall<DigestContext>;

export const nc8 = (n: number): string => n.toString(16).padStart(8, '0');

export function* initialize(env: PackageEnv, cred: Credential, ctx: DigestContext | null, input: Uint8Array | null, reqIn: RequestFlags): Call {
  const req = reqIn as DigestRequest;
  const c = ctx ?? newContext('client', modeOf(req));
  try {
    if (c.role !== 'client') return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'This context belongs to a server (AcceptSecurityContext).');
    if (!input || input.length === 0) {
      if (c.state !== 'initial') return refuse(c, 'SEC_E_INVALID_TOKEN', 'Digest needs the server\'s token here.');
      yield { kind: 'note', anchor: 'digest-server-first', text: 'Digest has nothing to send first: the server speaks first, with a challenge (its nonce).' };
      return { ctx: c, status: status('SEC_I_CONTINUE_NEEDED'), output: null, attributes: 0 };
    }
    const d = directiveMap(parseDirectives(input));
    if (c.state === 'initial' || (c.state === 'response-sent' && d.has('nonce') && !d.has('rspauth'))) return answer(env, cred, c, input, req);
    if (c.state === 'response-sent') return checkRspauth(c, input);
    return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', `InitializeSecurityContext was called on a context that is ${c.state}.`);
  } catch (e) {
    if (e instanceof DecodeError) return fail(c, 'SEC_E_INVALID_TOKEN', `The server's Digest message is malformed: ${e.message}`);
    return fail(c, 'SEC_E_INTERNAL_ERROR', `Digest client error: ${(e as Error).message}`);
  }
}

function attributes(req: RequestFlags): number {
  return (ISC_RET.CONNECTION | (req.flags & ISC_REQ.MUTUAL_AUTH ? ISC_RET.MUTUAL_AUTH : 0)) >>> 0;
}

function answer(env: PackageEnv, cred: Credential, c: DigestContext, input: Uint8Array, req: DigestRequest): ContextResult<DigestContext> {
  const id = cred.identity;
  if (!id) return fail(c, 'SEC_E_NO_CREDENTIALS', 'Digest needs a user name and password.');
  const cnonce = hex(env.rng.bytes(16));
  if (c.mode === 'sasl') {
    const ch = parseSaslChallenge(input).msg;
    const offered = (ch.qop ?? 'auth').split(',').map((s) => s.trim());
    const qop = offered.includes('auth') ? 'auth' : (offered[0] as SaslInputs['qop']);
    const i: SaslInputs = { username: id.user, realm: ch.realm ?? '', nonce: ch.nonce, cnonce, nc: nc8(1), qop: qop as SaslInputs['qop'], digestUri: req.target ?? '' };
    const secret = saslSecret(i.username, i.realm, id.password);
    const token = buildSaslResponse({ charset: ch.charset, username: i.username, realm: ch.realm, nonce: i.nonce, nc: i.nc, cnonce, digestUri: i.digestUri, response: saslResponse(i, secret), qop });
    const next: DigestContext = { ...c, state: 'response-sent', algorithm: 'MD5-sess', realm: i.realm, nonce: i.nonce, qop, cnonce, nc: 1, user: i.username, uri: i.digestUri, ha1: hex(saslHa1(i, secret)), attributes: attributes(req) };
    return { ctx: next, status: status('SEC_I_CONTINUE_NEEDED'), output: token, attributes: next.attributes };
  }
  const ch = parseChallenge(input).msg;
  const algorithm = algorithmFromName(ch.algorithm);
  if (!algorithm) return fail(c, 'SEC_E_ALGORITHM_MISMATCH', `The server asks for algorithm ${ch.algorithm}, which this client does not know.`);
  const qop = ch.qop === undefined ? undefined : ch.qop.split(',').map((s) => s.trim()).includes('auth') ? 'auth' : undefined;
  const i: DigestInputs = { algorithm, username: id.user, realm: ch.realm, nonce: ch.nonce, cnonce, nc: nc8(1), qop, ...requestOf(req) };
  const h1 = computeHa1(i, id.password);
  const token = buildResponse({
    username: i.username, realm: i.realm, nonce: i.nonce, uri: i.uri, cnonce: qop ? cnonce : undefined, nc: qop ? i.nc : undefined,
    algorithm: ch.algorithm, response: responseFromHa1(i, h1), qop, opaque: ch.opaque, charset: ch.charset,
  }, ['username', 'realm', 'nonce', 'uri', 'cnonce', 'nc', 'algorithm', 'response', 'qop', 'opaque', 'charset']);
  const next: DigestContext = {
    ...c, state: 'response-sent', algorithm: algorithm as DigestAlgorithm, realm: i.realm, nonce: i.nonce, opaque: ch.opaque ?? null, qop: qop ?? null, cnonce,
    nc: 1, user: i.username, uri: i.uri, method: i.method, ha1: h1, staleRounds: c.staleRounds + (ch.stale ? 1 : 0), attributes: attributes(req),
  };
  const mutual = (req.flags & ISC_REQ.MUTUAL_AUTH) !== 0;
  return { ctx: mutual ? next : { ...next, state: 'established' }, status: status(mutual ? 'SEC_I_CONTINUE_NEEDED' : 'SEC_E_OK'), output: token, attributes: next.attributes };
}

/** The inputs of the exchange this context answered (for rspauth and later requests). */
export function inputsOf(c: DigestContext, nc = c.nc): DigestInputs {
  return { algorithm: c.algorithm ?? 'MD5', username: c.user ?? '', realm: c.realm ?? '', nonce: c.nonce ?? '', cnonce: c.cnonce ?? '', nc: nc8(nc), qop: c.qop ?? undefined, method: c.method ?? 'GET', uri: c.uri ?? '/' };
}

export function saslInputsOf(c: DigestContext): SaslInputs {
  return { username: c.user ?? '', realm: c.realm ?? '', nonce: c.nonce ?? '', cnonce: c.cnonce ?? '', nc: nc8(c.nc), qop: (c.qop ?? 'auth') as SaslInputs['qop'], digestUri: c.uri ?? '' };
}

/** rspauth as the holder of HA1 computes it. */
export function expectedRspauth(c: DigestContext): string {
  return c.mode === 'sasl' ? saslRspauthFromHa1(saslInputsOf(c), c.ha1 ?? '') : rspauthFromHa1(inputsOf(c), c.ha1 ?? '');
}

function checkRspauth(c: DigestContext, input: Uint8Array): ContextResult<DigestContext> {
  const got = c.mode === 'sasl' ? parseSaslRspauth(input).msg.rspauth : parseAuthInfo(input).msg.rspauth;
  const want = expectedRspauth(c);
  if (got !== want) return fail(c, 'SEC_E_MUTUAL_AUTH_FAILED', `The server's rspauth ${got} is not the ${want} the client computed: the server does not know HA1, so it is not who it claims to be.`);
  const next: DigestContext = { ...c, state: 'established' };
  return { ctx: next, status: status('SEC_E_OK'), output: null, attributes: c.attributes };
}
