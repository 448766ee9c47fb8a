// Every scenario the simulator lists is on the picker; a sample is walked in the browser to its last
// step with no console error and no overlapping labels, with one arrow per message at the last step.
// The full walk of every scenario runs in vitest against the store (src/store/walk.test.ts) and the
// diagram's geometry for every scenario in src/components/Diagram/layout.test.ts, so this suite does
// not grow with the library. The sample is fixtures/engine.ts's browserSample (E2E_SCENARIOS=all walks
// every scenario here too).
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { browserSample, messagesOf, run, scenarios, stepsOf } from './fixtures/engine';

test('the picker lists exactly the scenarios of --list', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  expect(await app.scenarioIds()).toEqual(expect.arrayContaining(scenarios().map((s) => s.id)));
  expect((await app.scenarioIds()).length).toBe(scenarios().length);
});

test('choosing a scenario in the picker shows it from its first step', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const list = scenarios();
  const target = list.find((s) => s.id !== list[0].id) ?? list[0];
  await app.chooseScenario(target.id);
  await expect(page).toHaveURL(new RegExp(`scenario=${target.id}`));
  expect(await app.position()).toEqual({ at: 1, of: stepsOf(run(target.id)).length });
  await expect(app.id('goal')).toContainText(target.goal.slice(0, 40));
});

for (const s of browserSample()) {
  test(`walk ${s.id} to its last step`, async ({ page }) => {
    const app = new AppPage(page);
    await app.open(`scenario=${s.id}`);
    const trace = run(s.id);
    const n = stepsOf(trace).length;
    expect(await app.position()).toEqual({ at: 1, of: n });
    for (let i = 1; i < n; i++) {
      await app.next();
      await expect(app.id('controls.position')).toHaveText(`${i + 1} / ${n}`);
      expect(await app.overlappingLabels(), `labels overlap at step ${i + 1}`).toEqual([]);
    }
    await expect(app.id('controls.next')).toBeDisabled();
    await expect(app.arrows()).toHaveCount(messagesOf(trace).length);
    await expect(page.locator('[data-testid="diagram"] [data-testid="diagram.decision"]')).toHaveCount(trace.events.filter((e) => e.type === 'decision').length);
    await expect(app.id('outcome.result')).toContainText(trace.outcome.result === 'authenticated' ? 'Authenticated' : 'Failed');
    // The layered view adds the SSPI calls and still has no overlapping label.
    await app.id('view.layers').check();
    expect(await app.overlappingLabels()).toEqual([]);
    await expect(app.arrows()).toHaveCount(messagesOf(trace).length);
    await expect(page.locator('[data-testid="diagram.call"]')).toHaveCount(trace.events.filter((e) => e.type === 'sspi-call').length);
    expect(app.consoleErrors).toEqual([]);
  });
}
