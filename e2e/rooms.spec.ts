// Screenshots of the rooms issue 11 names, light and dark, for a person to look at
// (test-results/screenshots/rooms-*): the default scenario, and negotiate-fallback-kdc-down at its
// decision and last steps, at 390×844, 768×1024, 1024×768 in presenter mode, 1280×720 and 1920×1080.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { run, stepsOf } from './fixtures/engine';

const ROOMS = [
  { tag: '390x844', width: 390, height: 844, extra: '' },
  { tag: '768x1024', width: 768, height: 1024, extra: '' },
  { tag: '1024x768-presenter', width: 1024, height: 768, extra: '&presenter=1' },
  { tag: '1280x720', width: 1280, height: 720, extra: '' },
  { tag: '1920x1080', width: 1920, height: 1080, extra: '' },
];

const FALLBACK = 'negotiate-fallback-kdc-down';
const steps = stepsOf(run(FALLBACK));
const decisionStep = steps.findIndex((s) => s.type === 'decision' && /fall back/i.test(s.decision)) + 1;

for (const room of ROOMS) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${room.tag} ${scheme}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: room.width, height: room.height });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const app = new AppPage(page);
      const shot = (name: string) => app.screenshot(`rooms-${room.tag}-${scheme}-${name}`);
      await app.open(room.extra.slice(1));
      await app.next();
      await shot('default');
      await app.open(`scenario=${FALLBACK}&step=${decisionStep}${room.extra}`);
      await shot('fallback-decision');
      await app.last();
      await expect(app.id('outcome.why')).toBeVisible();
      await shot('fallback-last');
      expect(app.consoleErrors).toEqual([]);
    });
  }
}
