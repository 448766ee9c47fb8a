// The engine's Kerberos client, end to end against real MIT Kerberos: its InitializeSecurityContext
// generator is driven with the wall clock, every KDC request it yields goes to a real krb5kdc
// (AS with pre-authentication, then TGS for cifs/fs01.contoso.local), the GSS AP-REQ it produces
// is accepted by MIT's GSS-API acceptor (python3-gssapi over libgssapi-krb5, keytab from kadmin),
// MIT's AP-REP completes the engine's context (mutual authentication), and RFC 4121 Wrap tokens and
// MICs cross both ways. FAILS (never skips) when krb5-kdc, krb5-admin-server or python3-gssapi is missing.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, hex, utf8 } from '../bytes';
import { PACKAGES } from '../packages';
import { kerberosPackage } from '../packages/kerberos';
import { parseGssToken } from '../packages/kerberos/messages';
import type { KerberosContext } from '../packages/kerberos';
import { defaults } from '../params';
import { seededRng } from '../rng';
import { ISC_REQ } from '../sspi/flags';
import type { AuthorityReply, ContextResult, Credential, PackageCall, PackageEnv, PackageYield } from '../sspi/package';
import { CONTOSO, PASSWORDS } from '../../scenarios/common';
import { startMitKdc, type MitKdc } from './mitKdc.testutil';

const REALM = 'CONTOSO.LOCAL';
const SPN = 'cifs/fs01.contoso.local';
const PYTHON = '/usr/bin/python3';

function clientEnv(): PackageEnv {
  const streams = new Map<string, ReturnType<typeof seededRng>>();
  const rngFor = (p: string) => { let r = streams.get(p); if (!r) { r = seededRng(Date.now() >>> 0, `client/${p}`); streams.set(p, r); } return r; };
  return {
    nodeId: 'client', computerName: 'WS01', dnsHostName: 'ws01.contoso.local', domain: CONTOSO, now: () => new Date(),
    rng: rngFor('node'), rngFor, localAccounts: [], params: defaults(), enabledPackages: ['Kerberos'],
    logonSession: { tickets: [], data: {} }, serviceAccount: null, packages: { Kerberos: kerberosPackage as never },
  };
}

const CRED: Credential = {
  handle: 'cred-1', package: 'Kerberos', use: 'outbound', source: 'logged-on',
  identity: { user: 'alice', domain: 'CONTOSO', password: PASSWORDS.alice, realm: REALM },
};
const FLAGS = ISC_REQ.MUTUAL_AUTH | ISC_REQ.REPLAY_DETECT | ISC_REQ.SEQUENCE_DETECT | ISC_REQ.CONFIDENTIALITY | ISC_REQ.INTEGRITY;

/** Run one InitializeSecurityContext call, sending each KDC request it yields to the real KDC. */
async function drive(call: PackageCall<KerberosContext>, kdc: MitKdc, sent: string[]): Promise<ContextResult<KerberosContext>> {
  let step = call.next();
  while (!step.done) {
    const y: PackageYield = step.value;
    let reply: AuthorityReply | undefined;
    if (y.kind === 'request') {
      sent.push(y.name);
      reply = { token: await kdc.sendTcp(y.token) };
    }
    step = call.next(reply);
  }
  return step.value;
}

/** MIT's GSS acceptor in a Python process, one JSON request/response per line. */
class Acceptor {
  private proc: ChildProcessWithoutNullStreams;
  private lines: Interface;
  private queue: ((line: string) => void)[] = [];
  private stderr = '';
  constructor(keytab: string, env: NodeJS.ProcessEnv) {
    this.proc = spawn(PYTHON, [join(import.meta.dirname, 'gssAcceptor.py')], { env: { ...env, KRB5_KTNAME: `FILE:${keytab}` } });
    this.proc.stderr.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.lines = createInterface({ input: this.proc.stdout });
    this.lines.on('line', (l) => this.queue.shift()?.(l));
  }
  ask(req: Record<string, string>): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`the GSS acceptor did not answer ${req.op}: ${this.stderr}`)), 10_000);
      this.queue.push((l) => { clearTimeout(t); resolve(JSON.parse(l) as Record<string, unknown>); });
      this.proc.stdin.write(JSON.stringify(req) + '\n');
    });
  }
  close(): void { this.proc.stdin.end(); this.lines.close(); }
}

