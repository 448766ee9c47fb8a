// Issue 17 in the diagram: the current (or selected) label's glossary terms are buttons in a strip
// under it that open their definition in place (keyboard, click, touch, presenter mode), and the
// layered view's SSPI calls are Tab stops that show their parameters, flags and status in the
// inspector. Nothing crowds: no strip overlaps a label, no term is cut. axe passes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { run, stepsOf } from './fixtures/engine';
import type { SspiCallEvent, SspiReturnEvent } from '../src/engine/trace';

test.describe.configure({ timeout: 180_000 });

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** kerberos-smb's first AS-REQ, 1-based. */
const asReqStep = () => stepsOf(run('kerberos-smb')).findIndex((s) => s.type === 'message' && s.name === 'AS-REQ') + 1;

test('a term under the current label opens its definition with the keyboard and with a click', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`scenario=kerberos-smb&step=${asReqStep()}`);
  const strip = app.id('diagram.terms');
  await expect(strip).toHaveCount(1);
  await expect(strip).toHaveAttribute('data-current', 'true');
  await expect(strip.getByTestId('diagram.term')).toHaveText(['Kerberos', 'AS-REQ']);
  await expect(strip).toHaveAttribute('aria-label', /^Glossary terms in Kerberos AS-REQ/);
  // Keyboard: the diagram, then Tab to its first term (message labels are not Tab stops).
  await app.id('diagram').focus();
  await app.tabTo('diagram.term');
  const kerberos = strip.locator('[data-term="kerberos"]');
  await expect(kerberos).toBeFocused();
  expect(await app.focusRingVisible()).toBe(true);
  await page.keyboard.press('Enter');
  const def = app.id('definition');
  await expect(def).toHaveAttribute('data-id', 'kerberos');
  await expect(def.locator('h2')).toBeFocused();
  await expect(kerberos).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(def).toHaveCount(0);
  await expect(kerberos).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(strip.locator('[data-term="as-exchange"]')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(def).toHaveAttribute('data-id', 'as-exchange');
  await expect(def).toContainText('TGT');
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press('Escape');
  // A click (the same card; a second click on the same term closes it).
  await strip.locator('[data-term="kerberos"]').click();
  await expect(def).toHaveAttribute('data-id', 'kerberos');
  await strip.locator('[data-term="kerberos"]').click();
  await expect(def).toHaveCount(0);
  // Stepping from a focused term keeps the focus on the new step's terms, not on the page.
  await kerberos.focus();
  await page.keyboard.press('ArrowRight');
  await expect(app.id('diagram.terms')).toHaveAttribute('data-event', stepsOf(run('kerberos-smb'))[asReqStep()].id);
  await expect(page.locator('[data-testid="diagram.terms"][data-current] [data-testid="diagram.term"]').first()).toBeFocused();
  expect(await app.crowdedStrips()).toEqual([]);
  expect(await app.overlappingLabels()).toEqual([]);
  await app.screenshot('diagram-terms-1280x720');
  expect(app.consoleErrors).toEqual([]);
});

test('a decision and a picked earlier message show their terms too; nothing overlaps', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  const steps = stepsOf(run('negotiate-fallback-ip'));
  const decision = steps.findIndex((s) => s.type === 'decision') + 1;
  await app.open(`scenario=negotiate-fallback-ip&step=${steps.length}`);
  await app.first();
  for (let i = 1; i < decision; i++) await app.next();
  await expect(page.locator('[data-testid="diagram.terms"][data-current]')).toHaveAttribute('data-event', steps[decision - 1].id);
  await expect(page.locator('[data-testid="diagram.terms"][data-current] [data-term="kerberos"]')).toBeVisible();
  // Pick the first message: its strip opens under it, the current step's stays.
  await app.id('diagram.label').first().click();
  await expect(app.id('diagram.terms')).toHaveCount(2);
  expect(await app.crowdedStrips()).toEqual([]);
  expect(await app.overlappingLabels()).toEqual([]);
  await app.screenshot('diagram-terms-1920x1080');
});

test('long layered diagram at its last step, and a picked SSPI call: the strips fit', async ({ page }) => {
  for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    const app = new AppPage(page);
    await app.open('scenario=kerberos-double-hop&layers=1');
    await app.last();
    await expect(page.locator('[data-testid="diagram.terms"][data-current]')).toBeVisible();
    expect(await app.crowdedStrips()).toEqual([]);
    expect(await app.overlappingLabels()).toEqual([]);
    await app.screenshot(`diagram-terms-layered-last-${size.width}x${size.height}`);
    await app.id('diagram.calllabel').filter({ hasText: 'InitializeSecurityContext' }).first().click();
    await expect(app.id('diagram.terms')).toHaveCount(2);
    expect(await app.crowdedStrips()).toEqual([]);
    expect(await app.overlappingLabels()).toEqual([]);
  }
});

