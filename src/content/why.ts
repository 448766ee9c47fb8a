// "Why?" panels: at the steps where a learner asks why, a sentence or three, with the document that
// says so. Chosen from the trace alone (the step, and what happened before it), so they work for any
// scenario, built in or loaded. Texts may link glossary entries with [[id]] or [[id|words]].
import type { DecisionEvent, MessageEvent, Trace, TraceEvent } from '../engine/trace';

export interface WhyText {
  id: string;
  title: string;
  text: string;
  ref: string;
}

const W = (id: string, title: string, text: string, ref: string): WhyText => ({ id, title, text, ref });

export const WHY_TEXTS: readonly WhyText[] = [
  W('tgt', 'Why a TGT?',
    'So the password is used once. The [[tgt|TGT]] lets the client ask the [[kdc|KDC]] for any number of service tickets later, by proving it holds the TGT\'s [[session-key|session key]] instead of typing or sending the password again.',
    'RFC 4120 §1.1, §3.1'),
  W('service-ticket', 'Why can\'t the client read its own ticket?',
    'The service ticket is encrypted with the service account\'s own key, which only the service and the KDC hold: the client carries it but can neither read nor change it. The client learns the ticket\'s [[session-key|session key]] from the KDC\'s reply instead, and proves it with the [[authenticator]].',
    'RFC 4120 §3.3.3, §5.3'),
  W('pac', 'Why does the PAC matter?',
    'The server decides what the user may do from the group SIDs in the [[pac|PAC]], without asking the domain controller. Because the KDC signs the PAC with the [[krbtgt]] key, a user cannot add Domain Admins to their own ticket: the forged groups would not match the KDC\'s signature.',
    'MS-PAC 2.8, 3.1; MS-KILE 3.4.5.3'),
  W('mutual', 'Why does the AP-REP matter?',
    'It proves the server is the real one: only a holder of the service\'s key could open the ticket, learn its session key and encrypt this reply with it. Without it, a fake server could accept any client and collect its data ([[mutual-authentication|mutual authentication]]).',
    'RFC 4120 §3.2.5, §3.2.6'),
  W('no-fallback', 'Why not just use NTLM?',
    'Negotiate falls back only when Kerberos cannot be used at all (no SPN, no KDC, an IP address, a local account). A wrong password or a bad ticket would fail just the same with NTLM, and retrying with a weaker protocol would only help an attacker, so Negotiate reports the failure.',
    'MS-SPNG 3.3.5.1; RFC 4178 §3.2'),
  W('fallback', 'Why fall back to NTLM here?',
    '[[negotiate|Negotiate]] prefers Kerberos, but Kerberos cannot work here: it needs a ticket for an [[spn|SPN]] from a reachable KDC, for a domain account, with Kerberos enabled (the decision names what is missing). So Negotiate offers the next mechanism both sides support, NTLM, which needs only the password\'s hash and the server (or its DC).',
    'MS-SPNG 3.3.5; RFC 4178 §3.2'),
  W('ntlm-no-server-auth', 'Did the client check the server?',
    'No. The application asked for [[mutual-authentication|mutual authentication]], but NTLM never authenticates the server: only the client answers a challenge. Any machine that can get the client to talk to it could pose as the server; with Kerberos the AP-REP would have proved it.',
    'MS-NLMP 1.6; RFC 4120 §3.2.5'),
  W('refused', 'Why is this refused?',
    'The two sides have no mechanism they are both allowed to use, so no protocol can run. Negotiate does not invent a weaker one: the administrator\'s choices (packages switched off, a Restrict NTLM policy) decide, and the exchange fails.',
    'RFC 4178 §3.2; MS-SPNG 3.2.5.2'),
  W('mechlistmic', 'What does the mechListMIC protect against?',
    'A downgrade. The mechanism list travels in clear, so an attacker could remove Kerberos from it to push both sides to NTLM. The [[mechlistmic|mechListMIC]] is a checksum of the list under the new session key: if anyone edited the list, the check fails and the connection is dropped.',
    'RFC 4178 §5, §7'),
  W('netlogon', 'Why does the server ask the DC?',
    'A member server does not have domain users\' password hashes, so it cannot check the NTLM answer itself. It passes the challenge and the answer to a domain controller over its [[netlogon|Netlogon]] secure channel; the DC recomputes the answer and replies with the verdict and the session key.',
    'MS-APDS 3.1.5.1; MS-NRPC 3.5.4.5.1'),
  W('not-sent', 'Why does the client not see this token?',
    'An SMB2 server answers a failed SESSION_SETUP with an error response that carries only the NTSTATUS code. The SSP\'s token (a KRB-ERROR or a SPNEGO reject) stays on the server; the client only learns that the logon failed.',
    'MS-SMB2 3.3.5.5.3, 3.2.5.3.1'),
];

