// NegoExts and PKU2U on screen: stepping through pku2u-peer shows the NEGOEX conversation and then
// PKU2U's Kerberos messages, the layered view names SPNEGO → NEGOEX → PKU2U → Kerberos, the topology
// shows the peer (and, federated, the identity provider); screenshots of the four scenarios at a
// laptop's and a projector's size for a person to look at (test-results/screenshots/).
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { run, stepsOf } from './fixtures/engine';

const IDS = ['pku2u-peer', 'negoexts-federated', 'negoexts-scheme-fails', 'pku2u-policy-off'];

test('pku2u-peer: step through NEGOEX into PKU2U, and the layered view', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('scenario=pku2u-peer&step=1');
  await expect(app.id('topology.node.peer')).toContainText(/peer2/i);
  await expect(app.id('topology.node.peer')).toContainText(/peer/i);
  await expect(app.id('toggle.server.PKU2U')).toBeChecked();
  const { of } = await app.position();
  expect(of).toBe(stepsOf(run('pku2u-peer')).length);
  const seen: string[] = [];
  for (let i = 1; i < of; i++) {
    await app.next();
    seen.push((await app.id('narration').textContent()) ?? '');
  }
  const all = seen.join('\n');
  for (const w of ['INITIATOR_NEGO', 'ACCEPTOR_NEGO', 'AS-REQ', 'AS-REP', 'AP-REQ', 'VERIFY']) expect(all).toContain(w);
  await expect(app.id('outcome')).toContainText(/authenticated/i);
  // The AS-REQ step: the inspector names the layers from outside in, SMB2 › SPNEGO › NEGOEX › PKU2U › Kerberos.
  const asReq = stepsOf(run('pku2u-peer')).findIndex((e) => e.type === 'message' && e.name === 'AS-REQ') + 1;
  await app.open(`scenario=pku2u-peer&step=${asReq}`);
  await app.id('view.layers').check();
  const text = await app.inspectorText();
  const at = ['SPNEGO NegTokenResp', 'NEGOEX AP_REQUEST', 'PKU2U GSS-API', 'Kerberos AS-REQ'].map((l) => text.indexOf(l));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(app.consoleErrors).toEqual([]);
});

for (const vp of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  const tag = `${vp.width}x${vp.height}`;
  test(`NegoExts screenshots at ${tag}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(vp);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new AppPage(page);
    for (const id of IDS) {
      const n = stepsOf(run(id)).length;
      await app.open(`scenario=${id}&step=${Math.ceil(n / 2)}`);
      await app.screenshot(`${tag}-${id}-middle`);
      await app.last();
      expect(await app.overlappingLabels()).toEqual([]);
      await app.screenshot(`${tag}-${id}-last`);
      await app.id('view.layers').check();
      expect(await app.overlappingLabels()).toEqual([]);
      await app.screenshot(`${tag}-${id}-layers`);
      await app.id('view.layers').uncheck();
    }
    await app.open('scenario=negoexts-federated&step=4');
    await expect(app.id('topology.node.idp')).toContainText(/login/i);
    await app.screenshot(`${tag}-negoexts-federated-idp`);
    await app.open('scenario=pku2u-policy-off&step=3');
    await app.id('conditions.toggle').click();
    await app.screenshot(`${tag}-pku2u-policy-off-conditions`);
    expect(app.consoleErrors).toEqual([]);
  });
}
