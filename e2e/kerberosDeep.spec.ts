// The issue-15 Kerberos lessons on screen: each scenario stepped to its decisive message and to the
// end, the diagram's labels not overlapping, the extra nodes (a second domain controller, a back end)
// drawn as their own lifelines, and screenshots at a laptop's size for a person to look at
// (test-results/screenshots/kdeep-*).
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';

const LESSONS: [id: string, decisive: RegExp, lifelines: number][] = [
  ['kerberos-etype-mismatch', /KDC_ERR_ETYPE_NOSUPP/, 3],
  ['kerberoasting-and-asrep-roasting', /AS-REP/, 3],
  ['kerberos-cross-domain', /TGS-REP/, 4],
  ['kerberos-double-hop', /KDC_ERR_BADOPTION/, 4],
];

for (const [id, decisive, lifelines] of LESSONS) {
  test(`${id}: stepped to the decisive message and the end, readable at 1280×720`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new AppPage(page);
    await app.open(`scenario=${id}`);
    const { of } = await app.position();
    for (let i = 0; i < of; i++) {
      await app.next();
      if (decisive.test(await app.inspectorText())) break;
    }
    await expect(app.id('inspector')).toContainText(decisive);
    expect(await app.overlappingLabels()).toEqual([]);
    await app.screenshot(`kdeep-${id}-decisive`);
    await app.last();
    expect(await app.overlappingLabels()).toEqual([]);
    await app.screenshot(`kdeep-${id}-last`);
    await expect(page.getByTestId('diagram.lifeline')).toHaveCount(lifelines);
  });
}
