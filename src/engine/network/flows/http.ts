// HTTP authentication (RFC 7235, RFC 4559, MS-N2HT): a GET without credentials, the server's 401
// listing the schemes it accepts, then the token round trips in Authorization / WWW-Authenticate
// headers until 200 OK or a final 401.
import { buildHttp200, buildHttp401, buildHttpRequest, buildHttpResponse } from '../carriers/http';
import type { PackageName } from '../../trace';
import type { NodeRuntime } from '../nodes';
import type { Run } from '../run';
import { exchange, type ExchangeResult } from './exchange';
import { sendProtectedMessage } from './protected';

const SCHEME: Partial<Record<PackageName, string>> = { Negotiate: 'Negotiate', NTLM: 'NTLM', Kerberos: 'Kerberos', Digest: 'Digest' };

/** The document that defines each HTTP authentication scheme: NTLM over HTTP is MS-NTHT, Negotiate MS-N2HT. */
const HTTP_SCHEME_DOC: Record<string, string> = { NTLM: 'MS-NTHT', Negotiate: 'MS-N2HT 3.1.5.1', Kerberos: 'RFC 4559' };

export function runHttp(run: Run, c: NodeRuntime, s: NodeRuntime, host: string, path: string, offers: PackageName[]): ExchangeResult {
  const date = () => run.timeOf(s);
  run.sendBare(c, s, buildHttpRequest({ host, path }), `The browser on ${c.trace.hostName} asks for http://${host}${path} without credentials, as every HTTP client first does.`);
  const offered = offers.filter((p) => s.spec.packages.includes(p));
  if (offered.length === 0) {
    run.sendBare(s, c, buildHttpResponse({ status: 403, date: date(), body: 'Forbidden' }), `The server offers no authentication scheme it has enabled, so it refuses.`);
    return { ok: false, status: 'SEC_E_SECPKG_NOT_FOUND', reason: `${s.trace.hostName} has none of ${offers.join(', ')} enabled.`, client: null, server: null, mechanism: null };
  }
  run.sendBare(s, c, buildHttp401({ challenges: offered.map((p) => ({ scheme: SCHEME[p] ?? p })), date: date() }),
    `The server answers 401 Unauthorized with ${offered.map((p) => `WWW-Authenticate: ${SCHEME[p] ?? p}`).join(' and ')}: the schemes it accepts, with no token yet (${[...new Set(offered.map((p) => HTTP_SCHEME_DOC[p] ?? 'RFC 7235'))].join('; ')}).`);
  // The client takes the first offered scheme whose package it has (browsers go down the server's list).
  const pkg = offered.find((p) => c.spec.packages.includes(p));
  if (!pkg) {
    run.rec.decision({ node: c.spec.id, decision: 'Authentication fails', condition: 'noCommonScheme', time: run.timeOf(c),
      because: `The server accepts only ${offered.join(', ')}, and ${c.trace.hostName} supports none of them: with a single protocol offered, a client that does not support it cannot authenticate, even if it would be allowed in.`,
      narration: run.narration.noCommonScheme ?? `${c.trace.hostName} supports none of the schemes the server offers (${offered.join(', ')}): authentication fails.` });
    run.snapshot();
    return { ok: false, status: 'SEC_E_SECPKG_NOT_FOUND', reason: `The server offers only ${offered.join(', ')}, which ${c.trace.hostName} does not support.`, client: null, server: null, mechanism: null };
  }
  const scheme = SCHEME[pkg] ?? pkg;
  const spn = `HTTP/${host}`;
  const result = exchange(run, c, s, pkg, spn, {
    clientMsg: (token) => buildHttpRequest({ host, path, authorization: { scheme, token } }),
    serverMsg: (token, res) => res === 'continue' ? buildHttp401({ challenges: [{ scheme, token: token! }], date: date() })
      : res === 'ok' ? buildHttp200({ mutual: token ? { scheme, token } : undefined, date: date() })
        : buildHttp401({ challenges: offered.map((p) => ({ scheme: SCHEME[p] ?? p })), date: date() }),
  });
  if (result.ok && run.params.signSeal !== false) sendProtectedMessage(run, c, s, result, 'http', host);
  return result;
}
