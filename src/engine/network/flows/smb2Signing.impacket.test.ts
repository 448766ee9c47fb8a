// SMB 3.1.1 signing cross-checked with an independent implementation: impacket's SP800-108 KDF and
// AES-CMAC (Debian's python3-impacket) recompute the signing key from the SSPI session key and the
// preauth hash, and the signature of the final SESSION_SETUP response. FAILS when impacket is missing.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../simulate';
import { getScenario } from '../../../scenarios';
import { PreauthHash, signingKey, smb2Kdf } from './smb2Signing';
import { fromHex, hex } from '../../bytes';
import type { MessageEvent } from '../../trace';

const PY = `
import sys, json, hashlib
from impacket import crypto
d = json.load(sys.stdin)
wires = [bytes.fromhex(w) for w in d['wires']]
h = b'\\0' * 64
for w in wires[:-1]:
    h = hashlib.sha512(h + w).digest()
key = crypto.KDF_CounterMode(bytes.fromhex(d['sessionKey']), b"SMBSigningKey\\x00", h, 128)
final = bytearray(wires[-1]); sig = bytes(final[48:64]); final[48:64] = b'\\0' * 16
mac = crypto.AES_CMAC(key, bytes(final), len(final))
print(json.dumps({'preauth': h.hex(), 'key': key.hex(), 'signatureOk': mac == sig}))
`;

function impacket(input: object): { preauth: string; key: string; signatureOk: boolean } {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`impacket is not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()}). Install it: apt-get install -y python3-impacket`);
  return JSON.parse(r.stdout);
}

describe('SMB 3.1.1 signing of the final SESSION_SETUP response', () => {
  it('derives the same key and signature as impacket', () => {
    const trace = simulate(getScenario('ntlm-domain')!);
    const smb = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.carrier.id === 'smb2');
    const wires = smb.map((m) => hex(fromHex(m.carrier.hex).subarray(4)));
    const server = trace.snapshots[trace.snapshots.length - 1].nodes.server.contexts;
    const sk = server.flatMap((c) => c.keys).find((k) => k.name.includes('ExportedSessionKey'))!.hex;
    const ref = impacket({ wires, sessionKey: sk });
    const ph = new PreauthHash();
    for (const w of wires.slice(0, -1)) ph.add(fromHex(w));
    expect(hex(ph.value)).toBe(ref.preauth);
    expect(hex(signingKey(fromHex(sk), ph.value))).toBe(ref.key);
    expect(ref.signatureOk).toBe(true);
    expect(trace.events.some((e) => e.type === 'note' && e.narration.includes(`signing key ${ref.key}`))).toBe(true);
  });

  it('pads a short session key to 16 bytes and truncates a long one (MS-SMB2 3.3.5.5.3)', () => {
    const ctx = new Uint8Array(64);
    expect(hex(smb2Kdf(new Uint8Array(32).fill(7), 'SMBSigningKey\0', ctx))).toBe(hex(smb2Kdf(new Uint8Array(16).fill(7), 'SMBSigningKey\0', ctx)));
  });
});
