// The "start here" offer for a first visit (a small dismissable note under the picker, not a
// modal), and the hook that keeps the learner's progress: a lesson counts as finished when its
// last step is reached.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectScenarios } from '../../store/selectors';
import { pathIds, nextOnPath } from '../../scenarios/path';
import { EMPTY_PROGRESS, loadProgress, markFinished, saveProgress, type Progress } from '../../store/progress';

// The learner's progress as a small external store over localStorage. The prerendered first paint
// (and hydration) sees the server snapshot, in which the offer is not shown, so the HTML matches;
// the browser's stored progress is read right after.
let current: Progress | null = null;
const listeners = new Set<() => void>();
const SERVER: Progress = { ...EMPTY_PROGRESS, offerDismissed: true };
const getSnapshot = () => (current ??= loadProgress());
const getServerSnapshot = () => SERVER;
const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };
function setStored(f: (p: Progress) => Progress) {
  const p = getSnapshot();
  const n = f(p);
  if (n === p) return;
  current = n;
  saveProgress(n);
  for (const l of listeners) l();
}

export interface ProgressApi {
  progress: Progress;
  total: number;
  doneCount: number;
  remaining: boolean;
  next(): string | null;
  dismiss(): void;
  start(): string | null;
}

export function useProgress(): ProgressApi {
  const progress = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const scenarios = useApp(selectScenarios);
  const ids = useMemo(() => pathIds(new Set(scenarios.map((s) => s.id))), [scenarios]);
  const store = useAppStore();
  const update = useCallback((f: (p: Progress) => Progress) => setStored(f), []);
  // Reaching a scenario's last step finishes it (the store is the external system we listen to).
  useEffect(() => {
    const check = (s: ReturnType<typeof store.getState>) => {
      const id = s.scenarioId;
      if (id && !s.partial && s.steps.length > 1 && s.cursor === s.steps.length - 1) update((p) => markFinished(p, id));
    };
    check(store.getState());
    return store.subscribe(check);
  }, [store, update]);
  const finished = new Set(progress.finished);
  const doneCount = ids.filter((i) => finished.has(i)).length;
  return {
    progress,
    total: ids.length,
    doneCount,
    remaining: doneCount < ids.length,
    next: () => nextOnPath(ids, finished) ?? ids[0] ?? null,
    dismiss: () => update((p) => (p.offerDismissed ? p : { ...p, offerDismissed: true })),
    start: () => { update((p) => ({ ...p, started: true, offerDismissed: true })); return nextOnPath(ids, finished) ?? ids[0] ?? null; },
  };
}

/** The offer shows on a first visit only: nothing finished, never started, never dismissed. */
export function offerVisible({ progress: p, total }: ProgressApi): boolean {
  return !p.offerDismissed && !p.started && p.finished.length === 0 && total > 0;
}

export function PathOffer({ progress, onStart }: { progress: ProgressApi; onStart(id: string): void }) {
  if (!offerVisible(progress)) return null;
  return (
    <aside
      data-testid="path.offer"
      aria-label="Start here"
      className="flex flex-wrap items-center gap-1.5 rounded border border-[var(--accent)] px-1.5 py-0.5 text-sm"
    >
      {/* One short line: at 1280 px it shares the header's first row with the picker. */}
      <span>New here?</span>
      <button
        type="button"
        data-testid="path.offer.start"
        className="rounded bg-[var(--accent-strong)] px-2 py-0.5 font-medium text-white"
        onClick={() => { const id = progress.start(); if (id) onStart(id); }}
      >
        Start the path ({progress.total} lessons)
      </button>
      <button type="button" data-testid="path.offer.dismiss" className="rounded border border-[var(--line)] px-2 py-0.5" onClick={progress.dismiss}>
        No thanks
      </button>
    </aside>
  );
}
