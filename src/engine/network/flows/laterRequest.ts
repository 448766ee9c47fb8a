// A later request on an authenticated HTTP connection, for a package whose tokens are per request
// (travel.laterRequests: Digest, RFC 7616 §3.4): the client calls MakeSignature on the established
// context for the new request, which gives the next Authorization token (Digest: the same nonce,
// nonce count + 1, no new challenge); the server checks it with VerifySignature and answers 200.
import { utf8 } from '../../bytes';
import { buildHttp200, buildHttp401, buildHttpRequest, type HttpAuthToken } from '../carriers/http';
import type { NodeRuntime } from '../nodes';
import type { Run } from '../run';
import type { ExchangeResult } from './exchange';

export function sendLaterRequest(run: Run, c: NodeRuntime, s: NodeRuntime, result: ExchangeResult, host: string, path: string, auth: (t: Uint8Array) => HttpAuthToken, date: () => string): void {
  const hc = result.client, hs = result.server;
  if (!hc || !hs || !hc.pkg.protect || !hs.pkg.unprotect) return;
  const request = utf8(`GET ${path}`);
  run.rec.call({ node: c.spec.id, layer: 'app', call: 'MakeSignature', package: hc.package, flags: [], inputTokenLength: request.length, time: run.timeOf(c),
    narration: `The browser asks for http://${host}${path} again on the same connection. It does not start over: it calls MakeSignature on the established ${hc.package} context with the new request, which gives the next Authorization token.` });
  const p = hc.pkg.protect(hc.ctx, request, false);
  hc.ctx = p.ctx;
  run.rec.ret({ node: c.spec.id, layer: 'app', call: 'MakeSignature', package: hc.package, status: 'SEC_E_OK', statusCode: 0, flags: [], outputTokenLength: p.token.length, time: run.timeOf(c),
    narration: `MakeSignature returns SEC_E_OK and a ${p.token.length}-byte token for the Authorization header.` });
  run.sendView(c, s, p.view, p.token, buildHttpRequest({ host, path, authorization: auth(p.token) }));
  run.rec.call({ node: s.spec.id, layer: 'app', call: 'VerifySignature', package: hs.package, flags: [], inputTokenLength: p.token.length, time: run.timeOf(s),
    narration: `The server calls VerifySignature with the new Authorization token on its side of the context.` });
  const u = hs.pkg.unprotect(hs.ctx, p.token, false);
  hs.ctx = u.ctx;
  const ok = u.status.name === 'SEC_E_OK';
  const error = ok ? undefined : { code: u.status.code, name: u.status.name, text: 'The later request did not check out (a replayed or altered token).' };
  run.rec.ret({ node: s.spec.id, layer: 'app', call: 'VerifySignature', package: hs.package, status: u.status.name, statusCode: u.status.code, flags: [], outputTokenLength: 0, time: run.timeOf(s),
    narration: ok ? 'VerifySignature returns SEC_E_OK: the token is right for this request and its count was not seen before.' : `VerifySignature fails with ${u.status.name}.`, error });
  run.sendBare(s, c, ok ? buildHttp200({ date: date() }) : buildHttp401({ challenges: [], date: date() }),
    ok ? 'The server answers 200 OK: no new challenge was needed.' : 'The server refuses the later request.', error);
}
