// Toggles re-run the simulator at once: the diagram shows the new flow and the outcome banner says
// what changed and why.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { messagesOf, run, scenarios, stepsOf } from './fixtures/engine';

const NEGO = 'negotiate-kerberos-http';

test('switching Kerberos off on the server of negotiate-kerberos-http turns the flow into NTLM', async ({ page }) => {
  expect(scenarios().map((s) => s.id), `the scenario ${NEGO} must be in --list for this test`).toContain(NEGO);
  const before = run(NEGO);
  expect(before.outcome.mechanism).toBe('Kerberos');
  const server = before.nodes.find((n) => n.role === 'server')!;
  const after = run(NEGO, { server: server.enabledPackages.filter((p) => p !== 'Kerberos') });
  expect(after.outcome.mechanism).toBe('NTLM');

  const app = new AppPage(page);
  await app.open(`scenario=${NEGO}&step=2`);
  await expect(app.id('outcome.result')).toContainText('Kerberos');
  await app.toggle('server', 'Kerberos', false);
  await expect(app.id('toggle.server.Kerberos')).not.toBeChecked();
  await expect(app.id('outcome.result')).toContainText('NTLM');
  await expect(app.id('outcome.change')).toContainText(/now NTLM/i);
  await expect(page).toHaveURL(/server=/);
  await app.last();
  await expect(app.arrows()).toHaveCount(messagesOf(after).length);
  await expect(app.id('diagram')).toContainText('NTLM');
  expect(await app.position()).toEqual({ at: stepsOf(after).length, of: stepsOf(after).length });
  await app.screenshot('toggle-negotiate-kerberos-off');
  expect(app.consoleErrors).toEqual([]);
});

test('a condition (KDC reachable) re-runs and the banner says why the flow changed', async ({ page }) => {
  expect(scenarios().map((s) => s.id), `the scenario ${NEGO} must be in --list for this test`).toContain(NEGO);
  const after = run(NEGO, { params: { kdcReachable: false } });
  const app = new AppPage(page);
  await app.open(`scenario=${NEGO}`);
  await app.id('conditions.toggle').click();
  await app.id('param.kdcReachable').uncheck();
  await expect(app.id('outcome.change')).toContainText(/because/i);
  await expect(page).toHaveURL(/kdcReachable=false/);
  // The open conditions panel (longer now that more providers bring parameters) may cover the step buttons: End works from anywhere.
  await app.press('End');
  await expect(app.arrows()).toHaveCount(messagesOf(after).length);
});

test('turning the scenario\'s own package off on the server fails the run, and Reset brings it back', async ({ page }) => {
  const s = scenarios()[0];
  const base = run(s.id);
  const pkg = base.outcome.mechanism ?? base.outcome.package;
  const server = base.nodes.find((n) => n.role === 'server')!;
  const after = run(s.id, { server: server.enabledPackages.filter((p) => p !== pkg) });
  const app = new AppPage(page);
  await app.open(`scenario=${s.id}&step=3`);
  await app.toggle('server', pkg, false);
  await expect(app.id('outcome.result')).toContainText(after.outcome.result === 'failed' ? 'Failed' : 'Authenticated');
  await expect(app.id('outcome.change')).toBeVisible();
  await app.id('toggles.reset').click();
  await expect(app.id(`toggle.server.${pkg}`)).toBeChecked();
  await expect(app.id('outcome.result')).toContainText(base.outcome.result === 'failed' ? 'Failed' : 'Authenticated');
  await expect(page).not.toHaveURL(/server=/);
  expect(app.consoleErrors).toEqual([]);
});

test('"Try this" applies a suggested change in one click', async ({ page }) => {
  expect(scenarios().map((s) => s.id), `the scenario ${NEGO} must be in --list for this test`).toContain(NEGO);
  const app = new AppPage(page);
  await app.open(`scenario=${NEGO}`);
  const sug = scenarios().find((s) => s.id === NEGO)!.tryThis!.find((t) => t.kind === 'param' && t.name === 'kdcReachable')!;
  const button = page.getByRole('button', { name: sug.label });
  // The button says what to watch for; one click applies it, and it shows as applied.
  await expect(button).toHaveAttribute('title', new RegExp(sug.watch.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await button.click();
  await expect(app.id('outcome.result')).toContainText('NTLM');
  await expect(app.id('outcome.change')).toContainText(/because/i);
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(app.id('try.watch')).toContainText(sug.watch.slice(0, 40));
  await expect(page).toHaveURL(/kdcReachable=false/);
  // A second click goes back to the scenario as written.
  await button.click();
  await expect(app.id('outcome.result')).toContainText('Kerberos');
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  expect(app.consoleErrors).toEqual([]);
});

test('at 1280x720 the open conditions panel ends above the step controls: Next stays clickable', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open('scenario=negotiate-fallback-kdc-down&step=2');
  await app.id('conditions.toggle').click();
  await expect(app.id('conditions.panel')).toBeVisible();
  const panel = (await app.id('conditions.panel').boundingBox())!;
  const next = (await app.id('controls.next').boundingBox())!;
  expect(panel.y + panel.height).toBeLessThanOrEqual(next.y);
  await app.id('controls.next').click(); // no overlay intercepts it
  await expect(app.id('controls.position')).toContainText('3 /');
});
