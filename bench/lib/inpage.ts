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
 *   delay. The baseline pages set window.__ready themselves (in a useEffect), so they get no selector.
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
  resources: performance.getEntriesByType('resource').map((e) => ({
    url: e.name,
    start: e.startTime,
    end: e.responseEnd,
    transferSize: e.transferSize,
    decodedBodySize: e.decodedBodySize,
  })),
}))()`;

/**
 * Step timing, installed before a playthrough. For each ArrowRight key event it records (performance.now() times):
 * - t0: the key event's timestamp;
 * - handled: after the app's handlers and React's flush of the update. A capture-phase listener on window (it
 *   runs first) adds a one-shot bubble-phase listener on window; that one runs after the app's own listeners
 *   (document/root/window ones registered earlier), and the microtask it queues runs after React's microtask
 *   flush of a discrete update;
 * - frame: the requestAnimationFrame callback of the first frame after the key in which the DOM had changed
 *   (frames counts how many frames that took: 1 means the update made the very next frame);
 * - painted: a MessageChannel message posted from that callback, which runs just after the frame is painted.
 * "busy" = (handled - t0) + (painted - frame): the main-thread work the step cost (handler, render, commit,
 * then style/layout/paint of the frame), leaving out the idle wait for the next vsync. When the update missed
 * the next frame, busy is the whole key-to-painted latency.
 */
export const INSTALL_STEP_TIMER = `(() => {
  const w = window;
  if (w.__steps) return;
  w.__steps = [];
  w.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight') return;
    const rec = { t0: e.timeStamp, handled: NaN, frame: NaN, painted: NaN, frames: 0, mutated: false };
    const mo = new MutationObserver(() => { rec.mutated = true; });
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    w.addEventListener('keydown', () => { queueMicrotask(() => { rec.handled = performance.now(); }); }, { once: true });
    const onFrame = () => {
      rec.frames++;
      if (!rec.mutated && rec.frames < 10) { requestAnimationFrame(onFrame); return; }
      rec.frame = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        mo.disconnect();
        rec.painted = performance.now();
        w.__steps.push(rec);
      };
      ch.port2.postMessage(0);
    };
    requestAnimationFrame(onFrame);
  }, true);
})()`;
