// HTTP authentication (RFC 7235, RFC 4559, MS-N2HT): a GET without credentials, the server's 401
// listing the schemes it accepts, then the token round trips in Authorization / WWW-Authenticate
// headers until 200 OK or a final 401. Each package's scheme name and token encoding come from its
// meta (travel.encoding.http); a package whose server speaks first (Digest) puts its challenge in the 401.
import { buildHttp200, buildHttp401, buildHttpRequest, buildHttpResponse, type HttpAuthToken } from '../carriers/http';
import type { PackageName } from '../../trace';
import type { NodeRuntime } from '../nodes';
import type { Run } from '../run';
import { packageMeta } from '../../packages/metas';
import { exchange, serverOpening, type ExchangeResult, type ServerOpening } from './exchange';
import { sendProtectedMessage } from './protected';
import { sendLaterRequest } from './laterRequest';

/** The document defining a package's HTTP scheme (its meta says: NTLM over HTTP is MS-NTHT, Negotiate MS-N2HT). */
function httpRef(p: PackageName): string {
  const enc = packageMeta(p)?.travel.encoding.http;
  return (enc && enc.kind !== 'raw' && enc.ref) || 'RFC 7235';
}

/** The HTTP auth header of a package, with its token written as the package says. */
function auth(p: PackageName, token?: Uint8Array | null): HttpAuthToken {
  const meta = packageMeta(p);
  const enc = meta?.travel.encoding.http;
  const scheme = enc && enc.kind !== 'raw' ? enc.scheme : p;
  return token && token.length
    ? { scheme, token, layer: meta?.travel.layer, encoding: enc?.kind === 'params' ? 'params' : 'base64' }
    : { scheme };
}


export function runHttp(run: Run, c: NodeRuntime, s: NodeRuntime, host: string, path: string, offers: PackageName[]): ExchangeResult {
  const date = () => run.timeOf(s);
  run.sendBare(c, s, buildHttpRequest({ host, path }), `The browser on ${c.trace.hostName} asks for http://${host}${path} without credentials, as every HTTP client first does.`);
  const offered = offers.filter((p) => s.spec.packages.includes(p));
  if (offered.length === 0) {
    run.sendBare(s, c, buildHttpResponse({ status: 403, date: date(), body: 'Forbidden' }), `The server offers no authentication scheme it has enabled, so it refuses.`);
    return { ok: false, status: 'SEC_E_SECPKG_NOT_FOUND', reason: `${s.trace.hostName} has none of ${offers.join(', ')} enabled.`, client: null, server: null, mechanism: null };
  }
  // A package whose server speaks first (Digest) computes its challenge now: it goes in the 401.
  const openings = new Map<PackageName, ServerOpening>();
  for (const p of offered) {
    if (packageMeta(p)?.travel.firstSpeaker !== 'server') continue;
    const o = serverOpening(run, s, p);
    if (o) openings.set(p, o);
  }
  const challenges = offered.map((p) => auth(p, openings.get(p)?.token));
  const first = buildHttp401({ challenges, date: date() });
  // One challenge that carries a token (Digest alone): the 401 is that package's message, decoded in the message pane.
  const [only] = openings.size === 1 && offered.length === 1 ? [...openings] : [];
  if (only) run.sendToken(s, c, only[0], only[1].token, first);
  else run.sendBare(s, c, first,
    `The server answers 401 Unauthorized with ${challenges.map((a) => `WWW-Authenticate: ${a.scheme}`).join(' and ')}: the schemes it accepts${openings.size ? '' : ', with no token yet'} (${[...new Set(offered.map((p) => httpRef(p)))].join('; ')}).`);
  // The client takes the first offered scheme whose package it has (browsers go down the server's list).
  const pkg = offered.find((p) => c.spec.packages.includes(p));
  for (const [p, o] of openings) if (p !== pkg) s.contexts.splice(s.contexts.indexOf(o.held), 1);
  if (!pkg) {
    run.rec.decision({ node: c.spec.id, decision: 'Authentication fails', condition: 'noCommonScheme', time: run.timeOf(c),
      because: `The server accepts only ${offered.join(', ')}, and ${c.trace.hostName} supports none of them: with a single protocol offered, a client that does not support it cannot authenticate, even if it would be allowed in.`,
      narration: run.narration.noCommonScheme ?? `${c.trace.hostName} supports none of the schemes the server offers (${offered.join(', ')}): authentication fails.` });
    run.snapshot();
    return { ok: false, status: 'SEC_E_SECPKG_NOT_FOUND', reason: `The server offers only ${offered.join(', ')}, which ${c.trace.hostName} does not support.`, client: null, server: null, mechanism: null };
  }
  const spn = `HTTP/${host}`;
  const travel = packageMeta(pkg)?.travel;
  const enc = travel?.encoding.http;
  const finalHeader = enc?.kind === 'params' ? enc.finalHeader : undefined;
  const result = exchange(run, c, s, pkg, spn, {
    clientMsg: (token) => buildHttpRequest({ host, path, authorization: auth(pkg, token) }),
    serverMsg: (token, res) => res === 'continue' ? buildHttp401({ challenges: [auth(pkg, token)], date: date() })
      : res === 'ok' ? buildHttp200({ mutual: token ? auth(pkg, token) : undefined, date: date(), header: finalHeader })
        : buildHttp401({ challenges: offered.map((p) => auth(p, res === 'rechallenge' && p === pkg ? token : undefined)), date: date() }),
    // Digest: the failed context is gone; IIS calls AcceptSecurityContext anew for the 401's fresh nonce (RFC 7616 3.3),
    // so the browser can ask the user again.
    freshChallenge: travel?.firstSpeaker === 'server' ? () => {
      const o = serverOpening(run, s, pkg);
      if (!o) return null;
      s.contexts.splice(s.contexts.indexOf(o.held), 1);
      return o.token;
    } : undefined,
  }, { opening: openings.get(pkg), request: { method: 'GET', uri: path } });
  if (result.ok && travel?.laterRequests) sendLaterRequest(run, c, s, result, host, path, (t) => auth(pkg, t), date);
  else if (result.ok && run.params.signSeal !== false) sendProtectedMessage(run, c, s, result, 'http', host);
  return result;
}
