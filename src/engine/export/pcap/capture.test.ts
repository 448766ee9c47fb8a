import { describe, expect, it } from 'vitest';
import { concat, hex } from '../../bytes';
import type { Carrier } from '../../trace';
import { buildFrames, isoToMicros, writePcap, type PcapPacket } from './capture';
import { decodeFrame, type DecodedFrame } from './decodeFrame';
import { macFor } from './frames';
import { connectionsFromMessages, microsToIso } from './fromMessages';
import { readPcap } from './pcapFile';
import { NODES, samplePackets } from './sampleCapture.testdata';

const SYN = 2, FIN = 1, ACK = 16, PSH = 8;

/** An independent TCP/UDP checker: replays the frames and reports anything a receiver would object to. */
function replay(frames: DecodedFrame[]) {
  const problems: string[] = [];
  const streams = new Map<string, number[]>();
  const tcpConns = new Map<string, { next: Record<string, number>; state: string; frames: DecodedFrame[] }>();
  const fragments = new Map<string, Uint8Array[]>();
  for (const [i, f] of frames.entries()) {
    if (!f.ipChecksumOk) problems.push(`frame ${i + 1}: bad IP checksum`);
    if (f.protocol === 17) {
      const fragKey = `${f.src}>${f.dst}#${f.ipId}`;
      const more = (f.ipFlagsFragment & 0x2000) !== 0, off = (f.ipFlagsFragment & 0x1fff) * 8;
      if (more || off) {
        const parts = [...(fragments.get(fragKey) ?? []), f.ipPayload];
        fragments.set(fragKey, parts);
        if (more) continue;
        const dgram = concat(...parts);
        const k = `udp ${f.src}:${(dgram[0] << 8) | dgram[1]}>${f.dst}:${(dgram[2] << 8) | dgram[3]}`;
        streams.set(k, [...(streams.get(k) ?? []), ...dgram.subarray(8)]);
        continue;
      }
      if (!f.checksumOk) problems.push(`frame ${i + 1}: bad UDP checksum`);
      const k = `udp ${f.src}:${f.srcPort}>${f.dst}:${f.dstPort}`;
      streams.set(k, [...(streams.get(k) ?? []), ...f.payload!]);
      continue;
    }
    if (!f.checksumOk) problems.push(`frame ${i + 1}: bad TCP checksum`);
    const a = `${f.src}:${f.srcPort}`, b = `${f.dst}:${f.dstPort}`;
    const key = [a, b].sort().join(' ');
    let c = tcpConns.get(key);
    if (!c) {
      if (f.tcpFlags !== SYN) problems.push(`frame ${i + 1}: connection does not start with a SYN`);
      c = { next: { [a]: (f.seq! + 1) >>> 0 }, state: 'syn', frames: [] };
      tcpConns.set(key, c);
      c.frames.push(f);
      continue;
    }
    c.frames.push(f);
    if (c.state === 'syn') {
      if (f.tcpFlags !== (SYN | ACK) || f.ack !== c.next[b]) problems.push(`frame ${i + 1}: bad SYN-ACK`);
      c.next[a] = (f.seq! + 1) >>> 0;
      c.state = 'open';
      continue;
    }
    if (f.seq !== c.next[a]) problems.push(`frame ${i + 1}: seq ${f.seq} but ${c.next[a]} expected (gap or overlap)`);
    if (!(f.tcpFlags! & ACK) || f.ack !== c.next[b]) problems.push(`frame ${i + 1}: ack ${f.ack} but the peer has sent up to ${c.next[b]}`);
    if (f.payload!.length > 1460) problems.push(`frame ${i + 1}: segment larger than the MSS`);
    if (f.tcpFlags! & SYN) problems.push(`frame ${i + 1}: SYN on an open connection`);
    c.next[a] = (c.next[a] + f.payload!.length + (f.tcpFlags! & FIN ? 1 : 0)) >>> 0;
    const k = `tcp ${a}>${b}`;
    streams.set(k, [...(streams.get(k) ?? []), ...f.payload!]);
  }
  for (const [key, c] of tcpConns) {
    const last3 = c.frames.slice(-3).map((f) => f.tcpFlags);
    if (hex(new Uint8Array(last3 as number[])) !== hex(new Uint8Array([FIN | ACK, FIN | ACK, ACK]))) problems.push(`${key}: does not end with FIN/ACK, FIN/ACK, ACK`);
  }
  return { problems, streams, tcpConns };
}

