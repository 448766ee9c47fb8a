// A whole Remote Desktop run (credssp-rdp-ntlm-by-ip) checked by /usr/bin/python3 with code that shares
// nothing with the engine (rdpRunCheck.py): impacket's NTLM functions derive the keys from the password
// alone and unseal the mechListMICs, pubKeyAuth both ways and authInfo, checking every signature in
// sequence; hashlib recomputes both binding hashes from clientNonce and the certificate as it travelled;
// pyasn1 reads the TSRequests and TSCredentials and impacket's TSCredentials encodes the same bytes.
// FAILS (never skips) when python3-impacket is missing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../bytes';
import type { Field } from '../../encoding/fields';
import { getScenario } from '../../../scenarios';
import { simulate } from '../../simulate';
import type { MessageEvent } from '../../trace';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'rdpRunCheck.py');

function decryptedTsRequest(m: MessageEvent): string {
  let out = '';
  const walk = (fs: Field[]) => { for (const f of fs) { if (f.decrypted?.name === 'TSRequest') { const ts = f.decrypted.fields.find((x) => x.name === 'TSRequest')!; out = f.decrypted.hex.slice(2 * ts.start, 2 * ts.end); } if (f.children) walk(f.children); } };
  walk(m.fields);
  return out;
}

describe('credssp-rdp-ntlm-by-ip, unsealed by impacket and hashed by hashlib', () => {
  const trace = simulate(getScenario('credssp-rdp-ntlm-by-ip')!);
  const messages = trace.events.filter((e): e is MessageEvent => e.type === 'message');
  const flight = messages.find((m) => m.protocol === 'TLS' && m.name.includes('Certificate'))!;
  const bytes = fromHex(flight.hex);
  const certField = (function find(fs: Field[]): Field | undefined { for (const f of fs) { if (f.name === 'Certificate' && bytes[f.start] === 0x30) return f; const c = f.children && find(f.children); if (c) return c; } return undefined; })(flight.fields)!;
  const input = {
    user: 'alice', domain: 'CONTOSO', password: 'Summer2016!',
    certificate: flight.hex.slice(2 * certField.start, 2 * certField.end),
    tsRequests: messages.filter((m) => m.protocol === 'CredSSP').map((m) => ({ from: m.from, hex: decryptedTsRequest(m) })),
  };
  const probe = spawnSync(PYTHON, ['-c', 'import impacket, pyasn1, Cryptodome'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(`impacket is not importable by ${PYTHON}. Install python3-impacket (apt-get install -y python3-impacket)`);
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rdpRunCheck.py exited with ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout);

  it('finds the NTLM exchange and checks both mechListMICs with keys from the password', () => {
    expect(report.challengeSeen).toBe(true);
    expect(report.user).toBe('alice');
    expect(report.mics).toEqual([{ from: 'client', ok: true }, { from: 'server', ok: true }]);
  });
  it('pubKeyAuth both ways: the signature checks and the plaintext is hashlib\'s SHA-256 of magic, clientNonce and the certificate\'s key', () => {
    expect(report.pubKeyAuth).toHaveLength(2);
    for (const p of report.pubKeyAuth) { expect(p.signatureOk).toBe(true); expect(p.hash).toBe(p.hashlib); }
  });
  it('authInfo unseals to TSCredentials with Alice\'s password, which impacket encodes byte for byte', () => {
    expect(report.authInfo).toMatchObject({ signatureOk: true, credType: 1, domainName: 'CONTOSO', userName: 'alice', password: 'Summer2016!', impacketEncodesTheSame: true });
  });
});
