// Real LDAP traffic (test-data/fidelity/captures/zeek/ldap_*.pcap: Windows AD and OpenLDAP, simple
// search, Sicily NTLM, SASL NTLM, SASL GSS-SPNEGO Kerberos with sign+seal): every PDU is split out
// of the reassembled TCP streams, decoded by this codec with every byte covered, and the modelled
// messages are rebuilt byte for byte.
import { describe, expect, it } from 'vitest';
import { readFidelity } from '../../../testing/fidelity';
import { concat, hex } from '../../../bytes';
import { uncovered, leaves } from '../../../encoding/fields';
import { readPcap } from '../../../export/pcap';
import { decodeFrame } from '../../../export/pcap/decodeFrame';
import { buildLdapMessage, nextPdu, opName, parseLdapMessage, parseSaslBuffer, type LdapMessage } from '.';

/** The TCP payloads to or from port 389, per direction, in sequence order (retransmissions dropped). */
function ldapStreams(file: string): Uint8Array[] {
  const flows = new Map<string, Map<number, Uint8Array>>();
  for (const r of readPcap(readFidelity(`captures/zeek/${file}`)).records) {
    const f = decodeFrame(r.data);
    if (f.protocol !== 6 || !f.payload?.length || (f.srcPort !== 389 && f.dstPort !== 389)) continue;
    const key = `${f.src}:${f.srcPort}>${f.dst}:${f.dstPort}`;
    const m = flows.get(key) ?? new Map<number, Uint8Array>();
    if (!m.has(f.seq!)) m.set(f.seq!, f.payload);
    flows.set(key, m);
  }
  return [...flows.values()].map((m) => concat(...[...m.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p)));
}

function roundTrips(m: LdapMessage, bytes: Uint8Array): boolean {
  if (m.op.op === 'other' || m.controls) return false;
  return (['minimal', 'ad'] as const).some((s) => { try { return hex(buildLdapMessage(m, s)) === hex(bytes); } catch { return false; } });
}

const FILES = ['ldap_aduser1.pcap', 'ldap_aduser1-ntlm.pcap', 'ldap_sasl-ntlm.pcap', 'ldap_krb5-sign-seal-01.pcap'];

describe('LDAP codec on real captures', () => {
  const seen: Record<string, number> = {};
  for (const file of FILES) {
    it(file, () => {
      let pdus = 0;
      for (const s of ldapStreams(file)) {
        let o = 0;
        for (let p = nextPdu(s, o); p; p = nextPdu(s, o)) {
          const b = s.subarray(o, p.end);
          if (p.kind === 'ldap') {
            const parsed = parseLdapMessage(b);
            expect(uncovered(parsed.fields, b.length), `${file} @${o}`).toEqual([]);
            for (const l of leaves(parsed.fields)) expect(l.end).toBeLessThanOrEqual(b.length);
            const name = opName(parsed.msg.op);
            seen[name] = (seen[name] ?? 0) + 1;
            if (roundTrips(parsed.msg, b)) seen.rebuilt = (seen.rebuilt ?? 0) + 1;
          } else {
            const parsed = parseSaslBuffer(b);
            expect(uncovered(parsed.fields, b.length)).toEqual([]);
            seen['SASL buffer'] = (seen['SASL buffer'] ?? 0) + 1;
          }
          pdus++;
          o = p.end;
        }
        expect(o, `${file}: bytes left after the last PDU`).toBe(s.length);
      }
      expect(pdus).toBeGreaterThan(0);
    });
  }
  it('saw every kind of message of the issue, and rebuilt most of them', () => {
    for (const k of ['bindRequest', 'bindResponse', 'searchRequest', 'searchResEntry', 'searchResDone', 'SASL buffer']) expect(seen[k], k).toBeGreaterThan(0);
    expect(seen.rebuilt).toBeGreaterThan(20);
    console.log('LDAP PDUs decoded from the zeek captures:', JSON.stringify(seen));
  });
});
