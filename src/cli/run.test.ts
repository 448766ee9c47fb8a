import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { SCENARIOS } from '../scenarios';

const files: Record<string, string> = {};
const io = { readFile: (p: string) => { if (!(p in files)) { const e = new Error('ENOENT') as NodeJS.ErrnoException; e.code = 'ENOENT'; throw e; } return files[p]; }, writeFile: () => {} };

describe('sim CLI: bad input exits 2 with one clear line', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['no-such-scenario'], /unknown scenario "no-such-scenario"/],
    [[], /no scenario given/],
    [['ntlm-workgroup', '--set', 'nosuch=1'], /unknown parameter "nosuch"/],
    [['ntlm-workgroup', '--set', 'kdcReachable=maybe'], /takes true or false/],
    [['ntlm-workgroup', '--set', 'lmCompatibilityLevel=9'], /between 0 and 5/],
    [['ntlm-workgroup', '--set', 'password'], /expected name=value/],
    [['ntlm-workgroup', '--client', 'Kerberos,Foo'], /unknown package "Foo"/],
    [['--file', 'missing.json'], /cannot read missing.json: ENOENT/],
    [['ntlm-workgroup', 'ntlm-domain'], /one scenario at a time/],
  ];
  for (const [argv, re] of cases) {
    it(argv.join(' ') || '(no arguments)', () => {
      const r = runCli(argv, io);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    });
  }

  it('a malformed JSON file names the line and column', () => {
    files['broken.json'] = '{\n  "id": "x",\n  "title": oops\n}';
    const r = runCli(['--file', 'broken.json'], io);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken.json: not valid JSON at line 3, column \d+/);
  });

  it('a schema error names each field path, one line per problem', () => {
    const s = JSON.parse(JSON.stringify(SCENARIOS[0]));
    s.nodes[1].address = '300.1.2.3';
    s.level = 'expert';
    delete s.goal;
    files['bad.json'] = JSON.stringify(s);
    const r = runCli(['--file', 'bad.json'], io);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(r.stderr).toContain('bad.json: nodes[1].address: not an IPv4 address');
    expect(r.stderr).toContain('bad.json: level:');
    expect(r.stderr).toContain('bad.json: goal:');
  });
});

describe('sim CLI: listing', () => {
  it('--list prints id<TAB>title for every built-in scenario', () => {
    const r = runCli(['--list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(SCENARIOS.length);
    for (const [i, l] of lines.entries()) expect(l).toBe(`${SCENARIOS[i].id}\t${SCENARIOS[i].title}`);
  });
  it('--help exits 0', () => {
    expect(runCli(['--help']).code).toBe(0);
  });
});
