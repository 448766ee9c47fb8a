// A store value that heavy panels (inspector, node state, topology) read one painted frame late:
// a step paints the diagram first and never waits on them. The hook subscribes to the store
// itself, so a step does not re-render its component at all until the frame is painted.
import { startTransition, useEffect, useState } from 'react';
import { useAppStore } from '../../store/context';
import type { AppState } from '../../store/types';

export function useAppAfterPaint<T>(selector: (s: AppState) => T): T {
  const store = useAppStore();
  const [shown, setShown] = useState(() => selector(store.getState()));
  useEffect(() => {
    let frame = 0;
    let timer = 0;
    const cancel = () => { cancelAnimationFrame(frame); window.clearTimeout(timer); frame = 0; };
    // A transition: React renders the panel in slices of a few milliseconds, so a large one (a hex
    // dump of a few thousand bytes, its code still cold just after load) never makes a long task, and
    // the next step interrupts it. A step changes only the cursor, which the panels' own store reads
    // do not select (the selection's empty values are shared constants), so nothing tears.
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        timer = window.setTimeout(() => { frame = 0; startTransition(() => setShown(() => selector(store.getState()))); }, 0);
      });
    };
    const unsub = store.subscribe((s, prev) => { if (!Object.is(selector(s), selector(prev))) schedule(); });
    // The store may have changed between this component's render and this effect (a no-op if not).
    schedule();
    return () => { unsub(); cancel(); };
  }, [store, selector]);
  return shown;
}
