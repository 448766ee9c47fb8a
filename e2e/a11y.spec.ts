// axe-core finds no violation on the main screen, with the inspector open on a field, in the
// step table, and in presenter mode.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';

// An axe scan of the whole screen takes tens of seconds on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function scan(page: import('@playwright/test').Page) {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('main screen', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.next();
  expect(await scan(page)).toEqual([]);
});

test('inspector open on a field, conditions open, layered view', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.last();
  await page.locator('[data-testid="inspector.field"]').first().click();
  await app.id('conditions.toggle').click();
  await app.id('view.layers').check();
  expect(await scan(page)).toEqual([]);
});

test('step table', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.id('view.table').check();
  expect(await scan(page)).toEqual([]);
});

test('presenter mode', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  await app.open();
  await app.id('view.presenter').click();
  await app.next();
  expect(await scan(page)).toEqual([]);
});

test('dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new AppPage(page);
  await app.open();
  await app.next();
  expect(await scan(page)).toEqual([]);
  await app.screenshot('dark-1280x720');
});
