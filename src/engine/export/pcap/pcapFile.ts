// Classic libpcap file format: 24-byte global header (magic a1b2c3d4, version 2.4, snaplen, linktype)
// then per packet a 16-byte record header (seconds, microseconds, captured length, original length).
// Written little-endian (the magic tells readers the byte order).
import { DecodeError, concat, readU32le, u16le, u32le } from '../../bytes';

export const PCAP_MAGIC = 0xa1b2c3d4;
export const SNAPLEN = 262144;
export const LINKTYPE_ETHERNET = 1;

export interface PcapRecord {
  /** Microseconds since the Unix epoch. */
  timeUs: number;
  data: Uint8Array;
}

export function pcapFile(records: PcapRecord[], linktype = LINKTYPE_ETHERNET): Uint8Array {
  const header = concat(u32le(PCAP_MAGIC), u16le(2), u16le(4), u32le(0), u32le(0), u32le(SNAPLEN), u32le(linktype));
  const parts: Uint8Array[] = [header];
  for (const r of records) {
    const sec = Math.floor(r.timeUs / 1e6);
    const usec = r.timeUs - sec * 1e6;
    const cap = Math.min(r.data.length, SNAPLEN);
    parts.push(concat(u32le(sec), u32le(usec), u32le(cap), u32le(r.data.length)), r.data.subarray(0, cap));
  }
  return concat(...parts);
}

/** Read a little-endian classic pcap back (tests, and a sanity check of what was written). */
export function readPcap(b: Uint8Array): { linktype: number; snaplen: number; records: PcapRecord[] } {
  if (readU32le(b, 0) !== PCAP_MAGIC) throw new DecodeError('not a little-endian microsecond pcap (magic a1b2c3d4)', 0);
  const snaplen = readU32le(b, 16);
  const linktype = readU32le(b, 20);
  const records: PcapRecord[] = [];
  let o = 24;
  while (o < b.length) {
    const sec = readU32le(b, o), usec = readU32le(b, o + 4), cap = readU32le(b, o + 8);
    if (o + 16 + cap > b.length) throw new DecodeError('truncated pcap record', o);
    records.push({ timeUs: sec * 1e6 + usec, data: b.slice(o + 16, o + 16 + cap) });
    o += 16 + cap;
  }
  return { linktype, snaplen, records };
}
