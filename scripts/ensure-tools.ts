// First step of `npm test`: makes sure the real tools the tests check our bytes against are there.
// Never downloads Playwright's browsers: the end-to-end tests use Debian's chromium.
//
// When something is missing and we run as root on a machine with apt, it installs the Debian
// packages (one line says so; the daemons of krb5-kdc / krb5-admin-server are NOT started: a
// temporary /usr/sbin/policy-rc.d forbids it, the tests run their own throw-away KDC). Otherwise
// it stops at once with one line naming the command to run.
//
//   tsx scripts/ensure-tools.ts            every tool the test suite needs
//   tsx scripts/ensure-tools.ts chromium   only Debian's chromium (what `npm run test:e2e` needs)
//   tsx scripts/ensure-tools.ts --dry-run  say what would be installed, change nothing
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Requirement {
  /** The Debian package that provides it. */
  pkg: string;
  /** What is looked for, in words ("tshark", "python3: import gssapi"). */
  what: string;
  present: () => boolean;
}

export interface Host {
  isRoot: boolean;
  hasApt: boolean;
  /** Runs a command (no shell); returns its exit status. */
  run: (cmd: string, args: string[], env: Record<string, string>) => number;
  log: (line: string) => void;
  error: (line: string) => void;
  /** Where Debian's invoke-rc.d looks for the policy that forbids starting daemons. */
  policyRcD: string;
  dryRun?: boolean;
}

/** Where Debian installs tools (sbin is not always on a non-root PATH). */
const DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function onPath(name: string): boolean {
  return [...(process.env.PATH ?? '').split(':').filter(Boolean), ...DIRS].some((d) => existsSync(join(d, name)));
}

function pythonHas(modules: string[]): () => boolean {
  // The interop tests run /usr/bin/python3. find_spec does not import (fast).
  return () => spawnSync('/usr/bin/python3', ['-c', `import importlib.util,sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in ${JSON.stringify(modules)}) else 1)`]).status === 0;
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function requirements(only?: string[]): Requirement[] {
  const all: Requirement[] = [
    { pkg: 'chromium', what: CHROMIUM, present: () => existsSync(CHROMIUM) },
    { pkg: 'tshark', what: 'tshark', present: () => onPath('tshark') },
    { pkg: 'krb5-user', what: 'klist, kinit', present: () => onPath('klist') && onPath('kinit') },
    { pkg: 'krb5-kdc', what: 'krb5kdc, kdb5_util', present: () => onPath('krb5kdc') && onPath('kdb5_util') },
    { pkg: 'krb5-admin-server', what: 'kadmin.local', present: () => onPath('kadmin.local') },
    { pkg: 'python3-impacket', what: 'python3: import impacket', present: pythonHas(['impacket']) },
    { pkg: 'python3-gssapi', what: 'python3: import gssapi', present: pythonHas(['gssapi']) },
    { pkg: 'openssl', what: 'openssl', present: () => onPath('openssl') },
  ];
  return only && only.length ? all.filter((r) => only.includes(r.pkg)) : all;
}

/** Checks, installs what is missing when it can, and says in one line what it did or what to run.
 * Returns true when every requirement is met afterwards. */
export function ensureTools(reqs: Requirement[], host: Host): boolean {
  if (process.env.CHROMIUM_PATH && reqs.some((r) => r.pkg === 'chromium' && !r.present())) {
    host.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there: fix it or unset it to use Debian's chromium.`);
    return false;
  }
  const missing = reqs.filter((r) => !r.present());
  if (missing.length === 0) return true;
  const pkgs = [...new Set(missing.map((r) => r.pkg))];
  const command = `DEBIAN_FRONTEND=noninteractive apt-get install -y ${pkgs.join(' ')}`;
  if (!host.isRoot || !host.hasApt) {
    const how = host.hasApt ? `run: sudo ${command}` : `install the equivalent of the Debian packages ${pkgs.join(', ')}`;
    host.error(`The tests check our bytes with real tools, and these are missing: ${missing.map((r) => `${r.what} (${r.pkg})`).join(', ')}; ${how}`);
    return false;
  }
  host.log(`Installing the Debian packages the tests need (real tools check our bytes): ${pkgs.join(' ')}${host.dryRun ? ' [dry run: nothing done]' : ''}`);
  if (host.dryRun) return true;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } as Record<string, string>;
  // Install only: krb5-kdc / krb5-admin-server must not start their daemons (no realm is configured).
  const madePolicy = !existsSync(host.policyRcD);
  try {
    if (madePolicy) { writeFileSync(host.policyRcD, '#!/bin/sh\nexit 101\n'); chmodSync(host.policyRcD, 0o755); }
    if (host.run('apt-get', ['update', '-qq'], env) !== 0) { host.error('apt-get update failed (its output is above).'); return false; }
    if (host.run('apt-get', ['install', '-y', '-qq', ...pkgs], env) !== 0) { host.error(`apt-get install failed (its output is above): ${command}`); return false; }
  } finally {
    if (madePolicy) rmSync(host.policyRcD, { force: true });
  }
  const still = missing.filter((r) => !r.present());
  if (still.length) {
    host.error(`Installed ${pkgs.join(' ')}, but still missing: ${still.map((r) => `${r.what} (${r.pkg})`).join(', ')}.`);
    return false;
  }
  return true;
}

export function realHost(dryRun = false): Host {
  return {
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: existsSync('/usr/bin/apt-get'),
    // apt's output is shown only when it fails (on success, the one line above says it all).
    run: (cmd, args, env) => {
      const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `${r.error.message}\n` : ''}`);
      return r.status ?? 1;
    },
    log: (l) => console.log(l),
    error: (l) => console.error(l),
    policyRcD: '/usr/sbin/policy-rc.d',
    dryRun,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const only = args.filter((a) => !a.startsWith('--'));
  process.exitCode = ensureTools(requirements(only), realHost(dryRun)) ? 0 : 1;
}
