// HTTP carrier (RFC 7235 authentication framework, RFC 4559 / MS-N2HT for Negotiate, MS-NTHT for NTLM).
// The security token travels base64-encoded inside the WWW-Authenticate (server) and Authorization
// (client) headers, because HTTP headers carry text. The field tree therefore marks the base64 text
// as the token's layer: its bytes are the token's characters, not the token's own bytes.
import { DecodeError, base64, fromUtf8, hex, utf8 } from '../../bytes';
import { field, group, type Field } from '../../encoding/fields';
import type { CarrierMessage, CarrierSpec, Flow } from './types';

export const HTTP_FLOW: Flow = { transport: 'tcp', serverPort: 80 };
export const HTTP_CARRIER: CarrierSpec = { id: 'http', layer: 'HTTP', protocol: 'HTTP', flow: HTTP_FLOW };

/** One authentication scheme in a WWW-Authenticate / Authorization header, with its optional token. */
export interface HttpAuthToken {
  scheme: 'Negotiate' | 'NTLM' | 'Kerberos' | 'Basic' | 'Digest' | string;
  token?: Uint8Array;
  /** Layer name for the token field (SPNEGO, NTLM, ...); guessed from the token's first bytes when absent. */
  layer?: string;
  /** How the token is written: base64 (token68, RFC 4559) by default, or `params` when the token is the header's
   *  own parameter text (Digest's `realm="...", nonce="..."`, RFC 7616): its bytes are that text. */
  encoding?: 'base64' | 'params';
}

export interface HttpRequestOptions {
  host: string;
  path?: string;
  authorization?: HttpAuthToken;
  userAgent?: string;
}

export interface HttpResponseOptions {
  status: number;
  reason?: string;
  /** One WWW-Authenticate header per entry, in order (IIS sends Negotiate first, then NTLM). */
  authenticate?: HttpAuthToken[];
  body?: string;
  contentType?: string;
  server?: string;
  /** The server's clock, ISO 8601; becomes the Date header. No Date header when absent. */
  date?: string;
  /** An Authentication-Info header (RFC 9110 §11.6.3): the token is its parameter text (Digest's rspauth, RFC 7616 §3.5). */
  authenticationInfo?: HttpAuthToken;
}

const CRLF = '\r\n';
const REASONS: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden' };

/** Layer name for a token by its first bytes: NTLMSSP signature, GSS-API [APPLICATION 0], or NegTokenResp [1]. */
export function guessTokenLayer(token: Uint8Array): string {
  if (token.length >= 8 && fromUtf8(token.subarray(0, 7)) === 'NTLMSSP' && token[7] === 0) return 'NTLM';
  if (token[0] === 0x60 || token[0] === 0xa1 || token[0] === 0xa0) return 'SPNEGO';
  if (token[0] === 0x6a || token[0] === 0x6b || token[0] === 0x6c || token[0] === 0x6d || token[0] === 0x6e || token[0] === 0x6f || token[0] === 0x7e) return 'Kerberos';
  return 'token';
}

function authValue(a: HttpAuthToken): string {
  if (!a.token || !a.token.length) return a.scheme;
  return `${a.scheme} ${a.encoding === 'params' ? fromUtf8(a.token) : base64.encode(a.token)}`;
}

