// From trace message events to capture packets: which carrier rides which transport and port, which
// messages share a connection, and the reference time of each message (sender's clock minus its skew).
import { fromHex } from '../../bytes';
import type { MessageEvent, TraceNode } from '../../trace';
import { carrierFlow } from '../../network/carriers/registry';
import type { PcapPacket } from './capture';
import { isoToMicros } from './capture';

export type CaptureMessage = Pick<MessageEvent, 'from' | 'to' | 'time' | 'carrier' | 'modelled' | 'lost'>;
export type CaptureNode = Pick<TraceNode, 'id' | 'address'> & Partial<Pick<TraceNode, 'clockOffsetSeconds'>>;


/**
 * Packets for `writePcap` from message events, in trace order. Summary legs and carriers with no
 * network flow (e.g. `netlogon`) are left out. HTTP, SMB2, LDAP and RDP keep one connection per
 * client/server pair; Kerberos opens one per request/response exchange.
 */
export function connectionsFromMessages(messages: CaptureMessage[], nodes: CaptureNode[]): PcapPacket[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const open = new Map<string, { key: string; client: string; sawReply: boolean }>();
  let counter = 0;
  const out: PcapPacket[] = [];
  for (const m of messages) {
    if (m.modelled === 'summary') continue;
    const flow = carrierFlow(m.carrier.id);
    if (!flow || !m.carrier.hex) continue;
    const from = byId.get(m.from), to = byId.get(m.to);
    if (!from || !to) throw new Error(`message ${m.from} -> ${m.to}: unknown node`);
    const pair = `${m.carrier.id}:${[from.id, to.id].sort().join('|')}`;
    let conn = open.get(pair);
    if (!conn || (flow.perExchange && m.from === conn.client && conn.sawReply)) {
      conn = { key: `${pair}#${counter++}`, client: m.from, sawReply: false };
      open.set(pair, conn);
    }
    if (m.from !== conn.client) conn.sawReply = true;
    const skewUs = (from.clockOffsetSeconds ?? 0) * 1e6;
    out.push({
      connectionKey: conn.key, transport: flow.transport, serverPort: flow.serverPort, fromAddress: from.address, toAddress: to.address,
      payload: fromHex(m.carrier.hex), time: microsToIso(isoToMicros(m.time) - skewUs),
      ...(m.lost ? { unanswered: true as const } : {}),
    });
    // Nobody answered: the next message between the pair opens a new connection.
    if (m.lost) open.delete(pair);
  }
  return out;
}

/** ISO 8601 with microseconds. */
export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = String(us - Math.floor(us / 1e6) * 1e6).padStart(6, '0');
  return `${base}.${frac}Z`;
}
