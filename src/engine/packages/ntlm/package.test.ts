// The NTLM package end to end in one process: client and server (and a fake DC step calling
// netlogonValidate) exchange real tokens; statuses, keys, determinism and failure results.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hex } from '../../bytes';
import { seededRng } from '../../rng';
import { uncovered } from '../../encoding/fields';
import type { AuthorityRequest, ContextResult, Credential, KeyEntry, LocalAccount, PackageCall, PackageEnv, PackageYield, RequestFlags } from '../../sspi/package';
import { ISC_REQ, ASC_REQ } from '../../sspi/flags';
import { ntlmPackage, netlogonValidate, netlogonRequestFields, netlogonReplyFields, netlogonError, type NtlmContext, KEY_NAMES } from './index';
import { parseAuthenticate } from './messages/authenticate';
import { parseChallenge } from './messages/challenge';
import { AV, findAv } from './messages/avPairs';
import { NTLMSSP } from './messages/flags';

const START = new Date('2016-10-12T09:00:00Z');
const DOMAIN = { dnsName: 'contoso.local', netbiosName: 'CONTOSO', sid: 'S-1-5-21-1-2-3' };
const DC_ACCOUNTS: LocalAccount[] = [{ user: 'alice', password: 'Summer2016!', rid: 1104 }];

interface EnvOpts { name: string; joined?: boolean; seed?: number; accounts?: LocalAccount[]; params?: Record<string, string | number | boolean>; clock?: { now: Date } }
function env(o: EnvOpts): PackageEnv {
  const clock = o.clock ?? { now: START };
  return {
    nodeId: o.name.toLowerCase(), computerName: o.name, dnsHostName: `${o.name.toLowerCase()}${o.joined ? '.contoso.local' : ''}`,
    domain: o.joined ? DOMAIN : null, now: () => clock.now, rng: seededRng(o.seed ?? 1, `${o.name}/ntlm`), localAccounts: o.accounts ?? [],
    params: o.params ?? {}, enabledPackages: ['NTLM'], logonSession: { tickets: [], data: {} }, packages: {},
  } as unknown as PackageEnv;
}
const clientCred = (user: string, domain: string, password: string): Credential => ({ handle: 'h1', package: 'NTLM', use: 'outbound', identity: { user, domain, password, realm: null }, source: 'supplied' });
const serverCred: Credential = { handle: 'h2', package: 'NTLM', use: 'inbound', identity: null, source: 'service' };
const ISC = ISC_REQ.CONNECTION | ISC_REQ.INTEGRITY | ISC_REQ.CONFIDENTIALITY | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT;
const ASC = ASC_REQ.CONNECTION | ASC_REQ.INTEGRITY | ASC_REQ.CONFIDENTIALITY | ASC_REQ.REPLAY_DETECT | ASC_REQ.SEQUENCE_DETECT;
const creq = (extra: Partial<RequestFlags> = {}): RequestFlags => ({ flags: ISC, target: 'HTTP/srv1.contoso.local', ...extra });
const sreq = (extra: Partial<RequestFlags> = {}): RequestFlags => ({ flags: ASC, ...extra });

interface Driven { result: ContextResult<NtlmContext>; yields: PackageYield[] }
/** Run a package call; authority requests go to `dc` (undefined: no DC). */
function drive(gen: PackageCall<NtlmContext>, dc?: (r: AuthorityRequest) => unknown): Driven {
  const yields: PackageYield[] = [];
  let step = gen.next();
  while (!step.done) {
    yields.push(step.value);
    if (step.value.kind === 'request') {
      const payload = dc ? dc(step.value) : undefined;
      step = gen.next(payload === undefined ? { token: null } : { token: null, payload });
    } else step = gen.next();
  }
  return { result: step.value, yields };
}
const netlogonDc = (r: AuthorityRequest) => netlogonValidate(r.payload, DC_ACCOUNTS, { netbiosName: 'CONTOSO', dnsName: 'contoso.local' });

