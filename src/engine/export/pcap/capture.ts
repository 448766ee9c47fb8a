// Turn application messages into captured frames: per TCP connection a 3-way handshake, the messages
// as PSH|ACK segments (split at the MSS), pure ACKs where a receiver would send them, and a FIN close
// from both sides after the connection's last message; UDP messages as single datagrams (IP fragments
// when larger than the MTU). Timestamps follow the messages' times, strictly increasing.
import { fnv1a, ethernet, ipv4, macFor, parseIpv4, tcp, udp, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN } from './frames';
import { pcapFile } from './pcapFile';

export type Transport = 'tcp' | 'udp';

/** One application message to put in the capture. */
export interface PcapPacket {
  /** Messages with the same key share one TCP connection (or one UDP port pair); the first message's sender is the client. */
  connectionKey: string;
  transport: Transport;
  fromAddress: string;
  toAddress: string;
  /** The server's well-known port (80, 445, 88, ...), the same on every message of the connection, whichever way it goes. */
  serverPort: number;
  /** The client's port; by default 49152 + n for the n-th connection (deterministic). */
  clientPort?: number;
  /** The application bytes (a CarrierMessage's `wire`). */
  payload: Uint8Array;
  /** When it was sent, ISO 8601 (reference clock). */
  time: string;
  /** Nobody answered (a firewall drops the port). TCP: the SYN and its retransmissions after 1 s and 3 s (the
   *  timeout doubling), no handshake and no payload; it must be its connection's only packet. UDP: the datagram. */
  unanswered?: true;
}

export interface CaptureOptions {
  /** Node ids by address: MACs are derived from node ids (from the address when unknown). */
  nodes?: { id: string; address: string }[];
  /** TCP maximum segment size (default 1460). */
  mss?: number;
  /** Microseconds between consecutive frames when the messages' times do not spread them further (default 150). */
  stepUs?: number;
}

export interface Frame {
  timeUs: number;
  data: Uint8Array;
  /** Short description for tests and debugging: "10.0.0.10:49152 > 10.0.0.20:80 [SYN]". */
  summary: string;
}

const WINDOW = 64240;
const SYN_OPTIONS = (mss: number) => new Uint8Array([0x02, 0x04, (mss >>> 8) & 0xff, mss & 0xff, 0x01, 0x01, 0x04, 0x02]);
const FIRST_EPHEMERAL_PORT = 49152;
/** An unanswered SYN: sent, then retransmitted after 1 s and again after 2 s more (the timeout doubles). */
const SYN_RETRANSMITS_US = [0, 1_000_000, 3_000_000];
const MAX_IP_PAYLOAD = 1480;

/** Microseconds since the epoch from an ISO 8601 time, keeping sub-millisecond digits. */
export function isoToMicros(iso: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/.exec(iso);
  if (!m) throw new Error(`not an ISO 8601 time: ${iso}`);
  const ms = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  if (Number.isNaN(ms)) throw new Error(`not an ISO 8601 time: ${iso}`);
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return ms * 1000 + Number(frac);
}

interface Endpoint { address: string; ip: Uint8Array; mac: Uint8Array; port: number }
interface Conn {
  key: string;
  transport: Transport;
  client: Endpoint;
  server: Endpoint;
  open: boolean;
  /** Next sequence number to send, per side. */
  nxt: { c: number; s: number };
  last: number;
}

type Side = 'c' | 's';
const other = (s: Side): Side => (s === 'c' ? 's' : 'c');
const FLAG_TEXT: [number, string][] = [[TCP_SYN, 'SYN'], [TCP_FIN, 'FIN'], [TCP_PSH, 'PSH'], [TCP_ACK, 'ACK']];

