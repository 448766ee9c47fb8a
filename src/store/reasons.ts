// The one formatter for reasons: every sentence the screen composes from a decision's structured
// fields (what was decided, the named condition, the plain words for it), from an error or from the
// outcome goes through here, so they all read the same way — sentence case, one full stop, no name
// said twice ("KRB-ERROR (KDC_ERR_S_PRINCIPAL_UNKNOWN) · KDC_ERR_S_PRINCIPAL_UNKNOWN"), no
// "because The…" and no "because kerberos…".
import type { DecisionEvent, MessageEvent, Trace, TraceNode } from '../engine/trace';

/** Words that start a clause in lower case after "because" (anything else — Kerberos, NTLM, WS01,
 * Windows, negState — is a name and keeps its spelling). */
const COMMON = new Set([
  'the', 'no', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'there', 'neither', 'nothing', 'none', 'both',
  'each', 'every', 'only', 'one', 'all', 'some', 'with', 'without', 'when', 'since', 'as', 'in', 'on', 'at', 'for',
  'nobody', 'not', 'its', 'their', 'they', 'he', 'she', 'we', 'you', 'after', 'before', 'because', 'if', 'once',
]);

/** One space between words, and one stop where sentences were joined with two ("port 88.. This"). */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/(?<!\.)\.\.(?!\.)/g, '.').trim();
}

/** Without its closing punctuation ("support.." and "support…" become "support"). */
function unstop(text: string): string {
  return collapse(text).replace(/(\s*(\.|…|;|,|:))+$/u, '');
}

/** A sentence: first letter in capitals (unless the first word is a name written in lower case
 * with capitals inside, e.g. negState), one full stop at the end (a question or exclamation mark is
 * kept). */
export function sentence(text: string): string {
  let t = unstop(text);
  if (!t) return '';
  if (/^[a-z]/.test(t) && !/[A-Z]/.test(t.split(' ')[0])) t = t[0].toUpperCase() + t.slice(1);
  return /[?!]$/.test(t) ? t : `${t}.`;
}

/** A clause to follow "because" or a comma: a leading common word in lower case, names kept, no
 * closing stop. */
export function clause(text: string): string {
  const t = unstop(text);
  const first = /^[A-Z][a-z]*\b/.exec(t)?.[0];
  if (first && COMMON.has(first.toLowerCase())) return first.toLowerCase() + t.slice(first.length);
  return t;
}

/** "Kerberos AS-REQ", "NTLM CHALLENGE_MESSAGE" (no doubled protocol when the name already has it). */
export function messageTitle(m: MessageEvent): string {
  const name = collapse(m.name);
  // A token the SSP produced but the carrier left out (an SMB2 ERROR response carries only the status).
  const notSent = m.tokenNotSent ? ' (not sent)' : m.lost ? ' (lost: no answer)' : '';
  if (!m.protocol || m.protocol === 'Application' || name.toLowerCase().startsWith(m.protocol.toLowerCase())) return `${name}${notSent}`;
  return `${m.protocol} ${name}${notSent}`;
}

/** A message's title with its error, the error's name said once: "Kerberos KRB-ERROR
 * (KDC_ERR_S_PRINCIPAL_UNKNOWN)", "Kerberos AS-REQ · SEC_E_NO_AUTHENTICATING_AUTHORITY". */
export function messageHeadline(m: MessageEvent): string {
  const title = messageTitle(m);
  if (!m.error || title.includes(m.error.name)) return title;
  return `${title} · ${m.error.name}`;
}

/** What went wrong with a message, in a sentence ("" when nothing did). */
export function errorSentence(m: { error?: { name: string; text: string } }): string {
  if (!m.error) return '';
  const text = m.error.text.includes(m.error.name) ? m.error.text : `${unstop(m.error.text)} (${m.error.name})`;
  return sentence(text);
}

/** A decision's title: what was decided ("Kerberos failed → fall back to NTLM"). */
export function decisionTitle(d: DecisionEvent): string {
  return unstop(d.decision);
}

/** Why it was decided, as a sentence of its own. */
export function decisionReason(d: DecisionEvent): string {
  return sentence(d.because);
}

/** The decision as one passage: "Decision on WS01: kerberos failed → …" is avoided — the title
 * keeps its case and is followed by the reason: "Decision on WS01: Kerberos failed → fall back to
 * NTLM. No KDC answered on port 88, …". */
export function decisionSentence(d: DecisionEvent, nodes: readonly TraceNode[]): string {
  const on = nodes.find((n) => n.id === d.node)?.hostName ?? d.node;
  return `Decision on ${on}: ${decisionTitle(d)}. ${decisionReason(d)}`;
}

/** "Kerberos is not possible, because Kerberos is not enabled on WS01": a reason after a comma. */
export function because(text: string): string {
  const c = clause(text);
  return c ? `because ${c}` : '';
}

/** The reason for a run's outcome, for the last step. A success: the decision that picked the
 * protocol (the last one the initiator took). A failure: the error that ended the run, after the
 * decisions taken once things went wrong. */
export function outcomeWhy(trace: Trace): { title: string; text: string } {
  const decisions = trace.events.filter((e): e is DecisionEvent => e.type === 'decision');
  const o = trace.outcome;
  if (o.result === 'authenticated') {
    // In a relay the logon that succeeded is the attacker's, decided at the server: its last decision says why.
    const initiator = trace.nodes.some((n) => n.role === 'attacker') ? undefined : trace.nodes.find((n) => n.role === 'client')?.id;
    const d = [...decisions].reverse().find((x) => x.node === initiator) ?? decisions[decisions.length - 1];
    return d ? { title: decisionTitle(d), text: decisionReason(d) } : { title: 'Authenticated', text: sentence(o.reason) };
  }
  const errors = trace.events.filter((e) => e.error);
  const last = errors[errors.length - 1];
  const after = errors.length ? decisions.filter((d) => d.seq > errors[0].seq) : decisions.slice(-1);
  const parts = [...after.map((d) => `${decisionTitle(d)}. ${decisionReason(d)}`), last ? errorSentence(last) : sentence(o.reason)];
  return { title: last?.error?.name ?? o.status, text: parts.join(' ') };
}

/** The outcome in one line: "Authenticated · Negotiate → NTLM · SEC_E_OK". */
export function outcomeHeadline(trace: Trace): string {
  const o = trace.outcome;
  const via = o.mechanism && o.mechanism !== o.package ? `${o.package} → ${o.mechanism}` : o.package;
  return `${o.result === 'authenticated' ? 'Authenticated' : 'Failed'} · ${via} · ${o.status}`;
}
