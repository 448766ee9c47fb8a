// Exports of a finished trace: the capture (classic pcap) and the JSON trace. The screen offers
// the same downloads as the CLI.
import type { MessageEvent, Trace } from '../trace';
import { connectionsFromMessages, writePcap } from './pcap';
import { writeKeytab } from './keytab';
import { directoryKeytabEntries } from '../packages/kerberos/keys';
import type { Scenario } from '../scenario';

export function tracePcap(trace: Trace): Uint8Array {
  const messages = trace.events.filter((e): e is MessageEvent => e.type === 'message');
  const packets = connectionsFromMessages(messages, trace.nodes);
  return writePcap(packets, { nodes: trace.nodes.map((n) => ({ id: n.id, address: n.address })) });
}

export function traceJson(trace: Trace): string {
  return JSON.stringify(trace, null, 2);
}

/** An MIT keytab of every principal's keys in the scenario's directory (null when it has no domain). */
export function scenarioKeytab(scenario: Scenario): Uint8Array | null {
  const entries = directoryKeytabEntries(scenario);
  return entries.length ? writeKeytab(entries) : null;
}