/** The acceptor's refusal in words: the GSS error text, or the KRB-ERROR code of the token MIT handed back. */
function refusal(r: Record<string, unknown>): string {
  if (r.error === 'incomplete' && typeof r.output === 'string') {
    const tok = parseGssToken(fromHex(r.output)).value;
    return tok.message.kind === 'KRB-ERROR' ? `KRB-ERROR ${tok.message.message.errorCode}` : `unexpected ${tok.message.kind}`;
  }
  return String(r.error);
}

describe('the engine\'s Kerberos client against MIT krb5kdc and MIT\'s GSS-API acceptor', () => {
  let kdc: MitKdc;
  let acceptor: Acceptor;
  let ctx: KerberosContext;
  let first: ContextResult<KerberosContext>;
  const sent: string[] = [];

  beforeAll(async () => {
    const probe = spawnSync(PYTHON, ['-c', 'import gssapi'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(`python3-gssapi is not importable by ${PYTHON} (${probe.error?.message ?? probe.stderr.trim()}). Install the Debian package python3-gssapi: DEBIAN_FRONTEND=noninteractive apt-get install -y python3-gssapi`);
    }
    kdc = await startMitKdc({ realm: REALM, principals: [{ name: 'alice', password: PASSWORDS.alice }, { name: SPN, password: PASSWORDS.fs01, requiresPreauth: false }] });
    acceptor = new Acceptor(kdc.exportKeytab([SPN]), kdc.env);
    first = await drive(kerberosPackage.initialize(clientEnv(), CRED, null, null, { flags: FLAGS, target: SPN }), kdc, sent);
  }, 60_000);
  afterAll(async () => { acceptor?.close(); await kdc?.stop(); });

  it('gets a TGT and a service ticket from the real KDC and produces a GSS AP-REQ', () => {
    expect(first.error, `${JSON.stringify(first.error)}\nKDC log:\n${kdc.log()}`).toBeUndefined();
    expect(sent).toEqual(['AS-REQ', 'AS-REQ', 'TGS-REQ']);
    expect(first.status.name).toBe('SEC_I_CONTINUE_NEEDED');
    expect(first.output?.[0]).toBe(0x60);
    expect(kdc.log()).toMatch(/AS_REQ .*ISSUE: authtime \d+.*alice@CONTOSO\.LOCAL for krbtgt\/CONTOSO\.LOCAL@CONTOSO\.LOCAL/);
    expect(kdc.log()).toMatch(/TGS_REQ .*ISSUE: authtime \d+.*alice@CONTOSO\.LOCAL for cifs\/fs01\.contoso\.local@CONTOSO\.LOCAL/);
  });

  it('MIT\'s GSS acceptor accepts the AP-REQ as alice and answers with an AP-REP that completes the engine\'s context', async () => {
    const r = await acceptor.ask({ op: 'accept', token: hex(first.output!) });
    expect(r.error, String(r.error)).toBeUndefined();
    expect(r).toMatchObject({ initiator: `alice@${REALM}`, complete: true, mech: '1.2.840.113554.1.2.2' });
    expect(Number(r.flags) & 0x2, 'GSS_C_MUTUAL_FLAG').toBe(0x2);
    expect(typeof r.output).toBe('string');
    const done = await drive(kerberosPackage.initialize(clientEnv(), CRED, first.ctx, fromHex(String(r.output)), { flags: FLAGS, target: SPN }), kdc, sent);
    expect(done.error, JSON.stringify(done.error)).toBeUndefined();
    expect(done.status.name).toBe('SEC_E_OK');
    ctx = done.ctx;
  });

  it('MIT unwraps the engine\'s sealed message (EncryptMessage) and the engine unwraps MIT\'s', async () => {
    const message = utf8('GET /projects HTTP/1.1 — sealed by the engine');
    const p = kerberosPackage.protect!(ctx, message, true);
    ctx = p.ctx;
    const u = await acceptor.ask({ op: 'unwrap', token: hex(p.token) });
    expect(u.error, String(u.error)).toBeUndefined();
    expect(u).toEqual({ message: hex(message), encrypted: true });
    const back = utf8('200 OK — sealed by MIT');
    const w = await acceptor.ask({ op: 'wrap', message: hex(back) });
    const un = kerberosPackage.unprotect!(ctx, fromHex(String(w.token)), true);
    expect(un.status.name).toBe('SEC_E_OK');
    expect(hex(un.message!)).toBe(hex(back));
    ctx = un.ctx;
  });

  it('MIT verifies the engine\'s MIC (MakeSignature) and the engine verifies MIT\'s', async () => {
    const data = utf8('mechListMIC-like data');
    const m = kerberosPackage.getMic!(ctx, data);
    ctx = m.ctx;
    const v = await acceptor.ask({ op: 'verify_mic', message: hex(data), mic: hex(m.mic) });
    expect(v).toEqual({ ok: true });
    const theirs = await acceptor.ask({ op: 'get_mic', message: hex(data) });
    expect(theirs.error, String(theirs.error)).toBeUndefined();
    expect(kerberosPackage.verifyMic!(ctx, data, fromHex(String(theirs.mic))).ok).toBe(true);
  });

  it('negative control: MIT rejects the AP-REQ with one byte of the authenticator changed, and a replay of the original', async () => {
    const token = first.output!.slice();
    token[token.length - 5] ^= 0x01; // inside the authenticator's ciphertext, the last element of the AP-REQ
    const bad = await acceptor.ask({ op: 'accept', token: hex(token) });
    expect(refusal(bad)).toMatch(/integrity|modified|KRB-ERROR (31|41)\b/i);
    const replay = await acceptor.ask({ op: 'accept', token: hex(first.output!) });
    expect(refusal(replay)).toMatch(/replay|KRB-ERROR 34\b/i);
  });
});

describe('the engine\'s Negotiate (SPNEGO) client against MIT\'s SPNEGO acceptor', () => {
  let kdc: MitKdc;
  let acceptor: Acceptor;
  beforeAll(async () => {
    const probe = spawnSync(PYTHON, ['-c', 'import gssapi'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) throw new Error('python3-gssapi is not importable by /usr/bin/python3: apt-get install -y python3-gssapi');
    kdc = await startMitKdc({ realm: REALM, principals: [{ name: 'alice', password: PASSWORDS.alice }, { name: SPN, password: PASSWORDS.fs01, requiresPreauth: false }] });
    acceptor = new Acceptor(kdc.exportKeytab([SPN]), kdc.env);
  }, 60_000);
  afterAll(async () => { acceptor?.close(); await kdc?.stop(); });

  it('NegTokenInit (MS-KRB5 first, optimistic AP-REQ) is accepted as alice; MIT\'s NegTokenResp completes the engine\'s context', async () => {
    const env: PackageEnv = { ...clientEnv(), enabledPackages: ['Negotiate', 'Kerberos', 'NTLM'], packages: PACKAGES };
    const cred: Credential = { ...CRED, package: 'Negotiate' };
    const sent: string[] = [];
    let r = await drive(PACKAGES.Negotiate!.initialize(env, cred, null, null, { flags: FLAGS, target: SPN }) as PackageCall<KerberosContext>, kdc, sent);
    expect(r.error, JSON.stringify(r.error)).toBeUndefined();
    expect(sent).toEqual(['AS-REQ', 'AS-REQ', 'TGS-REQ']);
    let reply = await acceptor.ask({ op: 'accept_spnego', token: hex(r.output!) });
    const rounds: string[] = [];
    for (let i = 0; i < 3 && r.status.name !== 'SEC_E_OK'; i++) {
      expect(reply.error === undefined || reply.error === 'incomplete', String(reply.error)).toBe(true);
      rounds.push(`MIT ${reply.error === 'incomplete' ? 'continues' : 'complete'}`);
      r = await drive(PACKAGES.Negotiate!.initialize(env, cred, r.ctx, fromHex(String(reply.output)), { flags: FLAGS, target: SPN }) as PackageCall<KerberosContext>, kdc, sent);
      expect(r.error, JSON.stringify(r.error)).toBeUndefined();
      if (r.output && r.output.length) reply = await acceptor.ask({ op: 'step', token: hex(r.output) });
    }
    expect(r.status.name, rounds.join(', ')).toBe('SEC_E_OK');
    expect(reply.error, String(reply.error)).toBeUndefined();
    expect(reply).toMatchObject({ initiator: `alice@${REALM}`, complete: true });
  });
});
