// The "start here" offer for a first visit (a small dismissable note under the picker, not a
// modal), and the hook that keeps the learner's progress: a lesson counts as finished when its
// last step is reached.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectScenarios } from '../../store/selectors';
import { pathIds, nextOnPath } from '../../scenarios/path';
import { loadProgress, markFinished, saveProgress, type Progress } from '../../store/progress';

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
  const [progress, setProgress] = useState<Progress>(() => loadProgress());
  const scenarios = useApp(selectScenarios);
  const ids = useMemo(() => pathIds(new Set(scenarios.map((s) => s.id))), [scenarios]);
  const store = useAppStore();
  const update = useCallback((f: (p: Progress) => Progress) => setProgress((p) => {
    const n = f(p);
    if (n !== p) saveProgress(n);
    return n;
  }), []);
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

export function PathOffer({ progress, onStart }: { progress: ProgressApi; onStart(id: string): void }) {
  const p = progress.progress;
  if (p.offerDismissed || p.started || p.finished.length > 0 || progress.total === 0) return null;
  return (
    <aside
      data-testid="path.offer"
      aria-label="Start here"
      className="absolute left-0 top-full z-20 mt-1 w-[min(24rem,calc(100vw-1.5rem))] rounded border border-[var(--line)] bg-[var(--panel)] p-3 text-sm shadow-lg"
    >
      <p className="font-semibold">New to Windows authentication?</p>
      <p className="mt-1">
        Follow the beginner&apos;s path: how SSPI picks a protocol, then NTLM, Kerberos, Negotiate and its
        fallbacks, then what goes wrong. {progress.total} short lessons; your progress stays in this browser.
      </p>
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          data-testid="path.offer.start"
          className="rounded bg-[var(--accent)] px-3 py-1 font-medium text-white"
          onClick={() => { const id = progress.start(); if (id) onStart(id); }}
        >
          Start here
        </button>
        <button type="button" data-testid="path.offer.dismiss" className="rounded border border-[var(--line)] px-3 py-1" onClick={progress.dismiss}>
          No thanks
        </button>
      </div>
    </aside>
  );
}
