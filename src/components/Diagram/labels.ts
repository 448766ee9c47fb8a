// Words and colours for steps: one place, so the diagram, the table, the controls and the
// narration say the same thing.
import type { MessageEvent, SspiCallEvent, SspiReturnEvent, TraceNode } from '../../engine/trace';
import type { Step } from '../../store/steps';

/** "Kerberos AS-REQ", "NTLM CHALLENGE_MESSAGE" (no doubled protocol when the name already has it). */
export function messageTitle(m: MessageEvent): string {
  const name = m.name.trim();
  // A token the SSP produced but the carrier left out (an SMB2 ERROR response carries only the status).
  const notSent = m.tokenNotSent ? ' (not sent)' : '';
  if (!m.protocol || m.protocol === 'Application' || name.toLowerCase().startsWith(m.protocol.toLowerCase())) return `${name}${notSent}`;
  return `${m.protocol} ${name}${notSent}`;
}

export function stepTitle(s: Step): string {
  if (s.type === 'message') return `${messageTitle(s)}${s.error ? ` (${s.error.name})` : ''}`;
  return s.decision;
}

export function nodeName(nodes: TraceNode[], id: string): string {
  return nodes.find((n) => n.id === id)?.hostName ?? id;
}

export function stepSentence(s: Step, nodes: TraceNode[]): string {
  if (s.type === 'message') return `${stepTitle(s)} from ${nodeName(nodes, s.from)} to ${nodeName(nodes, s.to)} over ${s.carrier.name}`;
  return `Decision on ${nodeName(nodes, s.node)}: ${s.decision}, because ${s.because}`;
}

export function callLabel(e: SspiCallEvent | SspiReturnEvent): string {
  return e.type === 'sspi-call' ? `${e.call}(${e.package})` : `${e.status}`;
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
