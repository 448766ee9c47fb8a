// Section "steps": the screen's budgets (DESIGN.md "Budgets", issue "learning screen"):
// - a step (key press to updated diagram) within one frame at the 95th percentile;
// - no long task over 50 ms during a full playthrough at 4× speed;
// - a toggle to the redrawn diagram under 100 ms.
// It runs only when the app renders step controls ([data-testid="controls.next"]).
// Method: load the app in a fresh context and wait until it has settled: interactive, the simulator loaded
// (data-engine="ready"), the deferred pieces mounted (data-deferred="loaded"), then a quiet moment, as when a
// student reads the goal before the first step. Then three phases on the default scenario:
// 1. keys: ROUNDS times, ArrowRight until controls.next is disabled, then ArrowLeft back to the first step,
//    one key at a time once the page is quiet (two idle callbacks). "Within one frame" is checked as: the
//    main-thread work the step costs (the key's task with the handler and React's render, then every task
//    up to the frame that paints it: style, layout, paint), from a Chromium trace (bench/lib/trace.ts) as
//    the main thread's CPU time, fits in 1/60 s. The same tasks' wall time is reported beside it. An in-page timer (INSTALL_STEP_TIMER) also reports latency, waits included.
// 2. playthrough: speed 4×, Play from the first step until it stops at the last; every long task
//    (PerformanceObserver 'longtask', installed before the app loaded) that started in between counts.
// 3. toggles: "Kerberos on server" clicked off and on again, TOGGLES times, each from a quiet page; each from
//    the click to the end of the frame that paints the new run, from a Chromium trace (bench/lib/trace.ts
//    toggleLatencies): the engine's run in its worker, the store, the redraw. INSTALL_TOGGLE_TIMER waits for
//    the new diagram in the DOM.
import type { BrowserContext, Page } from '@playwright/test';
import { INSTALL_STEP_TIMER, INSTALL_TOGGLE_TIMER, initScript, quietFor } from '../lib/inpage';
import { TRACE_CATEGORIES, stepCosts, toggleLatencies } from '../lib/trace';
import { max, quantile } from '../lib/stats';
import { budget, type BenchSection, type BudgetCheck, type SectionContext } from './types';

const NEXT = '[data-testid="controls.next"]';
const FIRST = '[data-testid="controls.first"]';
const PLAY = '[data-testid="controls.play"]';
const SPEED = '[data-testid="controls.speed"]';
const SETTLED = '[data-testid="app-ready"][data-engine="ready"][data-deferred="loaded"]';
const TOGGLE = '[data-testid="toggle.server.Kerberos"]';
const MAX_STEPS = 200;
const ROUNDS = 3;
const TOGGLES = 20;
const FRAME_MS = 1000 / 60;
const LONG_TASK_MS = 50;
const TOGGLE_MS = 100;

interface StepRecord {
  key: string;
  t0: number;
  handled: number;
  frame: number;
  painted: number;
  frames: number;
  mutated: boolean;
}

interface ToggleRecord { t0: number; drawn: number; painted: number }
interface LongTask { start: number; duration: number }

/** Main-thread work of one step, without the idle wait for vsync (see INSTALL_STEP_TIMER). */
function busyMs(s: StepRecord): number {
  if (s.frames !== 1 || !Number.isFinite(s.handled)) return s.painted - s.t0;
  return s.handled - s.t0 + (s.painted - s.frame);
}

const disabled = async (page: Page, sel: string) => {
  const el = page.locator(sel).first();
  return (await el.isDisabled()) || (await el.getAttribute('aria-disabled')) === 'true';
};

