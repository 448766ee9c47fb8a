import { describe, expect, it } from 'vitest';
import { base64, fromUtf8, hex } from '../../bytes';
import { leaves, uncovered } from '../../encoding/fields';
import { readFidelity } from '../../testing/fidelity';
import { buildHttp200, buildHttp401, buildHttpRequest, buildHttpResponse, httpDate, httpFields, parseHttp } from './http';

const tok = (n: string) => readFidelity(`captures/pyspnego-tokens/${n}`);
const text = (b: Uint8Array) => fromUtf8(b);

describe('HTTP carrier', () => {
  it('a bare 401 offers Negotiate and NTLM in two WWW-Authenticate headers (exact bytes)', () => {
    const m = buildHttp401({ challenges: [{ scheme: 'Negotiate' }, { scheme: 'NTLM' }], date: '2016-10-12T09:00:00.000Z', body: 'denied' });
    expect(text(m.wire)).toBe(
      'HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\nServer: Microsoft-IIS/10.0\r\n'
      + 'WWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\nDate: Wed, 12 Oct 2016 09:00:00 GMT\r\nContent-Length: 6\r\n\r\ndenied');
    expect(m.flow).toEqual({ transport: 'tcp', serverPort: 80 });
    expect(m.tokenRange).toBeUndefined();
    const p = parseHttp(m.wire);
    expect(p.status).toBe(401);
    expect(p.authenticate.map((a) => a.scheme)).toEqual(['Negotiate', 'NTLM']);
    expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
  });

  it('the first GET has a Host header and no Authorization', () => {
    const m = buildHttpRequest({ host: 'web.contoso.com', path: '/app/' });
    const s = text(m.wire);
    expect(s.startsWith('GET /app/ HTTP/1.1\r\nHost: web.contoso.com\r\n')).toBe(true);
    expect(s.endsWith('\r\n\r\n')).toBe(true);
    expect(s).not.toContain('Authorization');
    const p = parseHttp(m.wire);
    expect([p.kind, p.method, p.target, p.version]).toEqual(['request', 'GET', '/app/', 'HTTP/1.1']);
    expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
  });

  it('Authorization: Negotiate <base64 of the real NTLM NEGOTIATE_MESSAGE> round trips', () => {
    const t = tok('ntlm_negotiate');
    const m = buildHttpRequest({ host: 'web', authorization: { scheme: 'Negotiate', token: t } });
    expect(text(m.wire)).toContain(`\r\nAuthorization: Negotiate ${base64.encode(t)}\r\n`);
    expect(text(m.wire)).toContain('Authorization: Negotiate TlRMTVNTUAAB'); // "NTLMSSP\0" + type 1 in base64
    const p = parseHttp(m.wire);
    expect(hex(p.authorization!.token!)).toBe(hex(t));
    const leaf = leaves(m.carrier.fields).find((f) => f.layer)!;
    expect(leaf.layer).toBe('NTLM');
    expect(hex(base64.decode(text(m.wire.subarray(leaf.start, leaf.end))))).toBe(hex(t));
    expect([m.tokenRange!.start, m.tokenRange!.end]).toEqual([leaf.start, leaf.end]);
    expect(leaf.explain).toContain('base64');
    expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
  });

  it('401 with the server token and 200 with the mutual-auth token (SPNEGO layer)', () => {
    const challenge = buildHttp401({ challenges: [{ scheme: 'Negotiate', token: tok('ntlm_challenge') }] });
    expect(hex(parseHttp(challenge.wire).authenticate[0].token!)).toBe(hex(tok('ntlm_challenge')));
    const resp = tok('neg_token_resp');
    const ok = buildHttp200({ mutual: { scheme: 'Negotiate', token: resp } });
    const p = parseHttp(ok.wire);
    expect(p.status).toBe(200);
    expect(hex(p.authenticate[0].token!)).toBe(hex(resp));
    expect(leaves(ok.carrier.fields).find((f) => f.layer)!.layer).toBe('SPNEGO');
    const cl = p.headers.find((h) => h.name === 'Content-Length')!;
    expect(Number(cl.value)).toBe(p.body.length);
    expect(uncovered(ok.carrier.fields, ok.wire.length)).toEqual([]);
  });

  it('an explicit layer name wins over the guess', () => {
    const m = buildHttpRequest({ host: 'h', authorization: { scheme: 'Negotiate', token: tok('initial_context_token_neg_token_init'), layer: 'SPNEGO (Kerberos AP-REQ)' } });
    expect(leaves(m.carrier.fields).find((f) => f.layer)!.layer).toBe('SPNEGO (Kerberos AP-REQ)');
  });

  it('parses a hand-written response with extra spaces and a 403', () => {
    const raw = new TextEncoder().encode('HTTP/1.1 403 Forbidden\r\nWWW-Authenticate:   NTLM   \r\nContent-Length: 2\r\n\r\nno');
    const p = parseHttp(raw);
    expect(p.reason).toBe('Forbidden');
    expect(p.authenticate[0].scheme).toBe('NTLM');
    expect(fromUtf8(p.body)).toBe('no');
    expect(uncovered(httpFields(raw), raw.length)).toEqual([]);
    expect(buildHttpResponse({ status: 403 }).carrier.name).toBe('HTTP 403 Forbidden');
  });

  it('rejects a message without CRLF framing, a wrong Content-Length and a non-base64 token', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(() => parseHttp(enc('GET / HTTP/1.1\nHost: a\n\n'))).toThrow(/CRLF/);
    expect(() => parseHttp(enc('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc'))).toThrow(/Content-Length/);
    expect(() => parseHttp(enc('GET / HTTP/1.1\r\nAuthorization: Negotiate ***\r\n\r\n'))).toThrow(/base64/);
  });

  it('httpDate gives the IMF-fixdate', () => {
    expect(httpDate('1994-11-06T08:49:37Z')).toBe('Sun, 06 Nov 1994 08:49:37 GMT'); // the RFC 9110 §5.6.7 example
  });
});

describe('HTTP carrier: a token written as auth-params (Digest, RFC 7616)', () => {
  it('writes the parameter text as is and parses it back as the token, covered by one layered field', async () => {
    const { buildHttp401: b401, parseHttp: parse } = await import('./http');
    const { leaves: lv } = await import('../../encoding/fields');
    const params = 'realm="contoso.local", nonce="abc=", qop="auth", algorithm=MD5-sess, charset=utf-8';
    const m = b401({ challenges: [{ scheme: 'Digest', token: new TextEncoder().encode(params), layer: 'Digest', encoding: 'params' }, { scheme: 'Negotiate' }] });
    expect(fromUtf8(m.wire)).toContain(`WWW-Authenticate: Digest ${params}\r\n`);
    const p = parse(m.wire);
    expect(p.authenticate[0].encoding).toBe('params');
    expect(fromUtf8(p.authenticate[0].token!)).toBe(params);
    const tok = lv(m.carrier.fields).filter((f) => f.layer);
    expect(tok.map((f) => [f.layer, fromUtf8(m.wire.subarray(f.start, f.end))])).toEqual([['Digest', params]]);
    expect(m.tokenRange && fromUtf8(m.wire.subarray(m.tokenRange.start, m.tokenRange.end))).toBe(params);
  });
});
