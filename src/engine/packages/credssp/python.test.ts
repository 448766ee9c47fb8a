// Independent check of the CredSSP encoders: /usr/bin/python3 reads what the engine builds with
// pyasn1 and the MS-CSSP ASN.1 module (credsspCheck.py, written separately), impacket's own
// CredSSP structures (python3-impacket's rdp_check.py) encode the same password credentials, and
// hashlib recomputes the binding hashes. FAILS (never skips) when python3-impacket is missing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from '../../bytes';
import { readFidelity } from '../../testing/fidelity';
import {
  bindingHash, buildTsCredentials, buildTsRequest, errorCodeValue, parseTsCredentials, restrictedAdminCredentials,
} from './messages';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'credsspCheck.py');

function runPython(input: unknown): Record<string, unknown[]> & { errors: string[] } {
  const probe = spawnSync(PYTHON, ['-c', 'import impacket, pyasn1'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`impacket is not importable by ${PYTHON} (${probe.error?.message ?? probe.stderr.trim()}). Install python3-impacket (apt-get install -y python3-impacket)`);
  }
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`credsspCheck.py exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// Deterministic "random" bytes for the test values (no RNG needed: any bytes do).
const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff);
const spnegoInit = readFidelity('captures/pyspnego-tokens/initial_context_token_neg_token_init');
const ntlmNeg = readFidelity('captures/pyspnego-tokens/ntlm_negotiate');

const requests = [
  { version: 6, negoTokens: [spnegoInit], clientNonce: bytesOf(32, 1) },
  { version: 6, pubKeyAuth: bytesOf(48, 2), negoTokens: [bytesOf(90, 3)] },
  { version: 6, authInfo: bytesOf(120, 4) },
  { version: 6, errorCode: errorCodeValue(0xc000006d) },
  { version: 4, errorCode: errorCodeValue(0x8009030c) },
  { version: 2, negoTokens: [ntlmNeg] },
  { version: 3, pubKeyAuth: bytesOf(300, 5) },
];
const credentials = [
  buildTsCredentials({ credType: 1, credentials: { domainName: 'CONTOSO', userName: 'alice', password: 'Pässw0rd!' } }),
  buildTsCredentials(restrictedAdminCredentials()),
  buildTsCredentials({ credType: 2, credentials: { pin: '123456', cspData: { keySpec: 1, cardName: 'Card', readerName: 'Reader 0', containerName: 'c1', cspName: 'Microsoft Base Smart Card Crypto Provider' }, userHint: 'alice', domainHint: 'CONTOSO' } }),
  buildTsCredentials({ credType: 6, credentials: { logonCred: { packageName: 'Kerberos', credBuffer: bytesOf(200, 6) }, supplementalCreds: [{ packageName: 'NTLM', credBuffer: bytesOf(40, 7) }] } }),
  readFidelity('captures/pyspnego-tokens/credssp_ts_credential_smart_card_full'),
];
const spk = bytesOf(270, 9);
const nonce = bytesOf(32, 10);

describe('CredSSP bytes read by pyasn1 (MS-CSSP module), impacket and hashlib', () => {
  const report = runPython({
    requests: requests.map((r) => hex(buildTsRequest(r))),
    credentials: credentials.map(hex),
    passwordInputs: [{ domain: 'CONTOSO', user: 'alice', password: 'Secret1!', hex: hex(buildTsCredentials({ credType: 1, credentials: { domainName: 'CONTOSO', userName: 'alice', password: 'Secret1!' } })) }],
    impacketRequests: [{ hex: hex(buildTsRequest({ version: 2, negoTokens: [ntlmNeg] })) }, { hex: hex(buildTsRequest({ version: 2, pubKeyAuth: bytesOf(64, 11) })) }],
    hashes: (['client-to-server', 'server-to-client'] as const).map((d) => ({ direction: d, nonce: hex(nonce), key: hex(spk), hash: hex(bindingHash(d, nonce, spk)) })),
  });

  it('no errors', () => { expect(report.errors).toEqual([]); });

  it('every TSRequest (versions 2-6, every field) decodes to the same values and re-encodes to the same bytes', () => {
    expect(report.requests).toHaveLength(requests.length);
    report.requests.forEach((got, i) => {
      const want = requests[i] as Record<string, unknown>;
      const g = got as Record<string, unknown>;
      expect(g.reencodedSame).toBe(true);
      expect(g.version).toBe(want.version);
      if (want.negoTokens) expect(g.negoTokens).toEqual((want.negoTokens as Uint8Array[]).map(hex));
      for (const k of ['authInfo', 'pubKeyAuth', 'clientNonce']) if (want[k]) expect(g[k]).toBe(hex(want[k] as Uint8Array));
      if (want.errorCode !== undefined) expect(g.errorCode).toBe(want.errorCode);
    });
  });

  it('every TSCredentials (password, Restricted Admin, smart card, Remote Guard) decodes to what the engine decodes', () => {
    expect(report.credentials).toHaveLength(credentials.length);
    report.credentials.forEach((got, i) => {
      const g = got as Record<string, unknown>;
      expect(g.reencodedSame).toBe(true);
      const ours = parseTsCredentials(credentials[i]).value as { credType: number; credentials: unknown };
      const norm = JSON.parse(JSON.stringify(ours, (_k, v) => (v instanceof Uint8Array ? hex(v) : v)));
      expect(g).toEqual({ ...norm, reencodedSame: true });
    });
  });

  it('impacket\'s TSCredentials/TSPasswordCreds encode the same bytes; its TSRequest reads the engine\'s', () => {
    expect(report.impacketPassword).toEqual([expect.objectContaining({ same: true })]);
    expect(report.impacketRequests).toEqual([
      { version: 2, NegoData: hex(ntlmNeg) },
      { version: 2, pubKeyAuth: hex(bytesOf(64, 11)) },
    ]);
  });

  it('hashlib computes the same binding hashes', () => {
    expect(report.hashes).toEqual([expect.objectContaining({ same: true }), expect.objectContaining({ same: true })]);
  });
});
