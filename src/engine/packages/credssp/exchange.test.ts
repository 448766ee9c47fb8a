// The CredSSP exchange inside the tunnel, client and server state machines with the real Negotiate
// package inside (Kerberos with TERMSRV/<host>, or NTLM when the target is an IP), a real KDC and
// Netlogon validation: the TSRequest rounds, pubKeyAuth binding both ways (v6 hash, v2-4 key+1),
// delegated TSCredentials opened on the server, and the failures (default credentials →
// SEC_E_DELEGATION_POLICY before TSCredentials; wrong password → errorCode; oracle remediation;
// a different TLS key → detected).
import { describe, expect, it } from 'vitest';
import { defaults } from '../../params';
import { seededRng } from '../../rng';
import type { AuthorityReply, Credential, PackageCall, PackageEnv, PackageYield } from '../../sspi/package';
import { ISC_REQ } from '../../sspi/flags';
import { PACKAGES } from '../index';
import { handleKdcRequest } from '../kerberos';
import { ACCOUNTS, DOMAIN, REALM } from '../kerberos/loop.testkit';
import { netlogonValidate } from '../ntlm';
import { hex } from '../../bytes';
import { type CredsspContext, type CredsspPolicy, DEFAULT_POLICY, credsspClient, credsspServer } from './exchange';
import { parseTsCredentials, parseTsRequest, type TsRequest } from './messages';

const START = Date.parse('2016-10-12T09:00:00.000Z');
const SERVER_KEY = Uint8Array.from({ length: 270 }, (_, i) => (i === 0 ? 0x30 : (i * 7 + 3) & 0xff));

interface LoopOpts {
  target?: string; password?: string; source?: Credential['source']; client?: Partial<CredsspPolicy>; server?: Partial<CredsspPolicy>;
  /** The public key the client sees (a man in the middle presents another certificate). */
  clientSeesKey?: Uint8Array;
}

