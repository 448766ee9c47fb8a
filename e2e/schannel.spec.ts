// Schannel on screen: its code is fetched only with a Schannel scenario (a Kerberos one never loads it,
// a link straight to a Schannel scenario works), and flipping the version toggles on either node
// changes the negotiated version the way the "best common" rule says (issue 12).
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { messagesOf, run, stepsOf } from './fixtures/engine';

/** Schannel's chunk (vite.config.ts names a lazy provider's chunk after its package folder). */
const SCHANNEL_CHUNK = /\/assets\/schannel-[\w-]+\.js$/;
/** Schannel's code wherever the bundler put it (its own chunk, or one it shares with CredSSP or PKU2U): the cipher-suite
 *  table (messages/cipherSuites.ts) and the PKI's key derivation label (pki/build.ts). */
const SCHANNEL_CODE = /TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384|sspi-lab\/pki\//;

/** Every script the page and its engine worker fetch; `withCode` gets those whose text holds Schannel's code. */
function scriptsFetched(page: Page, withCode: string[] = []): string[] {
  const urls: string[] = [];
  page.context().on('request', (r) => { if (r.url().endsWith('.js')) urls.push(new URL(r.url()).pathname); });
  page.context().on('response', async (r) => {
    if (!r.url().endsWith('.js')) return;
    try { if (SCHANNEL_CODE.test(await r.text())) withCode.push(new URL(r.url()).pathname); } catch { /* a body the page dropped */ }
  });
  return urls;
}

test('a Kerberos scenario never loads Schannel\'s code; choosing a Schannel scenario fetches it once and runs it', async ({ page }) => {
  const withCode: string[] = [];
  const urls = scriptsFetched(page, withCode);
  const app = new AppPage(page);
  await app.open('scenario=kerberos-smb');
  await app.last();
  await expect(app.arrows()).toHaveCount(messagesOf(run('kerberos-smb')).length);
  // The engine worker is up (it ran the scenario) and fetched what it needed: not Schannel.
  expect(urls.some((u) => /engine\.worker-/.test(u)), `the engine worker was fetched: ${urls.join(', ')}`).toBe(true);
  expect(urls.filter((u) => SCHANNEL_CHUNK.test(u))).toEqual([]);
  expect(withCode, 'no script holding Schannel\'s cipher suites or PKI').toEqual([]);

  const tls = run('schannel-tls12');
  await app.chooseScenario('schannel-tls12');
  await expect(app.id('outcome.result')).toContainText('Authenticated');
  await app.last();
  await expect(app.arrows()).toHaveCount(messagesOf(tls).length);
  await expect(app.id('diagram')).toContainText('ServerHello');
  expect(urls.filter((u) => SCHANNEL_CHUNK.test(u))).toHaveLength(1);
  await expect.poll(() => withCode.length, { message: 'the scripts with Schannel\'s code arrive with it' }).toBeGreaterThan(0);
  expect(app.consoleErrors).toEqual([]);
});

test('a link straight to a Schannel scenario and step opens it with its code loaded on demand', async ({ page }) => {
  const urls = scriptsFetched(page);
  const t = run('schannel-tls13');
  const steps = stepsOf(t);
  const at = steps.findIndex((e) => e.type === 'message' && e.name.includes('EncryptedExtensions')) + 1;
  expect(at).toBeGreaterThan(0);
  const app = new AppPage(page);
  await app.open(`scenario=schannel-tls13&step=${at}`);
  expect(await app.position()).toEqual({ at, of: steps.length });
  await expect(app.arrows()).toHaveCount(messagesOf(t).filter((m) => m.seq <= steps[at - 1].seq).length);
  await expect(app.id('diagram')).toContainText('EncryptedExtensions');
  // The field trees came from the engine: the inspector opens the encrypted server flight.
  await expect(app.id('inspector')).toContainText('EncryptedExtensions');
  expect(urls.filter((u) => SCHANNEL_CHUNK.test(u)).length).toBeGreaterThanOrEqual(1);
  await app.screenshot('schannel-tls13-deeplink');
  expect(app.consoleErrors).toEqual([]);
});