interface Exchange { tokens: Uint8Array[]; client: Driven[]; server: Driven[]; cctx: NtlmContext; sctx: NtlmContext; keys: KeyEntry[] }
function exchange(cenv: PackageEnv, senv: PackageEnv, cred: Credential, opts: { dc?: (r: AuthorityRequest) => unknown; cr?: RequestFlags; sr?: RequestFlags; tamper?: (i: number, t: Uint8Array) => Uint8Array } = {}): Exchange {
  const tamper = opts.tamper ?? ((_i, t) => t);
  const cr = opts.cr ?? creq(), sr = opts.sr ?? sreq();
  const c1 = drive(ntlmPackage.initialize(cenv, cred, null, null, cr));
  const neg = c1.result.output!;
  const s1 = drive(ntlmPackage.accept(senv, serverCred, null, tamper(0, neg), sr));
  const chal = s1.result.output!;
  const c2 = drive(ntlmPackage.initialize(cenv, cred, c1.result.ctx, tamper(1, chal), cr));
  const auth = c2.result.output ?? new Uint8Array(0);
  const s2 = c2.result.output ? drive(ntlmPackage.accept(senv, serverCred, s1.result.ctx, tamper(2, auth), sr), opts.dc) : s1;
  const keys = [...c2.yields, ...s2.yields].filter((y) => y.kind === 'key').map((y) => (y as { key: KeyEntry }).key);
  return { tokens: [neg, chal, auth], client: [c1, c2], server: [s1, s2], cctx: c2.result.ctx, sctx: s2.result.ctx, keys };
}

const workgroupServer = (o: Partial<EnvOpts> = {}) => env({ name: 'SRV1', accounts: [{ user: 'bob', password: 'Winter2016!', rid: 1001 }], ...o });
const workgroupClient = (o: Partial<EnvOpts> = {}) => env({ name: 'WS1', ...o });

describe('NTLM package: workgroup server, local account', () => {
  const x = exchange(workgroupClient(), workgroupServer(), clientCred('bob', 'SRV1', 'Winter2016!'));
  it('runs NEGOTIATE → CHALLENGE → AUTHENTICATE to SEC_E_OK on both sides', () => {
    expect(x.client.map((d) => d.result.status.name)).toEqual(['SEC_I_CONTINUE_NEEDED', 'SEC_E_OK']);
    expect(x.server.map((d) => d.result.status.name)).toEqual(['SEC_I_CONTINUE_NEEDED', 'SEC_E_OK']);
    expect(x.cctx.state).toBe('established');
    expect(x.sctx.state).toBe('established');
    expect(hex(x.cctx.keys.exportedSessionKey!)).toBe(hex(x.sctx.keys.exportedSessionKey!));
    expect(x.server[1].result.output).toBeNull();
  });
  it('sends Windows-shaped messages: NTLMv2 with MIC, MsvAvFlags, target name, timestamp from the server', () => {
    const p = parseAuthenticate(x.tokens[2]);
    expect(p.kind).toBe('NTLMv2');
    expect(p.micOffset).toBe(72);
    expect(hex(p.msg.lmChallengeResponse)).toBe('00'.repeat(24));
    expect(new TextDecoder('utf-16le').decode(findAv(p.ntlmv2!.avPairs, AV.MsvAvTargetName)!.value)).toBe('HTTP/srv1.contoso.local');
    const ch = parseChallenge(x.tokens[1]).msg;
    expect(ch.targetName).toBe('SRV1');
    expect(ch.flags & NTLMSSP.TARGET_TYPE_SERVER).toBeTruthy();
    expect(hex(p.ntlmv2!.timestamp)).toBe(hex(findAv(ch.targetInfo, AV.MsvAvTimestamp)!.value));
    expect(findAv(ch.targetInfo, AV.MsvAvDnsTreeName)).toBeUndefined();
  });
  it('describes every token with every byte covered and opens the EncryptedRandomSessionKey with the KeyExchangeKey', () => {
    const names = x.tokens.map((t) => ntlmPackage.describe(t, { entries: x.keys }));
    expect(names.map((v) => v.name)).toEqual(['NEGOTIATE_MESSAGE', 'CHALLENGE_MESSAGE', 'AUTHENTICATE_MESSAGE']);
    names.forEach((v, i) => expect(uncovered(v.fields, x.tokens[i].length)).toEqual([]));
    const esk = JSON.stringify(names[2].fields);
    expect(esk).toContain(hex(x.cctx.keys.exportedSessionKey!));
    expect(x.keys.some((k) => k.name.startsWith(KEY_NAMES.keyExchangeKey))).toBe(true);
    const without = ntlmPackage.describe(x.tokens[2], { entries: [] });
    expect(JSON.stringify(without.fields)).not.toContain('"decrypted"');
  });
  it('signs and seals in both directions with a continuing RC4 stream, and detects tampering', () => {
    let c = x.cctx, s = x.sctx;
    for (let i = 0; i < 3; i++) {
      const msg = new TextEncoder().encode(`message ${i}`);
      const p = ntlmPackage.protect!(c, msg, true); c = p.ctx;
      expect(uncovered(p.view.fields, p.token.length)).toEqual([]);
      const u = ntlmPackage.unprotect!(s, p.token, true); s = u.ctx;
      expect(u.status.name).toBe('SEC_E_OK');
      expect(new TextDecoder().decode(u.message!)).toBe(`message ${i}`);
      const back = ntlmPackage.protect!(s, msg, false); s = back.ctx;
      const v = ntlmPackage.unprotect!(c, back.token, false); c = v.ctx;
      expect(v.status.name).toBe('SEC_E_OK');
    }
    const p = ntlmPackage.protect!(c, new TextEncoder().encode('pay 100'), true);
    const bad = p.token.slice(); bad[bad.length - 1] ^= 1;
    expect(ntlmPackage.unprotect!(s, bad, true).status.name).toBe('SEC_E_MESSAGE_ALTERED');
    expect(ntlmPackage.unprotect!(s, p.token, true).status.name).toBe('SEC_E_OK');
    // a replay of an older message fails (sequence numbers)
    const again = ntlmPackage.unprotect!(ntlmPackage.unprotect!(s, p.token, true).ctx, p.token, true);
    expect(again.status.name).toBe('SEC_E_MESSAGE_ALTERED');
  });
  it('GSS_GetMIC / GSS_VerifyMIC for SPNEGO mechListMIC', () => {
    const data = new Uint8Array([0x30, 0x0c, 1, 2, 3]);
    const g = ntlmPackage.getMic!(x.cctx, data);
    expect(g.mic.length).toBe(16);
    expect(ntlmPackage.verifyMic!(x.sctx, data, g.mic).ok).toBe(true);
    expect(ntlmPackage.verifyMic!(x.sctx, new Uint8Array([9]), g.mic).ok).toBe(false);
    expect(ntlmPackage.describe(g.mic, { entries: [] }).name).toBe('NTLMSSP_MESSAGE_SIGNATURE');
  });
  it('snapshots state, flags and keys', () => {
    const s = ntlmPackage.snapshot(x.sctx);
    expect(s.state).toBe('established');
    expect(s.flags).toContain('NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY');
    expect(s.keys.map((k) => k.name.split(' [')[0])).toContain('NTLM ExportedSessionKey');
  });
  it('is deterministic: the same seed gives byte-identical tokens, another seed different ones', () => {
    const y = exchange(workgroupClient(), workgroupServer(), clientCred('bob', 'SRV1', 'Winter2016!'));
    expect(y.tokens.map(hex)).toEqual(x.tokens.map(hex));
    const z = exchange(workgroupClient({ seed: 2 }), workgroupServer({ seed: 2 }), clientCred('bob', 'SRV1', 'Winter2016!'));
    expect(hex(z.tokens[1])).not.toBe(hex(x.tokens[1]));
  });
});

