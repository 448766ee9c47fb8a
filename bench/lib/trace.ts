// Step cost from a Chromium performance trace (categories devtools.timeline): for each keydown on the
// page's main thread, the main-thread time the step cost, summed over the tasks from the one that
// dispatched the key to the first one after it that painted (the frame that shows the step). Idle gaps
// (waiting for vsync, for the compositor) are not counted; work that the app defers until after that
// frame (the inspector, node state) is not part of the step. Both the tasks' wall time and their thread
// CPU time (tdur) are summed: on a busy machine the wall time also counts the moments the OS gave the
// core to another process, the CPU time is the work itself.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, microseconds. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface StepCost {
  /** Main-thread time of the step's tasks, in ms (wall clock). */
  busy: number;
  /** Main-thread CPU time of the same tasks, in ms (NaN when the trace lacks thread times). */
  cpu: number;
  /** How many tasks it took (the key's task, frames, anything in between). */
  tasks: number;
}

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

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
    let cpu = 0;
    let n = 0;
    for (let i = first; i < tasks.length; i++) {
      const t = tasks[i];
      busy += t.dur!;
      cpu += t.tdur ?? NaN;
      n++;
      const painted = paints.some((p) => p >= Math.max(t.ts, k.ts) && p <= t.ts + t.dur!);
      if (painted) break;
    }
    out.push({ busy: busy / 1000, cpu: cpu / 1000, tasks: n });
  }
  return out;
}

/**
 * Toggle latency from a trace: for each click on the main thread, the time from the click to the end of
 * the first frame that paints after the new run is in the DOM (the in-page toggle timer marks that moment
 * with performance.mark(DRAWN_MARK)). Wall time, in ms: the worker's run and the waits count, as the
 * person sees it.
 */
export const DRAWN_MARK = 'bench:toggle-drawn';

export function toggleLatencies(traceJson: string): number[] {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const clicks = events.filter((e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'click').sort((a, b) => a.ts - b.ts);
  if (!clicks.length) return [];
  const { pid, tid } = clicks[0];
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const drawn = events.filter((e) => e.name === DRAWN_MARK && e.pid === pid).map((e) => e.ts).sort((a, b) => a - b);
  const paints = mine.filter((e) => e.name === 'Paint').map((e) => e.ts).sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < clicks.length; i++) {
    const c = clicks[i];
    const until = clicks[i + 1]?.ts ?? Infinity;
    const at = drawn.find((t) => t > c.ts && t < until);
    if (at === undefined) continue;
    const frame = tasks.find((t) => t.ts + t.dur! >= at && paints.some((p) => p >= Math.max(t.ts, at) && p <= t.ts + t.dur!));
    if (!frame) continue;
    out.push((frame.ts + frame.dur! - c.ts) / 1000);
  }
  return out;
}
