// MIT's own reader accepts our keytab: `klist -k -t -e -K` lists every entry with its key.
// Needs krb5-user (klist); fails, with a clear message, when it is not installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes.ts';
import { writeKeytab } from './keytab.ts';

function klist(file: string): string {
  try {
    return execFileSync('klist', ['-k', '-t', '-e', '-K', file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error('klist is not installed: install MIT Kerberos client tools (apt-get install -y krb5-user) to run this test', { cause: e });
    throw new Error(`klist failed on the written keytab: ${err.stderr ?? err.message}`, { cause: e });
  }
}

describe('keytab read by MIT klist', () => {
  it('lists every entry with principal, kvno, enctype and key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sspilab-keytab-'));
    try {
      const file = join(dir, 'test.keytab');
      writeFileSync(file, writeKeytab([
        { principal: ['krbtgt', 'CORP.EXAMPLE'], realm: 'CORP.EXAMPLE', kvno: 2, etype: 18, key: fromHex('fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161'), timestamp: new Date('2016-10-12T09:00:00Z') },
        { principal: ['HTTP', 'web.corp.example'], realm: 'CORP.EXAMPLE', kvno: 300, etype: 17, key: fromHex('42263c6e89f4fc28b8df68ee09799f15'), timestamp: new Date('2016-10-12T09:00:00Z'), nameType: 3 },
        { principal: ['alice'], realm: 'CORP.EXAMPLE', kvno: 1, etype: 23, key: fromHex('a4f49c406510bdcab6824ee7c30fd852'), timestamp: new Date('2016-10-12T09:00:00Z') },
      ]));
      const out = klist(file);
      const rows = out.split('\n').filter((l) => /@CORP\.EXAMPLE/.test(l));
      expect(rows.length).toBe(3);
      expect(rows[0]).toMatch(/^\s*2 .*krbtgt\/CORP\.EXAMPLE@CORP\.EXAMPLE \(aes256-cts-hmac-sha1-96\)\s+\(0xfe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161\)/);
      expect(rows[1]).toMatch(/^\s*300 .*HTTP\/web\.corp\.example@CORP\.EXAMPLE \(aes128-cts-hmac-sha1-96\)\s+\(0x42263c6e89f4fc28b8df68ee09799f15\)/);
      expect(rows[2]).toMatch(/^\s*1 .*alice@CORP\.EXAMPLE \((DEPRECATED:)?(arcfour|rc4)-hmac\)\s+\(0xa4f49c406510bdcab6824ee7c30fd852\)/);
      expect(rows[0]).toMatch(/10\/12\/(20)?16 09:00:00/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
