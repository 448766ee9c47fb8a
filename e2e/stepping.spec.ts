// Stepping with the buttons and with the keys (← →, PageUp/PageDown as remotes send, Home/End, Space).
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { run, scenarios, stepsOf } from './fixtures/engine';

/** The longest scenario (one the engine cannot run fails here too). */
function longest() {
  const runs = scenarios().map((s) => ({ id: s.id, n: stepsOf(run(s.id)).length }));
  return runs.sort((a, b) => b.n - a.n)[0];
}

test('buttons step forward and back, first and last, with arrows appearing and going', async ({ page }) => {
  const { id, n } = longest();
  const app = new AppPage(page);
  await app.open(`scenario=${id}`);
  await expect(app.id('controls.back')).toBeDisabled();
  await expect(app.id('controls.first')).toBeDisabled();
  await app.next();
  await app.next();
  expect(await app.position()).toEqual({ at: 3, of: n });
  await app.back();
  expect(await app.position()).toEqual({ at: 2, of: n });
  await app.last();
  expect(await app.position()).toEqual({ at: n, of: n });
  await expect(app.id('controls.next')).toBeDisabled();
  await app.first();
  expect(await app.position()).toEqual({ at: 1, of: n });
  await expect(page).toHaveURL(/step=1\b/);
});

test('keys step like the buttons', async ({ page }) => {
  const { id, n } = longest();
  const app = new AppPage(page);
  await app.open(`scenario=${id}`);
  await app.id('diagram').click({ position: { x: 5, y: 5 } });
  await app.press('ArrowRight');
  await app.press('ArrowRight');
  expect(await app.position()).toEqual({ at: 3, of: n });
  await app.press('ArrowLeft');
  expect(await app.position()).toEqual({ at: 2, of: n });
  await app.press('PageDown');
  expect(await app.position()).toEqual({ at: 3, of: n });
  await app.press('PageUp');
  expect(await app.position()).toEqual({ at: 2, of: n });
  await app.press('End');
  expect(await app.position()).toEqual({ at: n, of: n });
  await app.press('Home');
  expect(await app.position()).toEqual({ at: 1, of: n });
});

test('Space plays at 4× to the end and stops; the scrubber jumps', async ({ page }) => {
  const { id, n } = longest();
  const app = new AppPage(page);
  await app.open(`scenario=${id}`);
  await app.id('controls.speed').selectOption('4');
  await app.id('diagram').click({ position: { x: 5, y: 5 } });
  await app.press('Space');
  await expect(app.id('controls.play')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.id('controls.position')).toHaveText(`${n} / ${n}`, { timeout: n * 600 + 5000 });
  await expect(app.id('controls.play')).toHaveAttribute('aria-pressed', 'false');
  await app.id('controls.scrubber').fill('2');
  expect(await app.position()).toEqual({ at: 2, of: n });
  expect(app.consoleErrors).toEqual([]);
});

test('stepping back animates the arrow back and removes it', async ({ page }) => {
  const { id } = longest();
  const app = new AppPage(page);
  await app.open(`scenario=${id}`);
  await app.last();
  const count = await app.arrows().count();
  await app.back();
  const trace = run(id);
  const steps = stepsOf(trace);
  const lastIsMessage = steps[steps.length - 1].type === 'message';
  await expect(app.arrows()).toHaveCount(lastIsMessage ? count - 1 : count);
  if (lastIsMessage) await expect(page.getByTestId('diagram.ghost')).toHaveCount(1);
});

test('the diagram scrolls to keep the current step in view (layered view, longest scenario, 1280×720)', async ({ page }) => {
  const { id, n } = longest();
  const app = new AppPage(page);
  await app.open(`scenario=${id}`);
  await app.id('view.layers').check();
  const diagram = app.id('diagram');
  // The layered diagram is taller than its pane, or this test would prove nothing.
  expect(await diagram.evaluate((d) => d.scrollHeight > d.clientHeight * 1.5)).toBe(true);
  const currentInView = async () => {
    const box = await diagram.boundingBox();
    const label = page.locator('[data-testid="diagram.label"][class*="font-semibold"], [data-testid="diagram.decision"][class*="ring-2"]').first();
    const b = await label.boundingBox();
    return !!box && !!b && b.y >= box.y && b.y + b.height <= box.y + box.height;
  };
  await app.last();
  await expect.poll(currentInView).toBe(true);
  await app.first();
  await expect.poll(currentInView).toBe(true);
  for (let i = 1; i < n; i++) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(currentInView, { message: `step ${i + 1} of ${n} in view` }).toBe(true);
  }
  expect(app.consoleErrors).toEqual([]);
});
