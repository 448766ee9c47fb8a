// Which of the engine's parameters a run offers as conditions (by the providers it uses), shared by
// the topology's controls and the store's prefetch of likely toggles.
import type { PackageName, Trace } from '../engine/trace';
import type { ParamSpec } from './engine';

/** Parameters the screen does not offer as conditions (still settable in the URL). */
export const NOT_CONDITIONS: ReadonlySet<string> = new Set(['seed', 'startTime']);

/** The providers and protocols a run used: its package, its mechanism and every message's protocol. */
export function usedProtocols(trace: Trace): Set<string> {
  const used = new Set<string>([trace.outcome.package, ...(trace.outcome.mechanism ? [trace.outcome.mechanism] : [])]);
  for (const e of trace.events) if (e.type === 'message') used.add(e.protocol);
  return used;
}

/** The parameters that matter for this run, in the registry's order. */
export function conditionSpecs(trace: Trace, specs: readonly ParamSpec[]): ParamSpec[] {
  const used = usedProtocols(trace);
  const logon = trace.events.some((e) => e.type === 'sspi-call' && e.call === 'LsaLogonUser');
  return specs.filter((s) => !NOT_CONDITIONS.has(s.name) && (!s.packages || s.packages.some((p) => used.has(p)))
    && (s.shownWith !== 'interactive-logon' || logon) && (s.shownWith !== 'attacker' || trace.nodes.some((n) => n.role === 'attacker')));
}

/** The providers of a run that a toggle is most likely to switch off or on: those it used, and
 * with Negotiate both of its mechanisms (Kerberos, NTLM) whichever was chosen. */
export function likelyToggles(trace: Trace, all: readonly PackageName[]): PackageName[] {
  const used = usedProtocols(trace);
  if (used.has('Negotiate')) { used.add('Kerberos'); used.add('NTLM'); }
  return all.filter((p) => used.has(p));
}
