// The first screen is prerendered at build time (src/prerender.tsx) into index.html, and hydrated
// when the page opens in the state it was rendered in: the default scenario, no link settings, the
// same layout. Otherwise the app renders afresh over it. The key says which state the HTML holds.
import type { AppState } from './types';

/** The viewport the build renders the first screen for (a laptop: the commonest screen). */
export const PRERENDER_VIEWPORT = { w: 1280, h: 720 };

let hydrating = false;
/** Set while the first render must match the prerendered HTML (sizes come from PRERENDER_VIEWPORT). */
export function setHydrating(on: boolean): void { hydrating = on; }

/** The viewport the first render assumes: the prerendered one while hydrating (and at build time),
 * else the window's. Components correct it from a ResizeObserver right after. */
export function viewportEstimate(): { w: number; h: number } {
  if (hydrating || typeof window === 'undefined') return PRERENDER_VIEWPORT;
  return { w: window.innerWidth, h: window.innerHeight };
}

/** What the first render depends on, as a string: equal keys render equal markup. */
export function hydrationKey(s: AppState, layout: 'phone' | 'wide'): string {
  return JSON.stringify([
    s.scenarioId, s.cursor, s.client, s.server, s.params, s.built, s.partial, s.notices.length, layout,
    s.layered, s.view, s.presenter, s.hideOutcome, s.inspectorCollapsed, s.topologyCollapsed, s.nodeStateOpen, s.tab,
  ]);
}