function loop(o: LoopOpts = {}) {
  const params = defaults();
  let ms = START;
  const kdc = {
    realm: REALM, domain: DOMAIN, accounts: ACCOUNTS, now: () => new Date(ms), rng: seededRng(7, 'dc'), params, kdcHostName: 'DC01',
    hosts: [{ address: '10.0.0.30', account: 'RDS01$' }], onKey: () => {},
  };
  const accounts = [...ACCOUNTS, { name: 'RDS01$', kind: 'computer' as const, password: 'RDS01-machine-pw-1aB2', rid: 1110, spns: ['TERMSRV/rds01', 'TERMSRV/rds01.contoso.local', 'HOST/rds01.contoso.local'] }];
  kdc.accounts = accounts;
  const env = (id: string, name: string): PackageEnv => ({
    nodeId: id, computerName: name, dnsHostName: `${name.toLowerCase()}.contoso.local`, domain: DOMAIN, now: () => new Date(ms), rng: seededRng(7, id),
    rngFor: (p) => seededRng(7, `${id}/${p}`), localAccounts: [], params, enabledPackages: ['Negotiate', 'Kerberos', 'NTLM'],
    logonSession: { tickets: [], data: {} }, serviceAccount: null, packages: PACKAGES,
  });
  const cEnv = env('client', 'WS01');
  const sEnv = env('server', 'RDS01');
  sEnv.serviceAccount = { name: 'RDS01$', password: 'RDS01-machine-pw-1aB2', kvno: 2, spns: ['TERMSRV/rds01.contoso.local'], enctypes: [18, 17, 23] };
  const drive = <C>(gen: PackageCall<C>) => {
    let n = gen.next();
    while (!n.done) {
      const y: PackageYield = n.value;
      let reply: AuthorityReply | undefined;
      if (y.kind === 'request') {
        ms += 2;
        if (y.protocol === 'Kerberos') reply = { token: handleKdcRequest(kdc, y.token, y.transport === 'udp/88' ? 'udp/88' : 'tcp/88') };
        else reply = { token: null, payload: netlogonValidate(y.payload as never, accounts.map((a) => ({ user: a.name, password: a.password, rid: a.rid })), DOMAIN) };
      }
      n = gen.next(reply);
    }
    return n.value;
  };
  const cred: Credential = { handle: 'c', package: 'CredSSP', use: 'outbound', source: o.source ?? 'supplied', identity: { user: 'alice', domain: 'CONTOSO', password: o.password ?? 'Summer2016!', realm: REALM } };
  const sCred: Credential = { handle: 's', package: 'CredSSP', use: 'inbound', source: 'service', identity: null };
  const req = { flags: ISC_REQ.MUTUAL_AUTH | ISC_REQ.CONFIDENTIALITY | ISC_REQ.INTEGRITY | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT | ISC_REQ.CONNECTION, target: o.target ?? 'TERMSRV/rds01.contoso.local' };
  const cOpts = { policy: { ...DEFAULT_POLICY, ...o.client }, serverPublicKey: o.clientSeesKey ?? SERVER_KEY, req };
  const sOpts = { policy: { ...DEFAULT_POLICY, ...o.server }, serverPublicKey: SERVER_KEY, req: { flags: 0 } };
  const wire: { from: 'client' | 'server'; req: TsRequest; bytes: Uint8Array }[] = [];
  let cctx: CredsspContext | null = null, sctx: CredsspContext | null = null;
  let input: Uint8Array | null = null;
  let c = drive(credsspClient(cEnv, cred, cctx, input, cOpts));
  let s: ReturnType<typeof drive<CredsspContext>> | null = null;
  for (let round = 0; round < 8; round++) {
    cctx = c.ctx;
    if (!c.output) break;
    wire.push({ from: 'client', req: parseTsRequest(c.output).value, bytes: c.output });
    s = drive(credsspServer(sEnv, sCred, sctx, c.output, sOpts));
    sctx = s.ctx;
    if (!s.output) break;
    wire.push({ from: 'server', req: parseTsRequest(s.output).value, bytes: s.output });
    if (s.status.name !== 'SEC_I_CONTINUE_NEEDED') { c = drive(credsspClient(cEnv, cred, cctx, s.output, cOpts)); break; }
    input = s.output;
    c = drive(credsspClient(cEnv, cred, cctx, input, cOpts));
  }
  return { client: c, server: s, wire };
}

const fields = (w: { req: TsRequest }) => Object.keys(w.req).filter((k) => k !== 'version').sort().join(',');

