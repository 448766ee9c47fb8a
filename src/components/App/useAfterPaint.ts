// A value that follows its input one painted frame later: heavy panels (inspector, node state)
// update right after the step's frame, so a step paints the diagram first and never waits on them.
import { useEffect, useState } from 'react';

export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    let timer = 0;
    // Not a transition: a store change during a concurrent render would make React redo it
    // synchronously (useSyncExternalStore), inside the next step.
    const frame = requestAnimationFrame(() => { timer = window.setTimeout(() => setShown(value), 0); });
    return () => { cancelAnimationFrame(frame); window.clearTimeout(timer); };
  }, [value, shown]);
  return shown;
}