describe('NTLM package: failures are results', () => {
  it('wrong password → SEC_E_LOGON_DENIED with STATUS_LOGON_FAILURE', () => {
    const x = exchange(workgroupClient(), workgroupServer(), clientCred('bob', 'SRV1', 'wrong'));
    expect(x.client[1].result.status.name).toBe('SEC_E_OK');
    const r = x.server[1].result;
    expect(r.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.error).toMatchObject({ code: 0xc000006d, name: 'STATUS_LOGON_FAILURE' });
    expect(r.ctx.state).toBe('failed');
  });
  it('unknown user → SEC_E_LOGON_DENIED with STATUS_NO_SUCH_USER', () => {
    const r = exchange(workgroupClient(), workgroupServer(), clientCred('mallory', 'SRV1', 'x')).server[1].result;
    expect(r.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.error).toMatchObject({ code: 0xc0000064, name: 'STATUS_NO_SUCH_USER' });
  });
  it('calls in the wrong state → SEC_E_OUT_OF_SEQUENCE; malformed tokens → SEC_E_INVALID_TOKEN', () => {
    const x = exchange(workgroupClient(), workgroupServer(), clientCred('bob', 'SRV1', 'Winter2016!'));
    const senv = workgroupServer(), cenv = workgroupClient();
    const cred = clientCred('bob', 'SRV1', 'Winter2016!');
    expect(drive(ntlmPackage.accept(senv, serverCred, null, x.tokens[2], sreq())).result.status.name).toBe('SEC_E_OUT_OF_SEQUENCE');
    expect(drive(ntlmPackage.initialize(cenv, cred, x.cctx, x.tokens[1], creq())).result.status.name).toBe('SEC_E_OUT_OF_SEQUENCE');
    expect(drive(ntlmPackage.accept(senv, serverCred, x.sctx, x.tokens[2], sreq())).result.status.name).toBe('SEC_E_OUT_OF_SEQUENCE');
    expect(drive(ntlmPackage.initialize(cenv, cred, x.client[0].result.ctx, null, creq())).result.status.name).toBe('SEC_E_OUT_OF_SEQUENCE');
    expect(drive(ntlmPackage.initialize(cenv, cred, x.client[0].result.ctx, x.tokens[0], creq())).result.status.name).toBe('SEC_E_OUT_OF_SEQUENCE');
    expect(drive(ntlmPackage.accept(senv, serverCred, null, new Uint8Array([1, 2, 3]), sreq())).result.status.name).toBe('SEC_E_INVALID_TOKEN');
    const trunc = x.tokens[2].slice(0, 100);
    expect(drive(ntlmPackage.accept(senv, serverCred, x.server[0].result.ctx, trunc, sreq())).result.status.name).toBe('SEC_E_INVALID_TOKEN');
    expect(drive(ntlmPackage.initialize(cenv, cred, x.client[0].result.ctx, x.tokens[1].slice(0, 60), creq())).result.status.name).toBe('SEC_E_INVALID_TOKEN');
  });
  it('never throws out of initialize/accept, whatever the input', () => {
    const x = exchange(workgroupClient(), workgroupServer(), clientCred('bob', 'SRV1', 'Winter2016!'));
    const cred = clientCred('bob', 'SRV1', 'Winter2016!');
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 255 }), fc.nat(), (which, pos, val, cut) => {
      const t = x.tokens[which].slice(0, Math.max(12, x.tokens[which].length - (cut % 40)));
      if (pos < t.length) t[pos] = val;
      const s = drive(ntlmPackage.accept(workgroupServer(), serverCred, which === 2 ? x.server[0].result.ctx : null, t, sreq())).result;
      const c = drive(ntlmPackage.initialize(workgroupClient(), cred, x.client[0].result.ctx, t, creq())).result;
      expect(typeof s.status.name).toBe('string');
      expect(typeof c.status.name).toBe('string');
    }), { numRuns: 300 });
  });
  it('a challenge older than ntlmChallengeLifetimeSeconds expires', () => {
    const clock = { now: START };
    const senv = workgroupServer({ clock, params: { ntlmChallengeLifetimeSeconds: 600 } });
    const cred = clientCred('bob', 'SRV1', 'Winter2016!');
    const x = exchange(workgroupClient(), senv, cred, { tamper: (i, t) => { if (i === 2) clock.now = new Date(START.getTime() + 601_000); return t; } });
    expect(x.server[1].result.status.name).toBe('SEC_E_CONTEXT_EXPIRED');
    clock.now = START;
    const ok = exchange(workgroupClient(), workgroupServer({ clock, params: { ntlmChallengeLifetimeSeconds: 600 } }), cred, { tamper: (i, t) => { if (i === 2) clock.now = new Date(START.getTime() + 599_000); return t; } });
    expect(ok.server[1].result.status.name).toBe('SEC_E_OK');
  });
  it('a NEGOTIATE_MESSAGE altered on the way fails the MIC check', () => {
    const x = exchange(workgroupClient(), workgroupServer(), clientCred('bob', 'SRV1', 'Winter2016!'), { tamper: (i, t) => { if (i !== 0) return t; const u = t.slice(); u[12] &= ~NTLMSSP.NEGOTIATE_SIGN; return u; } });
    expect(x.server[1].result.status.name).toBe('SEC_E_MESSAGE_ALTERED');
  });
  it('channel bindings: same channel succeeds, another channel → SEC_E_BAD_BINDINGS', () => {
    const cb = new TextEncoder().encode('tls-server-end-point:0123456789abcdef');
    const cred = clientCred('bob', 'SRV1', 'Winter2016!');
    expect(exchange(workgroupClient(), workgroupServer(), cred, { cr: creq({ channelBindings: cb }), sr: sreq({ channelBindings: cb }) }).server[1].result.status.name).toBe('SEC_E_OK');
    const other = new TextEncoder().encode('tls-server-end-point:ffffffffffffffff');
    expect(exchange(workgroupClient(), workgroupServer(), cred, { cr: creq({ channelBindings: cb }), sr: sreq({ channelBindings: other }) }).server[1].result.status.name).toBe('SEC_E_BAD_BINDINGS');
  });
  it('channel bindings required (Extended Protection "Required", ApplicationRequiresCBT): a client that sent none is refused; merely checked ("Accept"), it passes; a matching one passes either way', () => {
    const cb = new TextEncoder().encode('tls-server-end-point:0123456789abcdef');
    const cred = clientCred('bob', 'SRV1', 'Winter2016!');
    const none = (required: boolean) => exchange(workgroupClient(), workgroupServer(), cred, { sr: sreq({ channelBindings: cb, channelBindingsRequired: required }) }).server[1];
    expect(none(true).result.status.name).toBe('SEC_E_BAD_BINDINGS');
    expect(none(true).result.error?.text).toMatch(/no channel binding/);
    expect(none(false).result.status.name).toBe('SEC_E_OK');
    expect(none(false).yields.some((y) => y.kind === 'note' && y.anchor === 'ntlm-channel-binding-absent')).toBe(true);
    const same = exchange(workgroupClient(), workgroupServer(), cred, { cr: creq({ channelBindings: cb }), sr: sreq({ channelBindings: cb, channelBindingsRequired: true }) }).server[1];
    expect(same.result.status.name).toBe('SEC_E_OK');
    expect(same.yields.some((y) => y.kind === 'note' && y.anchor === 'ntlm-channel-binding-ok')).toBe(true);
  });
  it('"Restrict NTLM: Outgoing NTLM traffic: Deny all" stops the NTLM package itself (an application calling NTLM directly, not only Negotiate)', () => {
    const r = drive(ntlmPackage.initialize(workgroupClient({ params: { restrictNtlm: 'deny' } }), clientCred('bob', 'SRV1', 'Winter2016!'), null, null, creq()));
    expect(r.result.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.result.error?.name).toBe('STATUS_NTLM_BLOCKED');
    expect(r.result.output).toBeNull();
    expect(r.yields.some((y) => y.kind === 'decision' && y.condition === 'restrictNtlmDeny')).toBe(true);
  });
});

