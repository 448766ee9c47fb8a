// Scripts that run inside the measured pages. They are plain-JS strings on purpose: tsx/esbuild may wrap
// functions with helpers (e.g. __name) that do not exist in the page, so nothing here is a serialized TS function.

/** The selector that marks the app as interactive once its default scenario's diagram is ready. */
export const APP_READY_SELECTOR = '[data-testid="app-ready"]';
/** Fallback while the app does not render APP_READY_SELECTOR yet: React has rendered something into #root. */
export const APP_FALLBACK_SELECTOR = '#root > *';

/**
 * Installed with context.addInitScript, so it runs in every document before any page script.
 * - window.__bench.fcp: first-contentful-paint start time (PerformanceObserver 'paint', buffered);
 * - window.__bench.longtasks: every long task (PerformanceObserver 'longtask', buffered);
 * - if `readySelector` is given (the app): a MutationObserver on the whole document sets
 *   window.__ready = performance.now() in the microtask right after the DOM mutation that first makes
 *   `readySelector` match. That is the in-page equivalent of polling for the element, without the polling
 *   delay. The baseline pages render the same marker in their first render, so all three are measured alike.
 * All times are performance.now() values: milliseconds since the navigation started.
 */
export function initScript(readySelector?: string): string {
  return `(() => {
  const w = window;
  w.__bench = { fcp: undefined, longtasks: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.__bench.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch (err) { w.__bench.paintError = String(err); }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (err) { w.__bench.longtaskError = String(err); }
  const selector = ${JSON.stringify(readySelector ?? null)};
  if (selector) {
    const found = () => {
      if (w.__ready !== undefined) return true;
      if (document.querySelector(selector)) { w.__ready = performance.now(); return true; }
      return false;
    };
    if (!found()) {
      const mo = new MutationObserver(() => { if (found()) mo.disconnect(); });
      mo.observe(document, { subtree: true, childList: true, attributes: true });
    }
  }
})();`;
}

/** Evaluated after the page is ready: FCP and every resource timing entry. */
export const COLLECT_LOAD = `(() => ({
  ready: window.__ready,
  fcp: window.__bench ? window.__bench.fcp : undefined,
  load: (performance.getEntriesByType('navigation')[0] || {}).loadEventStart,
  resources: performance.getEntriesByType('resource').map((e) => ({
    url: e.name,
    start: e.startTime,
    end: e.responseEnd,
    transferSize: e.transferSize,
    decodedBodySize: e.decodedBodySize,
  })),
}))()`;

/**
 * Step timing, installed before a playthrough. For each ArrowRight or ArrowLeft key event it records (performance.now() times):
 * - t0: the key event's timestamp;
 * - handled: after the app's handlers and React's flush of the update. A capture-phase listener on window (it
 *   runs first) adds a one-shot bubble-phase listener on window; that one runs after the app's own listeners
 *   (document/root/window ones registered earlier), and the microtask it queues runs after React's microtask
 *   flush of a discrete update;
 * - frame: the requestAnimationFrame callback of the first frame after the key in which the DOM had changed
 *   (frames counts how many frames that took: 1 means the update made the very next frame);
 * - painted: the first task after that frame (a MessageChannel message or a 0 ms timer, both set from that
 *   callback, whichever runs first), i.e. just after the frame is painted, before the app's after-paint work.
 * "busy" = (handled - t0) + (painted - frame): the main-thread work the step cost (handler, render, commit,
 * then style/layout/paint of the frame), leaving out the idle wait for the next vsync. When the update missed
 * the next frame, busy is the whole key-to-painted latency.
 */
export const INSTALL_STEP_TIMER = `(() => {
  const w = window;
  if (w.__steps) return;
  w.__steps = [];
  w.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const rec = { key: e.key, t0: e.timeStamp, handled: NaN, frame: NaN, painted: NaN, frames: 0, mutated: false };
    const mo = new MutationObserver(() => { rec.mutated = true; });
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    w.addEventListener('keydown', () => { queueMicrotask(() => { rec.handled = performance.now(); }); }, { once: true });
    const onFrame = () => {
      rec.frames++;
      if (!rec.mutated && rec.frames < 10) { requestAnimationFrame(onFrame); return; }
      rec.frame = performance.now();
      // The first task after the frame, whichever queue runs first: a message, or a 0 ms timer (timers
      // run in the order set, so this one runs before any the app sets in its own frame callbacks).
      let done = false;
      const after = () => {
        if (done) return;
        done = true;
        mo.disconnect();
        rec.painted = performance.now();
        w.__steps.push(rec);
      };
      const ch = new MessageChannel();
      ch.port1.onmessage = after;
      ch.port2.postMessage(0);
      setTimeout(after, 0);
    };
    requestAnimationFrame(onFrame);
  }, true);
})()`;

/**
 * Toggle timing: for each click on a topology control (a provider toggle or a condition), the time from
 * the click event to the frame painted after the diagram shows the new run (its data-run attribute
 * changes: the engine re-ran in its worker and the diagram was redrawn). Records go to window.__toggles:
 * { t0, drawn, painted } (performance.now() times); a click whose run never arrives within 5 s is
 * recorded with drawn = NaN.
 */
export const INSTALL_TOGGLE_TIMER = `(() => {
  const w = window;
  if (w.__toggles) return;
  w.__toggles = [];
  w.addEventListener('click', (e) => {
    const t = e.target;
    if (!(t instanceof Element) || !t.closest('[data-testid="topology"]') || t.tagName !== 'INPUT') return;
    const diagram = document.querySelector('[data-testid="diagram"]');
    const before = diagram ? diagram.getAttribute('data-run') : null;
    const rec = { t0: e.timeStamp, drawn: NaN, painted: NaN };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      mo.disconnect();
      clearTimeout(giveUp);
      rec.drawn = performance.now();
      performance.mark('bench:toggle-drawn');
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { rec.painted = performance.now(); w.__toggles.push(rec); };
        ch.port2.postMessage(0);
      });
    };
    const changed = () => {
      const d = document.querySelector('[data-testid="diagram"]');
      return d && d.getAttribute('data-run') !== before;
    };
    const mo = new MutationObserver(() => { if (changed()) finish(); });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run'] });
    const giveUp = setTimeout(() => { if (!done) { done = true; mo.disconnect(); w.__toggles.push(rec); } }, 5000);
  }, true);
})()`;

/** Resolves after the page has been quiet: two idle callbacks in a row, then `ms` more. */
export function quietFor(ms: number): string {
  return `new Promise((resolve) => {
  const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 50));
  idle(() => idle(() => setTimeout(resolve, ${ms})));
})`;
}
