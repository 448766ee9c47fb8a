// A minimal decoder of the frames this writer produces (Ethernet II / IPv4 / TCP|UDP): used by the
// tests to check sequence numbers and checksums, and to pull carrier bytes out of real captures.
import { DecodeError, readU16be, readU32be } from '../../bytes';
import { onesSum, transportChecksum } from './checksum';

export interface DecodedFrame {
  dstMac: Uint8Array;
  srcMac: Uint8Array;
  etherType: number;
  src: string;
  dst: string;
  protocol: number;
  ipId: number;
  ttl: number;
  /** IPv4 flags+fragment offset word. */
  ipFlagsFragment: number;
  ipChecksumOk: boolean;
  /** The IPv4 payload (a TCP segment, a UDP datagram or a fragment of one). */
  ipPayload: Uint8Array;
  srcPort?: number;
  dstPort?: number;
  seq?: number;
  ack?: number;
  tcpFlags?: number;
  window?: number;
  tcpOptions?: Uint8Array;
  /** TCP/UDP checksum verified against the pseudo-header (undefined for IP fragments). */
  checksumOk?: boolean;
  payload?: Uint8Array;
}

export function decodeFrame(f: Uint8Array): DecodedFrame {
  const etherType = readU16be(f, 12);
  if (etherType !== 0x0800) throw new DecodeError('not IPv4', 12);
  const ip = f.subarray(14);
  const ihl = (ip[0] & 0x0f) * 4;
  if (ip[0] >> 4 !== 4 || ihl < 20) throw new DecodeError('bad IPv4 header', 14);
  const total = readU16be(ip, 2);
  const srcB = ip.subarray(12, 16), dstB = ip.subarray(16, 20);
  const ipPayload = ip.subarray(ihl, total);
  const ipFlagsFragment = readU16be(ip, 6);
  const out: DecodedFrame = {
    dstMac: f.slice(0, 6), srcMac: f.slice(6, 12), etherType, src: Array.from(srcB).join('.'), dst: Array.from(dstB).join('.'),
    protocol: ip[9], ipId: readU16be(ip, 4), ttl: ip[8], ipFlagsFragment, ipChecksumOk: onesSum(ip.subarray(0, ihl)) === 0xffff, ipPayload,
  };
  const fragmented = (ipFlagsFragment & 0x3fff) !== 0;
  if (fragmented) return out;
  if (out.protocol === 6) {
    const hl = (ipPayload[12] >> 4) * 4;
    Object.assign(out, {
      srcPort: readU16be(ipPayload, 0), dstPort: readU16be(ipPayload, 2), seq: readU32be(ipPayload, 4), ack: readU32be(ipPayload, 8),
      tcpFlags: ipPayload[13], window: readU16be(ipPayload, 14), tcpOptions: ipPayload.slice(20, hl), payload: ipPayload.slice(hl),
      checksumOk: transportChecksum(srcB, dstB, 6, ipPayload) === 0,
    });
  } else if (out.protocol === 17) {
    const stored = readU16be(ipPayload, 6);
    Object.assign(out, {
      srcPort: readU16be(ipPayload, 0), dstPort: readU16be(ipPayload, 2), payload: ipPayload.slice(8, readU16be(ipPayload, 4)),
      checksumOk: stored === 0 || onesSum(ipPayload, onesSum(new Uint8Array([...srcB, ...dstB, 0, 17, ipPayload.length >> 8, ipPayload.length & 0xff]))) === 0xffff,
    });
  }
  return out;
}