describe('NTLM package: LmCompatibilityLevel', () => {
  const cred = clientCred('bob', 'SRV1', 'Winter2016!');
  for (const [level, kind] of [[0, 'NTLMv1'], [1, 'NTLMv1-ESS'], [2, 'NTLMv1-ESS'], [3, 'NTLMv2'], [5, 'NTLMv2']] as const) {
    it(`level ${level} sends ${kind} and authenticates, with working message protection`, () => {
      const x = exchange(workgroupClient({ params: { lmCompatibilityLevel: level } }), workgroupServer(), cred);
      expect(parseAuthenticate(x.tokens[2]).kind).toBe(kind);
      expect(x.server[1].result.status.name).toBe('SEC_E_OK');
      expect(hex(x.sctx.keys.exportedSessionKey!)).toBe(hex(x.cctx.keys.exportedSessionKey!));
      const p = ntlmPackage.protect!(x.cctx, new Uint8Array([1, 2, 3, 4]), true);
      expect(ntlmPackage.unprotect!(x.sctx, p.token, true).status.name).toBe('SEC_E_OK');
      if (level === 2) { const a = parseAuthenticate(x.tokens[2]).msg; expect(a.lmChallengeResponse.length).toBe(24); }
    });
  }
  it('level 0 negotiates LM_KEY (no extended session security) and the LM_KEY key variants still agree', () => {
    const x = exchange(workgroupClient({ params: { lmCompatibilityLevel: 0 } }), workgroupServer(), cred);
    expect(x.cctx.flags & NTLMSSP.NEGOTIATE_LM_KEY).toBeTruthy();
    expect(x.cctx.flags & NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY).toBe(0);
    expect(hex(x.sctx.keys.keyExchangeKey!)).toBe(hex(x.cctx.keys.keyExchangeKey!));
  });
  it('a verifier at level 5 refuses NTLM v1 responses', () => {
    const x = exchange(workgroupClient({ params: { lmCompatibilityLevel: 1 } }), workgroupServer({ params: { lmCompatibilityLevel: 5 } }), cred);
    expect(x.server[1].result.status.name).toBe('SEC_E_LOGON_DENIED');
  });
});

