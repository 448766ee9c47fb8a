// Real implementations accept our messages: MIT kinit/kvno get tickets from our KDC (and the
// keytab we export opens them); our client gets tickets from a real MIT krb5kdc; Wireshark, given
// the keytab, decrypts every ticket, authenticator and AP-REP of a simulated capture and verifies
// the PAC signatures. Needs krb5-user, krb5-kdc and tshark; fails with a clear message without them.
import { execFile, type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKeytab } from '../../export/keytab';
import { tracePcap } from '../../export/traceExport';
import { defaults } from '../../params';
import { seededRng } from '../../rng';
import { simulate } from '../../simulate';
import { getScenario } from '../../../scenarios';
import type { AuthorityReply, PackageEnv } from '../../sspi/package';
import { handleKdcRequest } from './kdc';
import { directoryKeytabEntries } from './keys';
import { ACCOUNTS, DOMAIN } from './loop.testkit';
import { kerberosPackage } from './package';
import { parseKerberosMessage } from './messages';

const ENV = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };

function run(cmd: string, args: string[], env: Record<string, string | undefined>, input?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const p = execFile(cmd, args, { env, encoding: 'utf8', timeout: 20000 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (e && e.code === 'ENOENT') { reject(new Error(`${cmd} is not installed (apt-get install -y krb5-user krb5-kdc krb5-admin-server tshark)`)); return; }
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out: `${stdout}${stderr}` });
    });
    if (input !== undefined) { p.stdin?.write(input); p.stdin?.end(); }
  });
}

function tcpRoundTrip(port: number, req: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) { s.destroy(); resolve(new Uint8Array(buf.subarray(4, 4 + buf.readUInt32BE(0)))); }
    });
    s.on('error', reject);
    s.connect(port, '127.0.0.1', () => { const l = Buffer.alloc(4); l.writeUInt32BE(req.length); s.write(Buffer.concat([l, Buffer.from(req)])); });
  });
}

function krb5conf(dir: string, port: number): string {
  const f = join(dir, `krb5-${port}.conf`);
  writeFileSync(f, `[libdefaults]\n default_realm = CONTOSO.LOCAL\n dns_lookup_kdc = false\n dns_lookup_realm = false\n udp_preference_limit = 1\n allow_weak_crypto = true\n[realms]\n CONTOSO.LOCAL = {\n  kdc = 127.0.0.1:${port}\n }\n`);
  return f;
}

let dir = '';
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'sspilab-krb-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('MIT kinit and kvno against our KDC', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    const kdc = { realm: 'CONTOSO.LOCAL', domain: DOMAIN, accounts: ACCOUNTS, now: () => new Date(), rng: seededRng(7, 'kdc'), params: defaults(), kdcHostName: 'DC01' };
    server = createServer((sock) => {
      let buf = Buffer.alloc(0);
      sock.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
          const n = buf.readUInt32BE(0);
          const rep = handleKdcRequest(kdc, new Uint8Array(buf.subarray(4, 4 + n)), 'tcp/88');
          buf = buf.subarray(4 + n);
          if (!rep) { sock.end(); return; }
          const l = Buffer.alloc(4); l.writeUInt32BE(rep.length);
          sock.write(Buffer.concat([l, Buffer.from(rep)]));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => { server.close(); });

  it('kinit (pre-authentication with our ETYPE-INFO2 salt), kvno, and kvno -k with our exported keytab', async () => {
    const env = { ...ENV, KRB5_CONFIG: krb5conf(dir, port), KRB5CCNAME: join(dir, 'cc') };
    const k = await run('kinit', ['alice@CONTOSO.LOCAL'], env, 'Summer2016!\n');
    expect(k.out, k.out).not.toMatch(/error|did not match/i);
    expect(k.code).toBe(0);
    const keytab = join(dir, 'directory.keytab');
    writeFileSync(keytab, writeKeytab(directoryKeytabEntries({ domain: DOMAIN, startTime: '2016-10-12T09:00:00Z', accounts: ACCOUNTS } as never)));
    const v = await run('kvno', ['-k', keytab, 'HTTP/intranet.contoso.local', 'cifs/fs01.contoso.local'], env);
    expect(v.out).toContain('HTTP/intranet.contoso.local@CONTOSO.LOCAL: kvno = 2, keytab entry valid');
    expect(v.out).toContain('cifs/fs01.contoso.local@CONTOSO.LOCAL: kvno = 2, keytab entry valid');
    const l = await run('klist', ['-e', '-f'], env);
    expect(l.out).toMatch(/krbtgt\/CONTOSO\.LOCAL@CONTOSO\.LOCAL[\s\S]*Flags: [A-Z]*I[A-Z]*[\s\S]*aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96/);
    const bad = await run('kinit', ['alice@CONTOSO.LOCAL'], { ...env, KRB5CCNAME: join(dir, 'cc2') }, 'wrong\n');
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/Preauthentication failed|Password incorrect/);
  });
});

