// Step cost from a Chromium performance trace (categories devtools.timeline): for each keydown on the
// page's main thread, the main-thread time the step cost, summed over the tasks from the one that
// dispatched the key to the first one after it that painted (the frame that shows the step). Idle gaps
// (waiting for vsync, for the compositor) are not counted; work that the app defers until after that
// frame (the inspector, node state) is not part of the step.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface StepCost {
  /** Main-thread time of the step's tasks, in ms. */
  busy: number;
  /** How many tasks it took (the key's task, frames, anything in between). */
  tasks: number;
}

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

export function stepCosts(traceJson: string, key = 'keydown'): StepCost[] {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const keys = events.filter((e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === key);
  if (!keys.length) return [];
  const { pid, tid } = keys[0];
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const paints = mine.filter((e) => e.name === 'Paint').map((e) => e.ts).sort((a, b) => a - b);
  const out: StepCost[] = [];
  for (const k of keys.sort((a, b) => a.ts - b.ts)) {
    const first = tasks.findIndex((t) => t.ts <= k.ts && t.ts + t.dur! >= k.ts + k.dur!);
    if (first < 0) continue;
    let busy = 0;
    let n = 0;
    for (let i = first; i < tasks.length; i++) {
      const t = tasks[i];
      busy += t.dur!;
      n++;
      const painted = paints.some((p) => p >= Math.max(t.ts, k.ts) && p <= t.ts + t.dur!);
      if (painted) break;
    }
    out.push({ busy: busy / 1000, tasks: n });
  }
  return out;
}
