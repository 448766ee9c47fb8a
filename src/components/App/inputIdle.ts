// Work that the first diagram does not need (the inspector's code, React Flow, the simulator) waits
// until the person has stopped pressing keys for a moment, then for an idle period: someone who
// starts stepping at once is never held up by it.
let lastInput = -Infinity;
let listening = false;

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const mark = () => { lastInput = performance.now(); };
  for (const type of ['keydown', 'pointerdown', 'wheel'] as const) window.addEventListener(type, mark, { capture: true, passive: true });
}

/** Calls `fn` once no input has come for `quietMs`, in an idle period; returns a cancel function. */
export function whenInputIdle(fn: () => void, quietMs = 700): () => void {
  listen();
  let timer = 0;
  let idle = 0;
  let cancelled = false;
  const check = () => {
    if (cancelled) return;
    const wait = lastInput + quietMs - performance.now();
    if (wait > 0) { timer = window.setTimeout(check, wait); return; }
    if (window.requestIdleCallback) idle = window.requestIdleCallback(() => { if (!cancelled) fn(); }, { timeout: 300 });
    else timer = window.setTimeout(() => { if (!cancelled) fn(); }, 0);
  };
  timer = window.setTimeout(check, 0);
  return () => {
    cancelled = true;
    window.clearTimeout(timer);
    if (idle && window.cancelIdleCallback) window.cancelIdleCallback(idle);
  };
}

listen();
