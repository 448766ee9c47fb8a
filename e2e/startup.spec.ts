// The first diagram needs no simulator code: the default run is precomputed at build time, the
// engine's chunk is fetched only after the diagram is interactive, and then completes the run
// (field trees) without moving the step.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { messagesOf, run, scenarios, stepsOf } from './fixtures/engine';
import { defaultScenarioId } from '../src/store/engine';

test('the default diagram is interactive before the simulator is fetched', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  let workerAt: number | null = null;
  page.on('worker', () => { workerAt ??= Date.now(); });
  // Record (in page time) when the diagram becomes interactive.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="app-ready"]')) {
        (window as unknown as { __readyAt: number }).__readyAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const app = new AppPage(page);
  await app.open('', { engine: false });
  const id = defaultScenarioId(scenarios())!;
  const trace = run(id);
  await expect(app.id('picker.select')).toHaveValue(id);
  await app.next();
  await expect(app.id('controls.position')).toHaveText(`2 / ${stepsOf(trace).length}`);
  await expect(page.locator('[data-engine="ready"]')).toBeAttached({ timeout: 20_000 });
  const readyAt = await page.evaluate(() => performance.timeOrigin + (window as unknown as { __readyAt: number }).__readyAt);
  expect(workerAt, 'the simulator runs in a web worker').not.toBeNull();
  expect(workerAt!).toBeGreaterThanOrEqual(Math.floor(readyAt) - 5);
  expect(requests.some((r) => /\/assets\/engine\.worker-[^/]*\.js$/.test(r)), 'the worker is fetched after the first diagram').toBe(true);
  // The completed run keeps the step and now explains every byte.
  await expect(app.id('controls.position')).toHaveText(`2 / ${stepsOf(trace).length}`);
  await app.last();
  await expect(app.arrows()).toHaveCount(messagesOf(trace).length);
  await expect(page.locator('[data-testid="inspector.field"]').first()).toBeVisible();
  // Nothing but the app's own files is fetched (offline-ready).
  const origin = new URL(page.url()).origin;
  expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:'))).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