/** IMF-fixdate (RFC 9110 §5.6.7) from an ISO 8601 time: "Wed, 12 Oct 2016 09:00:00 GMT". */
export function httpDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not an ISO time: ${iso}`);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

function finish(text: string, name: string, layers: Map<string, string>): CarrierMessage {
  const wire: Uint8Array = utf8(text);
  const parsed = parseHttp(wire);
  const auth = parsed.authorization ? [parsed.authorization] : parsed.authenticate;
  const withToken = auth.find((a) => a.tokenStart !== undefined);
  return {
    carrier: { id: 'http', name, hex: hex(wire), fields: httpFields(wire, (tok) => layers.get(base64.encode(tok)) ?? guessTokenLayer(tok)) },
    wire,
    flow: HTTP_FLOW,
    tokenRange: withToken ? { start: withToken.tokenStart!, end: withToken.tokenEnd! } : undefined,
  };
}

function layerMap(auths: HttpAuthToken[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of auths) if (a.token && a.layer) m.set(base64.encode(a.token), a.layer);
  return m;
}

/** RFC 7235 auth-params (`name=value, ...`, Digest's form) after the scheme; otherwise the credentials are token68 (base64). */
const AUTH_PARAMS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*=\s*("|[^=\s])/;

/** A client GET, with or without an Authorization header. */
export function buildHttpRequest(o: HttpRequestOptions): CarrierMessage {
  const path = o.path ?? '/';
  let t = `GET ${path} HTTP/1.1${CRLF}Host: ${o.host}${CRLF}User-Agent: ${o.userAgent ?? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'}${CRLF}`
    + `Accept: */*${CRLF}Connection: Keep-Alive${CRLF}`;
  if (o.authorization) t += `Authorization: ${authValue(o.authorization)}${CRLF}`;
  t += CRLF;
  const name = o.authorization ? `HTTP GET ${path} (Authorization: ${o.authorization.scheme})` : `HTTP GET ${path}`;
  return finish(t, name, layerMap(o.authorization ? [o.authorization] : []));
}

/** A server response: status line, optional WWW-Authenticate headers, Content-Length and a small body. */
export function buildHttpResponse(o: HttpResponseOptions): CarrierMessage {
  const reason = o.reason ?? REASONS[o.status] ?? 'Status';
  const body = o.body ?? defaultBody(o.status, reason);
  const bodyBytes = utf8(body);
  let t = `HTTP/1.1 ${o.status} ${reason}${CRLF}Content-Type: ${o.contentType ?? 'text/html'}${CRLF}Server: ${o.server ?? 'Microsoft-IIS/10.0'}${CRLF}`;
  for (const a of o.authenticate ?? []) t += `WWW-Authenticate: ${authValue(a)}${CRLF}`;
  if (o.authenticationInfo?.token) t += `Authentication-Info: ${fromUtf8(o.authenticationInfo.token)}${CRLF}`;
  if (o.date) t += `Date: ${httpDate(o.date)}${CRLF}`;
  t += `Content-Length: ${bodyBytes.length}${CRLF}${CRLF}${body}`;
  const schemes = (o.authenticate ?? []).map((a) => a.scheme + (a.token?.length ? ' + token' : '')).join(', ');
  const info = o.authenticationInfo?.token ? `${schemes ? ', ' : ''}Authentication-Info` : '';
  return finish(t, `HTTP ${o.status} ${reason}${schemes || info ? ` (${schemes}${info})` : ''}`, layerMap([...(o.authenticate ?? []), ...(o.authenticationInfo ? [o.authenticationInfo] : [])]));
}

function defaultBody(status: number, reason: string): string {
  if (status === 200) return '<html><body>Welcome: you are authenticated.</body></html>\r\n';
  if (status === 401) return '<html><body>401 - Unauthorized: Access is denied due to invalid credentials.</body></html>\r\n';
  return `<html><body>${status} - ${reason}</body></html>\r\n`;
}

/** The server's challenge: `401 Unauthorized` with one WWW-Authenticate header per scheme (a token on a later leg). */
export function buildHttp401(o: { challenges: HttpAuthToken[]; date?: string; body?: string }): CarrierMessage {
  return buildHttpResponse({ status: 401, authenticate: o.challenges, date: o.date, body: o.body });
}

/** Success: `200 OK`, optionally with the final `WWW-Authenticate: Negotiate <token>` carrying the mutual-auth token. */
export function buildHttp200(o: { mutual?: HttpAuthToken; date?: string; body?: string; header?: 'WWW-Authenticate' | 'Authentication-Info' } = {}): CarrierMessage {
  if (o.header === 'Authentication-Info' && o.mutual) return buildHttpResponse({ status: 200, authenticationInfo: o.mutual, date: o.date, body: o.body });
  return buildHttpResponse({ status: 200, authenticate: o.mutual ? [o.mutual] : [], date: o.date, body: o.body });
}

// ---------------------------------------------------------------- parser

