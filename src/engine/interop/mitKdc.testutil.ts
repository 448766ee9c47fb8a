// Test helper: a throw-away MIT Kerberos KDC (Debian package krb5-kdc) for one realm, listening on
// 127.0.0.1 on a free TCP+UDP port, with its database, stash, config and log in a temp dir.
// Used by the interop tests to check that a real KDC accepts the engine's client messages.
// Every missing tool is a FAILURE with the apt package to install (never a skip).
/* eslint-disable no-restricted-imports, no-restricted-globals, no-restricted-properties */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs the KDC tools (not always on a non-root PATH). */
const SBIN = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Full path of a tool, or a clear error naming the Debian package that provides it. */
export function tool(name: string, aptPackage: string): string {
  for (const d of [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SBIN]) {
    const p = join(d, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed: install the Debian package ${aptPackage} (DEBIAN_FRONTEND=noninteractive apt-get install -y ${aptPackage}) to run this test`);
}

/** A port free on 127.0.0.1 for both TCP and UDP (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => resolve(typeof a === 'object' && a ? a.port : 0)); });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = createSocket('udp4');
      u.once('error', () => { u.close(); resolve(false); });
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (port && udpFree) return port;
  }
  throw new Error('could not find a free TCP+UDP port on 127.0.0.1');
}

export interface MitKdcOptions {
  realm: string;
  /** Principals to create: name (e.g. "alice" or "HTTP/web.contoso.local") and password. */
  principals: { name: string; password: string; /** +requires_preauth, as every Windows account by default (default true). */ requiresPreauth?: boolean }[];
  /** "enctype:salttype" list for supported_enctypes (default: aes256, aes128, rc4, normal salt). */
  enctypes?: string[];
}

export interface MitKdc {
  realm: string;
  port: number;
  dir: string;
  /** KRB5_CONFIG / KRB5_KDC_PROFILE (and a clean locale) for MIT tools talking to this KDC. */
  env: NodeJS.ProcessEnv;
  /** Write the principals' current keys to a keytab in the temp dir (kadmin.local ktadd -norandkey) and return its path. */
  exportKeytab(principals: string[]): string;
  /** The KDC's log so far (for failure messages). */
  log(): string;
  /** Send one Kerberos message over TCP (4-byte length prefix, RFC 4120 §7.2.2) and return the reply. */
  sendTcp(message: Uint8Array, timeoutMs?: number): Promise<Uint8Array>;
  /** Send one Kerberos message as a UDP datagram and return the reply datagram. */
  sendUdp(message: Uint8Array, timeoutMs?: number): Promise<Uint8Array>;
  stop(): Promise<void>;
}

const DEFAULT_ENCTYPES = ['aes256-cts-hmac-sha1-96:normal', 'aes128-cts-hmac-sha1-96:normal', 'rc4-hmac:normal'];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, what: string): string {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`${what}: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what}: ${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

function waitForTcp(port: number, proc: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (proc.exitCode !== null) { reject(new Error(`krb5kdc exited with ${proc.exitCode} before listening:\n${log()}`)); return; }
      const c = createConnection({ host: '127.0.0.1', port });
      c.once('connect', () => { c.destroy(); resolve(); });
      c.once('error', () => {
        c.destroy();
        if (Date.now() > deadline) reject(new Error(`krb5kdc did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${log()}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export function sendTcp(port: number, message: Uint8Array, timeoutMs = 10_000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const c = createConnection({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let got = 0;
    const timer = setTimeout(() => { c.destroy(); reject(new Error(`no reply from the KDC on tcp/${port} within ${timeoutMs} ms`)); }, timeoutMs);
    const done = (err: Error | null, value?: Uint8Array): void => { clearTimeout(timer); c.destroy(); if (err) reject(err); else resolve(value!); };
    c.once('connect', () => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(message.length);
      c.write(Buffer.concat([len, Buffer.from(message)]));
    });
    c.on('data', (d: Buffer) => {
      chunks.push(d);
      got += d.length;
      const all = Buffer.concat(chunks, got);
      if (all.length >= 4) {
        const n = all.readUInt32BE(0);
        if (all.length >= 4 + n) done(null, new Uint8Array(all.subarray(4, 4 + n)));
      }
    });
    c.once('error', (e) => done(e));
    c.once('end', () => done(new Error(`the KDC closed tcp/${port} after ${got} bytes without a complete reply`)));
  });
}

export function sendUdp(port: number, message: Uint8Array, timeoutMs = 10_000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const u = createSocket('udp4');
    const timer = setTimeout(() => { u.close(); reject(new Error(`no reply from the KDC on udp/${port} within ${timeoutMs} ms`)); }, timeoutMs);
    u.once('message', (m) => { clearTimeout(timer); u.close(); resolve(new Uint8Array(m)); });
    u.once('error', (e) => { clearTimeout(timer); u.close(); reject(e); });
    u.send(Buffer.from(message), port, '127.0.0.1');
  });
}

/** Create the realm's database and principals and start `krb5kdc -n` (foreground). */
export async function startMitKdc(opts: MitKdcOptions): Promise<MitKdc> {
  const kdb5Util = tool('kdb5_util', 'krb5-kdc');
  const kadminLocal = tool('kadmin.local', 'krb5-admin-server');
  const krb5kdc = tool('krb5kdc', 'krb5-kdc');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sspilab-mitkdc-'));
  const realm = opts.realm;
  const enctypes = (opts.enctypes ?? DEFAULT_ENCTYPES).join(' ');
  const kdcConf = join(dir, 'kdc.conf');
  const krb5Conf = join(dir, 'krb5.conf');
  const logFile = join(dir, 'kdc.log');
  writeFileSync(kdcConf, `[kdcdefaults]
 kdc_listen = 127.0.0.1:${port}
 kdc_tcp_listen = 127.0.0.1:${port}

[realms]
 ${realm} = {
  database_name = ${join(dir, 'principal')}
  key_stash_file = ${join(dir, 'stash')}
  acl_file = ${join(dir, 'kadm5.acl')}
  admin_keytab = FILE:${join(dir, 'kadm5.keytab')}
  kdc_listen = 127.0.0.1:${port}
  kdc_tcp_listen = 127.0.0.1:${port}
  master_key_type = aes256-cts-hmac-sha1-96
  supported_enctypes = ${enctypes}
  max_life = 10h 0m 0s
  max_renewable_life = 7d 0h 0m 0s
 }

[logging]
 kdc = FILE:${logFile}
 default = FILE:${logFile}
`);
  writeFileSync(krb5Conf, `[libdefaults]
 default_realm = ${realm}
 dns_lookup_kdc = false
 dns_lookup_realm = false
 rdns = false
 allow_weak_crypto = true
 kdc_timesync = 0
 udp_preference_limit = 1

[realms]
 ${realm} = {
  kdc = 127.0.0.1:${port}
 }
`);
  writeFileSync(join(dir, 'kadm5.acl'), '');
  const env: NodeJS.ProcessEnv = { ...process.env, KRB5_CONFIG: krb5Conf, KRB5_KDC_PROFILE: kdcConf, KRB5CCNAME: `FILE:${join(dir, 'ccache')}`, LC_ALL: 'C', TZ: 'UTC' };
  const log = (): string => { try { return readFileSync(logFile, 'utf8'); } catch { return '(no KDC log)'; } };
  try {
    const master = 'master-' + Math.random().toString(36).slice(2);
    run(kdb5Util, ['create', '-s', '-r', realm, '-P', master], env, 'creating the KDC database');
    for (const p of opts.principals) {
      if (/[\s"']/.test(p.password)) throw new Error(`kadmin.local -q cannot take a password with spaces or quotes (${p.name})`);
      const out = run(kadminLocal, ['-r', realm, '-q', `addprinc ${p.requiresPreauth === false ? '' : '+requires_preauth '}-pw ${p.password} ${p.name}`], env, `adding ${p.name}`);
      if (!/Principal ".*" created/.test(out)) throw new Error(`kadmin.local did not create ${p.name}:\n${out}`);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const proc = spawn(krb5kdc, ['-n', '-r', realm], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stdout?.on('data', (d: Buffer) => { stderr += d.toString(); });
  proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const fullLog = (): string => `${log()}\n${stderr}`;
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { proc.kill('SIGKILL'); }, 3000);
        proc.once('exit', () => { clearTimeout(t); resolve(); });
        proc.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForTcp(port, proc, fullLog);
  } catch (e) {
    await stop();
    throw e;
  }
  const exportKeytab = (principals: string[]): string => {
    const file = join(dir, `export-${principals.length}-${Date.now()}.keytab`);
    for (const p of principals) run(kadminLocal, ['-r', realm, '-q', `ktadd -k ${file} -norandkey ${p}`], env, `exporting the keys of ${p}`);
    return file;
  };
  return {
    realm, port, dir, env, log: fullLog, exportKeytab,
    sendTcp: (m, t) => sendTcp(port, m, t),
    sendUdp: (m, t) => sendUdp(port, m, t),
    stop,
  };
}
