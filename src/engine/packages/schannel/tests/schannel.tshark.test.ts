// The Schannel scenarios' captures checked by tshark: no malformed packet and no expert warning, and
// with the run's NSS key log every TLS/DTLS record decrypts (the HTTP inside is dissected).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getScenario } from '../../../../scenarios';
import { simulate } from '../../../simulate';
import { traceKeylog, tracePcap } from '../../../export/traceExport';

const dir = mkdtempSync(join(tmpdir(), 'sspi-schannel-'));
const tshark = (args: string[]) => execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

const CASES: [string, RegExp[]][] = [
  ['schannel-tls12', [/GET \/ HTTP\/1.1/, /HTTP\/1.1 200 OK/]],
  ['schannel-tls13', [/Encrypted Extensions, Certificate, Certificate Verify, Finished/, /New Session Ticket/, /GET \/ HTTP\/1.1/, /HTTP\/1.1 200 OK/]],
  ['schannel-ssl3-legacy', [/SSLv2 .*Client Hello/, /SSLv3 .*Server Hello, Certificate, Server Hello Done/, /GET \/ HTTP\/1.1/]],
  ['schannel-no-common-version', [/Alert \(Level: Fatal, Description: Protocol Version\)/]],
  ['schannel-dtls', [/Hello Verify Request/, /Client Key Exchange, Change Cipher Spec, Finished/]],
  ['schannel-untrusted-cert', [/Alert \(Level: Fatal, Description: Unknown CA\)/]],
  ['schannel-client-cert', [/Certificate, Client Key Exchange, Certificate Verify, Change Cipher Spec, Finished/, /HTTP\/1.1 200 OK/]],
];

describe('Schannel captures in tshark, decrypted with the exported key log', () => {
  for (const [id, expects] of CASES) {
    it(id, () => {
      const trace = simulate(getScenario(id)!);
      const pcap = join(dir, `${id}.pcap`), keylog = join(dir, `${id}.keylog`);
      writeFileSync(pcap, tracePcap(trace));
      // A handshake that fails before any key is made has an empty key log.
      writeFileSync(keylog, traceKeylog(trace) ?? '');
      const opts = ['-r', pcap, '-o', `tls.keylog_file:${keylog}`];
      expect(tshark([...opts, '-Y', '_ws.malformed || _ws.expert.severity >= warning']).trim()).toBe('');
      const summary = tshark(opts);
      for (const re of expects) expect(summary).toMatch(re);
      // Every application-data record decrypts: tshark shows the decrypted bytes for each.
      const enc = tshark([...opts, '-Y', 'tls.app_data || dtls.app_data', '-T', 'fields', '-e', 'frame.number']).trim();
      const dec = tshark([...opts, '-Y', 'http || data || dtls.app_data', '-T', 'fields', '-e', 'frame.number']).trim();
      if (trace.outcome.result === 'authenticated') expect(enc.split('\n').length).toBeLessThanOrEqual(Math.max(1, dec.split('\n').length));
      if (id === 'schannel-dtls') expect(tshark([...opts, '-x']).includes('HELLO over DTLS')).toBe(true);
    }, 90_000); // five tshark runs: seconds each on a busy 2-core machine
  }
});
