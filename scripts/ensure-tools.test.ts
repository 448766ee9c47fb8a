// The installer step of `npm test`, with the machine faked: which tools are present, whether we are
// root with apt, and the commands it would run. (scripts/ensure-tools.ts is also run for real in CI.)
import { existsSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTools, requirements, type Host, type Requirement } from './ensure-tools';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function fakeHost(over: Partial<Host> & { installs?: (pkgs: string[]) => void } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-tools-'));
  dirs.push(dir);
  const calls: { cmd: string; args: string[]; env: Record<string, string>; policyDuring: string | null }[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const host: Host = {
    isRoot: true,
    hasApt: true,
    policyRcD: join(dir, 'policy-rc.d'),
    log: (l) => out.push(l),
    error: (l) => err.push(l),
    run: (cmd, args, env) => {
      const p = join(dir, 'policy-rc.d');
      calls.push({ cmd, args, env, policyDuring: existsSync(p) ? readFileSync(p, 'utf8') : null });
      if (args[0] === 'install') over.installs?.(args.filter((a) => !a.startsWith('-') && a !== 'install'));
      return 0;
    },
    ...over,
  };
  return { host, calls, out, err, dir };
}

function req(pkg: string, present: { value: boolean }): Requirement {
  return { pkg, what: pkg, present: () => present.value };
}

describe('ensure-tools: the first step of npm test', () => {
  it('does nothing and says nothing when every tool is there', () => {
    const f = fakeHost();
    expect(ensureTools([req('tshark', { value: true }), req('openssl', { value: true })], f.host)).toBe(true);
    expect(f.calls).toEqual([]);
    expect(f.out).toEqual([]);
    expect(f.err).toEqual([]);
  });

  it('as root with apt: installs exactly the missing packages, non-interactively, with the daemons kept from starting, in one line', () => {
    const tshark = { value: false }, kdc = { value: false }, ok = { value: true };
    const f = fakeHost({ installs: (pkgs) => { if (pkgs.includes('tshark')) tshark.value = true; if (pkgs.includes('krb5-kdc')) kdc.value = true; } });
    expect(ensureTools([req('tshark', tshark), req('krb5-kdc', kdc), req('openssl', ok)], f.host)).toBe(true);
    expect(f.calls.map((c) => [c.cmd, ...c.args].join(' '))).toEqual(['apt-get update -qq', 'apt-get install -y -qq tshark krb5-kdc']);
    for (const c of f.calls) {
      expect(c.env.DEBIAN_FRONTEND).toBe('noninteractive');
      expect(c.policyDuring).toBe('#!/bin/sh\nexit 101\n');
    }
    expect(existsSync(f.host.policyRcD)).toBe(false);
    expect(f.out).toHaveLength(1);
    expect(f.out[0]).toMatch(/^Installing the Debian packages the tests need .*: tshark krb5-kdc$/);
    expect(f.err).toEqual([]);
  });

  it('leaves an existing policy-rc.d alone and removes its own even when apt fails', () => {
    const f = fakeHost({ run: () => 1 });
    expect(ensureTools([req('tshark', { value: false })], f.host)).toBe(false);
    expect(existsSync(f.host.policyRcD)).toBe(false);
    expect(f.err).toHaveLength(1);
    const g = fakeHost();
    const mine = '#!/bin/sh\nexit 0\n';
    writeFileSync(g.host.policyRcD, mine);
    ensureTools([req('tshark', { value: false })], g.host);
    expect(readFileSync(g.host.policyRcD, 'utf8')).toBe(mine);
    expect(g.calls[0].policyDuring).toBe(mine);
  });

  it('fails when apt ran but the tool is still missing', () => {
    const f = fakeHost();
    expect(ensureTools([req('tshark', { value: false })], f.host)).toBe(false);
    expect(f.err.join('\n')).toMatch(/still missing: tshark \(tshark\)/);
  });

  it('not root: stops at once with one line naming the command to run', () => {
    const f = fakeHost({ isRoot: false });
    expect(ensureTools([req('tshark', { value: false }), req('python3-gssapi', { value: false }), req('openssl', { value: true })], f.host)).toBe(false);
    expect(f.calls).toEqual([]);
    expect(f.out).toEqual([]);
    expect(f.err).toHaveLength(1);
    expect(f.err[0]).toContain('sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tshark python3-gssapi');
  });

  it('no apt: one line naming the packages', () => {
    const f = fakeHost({ hasApt: false });
    expect(ensureTools([req('krb5-user', { value: false })], f.host)).toBe(false);
    expect(f.calls).toEqual([]);
    expect(f.err).toHaveLength(1);
    expect(f.err[0]).toMatch(/krb5-user/);
  });

  it('dry run: says what it would install and runs nothing', () => {
    const f = fakeHost({ dryRun: true });
    expect(ensureTools([req('hello', { value: false })], f.host)).toBe(true);
    expect(f.calls).toEqual([]);
    expect(f.out[0]).toMatch(/hello \[dry run/);
  });

  it('the real list covers every package the interop and browser tests use, and on this machine all are present', () => {
    const all = requirements();
    expect(all.map((r) => r.pkg).sort()).toEqual(['chromium', 'krb5-admin-server', 'krb5-kdc', 'krb5-user', 'openssl', 'python3-gssapi', 'python3-impacket', 'tshark']);
    expect(all.filter((r) => !r.present()).map((r) => r.pkg)).toEqual([]);
    expect(requirements(['chromium']).map((r) => r.pkg)).toEqual(['chromium']);
  });
});
