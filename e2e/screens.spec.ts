// Screenshots of the main states at a laptop's and a projector's size, for a person to look at
// (test-results/screenshots/). Each state is also checked for overlapping labels.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { browserSample, findEncrypted, run, scenarios, stepsOf } from './fixtures/engine';

const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];


for (const vp of SIZES) {
  const tag = `${vp.width}x${vp.height}`;
  test(`screenshots at ${tag}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(vp);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new AppPage(page);
    // The browser sample (E2E_SCENARIOS=all or a list of ids photographs others); every scenario's geometry is checked in vitest.
    for (const s of browserSample()) {
      const n = stepsOf(run(s.id)).length;
      await app.open(`scenario=${s.id}&step=${Math.ceil(n / 2)}`);
      await app.screenshot(`${tag}-${s.id}-middle`);
      await app.last();
      expect(await app.overlappingLabels()).toEqual([]);
      await app.screenshot(`${tag}-${s.id}-last`);
      await app.id('view.layers').check();
      expect(await app.overlappingLabels()).toEqual([]);
      await app.screenshot(`${tag}-${s.id}-layers`);
      await app.id('view.layers').uncheck();
    }
    const first = scenarios()[0];
    await app.open(`scenario=${first.id}&step=3`);
    await app.id('view.table').check();
    await app.screenshot(`${tag}-table`);
    await app.id('view.table').uncheck();
    await app.id('conditions.toggle').click();
    await app.screenshot(`${tag}-conditions`);
    await page.keyboard.press('Escape');
    await expect(app.id('conditions.panel')).toHaveCount(0);
    await app.id('view.presenter').click();
    await app.next();
    await app.screenshot(`${tag}-presenter`);
    await app.id('view.presenter').click();
    const enc = findEncrypted();
    if (enc) {
      await app.open(`scenario=${enc.scenario}&step=${enc.step}`);
      await app.clickByte(enc.field.start + 4);
      await app.id('inspector.decrypt').click();
      await app.screenshot(`${tag}-decrypted`);
    }
    expect(app.consoleErrors).toEqual([]);
  });
}