async function keys(page: Page, ctx: SectionContext): Promise<BudgetCheck[]> {
  await page.evaluate(INSTALL_STEP_TIMER);
  let presses = 0;
  const press = async (key: string) => {
    // Each step from a quiet page (as a person stepping and reading does): the after-paint work of the
    // previous step (inspector, node state) is done. Held keys and play are the playthrough's part.
    await page.evaluate(quietFor(0));
    await page.keyboard.press(key);
    presses++;
    await page.waitForFunction(`window.__steps.length >= ${presses}`, null, { timeout: 10_000 });
  };
  // Chromium's trace gives each step's main-thread cost exactly (bench/lib/trace.ts).
  await ctx.browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let forward = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const before = presses;
    while (presses - before < MAX_STEPS && !(await disabled(page, NEXT))) await press('ArrowRight');
    forward += presses - before;
    const back = presses;
    while (presses - back < MAX_STEPS && !(await disabled(page, FIRST))) await press('ArrowLeft');
  }
  const costs = stepCosts((await ctx.browser.stopTracing()).toString());
  if (presses === 0) {
    ctx.log('  keys: controls.next is disabled on the default scenario: nothing to step');
    return [];
  }
  const steps = (await page.evaluate('window.__steps')) as StepRecord[];
  const busy = costs.map((c) => c.busy);
  const cpu = costs.map((c) => c.cpu);
  const latencies = steps.map((s) => s.painted - s.t0);
  const p95 = quantile(cpu, 0.95);
  const inPage = steps.map(busyMs);
  const unchanged = steps.filter((s) => !s.mutated).length;
  const late = steps.filter((s) => s.mutated && s.frames > 1).length;
  const unhandled = steps.filter((s) => !Number.isFinite(s.handled)).length;
  ctx.log(`  keys: ${steps.length} key presses (${ROUNDS} rounds of ArrowRight to the last step and ArrowLeft back: ${forward} + ${steps.length - forward}), each from a quiet page`);
  if (costs.length !== steps.length) ctx.log(`    the trace shows ${costs.length} key events for ${steps.length} presses`);
  ctx.log(`    main-thread work per step (trace, CPU time of the key's task to the frame that paints it): median ${quantile(cpu, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max(cpu).toFixed(1)} ms`);
  ctx.log(`    (info) the same tasks in wall time (the OS may give the core to another process meanwhile): median ${quantile(busy, 0.5).toFixed(1)} ms, p95 ${quantile(busy, 0.95).toFixed(1)} ms, max ${max(busy).toFixed(1)} ms`);
  ctx.log(`    (info) in-page timer, handler + frame incl. waits for the compositor: median ${quantile(inPage, 0.5).toFixed(1)} ms, p95 ${quantile(inPage, 0.95).toFixed(1)} ms`);
  ctx.log(`    (info) key press to painted frame (incl. vsync wait): median ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`);
  if (late) ctx.log(`    ${late} step(s) reached the screen only after the first frame (counted whole)`);
  if (unchanged) ctx.log(`    ${unchanged} key press(es) changed nothing in the DOM within 10 frames`);
  if (unhandled) ctx.log(`    ${unhandled} key event(s) never reached window (stopPropagation?): counted whole`);
  ctx.log(`    (info) CPU ms per step, in order: ${cpu.map((b) => b.toFixed(0)).join(' ')}`);
  return [budget('step p95 (key press to updated diagram, main-thread work)', p95, '<=', FRAME_MS, 'ms')];
}

/** Whether the page has a play button and a speed control. */
async function canPlay(page: Page): Promise<boolean> {
  return (await page.locator(PLAY).count()) > 0 && (await page.locator(SPEED).count()) > 0;
}

/** Play at 4× from where the page is until it stops at the last step; the long tasks that started meanwhile. */
async function playAt4x(page: Page): Promise<{ seconds: number; tasks: LongTask[] }> {
  await page.selectOption(SPEED, '4');
  const t0 = (await page.evaluate('performance.now()')) as number;
  await page.locator(PLAY).click();
  await page.waitForFunction(
    `document.querySelector('${PLAY}').getAttribute('aria-pressed') === 'false' && document.querySelector('${NEXT}').disabled`,
    null,
    { timeout: 120_000, polling: 100 },
  );
  const t1 = (await page.evaluate('performance.now()')) as number;
  const tasks = ((await page.evaluate('window.__bench.longtasks')) as LongTask[]).filter((t) => t.start >= t0 && t.start <= t1);
  return { seconds: (t1 - t0) / 1000, tasks };
}

async function playthrough(page: Page, ctx: SectionContext): Promise<BudgetCheck[]> {
  if (!(await canPlay(page))) {
    ctx.log('  playthrough: no play button or speed control');
    return [];
  }
  await page.keyboard.press('Home');
  await page.evaluate(quietFor(300));
  const { seconds, tasks } = await playAt4x(page);
  const longest = tasks.length ? max(tasks.map((t) => t.duration)) : 0;
  const position = await page.locator('[data-testid="controls.position"]').textContent();
  ctx.log(`  playthrough at 4×: ${seconds.toFixed(1)} s to step ${position?.trim()}; long tasks: ${tasks.length}, longest ${longest.toFixed(1)} ms`);
  return [budget('longest long task during a 4× playthrough', longest, '<=', LONG_TASK_MS, 'ms')];
}

