import { describe, expect, it } from 'vitest';
import { hex } from '../../bytes';
import { uncovered } from '../../encoding/fields';
import { readFidelity } from '../../testing/fidelity';
import { decodeFrame, readPcap } from '../../export/pcap';
import { buildKerberosTcp, buildKerberosUdp, parseKerberosTcp } from './kerberosTransport';

/** Kerberos TCP 88 records of a real capture: each direction's payloads joined in order, then cut at the record marks. */
function tcpRecords(file: string): Uint8Array[] {
  const streams = new Map<string, number[]>();
  for (const r of readPcap(readFidelity(`captures/zeek/${file}`)).records) {
    const d = decodeFrame(r.data);
    if (d.protocol !== 6 || (d.srcPort !== 88 && d.dstPort !== 88) || !d.payload?.length) continue;
    const k = `${d.src}:${d.srcPort}>${d.dst}:${d.dstPort}`;
    streams.set(k, [...(streams.get(k) ?? []), ...d.payload]);
  }
  const out: Uint8Array[] = [];
  for (const s of streams.values()) {
    for (let o = 0; o + 4 <= s.length;) {
      const len = ((s[o] << 24) | (s[o + 1] << 16) | (s[o + 2] << 8) | s[o + 3]) >>> 0;
      out.push(new Uint8Array(s.slice(o, o + 4 + len)));
      o += 4 + len;
    }
  }
  return out;
}

describe('Kerberos transport', () => {
  it('rebuilds the TCP 88 records of a real AD logon (ldap_aduser1.pcap) byte for byte', () => {
    const recs = tcpRecords('ldap_aduser1.pcap');
    expect(recs.length).toBeGreaterThanOrEqual(4);
    for (const wire of recs) {
      const msg = parseKerberosTcp(wire);
      expect([0x6a, 0x6b, 0x6c, 0x6d, 0x7e]).toContain(msg[0]);
      const built = buildKerberosTcp(msg);
      expect(hex(built.wire)).toBe(hex(wire));
      expect(uncovered(built.carrier.fields, built.wire.length)).toEqual([]);
    }
  });

  it('TCP record mark is the 4-byte big-endian length', () => {
    const msg = new Uint8Array(300).fill(0x6a);
    const m = buildKerberosTcp(msg, 'AS-REQ');
    expect(hex(m.wire.subarray(0, 4))).toBe('0000012c');
    expect(m.flow).toEqual({ transport: 'tcp', serverPort: 88, perExchange: true });
    expect(m.carrier).toMatchObject({ id: 'tcp/88', name: 'AS-REQ' });
    expect(m.carrier.fields[1].layer).toBe('Kerberos');
    expect(m.tokenRange).toEqual({ start: 4, end: 304 });
    expect(() => parseKerberosTcp(m.wire.subarray(0, 100))).toThrow(/record mark/);
  });

  it('UDP 88 carries the message bare', () => {
    const msg = new Uint8Array([0x6a, 3, 1, 2, 3]);
    const m = buildKerberosUdp(msg);
    expect(hex(m.wire)).toBe(hex(msg));
    expect(m.flow).toEqual({ transport: 'udp', serverPort: 88, perExchange: true });
    expect(m.carrier.id).toBe('udp/88');
    expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
  });
});