export interface HttpHeader {
  name: string;
  value: string;
  /** Byte ranges: the whole line (with CRLF), the name, the value. */
  start: number;
  end: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface HttpAuth {
  scheme: string;
  token?: Uint8Array;
  /** Range of the token's text in the message (base64, or the parameters themselves). */
  tokenStart?: number;
  /** base64: the token is the decoded text; params: the token is the parameter text's bytes. */
  encoding?: 'base64' | 'params';
  tokenEnd?: number;
  header: HttpHeader;
}

export interface ParsedHttp {
  kind: 'request' | 'response';
  method?: string;
  target?: string;
  status?: number;
  reason?: string;
  version: string;
  /** Range of the start line, without its CRLF. */
  startLineEnd: number;
  headers: HttpHeader[];
  /** Offset of the blank line ending the headers. */
  headersEnd: number;
  bodyStart: number;
  body: Uint8Array;
  authorization?: HttpAuth;
  authenticate: HttpAuth[];
}

function lineEnd(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === 0x0d && b[i + 1] === 0x0a) return i;
  throw new DecodeError('HTTP line without CRLF', from);
}

function parseAuth(h: HttpHeader): HttpAuth {
  const sp = h.value.indexOf(' ');
  if (sp < 0) return { scheme: h.value, header: h };
  const scheme = h.value.slice(0, sp);
  const text = h.value.slice(sp + 1).trim();
  const tokenStart = h.valueStart + sp + 1 + (h.value.slice(sp + 1).length - h.value.slice(sp + 1).trimStart().length);
  const tokenEnd = tokenStart + text.length;
  if (AUTH_PARAMS.test(text)) return { scheme, token: utf8(text), tokenStart, tokenEnd, header: h, encoding: 'params' };
  let token: Uint8Array;
  try { token = base64.decode(text); } catch { throw new DecodeError(`${h.name}: ${scheme} token is not base64`, tokenStart); }
  return { scheme, token, tokenStart, tokenEnd, header: h, encoding: 'base64' };
}

/** Parse one HTTP/1.1 request or response (headers ASCII, CRLF framing, body by Content-Length). */
export function parseHttp(b: Uint8Array): ParsedHttp {
  const first = lineEnd(b, 0);
  const startLine = fromUtf8(b.subarray(0, first));
  const parts = startLine.split(' ');
  let out: ParsedHttp;
  if (startLine.startsWith('HTTP/')) {
    const status = Number(parts[1]);
    if (parts.length < 3 || !Number.isInteger(status)) throw new DecodeError(`bad HTTP status line: ${startLine}`, 0);
    out = { kind: 'response', version: parts[0], status, reason: parts.slice(2).join(' '), startLineEnd: first, headers: [], headersEnd: 0, bodyStart: 0, body: new Uint8Array(0), authenticate: [] };
  } else {
    if (parts.length !== 3 || !parts[2].startsWith('HTTP/')) throw new DecodeError(`bad HTTP request line: ${startLine}`, 0);
    out = { kind: 'request', method: parts[0], target: parts[1], version: parts[2], startLineEnd: first, headers: [], headersEnd: 0, bodyStart: 0, body: new Uint8Array(0), authenticate: [] };
  }
  let pos = first + 2;
  for (;;) {
    const e = lineEnd(b, pos);
    if (e === pos) { out.headersEnd = pos; out.bodyStart = pos + 2; break; }
    const line = fromUtf8(b.subarray(pos, e));
    const colon = line.indexOf(':');
    if (colon <= 0) throw new DecodeError(`bad HTTP header line: ${line}`, pos);
    const rawValue = line.slice(colon + 1);
    const lead = rawValue.length - rawValue.trimStart().length;
    const value = rawValue.trim();
    const valueStart = pos + colon + 1 + lead;
    out.headers.push({ name: line.slice(0, colon), value, start: pos, end: e + 2, nameEnd: pos + colon, valueStart, valueEnd: valueStart + value.length });
    pos = e + 2;
  }
  const cl = out.headers.find((h) => h.name.toLowerCase() === 'content-length');
  const len = cl ? Number(cl.value) : b.length - out.bodyStart;
  if (!Number.isInteger(len) || len < 0 || out.bodyStart + len > b.length) throw new DecodeError('Content-Length does not match the body', cl?.valueStart ?? out.bodyStart);
  if (out.bodyStart + len !== b.length) throw new DecodeError('bytes after the HTTP body', out.bodyStart + len);
  out.body = b.subarray(out.bodyStart, out.bodyStart + len);
  for (const h of out.headers) {
    const n = h.name.toLowerCase();
    if (n === 'authorization') out.authorization = parseAuth(h);
    else if (n === 'www-authenticate') out.authenticate.push(parseAuth(h));
    else if (n === 'authentication-info') out.authenticate.push({ scheme: '', token: utf8(h.value), tokenStart: h.valueStart, tokenEnd: h.valueEnd, header: h, encoding: 'params' });
  }
  return out;
}

