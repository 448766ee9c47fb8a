// Shared by the baseline pages: record the moment the page became interactive, once.
// bench/lib/load.ts reads window.__ready (milliseconds since navigation start).
export function markReady(): void {
  const w = window as Window & { __ready?: number };
  if (w.__ready === undefined) w.__ready = performance.now();
}
