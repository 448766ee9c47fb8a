// The inspector: field tree and hex dump linked both ways, carrier and token, decrypted parts
// opened with their key and key usage named, copy as hex.
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { findEncrypted, messagesOf, run, scenarios, stepsOf } from './fixtures/engine';
import { fieldAt, leaves } from '../src/engine/encoding/fields';

function firstTokenMessage() {
  for (const s of scenarios()) {
    const t = run(s.id);
    const m = messagesOf(t).find((x) => x.hex && x.fields.some((f) => f.children?.length));
    if (m) return { scenario: s.id, step: stepsOf(t).findIndex((x) => x.id === m.id) + 1, m };
  }
  throw new Error('no scenario has a message with a token');
}

test('selecting a field lights its bytes; clicking a byte selects its field', async ({ page }) => {
  const { scenario, step, m } = firstTokenMessage();
  const app = new AppPage(page);
  await app.open(`scenario=${scenario}&step=${step}`);
  await expect(app.id('inspector.fields')).toBeVisible();
  // Top level is expanded: pick a visible leaf.
  const leaf = leaves(m.fields).find((f) => f.end - f.start >= 2)!;
  const pathToLeaf = fieldAt(m.fields, leaf.start);
  for (const f of pathToLeaf.slice(0, -1)) {
    const item = page.locator(`[data-testid="inspector.field"][data-name="${f.name}"][data-start="${f.start}"]`).first();
    if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('span').first().click();
  }
  const deepest = pathToLeaf[pathToLeaf.length - 1];
  await page.locator(`[data-testid="inspector.field"][data-name="${deepest.name}"][data-start="${deepest.start}"]`).first().click();
  await expect.poll(async () => (await app.hexCounts()).selected).toBe(deepest.end - deepest.start);
  expect((await app.hexCounts()).drawnSelected).toBeGreaterThan(0);
  await expect(app.id('inspector.detail')).toContainText(deepest.explain.slice(0, 30));

  // The other way: click the last byte of the message.
  const last = m.hex.length / 2 - 1;
  await app.clickByte(last);
  const expected = fieldAt(m.fields, last).at(-1)!;
  const selected = page.locator('[data-testid="inspector.field"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('data-name', expected.name);
  await expect(selected).toHaveAttribute('data-start', String(expected.start));
  await expect.poll(async () => (await app.hexCounts()).selected).toBe(expected.end - expected.start);
  // A byte in the middle of a field selects that field too (not its neighbour).
  const mid = leaves(m.fields).find((f) => f.end - f.start >= 4)!;
  await app.clickByte(mid.start + 2);
  await expect(page.locator('[data-testid="inspector.field"][aria-selected="true"]')).toHaveAttribute('data-start', String(mid.start));

  // Hover: the hovered field's bytes light up too.
  const other = page.locator('[data-testid="inspector.field"]:not([aria-selected="true"])').first();
  await other.hover();
  const hoveredField = { start: Number(await other.getAttribute('data-start')), end: Number(await other.getAttribute('data-end')) };
  await expect.poll(async () => (await app.hexCounts()).hovered).toBeGreaterThan(0);
  expect((await app.hexCounts()).hovered).toBeLessThanOrEqual(hoveredField.end - hoveredField.start);
  expect(app.consoleErrors).toEqual([]);
});

test('the carrier shows its own bytes; copy as hex copies the selected field', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { scenario, step, m } = firstTokenMessage();
  const app = new AppPage(page);
  await app.open(`scenario=${scenario}&step=${step}`);
  await app.id('inspector.part.carrier').click();
  await expect.poll(async () => (await app.hexCounts()).bytes).toBe(m.carrier.hex.length / 2);
  await app.id('inspector.part.token').click();
  const f = m.fields[0];
  await page.locator(`[data-testid="inspector.field"][data-path="0"]`).click();
  await app.id('inspector.copyhex').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(m.hex.slice(f.start * 2, f.end * 2));
});

test('an encrypted ticket opens decrypted, with the key and key usage named', async ({ page }) => {
  const enc = findEncrypted((f) => /EncTicketPart/i.test(f.decrypted!.name));
  expect(enc, 'no built-in scenario has a ticket with a decrypted EncTicketPart yet (needs the Kerberos scenarios)').not.toBeNull();
  const { scenario, step, field } = enc!;
  const app = new AppPage(page);
  await app.open(`scenario=${scenario}&step=${step}`);
  await app.clickByte(field.start + 4);
  await expect(app.id('inspector.decrypt')).toContainText(field.decrypted!.name);
  await app.id('inspector.decrypt').click();
  const d = field.decrypted!;
  await expect(app.id('inspector.decrypted')).toContainText(`Decrypted ${d.name}`);
  await expect(app.id('inspector.decrypted')).toContainText(d.key);
  if (d.keyUsage !== undefined) await expect(app.id('inspector.decrypted')).toContainText(`key usage ${d.keyUsage}`);
  await expect(page.locator(`[data-testid="inspector.field"][data-name="${d.fields[0].name}"]`).first()).toBeVisible();
  await expect.poll(async () => (await app.hexCounts()).bytes).toBe(d.hex.length / 2);
  await app.screenshot('inspector-decrypted-ticket');
  expect(app.consoleErrors).toEqual([]);
});

test('any encrypted part opens decrypted (NTLM session key, Kerberos parts)', async ({ page }) => {
  const enc = findEncrypted();
  expect(enc, 'no built-in scenario has an encrypted part with a decrypted form').not.toBeNull();
  const app = new AppPage(page);
  await app.open(`scenario=${enc!.scenario}&step=${enc!.step}`);
  await app.clickByte(enc!.field.start);
  await app.id('inspector.decrypt').click();
  await expect(app.id('inspector.decrypted')).toContainText(enc!.field.decrypted!.name);
});

test('a KDC behind a firewall: the AS-REQ is drawn lost half way, and the inspector says only SYNs went out', async ({ page }) => {
  const t = run('negotiate-fallback-kdc-down');
  const i = stepsOf(t).findIndex((s) => s.type === 'message' && !!s.lost);
  expect(i).toBeGreaterThanOrEqual(0);
  const app = new AppPage(page);
  await app.open(`scenario=negotiate-fallback-kdc-down&step=${i + 1}`);
  await expect(page.locator('[data-testid="diagram.arrow"][data-lost="true"]')).toHaveCount(1);
  await expect(app.id('diagram.lost')).toBeVisible();
  await expect(app.id('inspector.lost')).toContainText('SYN');
  await expect(app.id('inspector.part.token')).toContainText('not sent');
  await expect(app.id('narration')).toContainText('never leaves the workstation');
  await page.screenshot({ path: 'test-results/kdc-lost-1280.png' });
});