describe('our client against a real MIT KDC', () => {
  let kdcProc: ChildProcess | null = null;
  const port = 20000 + (process.pid % 20000);
  beforeAll(async () => {
    const kdcConf = join(dir, 'kdc.conf');
    writeFileSync(kdcConf, `[kdcdefaults]\n kdc_tcp_listen = ${port}\n kdc_listen = ${port}\n[realms]\n CONTOSO.LOCAL = {\n  database_name = ${dir}/principal\n  key_stash_file = ${dir}/stash\n  acl_file = ${dir}/acl\n  supported_enctypes = aes256-cts-hmac-sha1-96:normal arcfour-hmac:normal\n }\n`);
    writeFileSync(join(dir, 'acl'), '');
    const env = { ...ENV, KRB5_CONFIG: krb5conf(dir, port), KRB5_KDC_PROFILE: kdcConf };
    for (const [cmd, args] of [
      ['kdb5_util', ['create', '-s', '-r', 'CONTOSO.LOCAL', '-P', 'masterpw']],
      ['kadmin.local', ['-r', 'CONTOSO.LOCAL', '-q', 'addprinc -pw Summer2016! +requires_preauth alice']],
      ['kadmin.local', ['-r', 'CONTOSO.LOCAL', '-q', 'addprinc -randkey HTTP/intranet.contoso.local']],
    ] as [string, string[]][]) {
      const r = await run(cmd, args, env);
      if (r.code !== 0) throw new Error(`${cmd} failed: ${r.out}`);
    }
    kdcProc = spawn('krb5kdc', ['-n', '-r', 'CONTOSO.LOCAL'], { env, stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const ok = await new Promise<boolean>((r) => { const s = new Socket(); s.on('error', () => r(false)); s.connect(port, '127.0.0.1', () => { s.destroy(); r(true); }); });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('krb5kdc did not start');
  });
  afterAll(() => { if (kdcProc?.pid) process.kill(kdcProc.pid); });

  it('the pre-authenticated AS-REQ and the TGS-REQ are accepted; the client reads both replies', async () => {
    const env = {
      nodeId: 'client', computerName: 'WS01', dnsHostName: 'ws01.contoso.local', domain: DOMAIN, now: () => new Date(), rng: seededRng(Date.now() >>> 0, 'c'),
      rngFor: (p: string) => seededRng(1, p), localAccounts: [], params: defaults(), enabledPackages: ['Kerberos'], logonSession: { tickets: [], data: {} },
      serviceAccount: null, packages: {},
    } as PackageEnv;
    const gen = kerberosPackage.initialize(env, { handle: 'h', package: 'Kerberos', use: 'outbound', source: 'supplied', identity: { user: 'alice', domain: 'CONTOSO', password: 'Summer2016!', realm: 'CONTOSO.LOCAL' } },
      null, null, { flags: 0x802, target: 'HTTP/intranet.contoso.local' });
    const seen: string[] = [];
    let n = gen.next();
    while (!n.done) {
      let reply: AuthorityReply | undefined;
      if (n.value.kind === 'request') {
        const r = await tcpRoundTrip(port, n.value.token);
        const m = parseKerberosMessage(r);
        seen.push(`${n.value.name} → ${m.name}${m.name === 'KRB-ERROR' ? ` ${(m.value as { errorCode: number }).errorCode}` : ''}`);
        reply = { token: r };
      }
      n = gen.next(reply);
    }
    expect(seen).toEqual(['AS-REQ → KRB-ERROR 25', 'AS-REQ → AS-REP', 'TGS-REQ → TGS-REP']);
    expect(n.value.status.name).toBe('SEC_I_CONTINUE_NEEDED');
    expect(env.logonSession.tickets.map((t) => t.server)).toEqual(['krbtgt/CONTOSO.LOCAL@CONTOSO.LOCAL', 'HTTP/intranet.contoso.local@CONTOSO.LOCAL']);
  });
});

describe('Wireshark with the exported keytab', () => {
  it('decrypts every ticket, authenticator and AP-REP of kerberos-smb and verifies the PAC signatures, with no warning', async () => {
    const scenario = getScenario('kerberos-smb');
    if (!scenario) throw new Error('scenario kerberos-smb is missing');
    const pcap = join(dir, 'k.pcap'), keytab = join(dir, 'k.keytab');
    writeFileSync(pcap, tracePcap(simulate(scenario)));
    writeFileSync(keytab, writeKeytab(directoryKeytabEntries(scenario)));
    const r = await run('tshark', ['-r', pcap, '-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${keytab}`, '-q', '-z', 'expert'], ENV);
    expect(r.code, r.out).toBe(0);
    for (const usage of [1, 2, 3, 7, 8, 11, 12]) expect(r.out, `usage ${usage}`).toMatch(new RegExp(`Decrypted keytype 18 usage ${usage} `));
    expect(r.out).toMatch(/Verified Server checksum 16 keytype 18 using keytab principal FS01\$@CONTOSO\.LOCAL/);
    expect(r.out).toMatch(/Verified KDC checksum 16 keytype 18 using keytab principal krbtgt\/CONTOSO\.LOCAL@CONTOSO\.LOCAL/);
    expect(r.out).not.toMatch(/Malformed|Warnings? \(|Errors? \(/);
  });
});
