// "Try this" claims, checked: the words a step of a run is matched against (`stepLines`), and the
// check of one suggestion's expectation against the scenario as written (the tests run it on every
// suggestion of every scenario; the screen shows the suggestions with what to watch for).
import type { Scenario, TryExpect } from '../engine/scenario';
import type { PackageName, Trace } from '../engine/trace';
import type { Suggestion } from '../engine/sspi/meta';
import type { ParamValue } from '../engine/params';

/** One line per step (message or decision) and one for the outcome: what a `decisive` expectation is matched against. */
export function stepLines(t: Trace): string[] {
  const lines: string[] = [];
  for (const e of t.events) {
    if (e.type === 'message') lines.push(`${e.protocol} ${e.name} | ${e.carrier.name}${e.error ? ` | ${e.error.name}` : ''} | ${firstSentence(e.explain)}`);
    else if (e.type === 'decision') lines.push(`decision: ${e.decision} [${e.condition}]${e.error ? ` | ${e.error.name}` : ''}`);
  }
  lines.push(`outcome: ${t.outcome.result} ${t.outcome.mechanism ?? 'none'} ${t.outcome.status}`);
  return lines;
}

const firstSentence = (t: string): string => /^.*?[.!?](\s|$)/.exec(t)?.[0].trim() ?? t;

const outcomeOf = (t: Trace): 'success' | 'failure' => (t.outcome.result === 'authenticated' ? 'success' : 'failure');
const mechanismOf = (t: Trace): string => t.outcome.mechanism ?? 'none';

/** The problems with a suggestion's claim (empty when it holds): `base` is the scenario as written, `changed` the run with the suggestion applied. */
export function checkExpectation(expect: TryExpect, base: Trace, changed: Trace): string[] {
  const problems: string[] = [];
  let differs = false;
  if (!expect.outcome && !expect.mechanism && !expect.decisive && !expect.absent) return ['the expectation claims nothing'];
  if (expect.outcome) {
    if (outcomeOf(changed) !== expect.outcome) problems.push(`outcome is ${outcomeOf(changed)}, not ${expect.outcome}`);
    differs ||= outcomeOf(base) !== expect.outcome;
  }
  if (expect.mechanism) {
    if (mechanismOf(changed) !== expect.mechanism) problems.push(`mechanism is ${mechanismOf(changed)}, not ${expect.mechanism}`);
    differs ||= mechanismOf(base) !== expect.mechanism;
  }
  if (expect.decisive) {
    const re = new RegExp(expect.decisive, 'i');
    const hit = stepLines(changed).some((l) => re.test(l));
    if (!hit) problems.push(`no step of the changed run matches /${expect.decisive}/ (${stepLines(changed).join(' ; ')})`);
    if (stepLines(base).some((l) => re.test(l))) problems.push(`/${expect.decisive}/ already matches the scenario as written: it shows no change`);
    differs ||= hit;
  }
  if (expect.absent) {
    const re = new RegExp(expect.absent, 'i');
    const inBase = stepLines(base).some((l) => re.test(l));
    if (!inBase) problems.push(`/${expect.absent}/ matches no step of the scenario as written`);
    if (stepLines(changed).some((l) => re.test(l))) problems.push(`/${expect.absent}/ still matches a step of the changed run`);
    differs ||= inBase;
  }
  if (!differs) problems.push('nothing the expectation names differs from the scenario as written');
  return problems;
}

/** The run options that apply one suggestion to the scenario as written (what the store's one click does). */
export function optionsFor(s: Scenario, sug: Suggestion): { client?: PackageName[]; server?: PackageName[]; params?: Record<string, ParamValue> } {
  if (sug.kind === 'param') return { params: { [sug.name]: sug.value } };
  const current = s.nodes.find((n) => n.role === sug.side)?.packages ?? [];
  const list = sug.on ? (current.includes(sug.pkg) ? current : [...current, sug.pkg]) : current.filter((p) => p !== sug.pkg);
  return { [sug.side]: list };
}
