import { describe, expect, it } from 'vitest';
import { fromHex, hex, readU16be } from '../../bytes';
import { readFidelity } from '../../testing/fidelity';
import { internetChecksum, onesSum, transportChecksum } from './checksum';
import { decodeFrame } from './decodeFrame';
import { ethernet, ipv4, tcp, udp } from './frames';
import { readPcap } from './pcapFile';

describe('Internet checksum', () => {
  it('RFC 1071 §3 example: the sum of 0001 f203 f4f5 f6f7 is ddf2, the checksum 220d', () => {
    const b = fromHex('0001f203f4f5f6f7');
    expect(onesSum(b).toString(16)).toBe('ddf2');
    expect(internetChecksum(b).toString(16)).toBe('220d');
  });

  it('the textbook IPv4 header 4500 0073 0000 4000 4011 .... c0a8 0001 c0a8 00c7 has checksum b861', () => {
    const h = fromHex('450000730000400040110000c0a80001c0a800c7');
    expect(internetChecksum(h).toString(16)).toBe('b861');
    const built = ipv4({ src: fromHex('c0a80001'), dst: fromHex('c0a800c7'), protocol: 17, id: 0, ttl: 64, df: true }, new Uint8Array(0x73 - 20));
    expect(hex(built.subarray(0, 20))).toBe('45000073000040004011b861c0a80001c0a800c7');
  });

  // Real captures (their checksums are valid: tshark with checksum checking reports them good).
  for (const file of ['smb_smb311.pcap', 'krb_kinit.pcap', 'ldap_aduser1.pcap']) {
    it(`recomputes every IPv4/TCP/UDP checksum of ${file}`, () => {
      const recs = readPcap(readFidelity(`captures/zeek/${file}`)).records;
      let tcpCount = 0, udpCount = 0;
      for (const r of recs) {
        const ip = r.data.subarray(14);
        if (readU16be(r.data, 12) !== 0x0800) continue;
        const ihl = (ip[0] & 15) * 4;
        const hdr = ip.slice(0, ihl);
        const storedIp = readU16be(hdr, 10);
        hdr[10] = hdr[11] = 0;
        expect(internetChecksum(hdr)).toBe(storedIp);
        const seg = ip.slice(ihl, readU16be(ip, 2));
        if ((readU16be(ip, 6) & 0x3fff) !== 0) continue;
        const at = ip[9] === 6 ? 16 : ip[9] === 17 ? 6 : -1;
        if (at < 0) continue;
        const stored = readU16be(seg, at);
        if (ip[9] === 17 && stored === 0) continue;
        seg[at] = seg[at + 1] = 0;
        expect(transportChecksum(ip.subarray(12, 16), ip.subarray(16, 20), ip[9], seg)).toBe(stored);
        if (ip[9] === 6) tcpCount++; else udpCount++;
      }
      expect(tcpCount + udpCount).toBeGreaterThan(10);
    });
  }

  it('rebuilds real frames byte for byte with ethernet() + ipv4() + tcp()/udp()', () => {
    let n = 0;
    for (const file of ['smb_smb311.pcap', 'krb_kinit.pcap']) {
      for (const r of readPcap(readFidelity(`captures/zeek/${file}`)).records) {
        const d = decodeFrame(r.data);
        const ip = r.data.subarray(14);
        if (ip[1] !== 0 || (ip[0] & 15) !== 5 || d.payload === undefined || r.data.length !== 14 + readU16be(ip, 2)) continue;
        const src = ip.subarray(12, 16), dst = ip.subarray(16, 20);
        const seg = d.protocol === 6
          ? tcp({ srcPort: d.srcPort!, dstPort: d.dstPort!, seq: d.seq!, ack: d.ack!, flags: d.tcpFlags!, window: d.window!, options: d.tcpOptions }, src, dst, d.payload)
          : udp(d.srcPort!, d.dstPort!, src, dst, d.payload);
        const frame = ethernet(d.dstMac, d.srcMac, ipv4({ src, dst, protocol: d.protocol, id: d.ipId, ttl: d.ttl, df: (d.ipFlagsFragment & 0x4000) !== 0 }, seg));
        expect(hex(frame)).toBe(hex(r.data));
        n++;
      }
    }
    expect(n).toBeGreaterThan(20);
  });
});
