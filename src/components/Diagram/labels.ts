// Words and colours for steps: one place, so the diagram, the table, the controls and the
// narration say the same thing.
import type { MessageEvent, SspiCallEvent, SspiReturnEvent, TraceEvent, TraceNode } from '../../engine/trace';
import type { Step } from '../../store/steps';
import { decisionReason, decisionSentence, decisionTitle, messageHeadline, messageTitle } from '../../store/reasons';

export { messageTitle };

export function stepTitle(s: Step): string {
  if (s.type === 'message') return messageHeadline(s);
  return decisionTitle(s);
}

export function nodeName(nodes: TraceNode[], id: string): string {
  return nodes.find((n) => n.id === id)?.hostName ?? id;
}

/** The small line under a message's title: its carrier, or "no token" when the carrier is the message. */
export function carrierText(m: MessageEvent): string {
  return m.carrier.name === messageTitle(m) ? (m.hex ? '' : 'no token') : m.carrier.name;
}

/** A diagram label's accessible name: its visible words first (title, carrier line, summary badge),
 * then who sends it to whom. */
export function messageLabelName(m: MessageEvent, nodes: TraceNode[]): string {
  const visible = [messageHeadline(m), carrierText(m), m.modelled === 'summary' ? 'summary' : ''].filter(Boolean).join(' ');
  return `${visible}, from ${nodeName(nodes, m.from)} to ${nodeName(nodes, m.to)}`;
}

export function stepSentence(s: Step, nodes: TraceNode[]): string {
  if (s.type === 'message') return `${stepTitle(s)} from ${nodeName(nodes, s.from)} to ${nodeName(nodes, s.to)} over ${s.carrier.name}`;
  return decisionSentence(s, nodes);
}

export function callLabel(e: SspiCallEvent | SspiReturnEvent): string {
  if (e.call === 'EnumerateSecurityPackages') return e.type === 'sspi-call' ? 'EnumerateSecurityPackages()' : `${e.status}`;
  return e.type === 'sspi-call' ? `${e.call}(${e.package})` : `${e.status}`;
}

/** The words a diagram label shows (its glossary terms are offered next to it). */
export function labelWords(e: TraceEvent): string {
  if (e.type === 'message') return `${messageHeadline(e)} ${carrierText(e)}`.trim();
  if (e.type === 'decision') return `${decisionTitle(e)}. ${decisionReason(e)}`;
  if (e.type === 'sspi-call' || e.type === 'sspi-return') return callLabel(e);
  return '';
}

const PROTOCOL_COLOUR: Record<string, string> = {
  Kerberos: 'var(--p-kerberos)',
  PKU2U: 'var(--p-kerberos)',
  NTLM: 'var(--p-ntlm)',
  SPNEGO: 'var(--p-spnego)',
  NEGOEX: 'var(--p-spnego)',
  TLS: 'var(--p-tls)',
  CredSSP: 'var(--p-tls)',
  Netlogon: 'var(--p-netlogon)',
  Digest: 'var(--p-ntlm)',
};

export function protocolColour(m: MessageEvent): string {
  if (m.error) return 'var(--error)';
  return PROTOCOL_COLOUR[m.protocol] ?? 'var(--p-other)';
}
