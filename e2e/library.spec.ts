// Finding your way (issue 15): the picker's search, the first-visit offer of the start-here path,
// and the progress remembered in the browser.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { scenarios } from './fixtures/engine';
import { pathIds } from '../src/scenarios/path';

const shots = 'test-results/library';

test('search finds scenarios by the words a person types, shows level and minutes, and opens one', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.id('picker.search').fill('KDC_ERR_S_PRINCIPAL_UNKNOWN');
  const results = app.id('picker.result');
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText(/intermediate · \d+ min/);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: `${shots}/search-1280.png` });
  await app.id('picker.search').fill('clock skew');
  await expect(results.first()).toHaveAttribute('data-id', 'kerberos-clock-skew');
  await app.id('picker.search').press('Enter');
  await expect(app.id('picker.select')).toHaveValue('kerberos-clock-skew');
  await expect(app.id('picker.results')).toHaveCount(0);
  await app.id('picker.search').fill('zebra');
  await expect(app.id('picker.results')).toContainText('No scenario matches');
  await app.id('picker.search').press('Escape');
  await expect(app.id('picker.results')).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

test('search at 390×844', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new AppPage(page);
  await app.open();
  await app.id('picker.search').fill('wrong password');
  await expect(app.id('picker.result').first()).toHaveAttribute('data-id', 'kerberos-wrong-password');
  const box = await app.id('picker.results').boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBeTruthy();
  await page.screenshot({ path: `${shots}/search-390.png` });
  await page.mouse.click(1, 1);
});

test('a newcomer is offered the path once; finishing a lesson is remembered and leads to the next', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.id('path.offer')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: `${shots}/offer-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/offer-390.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.id('path.offer.start').click();
  await expect(app.id('path.offer')).toHaveCount(0);
  const path = pathIds(new Set(scenarios().map((s) => s.id)));
  expect(path[0]).toBe('sspi-architecture-tour');
  await expect(app.id('picker.select')).toHaveValue(path[0]);
  await expect(app.id('picker.path')).toHaveText('Start here');
  await app.last();
  await expect(app.id('picker.path')).toHaveText(/Next lesson \(1\/\d+\)/);
  await app.id('picker.path').click();
  await expect(app.id('picker.select')).toHaveValue(path[1]);
  await page.reload();
  await expect(app.id('app-ready')).toBeVisible({ timeout: 20_000 });
  await expect(app.id('path.offer')).toHaveCount(0);
  await expect(app.id('picker.path')).toHaveText(/Next lesson \(1\/\d+\)/);
  expect(app.consoleErrors).toEqual([]);
});

test('the offer, once dismissed, does not come back; garbage in storage does not break the app', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.id('path.offer.dismiss').click();
  await expect(app.id('path.offer')).toHaveCount(0);
  await page.reload();
  await expect(app.id('app-ready')).toBeVisible({ timeout: 20_000 });
  await expect(app.id('path.offer')).toHaveCount(0);
  await page.evaluate(() => localStorage.setItem('sspi-lab.progress.v1', '{not json'));
  await page.reload();
  await expect(app.id('app-ready')).toBeVisible({ timeout: 20_000 });
  await expect(app.id('path.offer')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