async function toggles(page: Page, ctx: SectionContext): Promise<BudgetCheck[]> {
  const box = page.locator(TOGGLE).first();
  if ((await box.count()) === 0) {
    ctx.log(`  toggles: no ${TOGGLE} on the default scenario`);
    return [];
  }
  await page.evaluate(INSTALL_TOGGLE_TIMER);
  await ctx.browser.startTracing(page, { categories: TRACE_CATEGORIES });
  for (let i = 0; i < TOGGLES; i++) {
    await page.evaluate(quietFor(200));
    await box.click();
    await page.waitForFunction(`window.__toggles.length >= ${i + 1}`, null, { timeout: 10_000 });
    await page.evaluate(quietFor(0));
  }
  const traced = toggleLatencies((await ctx.browser.stopTracing()).toString());
  const recs = (await page.evaluate('window.__toggles')) as ToggleRecord[];
  const missed = recs.filter((r) => !Number.isFinite(r.drawn)).length;
  const drawn = recs.map((r) => (Number.isFinite(r.drawn) ? r.drawn - r.t0 : Infinity));
  if (traced.length !== recs.length) ctx.log(`    the trace shows ${traced.length} redraws for ${recs.length} clicks`);
  const ms = traced.length === recs.length ? traced : [...traced, ...Array(recs.length - traced.length).fill(Infinity)];
  const p95 = quantile(ms, 0.95);
  ctx.log(`  toggles: "Kerberos on server" clicked ${recs.length} times (off, on, …), each from a quiet page; click to the end of the frame that paints the new run (trace): median ${quantile(ms, 0.5).toFixed(1)} ms, max ${max(ms).toFixed(1)} ms, the first ${ms[0].toFixed(1)} ms${missed ? `; ${missed} never redrew within 5 s` : ''}`);
  ctx.log(`    (info) click to the new diagram in the DOM (in-page): median ${quantile(drawn, 0.5).toFixed(1)} ms, max ${max(drawn).toFixed(1)} ms`);
  return [budget('toggle to redrawn diagram (p95 of clicks)', p95, '<', TOGGLE_MS, 'ms')];
}

/** The app in a page of `context`, with the in-page observers, once it is interactive. */
async function openApp(context: BrowserContext, ctx: SectionContext): Promise<Page> {
  await context.addInitScript({ content: initScript(ctx.appReadySelector) });
  const page = await context.newPage();
  await page.goto(ctx.urls.app, { waitUntil: 'commit' });
  await page.waitForFunction('window.__ready !== undefined', null, { timeout: 30_000 });
  return page;
}

/** (info) Play at 4× the moment the page is interactive, before the deferred pieces have loaded. */
async function playFromLoad(ctx: SectionContext): Promise<void> {
  const context = await ctx.newContext();
  try {
    const page = await openApp(context, ctx);
    if (!(await canPlay(page))) return;
    const { tasks } = await playAt4x(page);
    ctx.log(`  (info) Play at 4× the moment the page is interactive (the inspector and React Flow load meanwhile): long tasks ${tasks.length ? tasks.map((t) => t.duration.toFixed(0)).join(', ') + ' ms' : 'none'}`);
  } finally {
    await context.close();
  }
}

export const stepsSection: BenchSection = {
  name: 'steps',
  async run(ctx) {
    const context = await ctx.newContext();
    try {
      const page = await openApp(context, ctx);
      if ((await page.locator(NEXT).count()) === 0) {
        ctx.log('steps: screen has no step controls yet');
        return { status: 'skipped', message: 'no step controls yet', budgets: [] };
      }
      await page.waitForSelector(SETTLED, { timeout: 30_000 });
      await page.evaluate(quietFor(500));
      const settled = (await page.evaluate('performance.now()')) as number;
      const loadTasks = ((await page.evaluate('window.__bench.longtasks')) as LongTask[]).filter((t) => t.start < settled);
      ctx.log(`steps: measured once the page settled (${(settled / 1000).toFixed(1)} s after navigation; before that, ${loadTasks.length} long task(s) while loading, longest ${(loadTasks.length ? max(loadTasks.map((t) => t.duration)) : 0).toFixed(1)} ms)`);
      if (!(await disabled(page, FIRST))) await page.keyboard.press('Home');
      const budgets = [...(await keys(page, ctx)), ...(await playthrough(page, ctx)), ...(await toggles(page, ctx))];
      await playFromLoad(ctx);
      for (const b of budgets) ctx.log(`  ${b.name}: ${b.value.toFixed(1)} ${b.unit} (budget ${b.op} ${b.limit.toFixed(1)}) ${b.pass ? 'PASS' : 'OVER'}`);
      return { status: 'ok', budgets, data: { steps: await page.evaluate('window.__steps'), toggles: await page.evaluate('window.__toggles ?? []') } };
    } finally {
      await context.close();
    }
  },
};