/** Build the frames of a capture from application messages given in send order. */
export function buildFrames(packets: PcapPacket[], options: CaptureOptions = {}): Frame[] {
  const mss = options.mss ?? 1460;
  const step = options.stepUs ?? 150;
  const nodeOf = new Map((options.nodes ?? []).map((n) => [n.address, n.id]));
  const endpoint = (address: string, port: number): Endpoint => ({ address, ip: parseIpv4(address), mac: macFor(nodeOf.get(address) ?? address), port });

  const conns = new Map<string, Conn>();
  packets.forEach((p, i) => {
    let c = conns.get(p.connectionKey);
    if (!c) {
      c = {
        key: p.connectionKey, transport: p.transport, open: false, last: i,
        client: endpoint(p.fromAddress, p.clientPort ?? FIRST_EPHEMERAL_PORT + conns.size), server: endpoint(p.toAddress, p.serverPort),
        nxt: { c: fnv1a(`${p.connectionKey}/client`), s: fnv1a(`${p.connectionKey}/server`) },
      };
      conns.set(p.connectionKey, c);
    }
    const pair = [c.client.address, c.server.address];
    if (c.transport !== p.transport || c.server.port !== p.serverPort || !pair.includes(p.fromAddress) || !pair.includes(p.toAddress) || p.fromAddress === p.toAddress) {
      throw new Error(`packet ${i} does not match connection ${p.connectionKey} (${c.transport} ${c.client.address} <-> ${c.server.address}:${c.server.port})`);
    }
    c.last = i;
  });

  const frames: Frame[] = [];
  const ipIds = new Map<string, number>();
  let now = -Infinity;
  const at = (t: number) => (now = Math.max(t, now + step));
  const nextId = (addr: string) => { const v = ipIds.get(addr) ?? (fnv1a(addr) & 0x7fff) + 1; ipIds.set(addr, (v + 1) & 0xffff); return v; };
  const ends = (c: Conn, s: Side) => (s === 'c' ? [c.client, c.server] : [c.server, c.client]);

  const sendTcp = (c: Conn, s: Side, flags: number, payload: Uint8Array = new Uint8Array(0), opts?: Uint8Array) => {
    const [from, to] = ends(c, s);
    const seq = c.nxt[s];
    const ack = c.nxt[other(s)];
    const seg = tcp({ srcPort: from.port, dstPort: to.port, seq, ack, flags, window: WINDOW, options: opts }, from.ip, to.ip, payload);
    const data = ethernet(to.mac, from.mac, ipv4({ src: from.ip, dst: to.ip, protocol: PROTO_TCP, id: nextId(from.address), df: true }, seg));
    c.nxt[s] = (seq + payload.length + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0;
    const names = FLAG_TEXT.filter(([f]) => flags & f).map(([, n]) => n).join(', ');
    frames.push({ timeUs: at(now), data, summary: `${from.address}:${from.port} > ${to.address}:${to.port} [${names}] len=${payload.length}` });
  };

  packets.forEach((p, i) => {
    const c = conns.get(p.connectionKey)!;
    const s: Side = p.fromAddress === c.client.address ? 'c' : 's';
    at(isoToMicros(p.time) - step);
    if (c.transport === 'udp') {
      const [from, to] = ends(c, s);
      const dgram = udp(from.port, to.port, from.ip, to.ip, p.payload);
      const id = nextId(from.address);
      for (let off = 0; off < dgram.length; off += MAX_IP_PAYLOAD) {
        const chunk = dgram.subarray(off, off + MAX_IP_PAYLOAD);
        const more = off + MAX_IP_PAYLOAD < dgram.length;
        const data = ethernet(to.mac, from.mac, ipv4({ src: from.ip, dst: to.ip, protocol: PROTO_UDP, id, moreFragments: more, fragmentOffset: off }, chunk));
        frames.push({ timeUs: at(now), data, summary: `${from.address}:${from.port} > ${to.address}:${to.port} UDP len=${p.payload.length}${more || off ? ` fragment@${off}` : ''}` });
      }
      return;
    }
    if (p.unanswered) {
      if (c.open || i !== c.last) throw new Error(`connection ${c.key}: an unanswered packet must be its connection's only one`);
      const t0 = isoToMicros(p.time);
      for (const delay of SYN_RETRANSMITS_US) {
        at(t0 + delay);
        const seq = c.nxt.c;
        sendTcp(c, 'c', TCP_SYN, undefined, SYN_OPTIONS(mss));
        c.nxt.c = seq; // a retransmission repeats the same sequence number
      }
      return;
    }
    if (!c.open) {
      if (s !== 'c') throw new Error(`connection ${c.key}: the first message must come from the client`);
      sendTcp(c, 'c', TCP_SYN, undefined, SYN_OPTIONS(mss));
      sendTcp(c, 's', TCP_SYN | TCP_ACK, undefined, SYN_OPTIONS(mss));
      sendTcp(c, 'c', TCP_ACK);
      c.open = true;
    }
    const r = other(s);
    const segCount = Math.max(1, Math.ceil(p.payload.length / mss));
    for (let k = 0; k < segCount; k++) {
      const last = k === segCount - 1;
      sendTcp(c, s, TCP_ACK | (last ? TCP_PSH : 0), p.payload.subarray(k * mss, (k + 1) * mss));
      if (!last && k % 2 === 1) sendTcp(c, r, TCP_ACK); // receivers ACK every second full segment
    }
    // The receiver acknowledges at once unless it is about to send something itself (a reply or,
    // for the client, the FIN that closes the connection), which carries the ACK.
    const next = packets.findIndex((q, j) => j > i && q.connectionKey === c.key);
    const receiverSendsNext = next >= 0 ? (packets[next].fromAddress === c.client.address ? 'c' : 's') === r : r === 'c';
    if (!receiverSendsNext) sendTcp(c, r, TCP_ACK);
    if (i === c.last) {
      sendTcp(c, 'c', TCP_FIN | TCP_ACK);
      sendTcp(c, 's', TCP_FIN | TCP_ACK);
      sendTcp(c, 'c', TCP_ACK);
    }
  });
  return frames;
}

/** The capture file (classic pcap, Ethernet) of application messages given in send order. */
export function writePcap(packets: PcapPacket[], options: CaptureOptions = {}): Uint8Array {
  return pcapFile(buildFrames(packets, options).map((f) => ({ timeUs: f.timeUs, data: f.data })));
}
