// A later HTTP request on the same Digest context (RFC 7616 §3.4: the nonce count goes up): on
// Windows the client calls MakeSignature, which returns the next Authorization directives with
// nc incremented, and the server calls VerifySignature, which checks them with H(A1) and refuses a
// nonce count it has already seen (replay).
import { fromUtf8, utf8 } from '../../bytes';
import type { ProtectedMessage } from '../../sspi/package';
import { status, type SecStatus } from '../../sspi/status';
import { inputsOf, nc8 } from './client';
import { responseFromHa1 } from './compute';
import { describe } from './describe';
import { buildResponse, parseResponse } from './messages';
import type { DigestContext } from './state';

/** `message` is the request line's method and URI, e.g. "GET /reports/q4.html". */
export function protect(ctx: DigestContext, message: Uint8Array): ProtectedMessage<DigestContext> {
  const [method, uri] = fromUtf8(message).split(' ');
  const nc = ctx.nc + 1;
  const i = { ...inputsOf(ctx, nc), method: method || 'GET', uri: uri || ctx.uri || '/' };
  const token = buildResponse({
    username: i.username, realm: i.realm, nonce: i.nonce, uri: i.uri, cnonce: i.cnonce, nc: nc8(nc), algorithm: ctx.algorithm ?? undefined,
    response: responseFromHa1(i, ctx.ha1 ?? ''), qop: ctx.qop ?? undefined, opaque: ctx.opaque ?? undefined, charset: 'utf-8',
  }, ['username', 'realm', 'nonce', 'uri', 'cnonce', 'nc', 'algorithm', 'response', 'qop', 'opaque', 'charset']);
  const view = describe(token, { entries: [] });
  return { ctx: { ...ctx, nc, method: i.method, uri: i.uri }, token, view: { ...view, name: `response (nc=${nc8(nc)})`, explain: `MakeSignature: the client reuses the nonce with nonce count ${nc} for ${i.method} ${i.uri}; no new challenge is needed. ${view.explain}` } };
}

export function unprotect(ctx: DigestContext, token: Uint8Array): { ctx: DigestContext; status: SecStatus; message: Uint8Array | null } {
  const m = parseResponse(token).msg;
  const nc = parseInt(m.nc ?? '0', 16);
  if (m.nonce !== ctx.nonce || nc <= ctx.nc) return { ctx, status: status('SEC_E_OUT_OF_SEQUENCE'), message: null };
  const i = { ...inputsOf(ctx, nc), uri: m.uri, method: 'GET' };
  if (responseFromHa1(i, ctx.ha1 ?? '') !== m.response) return { ctx, status: status('SEC_E_MESSAGE_ALTERED'), message: null };
  return { ctx: { ...ctx, nc, uri: m.uri }, status: status('SEC_E_OK'), message: utf8(`GET ${m.uri}`) };
}