// ---------------------------------------------------------------- field tree

const HEADER_INFO: Record<string, [string, string]> = {
  host: ['Which web site the client asks for; the client also builds the SPN HTTP/<host> from this name.', 'RFC 9110 §7.2'],
  'user-agent': ['The client program (a browser or an HTTP library).', 'RFC 9110 §10.1.5'],
  accept: ['Which content types the client accepts.', 'RFC 9110 §12.5.1'],
  connection: ['Keep the TCP connection open: NTLM (MS-NTHT) and multi-leg Negotiate (MS-N2HT) authenticate the connection, so every leg must use the same one.', 'MS-NTHT; MS-N2HT 3.2.5'],
  authorization: ['The client\'s credentials for this request: the scheme name and the security token from InitializeSecurityContext.', 'RFC 7235 §4.2, RFC 4559 §4.2'],
  'authentication-info': ['The server\'s last word on authentication, after success: parameters without a scheme (Digest\'s rspauth proves the server, RFC 7616 §3.5).', 'RFC 9110 §11.6.3'],
  'www-authenticate': ['A scheme the server accepts (one header per scheme); with a token, it carries the server\'s reply from AcceptSecurityContext.', 'RFC 7235 §4.1, RFC 4559 §4.1'],
  'content-type': ['The type of the body.', 'RFC 9110 §8.3'],
  'content-length': ['The size of the body in bytes, so the client knows where this response ends on the kept-open connection.', 'RFC 9110 §8.6'],
  server: ['The server software (IIS here).', 'RFC 9110 §10.2.4'],
  date: ['The server\'s clock when it sent the response.', 'RFC 9110 §6.6.1'],
};

const crlf = (at: number) => field('CRLF', at, at + 2, 'Carriage return + line feed: ends the line.', '\\r\\n', 'RFC 9112 §2.1');

