// Every malformed call and scenario file of issue 9 gets exit 2 and one line naming the field (exit 1
// is only for a fault of the engine); the legitimate ones run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { getScenario } from '../scenarios';
import type { Scenario } from '../engine/scenario';

type Edit = (s: Scenario & Record<string, unknown>) => void;
const files: Record<string, string> = {};
const io = { readFile: (p: string) => files[p], writeFile: () => {} };
const fileWith = (base: string, edit: Edit, raw?: (json: string) => string): string => {
  const s = JSON.parse(JSON.stringify(getScenario(base)));
  edit(s);
  const name = `case${Object.keys(files).length}.json`;
  files[name] = raw ? raw(JSON.stringify(s)) : JSON.stringify(s);
  return name;
};
const node = (s: Scenario, role: string) => s.nodes.find((n) => n.role === role)!;

const FILE_CASES: [string, string, Edit, RegExp, ((j: string) => string)?][] = [
  ['resource with a space', 'ntlm-workgroup', (s) => { s.application.resource = '/a b'; }, /application\.resource: no spaces/],
  ['resource with CRLF', 'ntlm-workgroup', (s) => { s.application.resource = '/a\r\nX-Injected: 1'; }, /application\.resource: no spaces or control characters/],
  ['target with CRLF', 'ntlm-workgroup', (s) => { s.application.target = 'web01\r\nX-Injected: 1'; }, /application\.target: a host name/],
  ['protocol ldap (not built yet)', 'ntlm-workgroup', (s) => { (s.application as { protocol: string }).protocol = 'ldap-nope'; }, /application\.protocol: application protocol "[a-z-]+" is not built yet/],
  ['protocol rpc (not built yet)', 'ntlm-workgroup', (s) => { (s.application as { protocol: string }).protocol = 'rpc'; }, /application\.protocol: application protocol "[a-z-]+" is not built yet/],
  ['clock offset 1e15', 'ntlm-workgroup', (s) => { s.nodes[0].clockOffsetSeconds = 1e15; }, /nodes\[0\]\.clockOffsetSeconds: a clock is offset by at most ten years/],
  ['startTime year 275760', 'ntlm-workgroup', (s) => { s.startTime = '+275760-09-13T00:00:00.000Z'; }, /startTime: not an ISO 8601 time/],
  ['startTime 2026-02-30', 'ntlm-workgroup', (s) => { s.startTime = '2026-02-30T09:00:00Z'; }, /startTime: 2026-02-30 is not a date that exists/],
  ['startTime "1"', 'ntlm-workgroup', (s) => { s.startTime = '1'; }, /startTime: not an ISO 8601 time/],
  ['startTime in year 9999', 'ntlm-workgroup', (s) => { s.startTime = '9999-12-31T23:00:00Z'; }, /startTime: must be between 1970-01-01 and 9998-12-31/],
  ['krbtgt with enctypes []', 'kerberos-smb', (s) => { s.accounts.find((a) => a.kind === 'krbtgt')!.enctypes = []; }, /accounts\[\d+\]\.enctypes: krbtgt needs at least one encryption type/],
  ['kvno 2^40', 'kerberos-smb', (s) => { s.accounts[0].kvno = 2 ** 40; }, /accounts\[0\]\.kvno: a key version number \(kvno\) is a 32-bit number/],
  ['params.__proto__', 'ntlm-workgroup', (s) => { s.params = { lmCompatibilityLevel: 3 }; }, /params\.__proto__: not a field of a scenario/, (j) => j.replace('"params":{', '"params":{"__proto__":{"x":1},')],
  ['params.constructor', 'ntlm-workgroup', (s) => { s.params = { constructor: 1 } as never; }, /params\.constructor: unknown parameter/],
  ['1 MB user name', 'ntlm-workgroup', (s) => { node(s, 'client').logon!.user = 'a'.repeat(1 << 20); }, /nodes\[0\]\.logon\.user: a user name is at most 256 characters/],
  ['two clients', 'ntlm-workgroup', (s) => { s.nodes.push({ ...s.nodes[0], id: 'client2' }); }, /nodes\[2\]\.role: one client per scenario/],
  ['two DCs', 'kerberos-smb', (s) => { s.nodes.push({ ...node(s, 'dc'), id: 'dc2' }); }, /nodes\[3\]\.role: one dc per domain/],
  ['duplicate accounts with different passwords', 'kerberos-smb', (s) => { s.accounts.push({ ...s.accounts[0], password: 'other', rid: 4321 }); }, /accounts\[\d+\]\.name: duplicate account/],
  ['two krbtgt accounts', 'kerberos-smb', (s) => { s.accounts.push({ ...s.accounts.find((a) => a.kind === 'krbtgt')!, name: 'krbtgt2', rid: 4322 }); }, /accounts\[\d+\]\.kind: one krbtgt account per domain/],
  ['a domain with no dc node', 'kerberos-smb', (s) => { s.nodes = s.nodes.filter((n) => n.role !== 'dc'); }, /nodes: a scenario with a domain needs a node with role "dc"/],
  ['logonFirst without a domain', 'ntlm-workgroup', (s) => { s.logonFirst = true; }, /logonFirst: a domain logon needs the scenario's domain/],
  ['service account missing from the directory', 'kerberos-smb', (s) => { node(s, 'server').serviceAccount = 'nobody'; }, /nodes\[\d\]\.serviceAccount: no account "nobody" in accounts/],
  ['package not offered, no Negotiate', 'ntlm-workgroup', (s) => { s.application.package = 'Kerberos'; s.application.serverOffers = ['NTLM']; }, /application\.serverOffers: the application asks for Kerberos, but the server offers only NTLM/],
  ['serverOffers []', 'ntlm-workgroup', (s) => { s.application.serverOffers = []; }, /application\.serverOffers: the server must offer at least one package/],
];

describe('sim --file: each bad scenario file exits 2 with one line naming the field', () => {
  for (const [name, base, edit, re, raw] of FILE_CASES) {
    it(name, () => {
      const r = runCli(['--file', fileWith(base, edit, raw)], io);
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.length).toBeLessThan(400);
      expect(r.code).toBe(2);
    });
  }
  it('a UTF-8 BOM is skipped: the file runs', () => {
    const r = runCli(['--file', fileWith('ntlm-workgroup', () => {}, (j) => `\ufeff${j}`)], io);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('sim: bad arguments exit 2 with one line a person understands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-'));
  const cases: [string[], RegExp][] = [
    [['ntlm-workgroup', '--seed', '-5'], /^sim: --seed -5: the seed is a whole number from 0 to 4294967295\n$/],
    [['ntlm-workgroup', '--set', 'startTime=-1'], /startTime.*not an ISO 8601 time/],
    [['ntlm-workgroup', '--set', 'startTime=1'], /startTime.*not an ISO 8601 time/],
    [['ntlm-workgroup', '--set', 'startTime=<b>html</b>'], /startTime.*not an ISO 8601 time/],
    [['ntlm-workgroup', '--set', 'startTime=+275760-09-13T00:00:00.000Z'], /startTime.*not an ISO 8601 time/],
    [['ntlm-workgroup', '--set', 'startTime=2026-02-30T00:00:00Z'], /2026-02-30 is not a date that exists/],
    [['ntlm-workgroup', '--set', `user=${'u'.repeat(1 << 20)}`], /parameter "user" is at most 256 characters/],
    [['ntlm-workgroup', '--set', 'target=web01\r\nX: 1'], /parameter "target" takes a host name/],
    [['ntlm-workgroup', '--pcap', join(dir, 'missing', 'x.pcap')], /--pcap .*missing.*: cannot write it: the folder does not exist/],
    [['ntlm-workgroup', '--pcap', dir], /--pcap .*: cannot write it: that is a folder/],
    [['--file', '/dev/zero'], /--file \/dev\/zero: larger than 1 MiB/],
  ];
  for (const [argv, re] of cases) {
    it(argv.join(' ').slice(0, 80), () => {
      const r = runCli(argv);
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.code).toBe(2);
    });
  }
  it('--keytab with a kvno at the top of its 32 bits runs', () => {
    const s = JSON.parse(JSON.stringify(getScenario('kerberos-smb')));
    s.accounts.forEach((a: { kvno?: number }) => { a.kvno = 0xffffffff; });
    files['kvno.json'] = JSON.stringify(s);
    const r = runCli(['--file', 'kvno.json', '--keytab', 'k.keytab'], io);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
