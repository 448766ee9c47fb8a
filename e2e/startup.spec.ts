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
  const timing = await page.evaluate(() => ({
    readyAt: (window as unknown as { __readyAt: number }).__readyAt,
    engineAt: performance.getEntriesByType('resource').find((e) => /\/assets\/run-[^/]*\.js$/.test(e.name))?.startTime ?? null,
  }));
  expect(timing.engineAt, 'the simulator is a separate chunk').not.toBeNull();
  expect(timing.engineAt!).toBeGreaterThanOrEqual(timing.readyAt);
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