test('TLS 1.3: the server\'s NewSessionTicket after the handshake is a step of its own, opened in the inspector', async ({ page }) => {
  const t = run('schannel-tls13');
  const steps = stepsOf(t);
  const at = steps.findIndex((e) => e.type === 'message' && e.name === 'NewSessionTicket') + 1;
  expect(at).toBeGreaterThan(0);
  const app = new AppPage(page);
  await app.open(`scenario=schannel-tls13&step=${at}`);
  await expect(app.id('diagram')).toContainText('NewSessionTicket');
  expect(await app.position()).toEqual({ at, of: steps.length });
  await expect(app.id('inspector')).toContainText('NewSessionTicket');
  // The encrypted fragment opens with the server application traffic secret: the ticket's fields inside.
  await app.page.getByRole('treeitem', { name: /encrypted fragment/ }).click();
  await expect(app.id('inspector')).toContainText('SERVER_TRAFFIC_SECRET_0');
  await app.page.getByRole('button', { name: /Open decrypted NewSessionTicket/ }).click();
  await expect(app.id('inspector')).toContainText('NewSessionTicket (4)');
  await app.page.getByRole('treeitem', { name: 'body' }).click();
  await app.press('ArrowRight');
  await expect(app.page.getByRole('treeitem', { name: /ticket_lifetime 36000 s/ })).toBeVisible();
  await expect(app.id('narration')).toContainText('resumption PSK');
  await app.screenshot('schannel-tls13-newsessionticket');
  // The server's node state: the ticket it issued and the resumption PSK.
  await app.id('nodestate.toggle').click();
  await expect(app.id('nodestate.server')).toContainText('resumption PSK');
  await app.id('nodestate.server').getByText(/resumption PSK/).first().scrollIntoViewIfNeeded();
  await app.screenshot('schannel-tls13-nodestate-ticket');
  expect(app.consoleErrors).toEqual([]);
});

test('flipping version toggles on either node changes the negotiated version (best common wins)', async ({ page }) => {
  const ID = 'schannel-tls12';
  const app = new AppPage(page);
  await app.open(`scenario=${ID}`);
  await expect(app.id('outcome.result')).toContainText('Authenticated');
  const params: Record<string, string> = {};
  /** Sets a node's protocol toggle in the conditions panel, then closes the panel (it can cover the step buttons). */
  const set = async (name: string, value: 'on' | 'off' | 'default') => {
    if ((await app.id('conditions.toggle').getAttribute('aria-expanded')) !== 'true') await app.id('conditions.toggle').click();
    await app.id(`param.${name}`).selectOption(value);
    await expect(app.id(`param.${name}`)).toHaveValue(value);
    await app.id('conditions.toggle').click();
    params[name] = value;
  };
  const decision = () => app.page.locator('[data-testid="diagram.decision"]').first();
  /** The screen shows the run the engine gives for these toggles: its arrows, its outcome, the version chosen. */
  const check = async (version: string | null, shot: string) => {
    const t = run(ID, { params: { ...params } });
    expect(t.outcome.result).toBe(version ? 'authenticated' : 'failed');
    // To the last step (the button is disabled when the re-run kept the cursor there).
    await expect(app.id('controls.position')).toContainText(`/ ${stepsOf(t).length}`);
    if (await app.id('controls.last').isEnabled()) await app.last();
    await expect(app.arrows()).toHaveCount(messagesOf(t).length);
    await expect(app.id('outcome.result')).toContainText(version ? 'Authenticated' : 'Failed');
    if (version) {
      await expect(decision()).toContainText(`Use ${version}`);
      await expect(app.id('diagram')).toContainText(`${version} with`);
    } else {
      await expect(app.id('outcome.result')).toContainText('SEC_E_ALGORITHM_MISMATCH');
      await expect(app.id('outcome')).toContainText('protocol_version');
      await expect(app.page.locator('[data-testid="diagram.arrow"][data-error="true"]')).toHaveCount(1);
    }
    await expect(page).toHaveURL(new RegExp(Object.entries(params).filter(([, v]) => v !== 'default').map(([k, v]) => `(?=.*${k}=${v})`).join('')));
    await app.screenshot(shot);
  };
  // The 2016 profile: TLS 1.0–1.2 on both sides, TLS 1.2 wins.
  await app.last();
  await expect(decision()).toContainText('Use TLS 1.2');
  // TLS 1.2 off on the server: the best both still enable is TLS 1.1.
  await set('serverTls12', 'off');
  await check('TLS 1.1', 'schannel-flip-server-tls12-off');
  // TLS 1.3 on on both sides: TLS 1.3, the best of all, with its encrypted server flight.
  await set('clientTls13', 'on');
  await check('TLS 1.1', 'schannel-flip-client-tls13-on');
  await set('serverTls13', 'on');
  await check('TLS 1.3', 'schannel-flip-tls13-both');
  await expect(app.id('diagram')).toContainText('EncryptedExtensions');
  // Back to the client's defaults (no TLS 1.3) and the server down to TLS 1.3 only: nothing in common,
  // the server's protocol_version alert.
  await set('clientTls13', 'default');
  await set('serverTls11', 'off');
  await set('serverTls10', 'off');
  await check(null, 'schannel-flip-no-common');
  expect(app.consoleErrors).toEqual([]);
});
