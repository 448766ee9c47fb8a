// The CLI as a real process (what `npm run --silent sim -- …` runs), since the README documents the
// process's output and exit status: --json prints only the engine's trace, --pcap writes the
// exporter's bytes, --keytab a keytab MIT's `klist -k` lists with the scenario's principals, a
// failed authentication exits 0, bad input exits 2. Needs krb5-user (klist): fails without it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { scenarioKeytab, traceJson, tracePcap } from '../engine/export/traceExport';
import { getScenario } from '../scenarios';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sspilab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sim(...args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The principal of every entry `klist -k` lists, in file order. */
function klistEntries(file: string): string[] {
  let out: string;
  try {
    out = execFileSync('klist', ['-k', file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('klist is not installed: apt-get install -y krb5-user (npm test installs it when run as root)', { cause: e });
    throw e;
  }
  return out.split('\n').map((l) => /^\s*\d+\s+(\S+@\S+)\s*$/.exec(l)?.[1]).filter((x): x is string => !!x);
}

describe('sim CLI as a process', () => {
  it('kerberos-smb --json --pcap --keytab: stdout is the trace, the files are the exports, klist lists every principal', { timeout: 120_000 }, () => {
    const pcap = join(dir, 'k.pcap'), keytab = join(dir, 'k.keytab');
    const r = sim('kerberos-smb', '--json', '--pcap', pcap, '--keytab', keytab);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const scenario = getScenario('kerberos-smb')!;
    const engine = simulate(scenario);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(traceJson(engine)));
    expect(r.stdout).toBe(traceJson(engine) + '\n');
    expect(readFileSync(pcap).equals(Buffer.from(tracePcap(engine)))).toBe(true);
    const realm = scenario.domain!.dnsName.toUpperCase();
    const expected = scenario.accounts.flatMap((a) => [a.name === 'krbtgt' ? `krbtgt/${realm}` : a.name, ...(a.spns ?? [])]).map((p) => `${p}@${realm}`);
    const listed = klistEntries(keytab);
    expect([...new Set(listed)].sort()).toEqual([...new Set(expected)].sort());
    // one entry per principal and key type (the three Windows enctypes of each account)
    expect(listed.length).toBe(expected.length * 3);
    expect(readFileSync(keytab).equals(Buffer.from(scenarioKeytab(scenario)!))).toBe(true);
  });

  it('a failed authentication exits 0 with its outcome; bad input exits 2 with one line', { timeout: 120_000 }, () => {
    const failed = sim('ntlm-workgroup', '--set', 'password=wrong');
    expect(failed.code).toBe(0);
    expect(failed.stdout).toMatch(/\nOutcome: failed — NTLM, SEC_E_LOGON_DENIED\. /);
    const bad = sim('ntlm-workgroup', '--set', 'nosuch=1');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
