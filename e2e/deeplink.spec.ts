// The URL holds scenario, toggles and step; a link restores exactly that moment; back/forward move
// through scenario and toggle changes; a bad link opens the app with a clear notice.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { messagesOf, run, scenarios, stepsOf } from './fixtures/engine';

test('a deep link restores scenario, toggles and step', async ({ page }) => {
  const s = scenarios()[scenarios().length > 1 ? 1 : 0];
  const base = run(s.id);
  const server = base.nodes.find((n) => n.role === 'server')!;
  // A built provider (the others are not toggles): NTLM, which this scenario does not need.
  const off = server.enabledPackages.find((p) => p === 'NTLM') ?? server.enabledPackages[server.enabledPackages.length - 1];
  const serverList = server.enabledPackages.filter((p) => p !== off);
  const trace = run(s.id, { server: serverList, params: { signSeal: false } });
  const n = stepsOf(trace).length;
  const step = Math.min(4, n);
  const app = new AppPage(page);
  await app.open(`scenario=${s.id}&step=${step}&server=${serverList.join(',')}&signSeal=false`);
  await expect(app.id('picker.select')).toHaveValue(s.id);
  expect(await app.position()).toEqual({ at: step, of: n });
  await expect(app.id(`toggle.server.${off}`)).not.toBeChecked();
  await expect(app.id('conditions')).toContainText(/Sign and seal = false/);
  await expect(app.arrows()).toHaveCount(messagesOf(trace).filter((m) => m.seq <= stepsOf(trace)[step - 1].seq).length);
  await expect(app.id('notices')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`step=${step}`));
  expect(app.consoleErrors).toEqual([]);
});

test('back and forward move through scenario and toggle changes', async ({ page }) => {
  const [a, b] = scenarios();
  expect(b, 'this test needs at least two built-in scenarios').toBeTruthy();
  const app = new AppPage(page);
  await app.open(`scenario=${a.id}`);
  await app.chooseScenario(b.id);
  await expect(page).toHaveURL(new RegExp(`scenario=${b.id}`));
  await app.toggle('client', 'NTLM', false);
  await expect(page).toHaveURL(/client=/);
  await page.goBack();
  await expect(app.id('toggle.client.NTLM')).toBeChecked();
  await expect(app.id('picker.select')).toHaveValue(b.id);
  await page.goBack();
  await expect(app.id('picker.select')).toHaveValue(a.id);
  await page.goForward();
  await expect(app.id('picker.select')).toHaveValue(b.id);
  expect(app.consoleErrors).toEqual([]);
});

test('a bad link opens the default scenario with a clear notice, never a blank screen', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('scenario=no-such-scenario&step=zz&client=Kerberos,Bogus&kdcReachable=perhaps&colour=blue');
  await expect(app.id('notices')).toBeVisible();
  await expect(app.id('notices')).toContainText('no-such-scenario');
  await expect(app.id('notices')).toContainText('step=zz');
  await expect(app.id('notices')).toContainText('Bogus');
  await expect(app.id('notices')).toContainText('kdcReachable');
  await expect(app.id('notices')).toContainText('colour');
  expect(await app.arrows().count()).toBeGreaterThan(0);
  await expect(app.id('controls.position')).toHaveText(/^1 \//);
  await page.getByRole('button', { name: /Dismiss notice/ }).first().click();
  await expect(page.getByTestId('notice')).toHaveCount(4);
  expect(app.consoleErrors).toEqual([]);
});

test('a step past the end shows the last step and says so', async ({ page }) => {
  const s = scenarios()[0];
  const n = stepsOf(run(s.id)).length;
  const app = new AppPage(page);
  await app.open(`scenario=${s.id}&step=${n + 10}`);
  expect(await app.position()).toEqual({ at: n, of: n });
  await expect(app.id('notices')).toContainText(String(n + 10));
});
