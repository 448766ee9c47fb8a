// Foundation: the app loads, every region renders, with no console error; screenshots saved.
import { expect, test } from '@playwright/test';
import { AppPage, REGIONS } from './pages/AppPage';

for (const vp of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  test(`regions render without console errors at ${vp.width}x${vp.height}`, async ({ page }) => {
    await page.setViewportSize(vp);
    const app = new AppPage(page);
    await app.open();
    for (const r of REGIONS) await expect(app.id(r), `region ${r}`).toBeVisible();
    // Regions do not overlap each other (header, goal, topology, diagram, inspector, controls, narration).
    const overlaps = await page.evaluate((ids) => {
      const boxes = ids.map((id) => ({ id, r: document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect() }));
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r; const b = boxes[j].r;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) out.push(`${boxes[i].id} × ${boxes[j].id}`);
      }
      return out;
    }, ['picker', 'goal', 'outcome', 'topology', 'diagram', 'inspector', 'nodestate', 'controls', 'narration', 'downloads']);
    expect(overlaps).toEqual([]);
    // Nothing spills out of the window.
    const spill = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight);
    expect(spill).toBe(false);
    await page.screenshot({ path: `test-results/foundation-${vp.width}x${vp.height}.png` });
    expect(app.consoleErrors).toEqual([]);
  });
}
