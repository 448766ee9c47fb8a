// A keyboard-only walkthrough: every control reachable with Tab, usable with Enter/Space/arrows,
// with a visible focus ring.
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { run, scenarios, stepsOf } from './fixtures/engine';

async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
  }
  throw new Error(`${testId} is not reachable with Tab`);
}

async function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const cs = getComputedStyle(el);
    return el.matches(':focus-visible') && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  });
}

test('keyboard only: choose a scenario, step, open conditions, toggle a provider, walk the field tree', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`scenario=${scenarios()[0].id}`);
  const order = await app.scenarioIds();
  const b = { id: order[order.indexOf(scenarios()[0].id) + 1] };
  expect(b.id, 'needs two scenarios').toBeTruthy();
  // The picker is the first control.
  await tabTo(page, 'picker.select');
  expect(await focusRingVisible(page)).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(app.id('picker.select')).toHaveValue(b.id);
  const n = stepsOf(run(b.id)).length;
  // Step controls.
  await tabTo(page, 'controls.next');
  expect(await focusRingVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  expect(await app.position()).toEqual({ at: 3, of: n });
  await page.keyboard.press('ArrowRight');
  expect(await app.position()).toEqual({ at: 4, of: n });
  await page.keyboard.press('End');
  expect(await app.position()).toEqual({ at: n, of: n });
  await page.keyboard.press('Home');
  expect(await app.position()).toEqual({ at: 1, of: n });
  // Provider toggles on the node cards (a built provider the client has: NTLM, else Kerberos).
  const own = run(b.id).nodes.find((x) => x.role === 'client')!.enabledPackages;
  const pkg = own.includes('NTLM') ? 'NTLM' : 'Kerberos';
  await tabTo(page, `toggle.client.${pkg}`);
  expect(await focusRingVisible(page)).toBe(true);
  await page.keyboard.press('Space');
  await expect(app.id(`toggle.client.${pkg}`)).not.toBeChecked();
  // Step (keys) to the first message with a token, then Tab into the field tree: arrows move the
  // selection, and the bytes follow.
  const client = own.filter((p) => p !== pkg);
  const steps = stepsOf(run(b.id, { client }));
  const target = steps.findIndex((x) => x.type === 'message' && x.hex.length > 0 && x.fields.length > 0) + 1;
  await tabTo(page, 'controls.next');
  for (let i = 1; i < target; i++) await page.keyboard.press('ArrowRight');
  expect((await app.position()).at).toBe(target);
  await tabTo(page, 'inspector.field');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="inspector.field"][aria-selected="true"]')).toHaveCount(1);
  expect((await app.hexCounts()).selected).toBeGreaterThan(0);
  // Arrow keys inside the tree do not step the diagram.
  expect((await app.position()).at).toBe(target);
  expect(app.consoleErrors).toEqual([]);
});

test('every control has an accessible name', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const unnamed = await page.evaluate(() => {
    const els = [...document.querySelectorAll('button, input, select, [role="treeitem"], a[href]')] as HTMLElement[];
    return els.filter((e) => {
      const label = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.id && document.querySelector(`label[for="${e.id}"]`)) || e.closest('label') || (e.textContent ?? '').trim();
      return !label;
    }).map((e) => e.outerHTML.slice(0, 100));
  });
  expect(unnamed).toEqual([]);
});
