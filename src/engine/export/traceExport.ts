// Exports of a finished trace: the capture (classic pcap) and the JSON trace. The screen offers
// the same downloads as the CLI.
import type { MessageEvent, Trace } from '../trace';
import { connectionsFromMessages, writePcap } from './pcap';
import { writeKeytab } from './keytab';
import { fromHex } from '../bytes';

export function tracePcap(trace: Trace): Uint8Array {
  const messages = trace.events.filter((e): e is MessageEvent => e.type === 'message');
  const packets = connectionsFromMessages(messages, trace.nodes);
  return writePcap(packets, { nodes: trace.nodes.map((n) => ({ id: n.id, address: n.address })) });
}

export function traceJson(trace: Trace): string {
  return JSON.stringify(trace, null, 2);
}

/** An MIT keytab from the trace's exported Kerberos keys (null when the run has none). */
export function traceKeytab(trace: Trace): Uint8Array | null {
  const keys = trace.exports?.kerberosKeys ?? [];
  return keys.length ? writeKeytab(keys.map((k) => ({ principal: k.principal, realm: k.realm, kvno: k.kvno, etype: k.etype, key: fromHex(k.keyHex), timestamp: new Date(k.timestamp) }))) : null;
}

/** An NSS key log (SSLKEYLOGFILE format) from the trace's exported TLS secrets (null when the run has none). */
export function traceKeylog(trace: Trace): string | null {
  const s = trace.exports?.tlsSecrets ?? [];
  return s.length ? s.map((x) => `${x.label} ${x.clientRandomHex} ${x.secretHex}`).join('\n') + '\n' : null;
}
