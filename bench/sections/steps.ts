// Section "steps": the screen's step timing (DESIGN.md "Budgets"):
// - a step (key press to updated diagram) within one frame at the 95th percentile;
// - no long task over 50 ms during a full playthrough.
// It runs only when the app renders step controls ([data-testid="controls.next"]); until then it prints
// "steps: screen has no step controls yet".
// Method: load the app in a fresh context and wait until it is interactive; go to the first step (Home)
// if the app did not open there; install the in-page step timer (bench/lib/inpage.ts INSTALL_STEP_TIMER);
// press ArrowRight until controls.next is disabled (or MAX_STEPS), one key at a time, waiting for each
// measurement. "Within one frame" is checked as: the update reaches the very next frame, and the
// main-thread work it costs (key handler + React, then that frame's style/layout/paint) fits in 1/60 s.
// Long tasks come from the 'longtask' PerformanceObserver installed before the app loaded, counting only
// those that started during the playthrough.
import { INSTALL_STEP_TIMER, initScript } from '../lib/inpage';
import { max, quantile } from '../lib/stats';
import { budget, type BenchSection } from './types';

const NEXT = '[data-testid="controls.next"]';
const FIRST = '[data-testid="controls.first"]';
const MAX_STEPS = 200;
const FRAME_MS = 1000 / 60;
const LONG_TASK_MS = 50;

interface StepRecord {
  t0: number;
  handled: number;
  frame: number;
  painted: number;
  frames: number;
  mutated: boolean;
}

/** Main-thread work of one step, without the idle wait for vsync (see INSTALL_STEP_TIMER). */
function busyMs(s: StepRecord): number {
  if (s.frames !== 1 || !Number.isFinite(s.handled)) return s.painted - s.t0;
  return s.handled - s.t0 + (s.painted - s.frame);
}

export const stepsSection: BenchSection = {
  name: 'steps',
  async run(ctx) {
    const context = await ctx.newContext();
    try {
      await context.addInitScript({ content: initScript(ctx.appReadySelector) });
      const page = await context.newPage();
      await page.goto(ctx.urls.app, { waitUntil: 'commit' });
      await page.waitForFunction('window.__ready !== undefined', null, { timeout: 30_000 });
      const next = page.locator(NEXT).first();
      if ((await next.count()) === 0) {
        ctx.log('steps: screen has no step controls yet');
        return { status: 'skipped', message: 'no step controls yet', budgets: [] };
      }
      // Start from the first step (Home is the app's "first" shortcut) if the app did not open there.
      const first = page.locator(FIRST).first();
      if ((await first.count()) > 0 && (await first.isEnabled())) {
        await page.keyboard.press('Home');
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      }
      await page.evaluate(INSTALL_STEP_TIMER);
      const t0 = (await page.evaluate('performance.now()')) as number;
      let presses = 0;
      while (presses < MAX_STEPS && !(await next.isDisabled()) && (await next.getAttribute('aria-disabled')) !== 'true') {
        await page.keyboard.press('ArrowRight');
        presses++;
        await page.waitForFunction(`window.__steps.length >= ${presses}`, null, { timeout: 10_000 });
      }
      if (presses === 0) {
        ctx.log('steps: controls.next is disabled on the default scenario: nothing to play');
        return { status: 'skipped', message: 'controls.next disabled at load', budgets: [] };
      }
      const steps = (await page.evaluate('window.__steps')) as StepRecord[];
      const longtasks = ((await page.evaluate('window.__bench.longtasks')) as { start: number; duration: number }[]).filter(
        (t) => t.start >= t0,
      );
      const busy = steps.map(busyMs);
      const latencies = steps.map((s) => s.painted - s.t0);
      const p95 = quantile(busy, 0.95);
      const longest = longtasks.length ? max(longtasks.map((t) => t.duration)) : 0;
      const unchanged = steps.filter((s) => !s.mutated).length;
      const late = steps.filter((s) => s.mutated && s.frames > 1).length;
      const unhandled = steps.filter((s) => !Number.isFinite(s.handled)).length;
      ctx.log(`steps: ${steps.length} key presses (ArrowRight) until controls.next was disabled${presses >= MAX_STEPS ? ` (stopped at ${MAX_STEPS})` : ''}${steps.length < 20 ? ' (small sample: p95 is close to the max)' : ''}`);
      ctx.log(`  main-thread work per step (handler + frame): median ${quantile(busy, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max(busy).toFixed(1)} ms`);
      ctx.log(`  key press to painted frame (incl. vsync wait): median ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`);
      if (late) ctx.log(`  ${late} step(s) reached the screen only after the first frame (counted whole)`);
      if (unchanged) ctx.log(`  ${unchanged} key press(es) changed nothing in the DOM within 10 frames`);
      if (unhandled) ctx.log(`  ${unhandled} key event(s) never reached window (stopPropagation?): counted whole`);
      ctx.log(`  long tasks during the playthrough: ${longtasks.length}, longest ${longest.toFixed(1)} ms`);
      const budgets = [
        budget('step p95 (key press to updated diagram, main-thread work)', p95, '<=', FRAME_MS, 'ms'),
        budget('longest long task during playthrough', longest, '<=', LONG_TASK_MS, 'ms'),
      ];
      for (const b of budgets) ctx.log(`  ${b.name}: ${b.value.toFixed(1)} ${b.unit} (budget ${b.op} ${b.limit.toFixed(1)}) ${b.pass ? 'PASS' : 'OVER'}`);
      return { status: 'ok', budgets, data: { presses, steps, longtasks } };
    } finally {
      await context.close();
    }
  },
};
