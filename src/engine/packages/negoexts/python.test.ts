// Independent check of the NEGOEX VERIFY checksum: impacket's RFC 3961 implementation
// (/usr/bin/python3, python3-impacket) computes the checksum of the same transcript with the same
// key and key usage (23 initiator, 25 acceptor) for AES-256 and AES-128 keys. FAILS without impacket.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../bytes';
import { loadVectors } from '../../testing/fidelity';
import { transcriptChecksum } from './messages';

const SCRIPT = `
import json, sys
from impacket.krb5.crypto import _checksum_table, Key
out = []
for c in json.load(sys.stdin):
    k = Key(c['etype'], bytes.fromhex(c['key']))
    out.append(_checksum_table[c['cksumtype']].checksum(k, c['usage'], bytes.fromhex(c['data'])).hex())
print(json.dumps(out))
`;

describe('NEGOEX VERIFY checksum recomputed by impacket', () => {
  it('AES-256 and AES-128 keys, initiator and acceptor usages, over a real NEGOEX transcript', () => {
    const v = loadVectors('ms-negoex-pku2u.json').vectors.find((x) => x.id === 'negoex-acceptor-nego-plus-meta-data')!;
    const transcript = fromHex(v.expected.message_array_hex as string);
    const cases = ([[18, 32], [17, 16]] as const).flatMap(([etype, len]) => (['initiator', 'acceptor'] as const).map((who) => {
      const key = Uint8Array.from({ length: len }, (_, i) => (i * 37 + etype) & 0xff);
      const c = transcriptChecksum(etype, key, who, transcript);
      return { etype, key: hex(key), usage: who === 'initiator' ? 23 : 25, cksumtype: c.checksumType, data: hex(transcript), ours: hex(c.value) };
    }));
    const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`impacket check failed (install python3-impacket): ${r.error?.message ?? r.stderr}`);
    const theirs = JSON.parse(r.stdout) as string[];
    expect(theirs).toEqual(cases.map((c) => c.ours));
    expect(cases.map((c) => c.cksumtype)).toEqual([16, 16, 15, 15]);
  });
});