describe('NTLM package: domain account through the DC (Netlogon pass-through)', () => {
  const cenv = () => env({ name: 'WS1', joined: true });
  const senv = () => env({ name: 'SRV1', joined: true, accounts: [{ user: 'Administrator', password: 'Local1!', rid: 500 }] });
  it('yields NetrLogonSamLogonWithFlags and finishes with the DC\'s session key', () => {
    let request: AuthorityRequest | null = null;
    const x = exchange(cenv(), senv(), clientCred('alice', 'CONTOSO', 'Summer2016!'), { dc: (r) => { request = r; return netlogonDc(r); } });
    expect(request).toMatchObject({ kind: 'request', to: 'dc', protocol: 'Netlogon', name: 'NetrLogonSamLogonWithFlags', transport: 'netlogon' });
    expect(request!.token.length).toBe(0);
    expect(request!.payload).toMatchObject({ logonDomainName: 'CONTOSO', userName: 'alice', workstation: 'WS1', serverChallenge: hex(x.sctx.serverChallenge!) });
    expect(x.server[1].result.status.name).toBe('SEC_E_OK');
    expect(hex(x.sctx.keys.exportedSessionKey!)).toBe(hex(x.cctx.keys.exportedSessionKey!));
    const ch = parseChallenge(x.tokens[1]).msg;
    expect(ch.targetName).toBe('CONTOSO');
    expect(new TextDecoder('utf-16le').decode(findAv(ch.targetInfo, AV.MsvAvDnsTreeName)!.value)).toBe('contoso.local');
  });
  it('works for a UPN with an empty domain', () => {
    const x = exchange(cenv(), senv(), clientCred('alice@contoso.local', '', 'Summer2016!'), { dc: netlogonDc });
    expect(x.server[1].result.status.name).toBe('SEC_E_OK');
  });
  it('wrong password at the DC → SEC_E_LOGON_DENIED / STATUS_LOGON_FAILURE; unknown user → STATUS_NO_SUCH_USER', () => {
    const bad = exchange(cenv(), senv(), clientCred('alice', 'CONTOSO', 'nope'), { dc: netlogonDc }).server[1].result;
    expect(bad.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(bad.error).toMatchObject({ code: 0xc000006d, name: 'STATUS_LOGON_FAILURE' });
    const nobody = exchange(cenv(), senv(), clientCred('zed', 'CONTOSO', 'x'), { dc: netlogonDc }).server[1].result;
    expect(nobody.error).toMatchObject({ name: 'STATUS_NO_SUCH_USER' });
    expect(nobody.status.name).toBe('SEC_E_LOGON_DENIED');
  });
  it('no DC answering → SEC_E_NO_AUTHENTICATING_AUTHORITY', () => {
    const r = exchange(cenv(), senv(), clientCred('alice', 'CONTOSO', 'Summer2016!')).server[1].result;
    expect(r.status.name).toBe('SEC_E_NO_AUTHENTICATING_AUTHORITY');
  });
  it('a local account of a member server (domain = its computer name) is checked locally, without the DC', () => {
    const x = exchange(cenv(), senv(), clientCred('Administrator', 'SRV1', 'Local1!'), { dc: () => { throw new Error('the DC must not be asked'); } });
    expect(x.server[1].result.status.name).toBe('SEC_E_OK');
  });
  it('netlogonValidate recomputes NTLMv1 responses too', () => {
    const x = exchange(env({ name: 'WS1', joined: true, params: { lmCompatibilityLevel: 2 } }), senv(), clientCred('alice', 'CONTOSO', 'Summer2016!'), { dc: netlogonDc });
    expect(x.server[1].result.status.name).toBe('SEC_E_OK');
    expect(netlogonValidate({ nonsense: true }, DC_ACCOUNTS, 'CONTOSO').status).toBe('STATUS_LOGON_FAILURE');
  });
});

describe('Netlogon summary fields', () => {
  it('describes the request and the reply', () => {
    let req: AuthorityRequest | null = null;
    exchange(env({ name: 'WS1', joined: true }), env({ name: 'SRV1', joined: true }), clientCred('alice', 'CONTOSO', 'bad'), { dc: (r) => { req = r; return netlogonDc(r); } });
    const reply = netlogonDc(req!);
    expect(netlogonRequestFields(req!.payload as never).map((f) => f.name)).toContain('LmChallenge');
    expect(netlogonReplyFields(reply)[0].value).toBe('STATUS_LOGON_FAILURE (0xc000006d)');
    expect(netlogonError(reply)).toMatchObject({ code: 0xc000006d, name: 'STATUS_LOGON_FAILURE' });
  });
});
