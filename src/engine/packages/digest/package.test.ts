// The Digest package end to end in one process: the server speaks first, the client answers, the
// server hands the response to a DC step (validateDigest over the directory), rspauth closes it.
// HTTP (MD5-sess, MD5, SHA-256 on a non-Windows server), SASL DIGEST-MD5, stale nonce, wrong
// password, nonce count 2, every token decoded with every byte covered, fuzzed tokens never throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromUtf8, utf8 } from '../../bytes';
import { seededRng } from '../../rng';
import { uncovered } from '../../encoding/fields';
import type { AuthorityRequest, ContextResult, Credential, PackageCall, PackageEnv, PackageYield, RequestFlags } from '../../sspi/package';
import { ISC_REQ } from '../../sspi/flags';
import { digestPackage, validateDigest, REQ_HTTP, type DigestContext, type DigestValidationRequest } from './index';
import { wdigestHashes } from './wdigest';

const START = new Date('2016-10-12T09:00:00Z');
const DOMAIN = { dnsName: 'contoso.local', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1-2-3' };
const USERS = [{ name: 'alice', password: 'Summer2016!' }];

function env(name: string, params: Record<string, string | number | boolean> = {}, local: { user: string; password: string; rid: number }[] = []): PackageEnv {
  return {
    nodeId: name, computerName: name.toUpperCase(), dnsHostName: `${name}.contoso.local`, domain: DOMAIN, now: () => START, rng: seededRng(7, `${name}/Digest`),
    localAccounts: local, params, enabledPackages: ['Digest'], logonSession: { tickets: [], data: {} }, packages: {}, serviceAccount: null, rngFor: () => seededRng(7, name),
  } as unknown as PackageEnv;
}
const cred = (password = 'Summer2016!', user = 'alice'): Credential => ({ handle: 'h1', package: 'Digest', use: 'outbound', identity: { user, domain: 'CONTOSO', password, realm: 'CONTOSO.LOCAL' }, source: 'supplied' });
const scred: Credential = { handle: 'h2', package: 'Digest', use: 'inbound', identity: null, source: 'service' };

interface Driven { result: ContextResult<DigestContext>; yields: PackageYield[] }
function drive(gen: PackageCall<DigestContext>): Driven {
  const yields: PackageYield[] = [];
  let step = gen.next();
  while (!step.done) {
    yields.push(step.value);
    if (step.value.kind === 'request') {
      const payload = validateDigest((step.value as AuthorityRequest).payload as DigestValidationRequest, USERS, DOMAIN);
      step = gen.next({ token: null, payload });
    } else step = gen.next();
  }
  return { result: step.value, yields };
}

function covered(t: Uint8Array) {
  const v = digestPackage.describe(t, { entries: [] });
  expect(uncovered(v.fields, t.length)).toEqual([]);
  return v;
}

function run(mode: 'http' | 'sasl', o: { password?: string; params?: Record<string, string | number | boolean>; local?: { user: string; password: string; rid: number }[] } = {}) {
  const http = mode === 'http' ? REQ_HTTP : 0;
  const cr = { flags: http | ISC_REQ.CONNECTION | ISC_REQ.MUTUAL_AUTH, target: mode === 'http' ? 'HTTP/web01.contoso.local' : 'ldap/dc01.contoso.local', method: 'GET', uri: '/reports/q3.html' } as RequestFlags;
  const sr = { flags: http, method: 'GET', target: mode === 'sasl' ? 'ldap/dc01.contoso.local' : undefined } as RequestFlags;
  const senv = env('web01', o.params, o.local), cenv = env('ws01');
  const tokens: Uint8Array[] = [];
  let s = drive(digestPackage.accept(senv, scred, null, new Uint8Array(0), sr));
  let c: Driven | null = null;
  for (let i = 0; i < 4; i++) {
    expect(s.result.status.name).toBe('SEC_I_CONTINUE_NEEDED');
    tokens.push(s.result.output!);
    c = drive(digestPackage.initialize(cenv, cred(o.password), c?.result.ctx ?? null, s.result.output!, cr));
    tokens.push(c.result.output!);
    s = drive(digestPackage.accept(senv, scred, s.result.ctx, c.result.output!, sr));
    if (s.result.status.name !== 'SEC_I_CONTINUE_NEEDED') break;
  }
  let final: Driven | null = null;
  if (s.result.status.name === 'SEC_E_OK') {
    tokens.push(s.result.output!);
    final = drive(digestPackage.initialize(cenv, cred(o.password), c!.result.ctx, s.result.output!, cr));
  }
  for (const t of tokens) covered(t);
  return { s, c: c!, final, tokens };
}

describe('Digest package', () => {
  it('HTTP MD5-sess: challenge, response checked by the DC from a WDigest hash, rspauth checked by the client', () => {
    const r = run('http');
    expect(fromUtf8(r.tokens[0])).toMatch(/^qop="auth", algorithm=MD5-sess, nonce="\+Upgraded\+v1[0-9a-f]{60}", charset=utf-8, realm="contoso.local"$/);
    expect(r.s.result.status.name).toBe('SEC_E_OK');
    expect(r.s.result.ctx.checkedWith).toBe('Hash 8: MD5(sAMAccountName, DNSDomainName, password)');
    expect(r.final!.result.status.name).toBe('SEC_E_OK');
    expect(digestPackage.describe(r.tokens[2], { entries: [] }).name).toBe('Authentication-Info (rspauth)');
    // a later request: nonce count 2 through MakeSignature / VerifySignature
    const p = digestPackage.protect!(r.final!.result.ctx, utf8('GET /reports/q4.html'), false);
    expect(fromUtf8(p.token)).toContain('nc=00000002');
    expect(p.view.name).toBe('response (nc=00000002)');
    covered(p.token);
    const u = digestPackage.unprotect!(r.s.result.ctx, p.token, false);
    expect(u.status.name).toBe('SEC_E_OK');
    expect(digestPackage.unprotect!(u.ctx, p.token, false).status.name).toBe('SEC_E_OUT_OF_SEQUENCE');
  });
  it('SASL DIGEST-MD5 (LDAP)', () => {
    const r = run('sasl');
    expect(fromUtf8(r.tokens[0])).toMatch(/^qop="auth,auth-int,auth-conf",cipher="3des,rc4",algorithm=md5-sess,nonce="[^"]+",charset=utf-8,realm="contoso.local"$/);
    expect(fromUtf8(r.tokens[1])).toContain('digest-uri="ldap/dc01.contoso.local"');
    expect(r.s.result.status.name).toBe('SEC_E_OK');
    expect(fromUtf8(r.tokens[2])).toMatch(/^rspauth=[0-9a-f]{32}$/);
    expect(r.final!.result.status.name).toBe('SEC_E_OK');
  });
  it('wrong password: the DC says STATUS_WRONG_PASSWORD, the server SEC_E_LOGON_DENIED', () => {
    const r = run('http', { password: 'wrong' });
    expect(r.s.result.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.s.result.error?.name).toBe('STATUS_WRONG_PASSWORD');
    expect(r.final).toBeNull();
  });
  it('stale nonce: a second challenge with stale=true, answered without asking the user', () => {
    const r = run('http', { params: { digestStaleNonce: true } });
    expect(r.tokens).toHaveLength(5);
    expect(fromUtf8(r.tokens[2])).toContain('stale=true');
    expect(digestPackage.describe(r.tokens[2], { entries: [] }).name).toBe('challenge (stale=true)');
    expect(r.final!.result.status.name).toBe('SEC_E_OK');
  });
  it('SHA-256 on a non-Windows server: checked from its own file, no DC', () => {
    const r = run('http', { params: { digestAlgorithm: 'SHA-256' }, local: [{ user: 'alice', password: 'Summer2016!', rid: 1000 }] });
    expect(fromUtf8(r.tokens[1])).toMatch(/response="[0-9a-f]{64}"/);
    expect(r.s.yields.some((y) => y.kind === 'request')).toBe(false);
    expect(r.final!.result.status.name).toBe('SEC_E_OK');
  });
  it('the 29 WDigest hashes (MS-SAMR 3.1.1.8.11.3.1)', () => {
    const h = wdigestHashes({ sAMAccountName: 'alice', netbiosDomain: 'CONTOSO', dnsDomain: 'contoso.local', userPrincipalName: 'alice@contoso.local' }, 'pw');
    expect(h).toHaveLength(29);
    expect(h.map((x) => `${x.user}:${x.realm}`).slice(14, 21)).toEqual(['alice@contoso.local:', 'alice@contoso.local:', 'ALICE@CONTOSO.LOCAL:', 'CONTOSO\\alice:', 'contoso\\alice:', 'CONTOSO\\ALICE:', 'alice:Digest']);
  });
  it('any bytes a peer sends give a status, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, http) => {
      const f = http ? REQ_HTTP : 0;
      const s0 = drive(digestPackage.accept(env('web01'), scred, null, new Uint8Array(0), { flags: f, target: http ? undefined : 'ldap/x' } as RequestFlags));
      const s1 = drive(digestPackage.accept(env('web01'), scred, s0.result.ctx, bytes, { flags: f } as RequestFlags));
      const c1 = drive(digestPackage.initialize(env('ws01'), cred(), null, bytes, { flags: f, target: 'ldap/x' } as RequestFlags));
      expect(typeof s1.result.status.name).toBe('string');
      expect(typeof c1.result.status.name).toBe('string');
    }), { numRuns: 300 });
  });
});