describe('capture writer', () => {
  const packets = samplePackets();
  const file = writePcap(packets, { nodes: NODES });
  const { records, linktype, snaplen } = readPcap(file);
  const frames = records.map((r) => decodeFrame(r.data));

  it('writes the classic pcap global header (a1b2c3d4, 2.4, snaplen 262144, Ethernet)', () => {
    expect(hex(file.subarray(0, 24))).toBe('d4c3b2a10200040000000000000000000000040001000000');
    expect([linktype, snaplen]).toEqual([1, 262144]);
    expect(hex(file.subarray(24 + 8, 24 + 16))).toBe(hex(new Uint8Array([records[0].data.length, 0, 0, 0, records[0].data.length, 0, 0, 0])));
  });

  it('replays cleanly: handshakes, contiguous sequence numbers, no ACK of unseen data, FIN close, good checksums', () => {
    const { problems, tcpConns } = replay(frames);
    expect(problems).toEqual([]);
    expect(tcpConns.size).toBe(5); // HTTP with NTLM, Kerberos TCP, two SMB2 connections, HTTP with Kerberos
  });

  it('each direction of each connection carries exactly the application bytes, in order', () => {
    const { streams } = replay(frames);
    const expected = new Map<string, number[]>();
    const ports = new Map<string, number>();
    for (const p of packets) {
      if (!ports.has(p.connectionKey)) ports.set(p.connectionKey, 49152 + ports.size);
      const client = packets.find((q) => q.connectionKey === p.connectionKey)!.fromAddress;
      const cp = ports.get(p.connectionKey)!;
      const from = p.fromAddress === client ? `${p.fromAddress}:${cp}` : `${p.fromAddress}:${p.serverPort}`;
      const to = p.fromAddress === client ? `${p.toAddress}:${p.serverPort}` : `${p.toAddress}:${cp}`;
      const k = `${p.transport} ${from}>${to}`;
      expected.set(k, [...(expected.get(k) ?? []), ...p.payload]);
    }
    expect([...streams.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(hex(new Uint8Array(streams.get(k)!)), k).toBe(hex(new Uint8Array(v)));
  });

  it('splits messages larger than the MSS (the 1511-byte AS-REP record) and sets PSH on the last segment only', () => {
    const krb = frames.filter((f) => f.protocol === 6 && f.srcPort === 88 && f.payload!.length > 0);
    expect(krb.map((f) => f.payload!.length)).toEqual([1460, 1515 - 1460]);
    expect(krb.map((f) => f.tcpFlags)).toEqual([ACK, ACK | PSH]);
  });

  it('fragments a UDP datagram larger than the MTU', () => {
    const frags = frames.filter((f) => f.protocol === 17 && f.src === '10.0.0.1');
    expect(frags.length).toBe(2);
    expect(frags[0].ipFlagsFragment).toBe(0x2000);
    expect(frags[1].ipFlagsFragment).toBe(1480 / 8);
  });

  it('timestamps are strictly increasing and no message is sent before its time', () => {
    for (let i = 1; i < records.length; i++) expect(records[i].timeUs).toBeGreaterThan(records[i - 1].timeUs);
    // Every message's time appears in the capture: the frames stay within a millisecond of the message times.
    for (const p of packets) expect(records.some((r) => r.timeUs >= isoToMicros(p.time) && r.timeUs < isoToMicros(p.time) + 1000)).toBe(true);
    expect(records[records.length - 1].timeUs - isoToMicros(packets[packets.length - 1].time)).toBeLessThan(2000);
    expect(records[0].timeUs).toBe(isoToMicros(packets[0].time));
  });

  it('is deterministic: MACs from node ids, ephemeral ports from 49152, same bytes every time', () => {
    expect(hex(writePcap(packets, { nodes: NODES }))).toBe(hex(file));
    expect(hex(frames[0].srcMac)).toBe(hex(macFor('client')));
    expect(hex(frames[0].dstMac)).toBe(hex(macFor('server')));
    expect(hex(macFor('client')).startsWith('0200')).toBe(true);
    const syns = frames.filter((f) => f.tcpFlags === SYN).map((f) => f.srcPort);
    expect(syns).toEqual([49152, 49153, 49155, 49156, 49157]);
  });

  it('a big message is acknowledged every second segment', () => {
    const big: PcapPacket[] = [
      { connectionKey: 'x', transport: 'tcp', fromAddress: '10.0.0.10', toAddress: '10.0.0.20', serverPort: 445, payload: new Uint8Array(10000).fill(1), time: '2016-10-12T09:00:00Z' },
      { connectionKey: 'x', transport: 'tcp', fromAddress: '10.0.0.20', toAddress: '10.0.0.10', serverPort: 445, payload: new Uint8Array(10).fill(2), time: '2016-10-12T09:00:00Z' },
    ];
    const fr = buildFrames(big).map((f) => decodeFrame(f.data));
    expect(replay(fr).problems).toEqual([]);
    const pureAcks = fr.filter((f) => f.src === '10.0.0.20' && f.tcpFlags === ACK);
    expect(pureAcks.length).toBe(3); // after segments 2, 4, 6 of 7
  });

  it('rejects a packet that does not belong to its connection and a first message from the server side', () => {
    const p = packets[0];
    expect(() => buildFrames([p, { ...p, toAddress: '10.9.9.9' }])).toThrow(/does not match/);
    expect(() => buildFrames([{ ...p, fromAddress: '10.0.0.1' }, { ...p, fromAddress: '10.0.0.1', serverPort: 81 }])).toThrow(/does not match/);
  });

  it('reads ISO times with microseconds', () => {
    expect(isoToMicros('1970-01-01T00:00:01.000250Z')).toBe(1_000_250);
    expect(isoToMicros('2016-10-12T09:00:00.123Z')).toBe(Date.UTC(2016, 9, 12, 9) * 1000 + 123000);
    expect(microsToIso(1_000_250)).toBe('1970-01-01T00:00:01.000250Z');
    expect(() => isoToMicros('yesterday')).toThrow();
  });
});

describe('connectionsFromMessages', () => {
  const carrier = (id: string, bytes: number[]): Carrier => ({ id, name: id, hex: hex(new Uint8Array(bytes)), fields: [] });
  const nodes = [
    { id: 'c', address: '10.0.0.10' }, { id: 's', address: '10.0.0.20' }, { id: 'dc', address: '10.0.0.1', clockOffsetSeconds: 420 },
  ];
  const t = (s: number) => new Date(Date.UTC(2016, 9, 12, 9, 0, s)).toISOString();

  it('keeps HTTP on one connection, opens one per Kerberos exchange, drops summaries and netlogon, removes clock skew', () => {
    const pk = connectionsFromMessages([
      { from: 'c', to: 's', time: t(0), carrier: carrier('http', [1]) },
      { from: 'c', to: 'dc', time: t(1), carrier: carrier('tcp/88', [2]) },
      { from: 'dc', to: 'c', time: t(2 + 420), carrier: carrier('tcp/88', [3]) },
      { from: 'c', to: 'dc', time: t(3), carrier: carrier('tcp/88', [4]) },
      { from: 'dc', to: 'c', time: t(4 + 420), carrier: carrier('tcp/88', [5]) },
      { from: 's', to: 'c', time: t(5), carrier: carrier('http', [6]) },
      { from: 's', to: 'dc', time: t(6), carrier: carrier('netlogon', []), modelled: 'summary' },
      { from: 's', to: 'dc', time: t(6), carrier: carrier('netlogon', [7]) },
      { from: 'c', to: 'dc', time: t(7), carrier: carrier('udp/88', [8]) },
    ], nodes);
    expect(pk.map((p) => p.payload[0])).toEqual([1, 2, 3, 4, 5, 6, 8]);
    const keys = pk.map((p) => p.connectionKey);
    expect(keys[0]).toBe(keys[5]);
    expect(keys[1]).toBe(keys[2]);
    expect(keys[3]).toBe(keys[4]);
    expect(keys[1]).not.toBe(keys[3]);
    expect(pk[2].time).toBe(microsToIso(isoToMicros(t(2))));
    expect(pk.map((p) => p.serverPort)).toEqual([80, 88, 88, 88, 88, 80, 88]);
    expect(pk[6].transport).toBe('udp');
    expect(replay(buildFrames(pk, { nodes }).map((f) => decodeFrame(f.data))).problems).toEqual([]);
  });
});