test('layered view: SSPI calls and returns are Tab stops; Enter or Space shows the call in the inspector', async ({ page }) => {
  const t = run('negotiate-kerberos-http');
  const app = new AppPage(page);
  await app.open('scenario=negotiate-kerberos-http&step=8&layers=1');
  await app.id('diagram').focus();
  await app.tabTo('diagram.calllabel');
  expect(await app.focusRingVisible()).toBe(true);
  const id = await page.evaluate(() => document.activeElement!.getAttribute('data-event'));
  const call = t.events.find((e) => e.id === id) as SspiCallEvent;
  expect(call.type).toBe('sspi-call');
  await page.keyboard.press('Enter');
  await expect(app.id('inspector')).toHaveAttribute('data-event', call.id);
  await expect(app.id('inspector.call').locator('h2')).toHaveText(`${call.call}(${call.package})`);
  await expect(app.id('inspector.call')).toContainText('Flags asked');
  for (const f of call.flags) await expect(app.id('inspector.call.flags')).toContainText(f);
  await expect(page.locator(`[data-testid="diagram.calllabel"][data-event="${call.id}"]`)).toBeFocused();
  // The picked call's own terms, under it, and next in the focus order.
  const callTerm = page.locator(`[data-testid="diagram.terms"][data-event="${call.id}"] [data-testid="diagram.term"]`).first();
  await expect(callTerm).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(callTerm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.id('definition')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(callTerm).toBeFocused();
  // On to a return (its status) with Tab, picked with Space.
  let ret: SspiReturnEvent | undefined;
  for (let i = 0; i < 30 && !ret; i++) {
    await app.tabTo('diagram.calllabel');
    const rid = await page.evaluate(() => document.activeElement!.getAttribute('data-event'));
    const e = t.events.find((x) => x.id === rid);
    if (e?.type === 'sspi-return') ret = e;
  }
  expect(ret, 'a return label is a Tab stop').toBeTruthy();
  expect(await app.focusRingVisible()).toBe(true);
  await page.keyboard.press(' ');
  await expect(app.id('inspector')).toHaveAttribute('data-event', ret!.id);
  await expect(app.id('inspector.call')).toContainText(`Status${ret!.status}`);
  await expect(app.id('inspector.call')).toContainText('Flags granted');
  // Space picked the call; it did not start playing.
  await expect(app.id('controls.play')).toContainText('Play');
  expect(await app.crowdedStrips()).toEqual([]);
  expect(await axe(page)).toEqual([]);
  await app.screenshot('diagram-calls-keyboard-1280x720');
});

test.describe('on a 390×844 touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('tap a term under the current label: its definition opens inside the screen', async ({ page }) => {
    const app = new AppPage(page);
    await app.open(`scenario=kerberos-smb&step=${asReqStep()}`);
    const chip = page.locator('[data-testid="diagram.terms"][data-current] [data-term="as-exchange"]');
    await chip.scrollIntoViewIfNeeded();
    const size = (await chip.boundingBox())!;
    expect(size.height).toBeGreaterThanOrEqual(24);
    await chip.tap();
    const def = app.id('definition');
    await expect(def).toHaveAttribute('data-id', 'as-exchange');
    const box = (await def.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(await axe(page)).toEqual([]);
    await app.screenshot('diagram-terms-390x844');
    await app.id('words.close').tap();
    await expect(def).toHaveCount(0);
    // A decision's many terms wrap inside the phone's width.
    const decision = stepsOf(run('kerberos-smb')).findIndex((s) => s.type === 'decision') + 1;
    await app.open(`scenario=kerberos-smb&step=${decision}`);
    await expect(page.locator('[data-testid="diagram.terms"][data-current]')).toBeVisible();
    expect(await app.crowdedStrips()).toEqual([]);
    await app.screenshot('diagram-terms-decision-390x844');
    // The layered diagram is wider than the phone (it scrolls sideways): its strip wraps within the screen.
    const apReq = stepsOf(run('negotiate-kerberos-http')).findIndex((s) => s.type === 'message' && s.name.startsWith('AP-REQ')) + 1;
    await app.open(`scenario=negotiate-kerberos-http&layers=1&step=${apReq}`);
    const strip = page.locator('[data-testid="diagram.terms"][data-current]');
    await expect(strip).toBeVisible();
    expect(await app.id('diagram').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const sb = (await strip.boundingBox())!;
    expect(sb.x).toBeGreaterThanOrEqual(0);
    expect(sb.x + sb.width).toBeLessThanOrEqual(390);
    expect(await app.crowdedStrips()).toEqual([]);
    await app.screenshot('diagram-terms-layered-390x844');
  });
});

test('presenter mode: a term under the current label opens with a click and with the keyboard; axe passes', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  await app.open(`scenario=kerberos-smb&step=${asReqStep()}&presenter=1`);
  const chip = page.locator('[data-testid="diagram.terms"][data-current] [data-term="as-exchange"]');
  await chip.click();
  await expect(app.id('definition')).toHaveAttribute('data-id', 'as-exchange');
  expect(await axe(page)).toEqual([]);
  await app.screenshot('diagram-terms-presenter-1920x1080');
  await page.keyboard.press('Escape');
  await expect(app.id('definition')).toHaveCount(0);
  await expect(chip).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(app.id('definition')).toHaveAttribute('data-id', 'kerberos');
  // Escape closes the card first; presenter mode stays.
  await page.keyboard.press('Escape');
  await expect(app.id('definition')).toHaveCount(0);
  await expect(page.locator('html.presenter')).toHaveCount(1);
  expect(await app.crowdedStrips()).toEqual([]);
});
