// Remote Desktop with NLA on screen: the long CredSSP diagram (X.224, the TLS handshake, the Kerberos
// legs, the TSRequest rounds) stepped through, the inspector opening a TSRequest inside its TLS record,
// and screenshots for a person to look at (test-results/screenshots/credssp-*) at a laptop's size,
// full HD and a 1024×768 projector in presenter mode, normal and layered views.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';

test('credssp-rdp: step through the RDP connection, open a TSRequest, screenshots at three sizes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = new AppPage(page);
  await app.open('scenario=credssp-rdp');
  const { of } = await app.position();
  expect(of).toBeGreaterThanOrEqual(20);
  // Step forward to the first TSRequest (past the X.224 negotiation and the TLS handshake).
  for (let i = 0; i < of; i++) {
    await app.next();
    if (/TSRequest/.test(await app.inspectorText())) break;
  }
  await expect(app.id('inspector')).toContainText('TSRequest');
  await expect(app.id('inspector')).toContainText('Kerberos AP-REQ');
  expect((await app.position()).at).toBeGreaterThan(8);
  await app.screenshot('credssp-1280x720-tsrequest');
  expect(await app.overlappingLabels()).toEqual([]);
  // Open the record: the TSRequest inside, decrypted with the TLS key (the inspector's Decrypt).
  await app.clickByte(40);
  await app.id('inspector.decrypt').click();
  await expect(app.id('inspector')).toContainText('negoTokens');
  await app.screenshot('credssp-1280x720-decrypted');
  await app.last();
  await expect(app.id('outcome')).toContainText(/authenticated/i);
  expect(await app.overlappingLabels()).toEqual([]);
  await app.screenshot('credssp-1280x720-last');
  await app.id('view.layers').check();
  expect(await app.overlappingLabels()).toEqual([]);
  await app.screenshot('credssp-1280x720-layers');
  await app.id('view.layers').uncheck();

  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.screenshot('credssp-1920x1080-last');
  await app.id('view.layers').check();
  await app.screenshot('credssp-1920x1080-layers');
  await app.id('view.layers').uncheck();

  await page.setViewportSize({ width: 1024, height: 768 });
  await app.open('scenario=credssp-rdp&step=15&presenter=1');
  await expect(page.locator('html')).toHaveClass(/presenter/);
  expect(await app.overlappingLabels()).toEqual([]);
  await app.screenshot('credssp-1024x768-presenter');
  await app.open('scenario=credssp-rdp&step=18&presenter=1&layers=1');
  expect(await app.overlappingLabels()).toEqual([]);
  await app.screenshot('credssp-1024x768-presenter-layers');
  expect(app.consoleErrors).toEqual([]);
});
