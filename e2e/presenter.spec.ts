// Presenter mode: larger type and thicker arrows for a projector, narration as a caption, the
// inspector collapsible, and the outcome hidden until the last step when asked.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';

test('presenter mode at 1920×1080', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  await app.open();
  await app.next();
  const strokeBefore = await page.locator('[data-testid="diagram.arrow"][data-current] path').first().evaluate((p) => parseFloat(getComputedStyle(p).strokeWidth));
  const narrationBefore = await app.id('narration').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await app.id('view.presenter').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(20);
  const strokeAfter = await page.locator('[data-testid="diagram.arrow"][data-current] path').first().evaluate((p) => parseFloat(getComputedStyle(p).strokeWidth));
  expect(strokeAfter).toBeGreaterThan(strokeBefore);
  expect(await app.id('narration').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThan(narrationBefore * 1.3);
  await app.screenshot('presenter-1920x1080');
  // Inspector collapses and comes back.
  await app.id('view.inspector').click();
  await expect(page.getByRole('button', { name: 'Show inspector' }).first()).toBeVisible();
  await expect(app.id('inspector.fields')).toHaveCount(0);
  await app.screenshot('presenter-1920x1080-inspector-collapsed');
  await app.id('view.inspector').click();
  await expect(app.id('inspector.fields')).toBeVisible();
  // Hide the outcome until the last step.
  await app.id('view.hideoutcome').check();
  await expect(app.id('outcome.hidden')).toBeVisible();
  await expect(app.id('outcome.result')).toHaveCount(0);
  await app.last();
  await expect(app.id('outcome.result')).toBeVisible();
  await app.back();
  await expect(app.id('outcome.hidden')).toBeVisible();
  // Leave presenter mode.
  await app.id('view.presenter').click();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
  expect(app.consoleErrors).toEqual([]);
});

test('reduced motion: steps are instant (no travel animation)', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new AppPage(page);
  await app.open();
  await app.next();
  await expect(page.locator('[data-testid="diagram.arrow"][data-current]')).toHaveCount(1);
  await expect(app.id('diagram.travel')).toHaveCount(0);
  expect(await page.locator('[data-testid="diagram.arrow"][data-current]').evaluate((g) => getComputedStyle(g).opacity)).toBe('1');
  await app.back();
  await expect(app.id('diagram.ghost')).toHaveCount(0);
});

test('with motion: the current arrow travels', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const app = new AppPage(page);
  await app.open();
  await app.next();
  // The travel is drawn over the diagram with compositor-only animations (transform), the arrow under it
  // shown once the step changes again.
  const travel = app.id('diagram.travel');
  await expect(travel).toHaveCount(1);
  expect(await travel.locator('div').first().evaluate((d) => getComputedStyle(d).animationName)).toBe('grow');
  expect(await travel.locator('svg').first().evaluate((d) => getComputedStyle(d).animationName)).toBe('travel');
  await app.next();
  expect(await page.locator('[data-testid="diagram.arrow"]:not([data-current])').first().evaluate((g) => getComputedStyle(g).opacity)).toBe('1');
});
