// Ethernet II, IPv4 and TCP/UDP framing for the capture file (RFC 894, RFC 791, RFC 9293, RFC 768).
import { concat, u16be, u32be } from '../../bytes';
import { internetChecksum, transportChecksum } from './checksum';

export const ETHERTYPE_IPV4 = 0x0800;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

/** 32-bit FNV-1a of a string (for deterministic MACs, IP ids and sequence numbers). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}

/** A locally administered unicast MAC (02:00:xx:xx:xx:xx) derived from a node id. */
export function macFor(id: string): Uint8Array {
  const h = fnv1a(id);
  return new Uint8Array([0x02, 0x00, (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff]);
}

export function parseIpv4(address: string): Uint8Array {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new Error(`not an IPv4 address: ${address}`);
  return new Uint8Array(parts.map(Number));
}

export function ethernet(dst: Uint8Array, src: Uint8Array, payload: Uint8Array, etherType = ETHERTYPE_IPV4): Uint8Array {
  return concat(dst, src, u16be(etherType), payload);
}

export interface Ipv4Options {
  src: Uint8Array;
  dst: Uint8Array;
  protocol: number;
  id: number;
  ttl?: number;
  /** Don't Fragment (set on unfragmented TCP, like Windows). */
  df?: boolean;
  moreFragments?: boolean;
  /** Fragment offset in bytes (a multiple of 8). */
  fragmentOffset?: number;
}

/** An IPv4 packet (20-byte header, no options) with its header checksum. */
export function ipv4(o: Ipv4Options, payload: Uint8Array): Uint8Array {
  const h = new Uint8Array(20);
  h[0] = 0x45;
  h.set(u16be(20 + payload.length), 2);
  h.set(u16be(o.id & 0xffff), 4);
  const off = (o.fragmentOffset ?? 0) / 8;
  if (!Number.isInteger(off)) throw new Error('fragment offset must be a multiple of 8');
  h.set(u16be((o.df ? 0x4000 : 0) | (o.moreFragments ? 0x2000 : 0) | off), 6);
  h[8] = o.ttl ?? 128;
  h[9] = o.protocol;
  h.set(o.src, 12);
  h.set(o.dst, 16);
  h.set(u16be(internetChecksum(h)), 10);
  return concat(h, payload);
}

export interface TcpOptions {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** Raw TCP options (length a multiple of 4). */
  options?: Uint8Array;
}

/** A TCP segment with its checksum over the IPv4 pseudo-header. */
export function tcp(o: TcpOptions, src: Uint8Array, dst: Uint8Array, payload: Uint8Array): Uint8Array {
  const opts = o.options ?? new Uint8Array(0);
  if (opts.length % 4) throw new Error('TCP options must be padded to 4 bytes');
  const hl = 20 + opts.length;
  const h = new Uint8Array(hl);
  h.set(u16be(o.srcPort), 0);
  h.set(u16be(o.dstPort), 2);
  h.set(u32be(o.seq >>> 0), 4);
  h.set(u32be(o.flags & TCP_ACK ? o.ack >>> 0 : 0), 8);
  h[12] = (hl / 4) << 4;
  h[13] = o.flags;
  h.set(u16be(o.window), 14);
  h.set(opts, 20);
  const seg = concat(h, payload);
  seg.set(u16be(transportChecksum(src, dst, PROTO_TCP, seg)), 16);
  return seg;
}

/** A UDP datagram with its checksum over the IPv4 pseudo-header. */
export function udp(srcPort: number, dstPort: number, src: Uint8Array, dst: Uint8Array, payload: Uint8Array): Uint8Array {
  const seg = concat(u16be(srcPort), u16be(dstPort), u16be(8 + payload.length), u16be(0), payload);
  seg.set(u16be(transportChecksum(src, dst, PROTO_UDP, seg)), 6);
  return seg;
}
