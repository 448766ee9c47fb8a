// Exports of a finished trace: the capture (classic pcap) and the JSON trace. The screen offers
// the same downloads as the CLI.
import type { MessageEvent, Trace } from '../trace';
import { connectionsFromMessages, writePcap } from './pcap';

export function tracePcap(trace: Trace): Uint8Array {
  const messages = trace.events.filter((e): e is MessageEvent => e.type === 'message');
  const packets = connectionsFromMessages(messages, trace.nodes);
  return writePcap(packets, { nodes: trace.nodes.map((n) => ({ id: n.id, address: n.address })) });
}

export function traceJson(trace: Trace): string {
  return JSON.stringify(trace, null, 2);
}
