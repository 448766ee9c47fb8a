// The seeds the fuzz suite mutates: real tokens captured from Windows and other implementations
// (test-data/fidelity/captures), every token each built-in scenario delivers, and the carrier bytes
// (HTTP, SMB2, Kerberos over TCP) around them. Built once per test file.
import { readdirSync } from 'node:fs';
import { FIDELITY_DIR, readFidelity } from '../fidelity';
import { SCENARIOS } from '../../../scenarios';
import { converse } from '../conversation.testkit';
import { simulate } from '../../simulate';
import { fromHex } from '../../bytes';
import { buildUserPac } from '../../packages/kerberos/kdc/pacBuild';
import { writeKeytab } from '../../export/keytab';

export type Kind = 'ntlm' | 'spnego' | 'kerberos' | 'gss-wrap' | 'pac' | 'keytab' | 'http' | 'smb2' | 'kerberos-tcp' | 'other';
export interface Seed { name: string; kind: Kind; bytes: Uint8Array }

function kindOf(b: Uint8Array): Kind {
  if (b.length >= 8 && String.fromCharCode(...b.subarray(0, 7)) === 'NTLMSSP') return 'ntlm';
  if (b[0] === 0x60 && b.length > 10 && b.indexOf(0x2b) < 8 && b[b.indexOf(0x06) + 2] === 0x2b && b[b.indexOf(0x06) + 3] === 0x06 && b[b.indexOf(0x06) + 7] === 0x05) return 'spnego';
  if (b[0] === 0xa0 || b[0] === 0xa1) return 'spnego';
  if (b[0] === 0x60 || (b[0] >= 0x6a && b[0] <= 0x7e)) return 'kerberos';
  if (b[0] === 0x05 && b[1] === 0x04) return 'gss-wrap';
  return 'other';
}

let cached: Seed[] | null = null;

export function corpus(): Seed[] {
  if (cached) return cached;
  const seeds: Seed[] = [];
  const add = (name: string, bytes: Uint8Array, kind: Kind = kindOf(bytes)) => { if (bytes.length) seeds.push({ name, kind, bytes }); };
  for (const f of readdirSync(`${FIDELITY_DIR}/captures/pyspnego-tokens`)) if (f !== 'LICENSE') add(`pyspnego/${f}`, readFidelity(`captures/pyspnego-tokens/${f}`));
  for (const s of SCENARIOS) {
    for (const d of converse(s).deliveries) add(`${s.id}#${d.index} ${d.leg}`, d.token);
    for (const e of simulate(s).events) {
      if (e.type !== 'message' || !e.carrier?.hex) continue;
      const kind: Kind = e.carrier.id === 'http' ? 'http' : e.carrier.id === 'smb2' ? 'smb2' : e.carrier.id === 'tcp/88' ? 'kerberos-tcp' : 'other';
      if (kind !== 'other') add(`${s.id} ${e.name} (${e.carrier.id})`, fromHex(e.carrier.hex), kind);
    }
  }
  const key = { etype: 18, key: new Uint8Array(32).fill(7) };
  add('pac', buildUserPac({
    name: 'alice', fullName: 'Alice Martin', rid: 1104, primaryGroupRid: 513, groupRids: [513, 1105], domainSid: 'S-1-5-21-1-2-3',
    netbiosDomain: 'CONTOSO', dnsDomain: 'CONTOSO.LOCAL', logonServer: 'DC01', authtime: new Date('2016-10-12T09:00:00Z'),
    passwordLastSet: new Date('2016-01-01T00:00:00Z'), logonCount: 3,
  }, key, key), 'pac');
  add('keytab', writeKeytab([{ principal: ['svc-web'], realm: 'CONTOSO.LOCAL', kvno: 2, etype: 18, key: key.key, timestamp: new Date('2016-10-12T09:00:00Z') }]), 'keytab');
  cached = seeds;
  return seeds;
}