const BY_ID = new Map(WHY_TEXTS.map((w) => [w.id, w]));
const why = (id: string): WhyText => BY_ID.get(id)!;

/** Conditions under which Negotiate drops Kerberos and tries NTLM. */
const FALLBACK_CONDITIONS = new Set([
  'targetIsIpAddress', 'spnNotFound', 'kdcUnreachable', 'localAccount', 'noCommonEtype', 'kerberosNotEnabledOnClient', 'noTargetName',
]);
const REFUSAL_CONDITIONS = new Set(['noCommonProtocol', 'restrictNtlmDeny', 'noFallbackMechanism', 'noCommonScheme', 'restrictNtlm']);

function hasField(fields: MessageEvent['fields'], name: RegExp): boolean {
  for (const f of fields) {
    if (name.test(f.name)) return true;
    if (f.children && hasField(f.children, name)) return true;
  }
  return false;
}

/** Did the client's application ask for mutual authentication? */
function mutualRequested(events: readonly TraceEvent[], client: string | undefined): boolean {
  return events.some((e) => e.type === 'sspi-call' && e.call === 'InitializeSecurityContext' && e.layer === 'app' && (!client || e.node === client)
    && e.flags.some((f) => /MUTUAL/.test(f)));
}

/** The "Why?" panels for a step (a message or decision event of the trace). */
export function whyFor(trace: Trace, step: MessageEvent | DecisionEvent): WhyText[] {
  const out: WhyText[] = [];
  const client = trace.nodes.find((n) => n.role === 'client')?.id;
  const idx = trace.events.indexOf(step);
  const before = idx >= 0 ? trace.events.slice(0, idx + 1) : trace.events;
  if (step.type === 'decision') {
    if (FALLBACK_CONDITIONS.has(step.condition) && /NTLM/.test(step.decision)) {
      out.push(why('fallback'));
      if (mutualRequested(trace.events, client)) out.push(why('ntlm-no-server-auth'));
    } else if (step.condition === 'kerberosHardFailure') out.push(why('no-fallback'));
    else if (REFUSAL_CONDITIONS.has(step.condition) || /fails|reject/i.test(step.decision)) out.push(why('refused'));
    return out;
  }
  const m = step;
  if (m.tokenNotSent) out.push(why('not-sent'));
  if (m.protocol === 'Kerberos' && !m.error && /^AS-REP/.test(m.name)) out.push(why('tgt'));
  if (m.protocol === 'Kerberos' && !m.error && /^AP-REQ/.test(m.name)) out.push(why('service-ticket'), why('pac'));
  if (m.protocol === 'Kerberos' && !m.error && /^AP-REP/.test(m.name)) out.push(why('mutual'));
  if (m.protocol === 'Netlogon' && m.to === trace.nodes.find((n) => n.role === 'dc')?.id) out.push(why('netlogon'));
  // The first message that carries a mechListMIC is where it gets checked.
  if (hasField(m.fields, /^mechListMIC$/)) {
    const first = before.find((e): e is MessageEvent => e.type === 'message' && hasField(e.fields, /^mechListMIC$/));
    if (first === m) out.push(why('mechlistmic'));
  }
  // NTLM ran although mutual authentication was asked for: say it where the client answers.
  if (m.protocol === 'NTLM' && /^AUTHENTICATE/.test(m.name) && mutualRequested(trace.events, client)) out.push(why('ntlm-no-server-auth'));
  return out;
}