/** Field tree of an HTTP message; `layerOf` names the decoded token's layer (SPNEGO, NTLM). */
export function httpFields(b: Uint8Array, layerOf: (token: Uint8Array) => string = guessTokenLayer): Field[] {
  const p = parseHttp(b);
  const out: Field[] = [];
  const text = (s: number, e: number) => fromUtf8(b.subarray(s, e));
  if (p.kind === 'request') {
    const m = p.method!.length, t = p.target!.length;
    out.push(group('Request line', 'What the client wants: method, resource and protocol version.', [
      field('Method', 0, m, 'GET asks the server for a resource.', p.method, 'RFC 9110 §9.3.1'),
      field('SP', m, m + 1, 'A space separates the parts of the request line.'),
      field('Request target', m + 1, m + 1 + t, 'The path of the resource on the server.', p.target, 'RFC 9112 §3.2'),
      field('SP', m + 1 + t, m + 2 + t, 'A space separates the parts of the request line.'),
      field('Version', m + 2 + t, p.startLineEnd, 'HTTP/1.1: the connection can stay open for the next request.', p.version, 'RFC 9112 §2.3'),
      crlf(p.startLineEnd),
    ]));
  } else {
    const v = p.version.length;
    out.push(group('Status line', `The server's answer: ${p.status} ${p.reason}.`, [
      field('Version', 0, v, 'The protocol version of the response.', p.version, 'RFC 9112 §4'),
      field('SP', v, v + 1, 'A space separates the parts of the status line.'),
      field('Status code', v + 1, v + 4, statusExplain(p.status!), p.status, 'RFC 9110 §15'),
      field('SP', v + 4, v + 5, 'A space separates the parts of the status line.'),
      field('Reason phrase', v + 5, p.startLineEnd, 'The status in words, for people; programs read the code.', p.reason, 'RFC 9112 §4'),
      crlf(p.startLineEnd),
    ]));
  }
  const auths = [...(p.authorization ? [p.authorization] : []), ...p.authenticate];
  const headerFields: Field[] = [];
  for (const h of p.headers) {
    const [explain, ref] = HEADER_INFO[h.name.toLowerCase()] ?? ['A header of the message.', 'RFC 9110 §5'];
    const kids: Field[] = [
      field('Name', h.start, h.nameEnd, `Header name: ${h.name}.`, h.name, ref),
      field('Separator', h.nameEnd, h.valueStart, 'A colon and a space separate the name from the value.', ': '),
    ];
    const auth = auths.find((a) => a.header === h);
    if (auth && auth.tokenStart !== undefined && auth.token) {
      const schemeEnd = h.valueStart + auth.scheme.length;
      const layer = layerOf(auth.token);
      if (auth.scheme) {
        kids.push(field('Scheme', h.valueStart, schemeEnd, schemeExplain(auth.scheme), auth.scheme, 'RFC 7235 §2.1'));
        kids.push(field('SP', schemeEnd, auth.tokenStart, 'A space separates the scheme from its token.'));
      }
      if (auth.encoding === 'params') {
        kids.push({
          ...field('Parameters', auth.tokenStart, auth.tokenEnd!,
            `The ${layer} token: for this scheme the token is the header's own parameters (name=value pairs), shown decoded in the message pane.`,
            `${auth.token.length} bytes`, 'RFC 7235 §2.1'),
          layer,
        });
      } else kids.push({
        ...field('Token (base64)', auth.tokenStart, auth.tokenEnd!,
          `The ${layer} token written in base64 (RFC 4648) because headers carry text: these ${auth.tokenEnd! - auth.tokenStart} characters decode to the ${auth.token.length}-byte token shown in the message pane.`,
          `${auth.token.length} bytes once decoded`, 'RFC 4559 §4'),
        layer,
      });
    } else if (auth) {
      kids.push(field('Scheme', h.valueStart, h.valueEnd, schemeExplain(auth.scheme), auth.scheme, 'RFC 7235 §2.1'));
    } else {
      kids.push(field('Value', h.valueStart, h.valueEnd, explain, h.value, ref));
    }
    if (h.valueEnd < h.end - 2) kids.push(field('Trailing space', h.valueEnd, h.end - 2, 'Spaces after the value (ignored).'));
    kids.push(crlf(h.end - 2));
    headerFields.push(group(`${h.name}: ${auth?.token ? `${auth.scheme} <token>` : h.value}`, explain, kids, { ref, value: auth?.token ? `${auth.scheme} <${auth.token.length}-byte token>` : h.value }));
  }
  if (headerFields.length) out.push(group('Headers', 'Name: value lines describing the message.', headerFields));
  out.push(field('End of headers', p.headersEnd, p.headersEnd + 2, 'An empty line (CRLF) ends the headers; the body follows.', '\\r\\n', 'RFC 9112 §2.1'));
  if (p.body.length) out.push(field('Body', p.bodyStart, b.length, p.kind === 'response' ? 'The page the server returns (HTML), Content-Length bytes long.' : 'The request body.', text(p.bodyStart, Math.min(b.length, p.bodyStart + 60)), 'RFC 9110 §6.4'));
  return out;
}

function statusExplain(s: number): string {
  if (s === 401) return '401: authentication is needed (or the token did not pass); the WWW-Authenticate headers say how, or carry the next leg.';
  if (s === 200) return '200: the request succeeded; the client is authenticated.';
  return `${s}: the result of the request.`;
}

function schemeExplain(s: string): string {
  if (s === 'Negotiate') return 'Negotiate: SPNEGO picks Kerberos or NTLM (RFC 4559); the token is a SPNEGO token, or a raw NTLM message when NTLM was picked.';
  if (s === 'NTLM') return 'NTLM: the token is a raw NTLMSSP message (MS-NTHT).';
  if (s === 'Kerberos') return 'Kerberos: the token is a raw Kerberos GSS-API token.';
  return `${s}: an HTTP authentication scheme.`;
}