describe('CredSSP exchange with Negotiate inside', () => {
  it('Kerberos (TERMSRV/rds01): SPNEGO rounds, pubKeyAuth both ways (v6 hash), fresh credentials delegated and opened by the server', () => {
    const r = loop();
    expect(r.client.status.name).toBe('SEC_E_OK');
    expect(r.server!.status.name).toBe('SEC_E_OK');
    expect(r.wire.map((w) => `${w.from}:${fields(w)}`)).toEqual([
      'client:negoTokens', 'server:negoTokens', 'client:clientNonce,pubKeyAuth', 'server:pubKeyAuth', 'client:authInfo',
    ]);
    expect(r.wire.every((w) => w.req.version === 6)).toBe(true);
    expect(hex(r.wire[0].req.negoTokens![0]).startsWith('60')).toBe(true);
    expect(r.server!.ctx.delegated).toEqual({ credType: 1, credentials: { domainName: 'CONTOSO', userName: 'alice', password: 'Summer2016!' } });
    expect(r.wire[2].req.clientNonce!.length).toBe(32);
  });

  it('RDP to an IP: Negotiate runs NTLM; pubKeyAuth travels with AUTHENTICATE, the mechListMIC with the server\'s pubKeyAuth', () => {
    const r = loop({ target: 'TERMSRV/10.0.0.30' });
    expect(r.client.status.name).toBe('SEC_E_OK');
    expect(r.server!.status.name).toBe('SEC_E_OK');
    // NEGOTIATE, CHALLENGE, then AUTHENTICATE (with the client's mechListMIC) and the key binding in one
    // TSRequest, as mstsc sends them: NTLM is done although SPNEGO still waits for the server's MIC, which
    // comes in the server's accept-completed next to its pubKeyAuth.
    expect(r.wire.map((w) => `${w.from}:${fields(w)}`)).toEqual([
      'client:negoTokens', 'server:negoTokens', 'client:clientNonce,negoTokens,pubKeyAuth', 'server:negoTokens,pubKeyAuth', 'client:authInfo',
    ]);
    expect(hex(r.wire[1].req.negoTokens![0])).toContain(hex(new TextEncoder().encode('NTLMSSP')));
    expect(r.server!.ctx.delegated?.credType).toBe(1);
  });

  it('default credentials: the client stops with SEC_E_DELEGATION_POLICY before sending TSCredentials', () => {
    const r = loop({ source: 'logged-on' });
    expect(r.client.status.name).toBe('SEC_E_DELEGATION_POLICY');
    expect(r.client.error!.text).toContain('Allow delegating default credentials');
    expect(r.wire.some((w) => w.req.authInfo)).toBe(false);
    const ok = loop({ source: 'logged-on', client: { allowDefaultCredentials: true } });
    expect(ok.server!.ctx.delegated?.credType).toBe(1);
  });

  it('Restricted Admin: authInfo carries an empty TSPasswordCreds', () => {
    const r = loop({ client: { restrictedAdmin: true } });
    expect(r.server!.status.name).toBe('SEC_E_OK');
    expect(r.server!.ctx.delegated).toEqual({ credType: 1, credentials: { domainName: '', userName: '', password: '' } });
  });

  it('wrong password (NTLM by IP): the server answers errorCode STATUS_LOGON_FAILURE and nothing is delegated', () => {
    const r = loop({ target: 'TERMSRV/10.0.0.30', password: 'wrong' });
    const last = r.wire[r.wire.length - 1];
    expect(last.from).toBe('server');
    expect(last.req.errorCode! >>> 0).toBe(0xc000006d);
    expect(r.client.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.wire.some((w) => w.req.authInfo)).toBe(false);
  });

  it('oracle remediation: an updated client does not fall back to a version-3 server (Mitigated / Force Updated Clients); Vulnerable does', () => {
    for (const remediation of ['mitigated', 'force-updated-clients'] as const) {
      const r = loop({ client: { remediation }, server: { version: 3 } });
      expect(r.client.status.name).toBe('SEC_E_UNSUPPORTED_FUNCTION');
      expect(r.client.error!.text).toContain('encryption oracle remediation');
    }
    const v = loop({ client: { remediation: 'vulnerable' }, server: { version: 3 } });
    expect(v.client.status.name).toBe('SEC_E_OK');
    // version 3 on the server: pubKeyAuth is the public key itself (and + 1 back), no nonce
    const pk = v.wire.find((w) => w.from === 'client' && w.req.pubKeyAuth)!;
    expect(pk.req.clientNonce).toBeUndefined();
    const forced = loop({ client: { version: 3 }, server: { remediation: 'force-updated-clients' } });
    expect(forced.server!.status.name).toBe('SEC_E_UNSUPPORTED_FUNCTION');
  });

  it('a different TLS public key on the client side (a man in the middle) fails the pubKeyAuth check', () => {
    const r = loop({ clientSeesKey: Uint8Array.from(SERVER_KEY, (x, i) => (i === 5 ? x ^ 1 : x)) });
    expect(r.server!.status.name).toBe('SEC_E_MUTUAL_AUTH_FAILED');
    expect(r.wire.some((w) => w.req.authInfo)).toBe(false);
    expect(parseTsCredentials).toBeDefined();
  });
});
