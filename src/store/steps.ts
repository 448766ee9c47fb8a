// Pure helpers over a trace that the store and the components share: step keys, visible events,
// the snapshot in force at a step, and what changed between two runs.
import { steps } from '../engine/trace';
import { because as becauseClause } from './reasons';
import type { DecisionEvent, MessageEvent, StateSnapshot, Trace, TraceEvent } from '../engine/trace';

export type Step = MessageEvent | DecisionEvent;

export function stepsOf(trace: Trace | null): Step[] {
  return trace ? steps(trace) : [];
}

/** Identity of a step across two runs (bytes may change, the meaning of the step not). */
export function stepKey(s: Step): string {
  return s.type === 'message'
    ? `m|${s.from}|${s.to}|${s.protocol}|${s.name}|${s.error?.name ?? ''}`
    : `d|${s.node}|${s.decision}|${s.condition}`;
}

/** Where the cursor should land after a re-run: kept while the flow is the same up to it,
 * otherwise the first step where the two flows differ. */
export function keepCursor(oldSteps: Step[], newSteps: Step[], cursor: number): number {
  if (newSteps.length === 0) return -1;
  let p = 0;
  while (p < oldSteps.length && p < newSteps.length && stepKey(oldSteps[p]) === stepKey(newSteps[p])) p++;
  const c = cursor <= p - 1 ? cursor : Math.min(p, newSteps.length - 1);
  return Math.max(0, Math.min(c, newSteps.length - 1));
}

/** The events shown at a cursor: everything up to the current step's event; at the last step, all. */
export function visibleEvents(trace: Trace, stepList: Step[], cursor: number): TraceEvent[] {
  if (cursor < 0 || stepList.length === 0) return [];
  if (cursor >= stepList.length - 1) return trace.events;
  const seq = stepList[cursor].seq;
  return trace.events.filter((e) => e.seq <= seq);
}

/** The node state in force after the current step (the last snapshot at or before it). */
export function snapshotAt(trace: Trace, stepList: Step[], cursor: number): StateSnapshot | null {
  if (cursor < 0 || stepList.length === 0) return null;
  const last = cursor >= stepList.length - 1;
  const seq = last ? Infinity : stepList[cursor].seq;
  let found: StateSnapshot | null = null;
  for (const s of trace.snapshots) if (s.afterSeq <= seq && (!found || s.afterSeq >= found.afterSeq)) found = s;
  return found;
}

function decisionsOf(t: Trace): DecisionEvent[] {
  return t.events.filter((e): e is DecisionEvent => e.type === 'decision');
}


/** One sentence for the outcome banner after a toggle: "now NTLM, because the KDC is unreachable". */
export function describeChange(before: Trace, after: Trace): string {
  const a = before.outcome;
  const b = after.outcome;
  const oldD = new Set(decisionsOf(before).map((d) => `${d.decision}|${d.condition}`));
  const newDecision = decisionsOf(after).find((d) => !oldD.has(`${d.decision}|${d.condition}`));
  const oldErrors = new Set(before.events.filter((e) => e.error).map((e) => e.error!.name));
  const newError = after.events.find((e) => e.error && !oldErrors.has(e.error.name));
  const because = newDecision?.because ?? newError?.error?.text ?? b.reason;
  const why = because ? `, ${becauseClause(because)}` : '';
  if (a.result !== b.result || a.mechanism !== b.mechanism) {
    if (b.result === 'failed') return `Now authentication fails (${b.status})${why}.`;
    return `Now ${b.mechanism ?? b.package}${a.result === 'failed' ? ' succeeds' : ''}${why}.`;
  }
  const na = stepsOf(before).length;
  const nb = stepsOf(after).length;
  if (na !== nb) return `Still ${b.result === 'failed' ? 'failing' : b.mechanism ?? b.package}, in ${nb} steps instead of ${na}${why}.`;
  return `Same flow as before (${b.result === 'failed' ? 'failed' : b.mechanism ?? b.package}); only the bytes that depend on the change differ.`;
}
