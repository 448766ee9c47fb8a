// Issue 17 on screen: every glossary term can be found and read, every "Why?" panel opens at its
// step, every corrected sentence is what the screen says; the words work with the keyboard, on a
// 390×844 touch screen and in presenter mode, and pass axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { run, stepsOf } from './fixtures/engine';
import { GLOSSARY } from '../src/content/glossary';
import { WHY_TEXTS, whyFor } from '../src/content/why';
import type { ParamValue } from '../src/engine/params';

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The URL and 1-based step where a "Why?" panel shows (found with the same engine as the app). */
function whereWhy(id: string): { query: string; step: number } {
  const tries: [string, Record<string, ParamValue>][] = [
    ['kerberos-smb', {}], ['negotiate-kerberos-http', {}], ['ntlm-domain', {}], ['negotiate-fallback-ip', {}],
    ['negotiate-kerberos-http', { password: 'wrong' }], ['negotiate-no-common-protocol', {}], ['kerberos-smb', { staleServiceKey: true }],
  ];
  for (const [scenario, params] of tries) {
    const t = run(scenario, { params });
    const steps = stepsOf(t);
    const i = steps.findIndex((s) => whyFor(t, s).some((w) => w.id === id));
    if (i >= 0) {
      const q = new URLSearchParams({ scenario, step: String(i + 1), ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
      return { query: q.toString(), step: i + 1 };
    }
  }
  throw new Error(`no step shows the "Why?" panel ${id}`);
}

test.describe('glossary', () => {
  test('every term is in the glossary panel, found by search, with its definition and source', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    await app.open();
    await app.id('glossary.open').click();
    await expect(app.id('glossary')).toBeVisible();
    await expect(app.id('glossary.search')).toBeFocused();
    await expect(app.id('glossary.entry')).toHaveCount(GLOSSARY.length);
    for (const t of GLOSSARY) {
      const word = typeof t.match[0] === 'string' ? t.match[0] : t.term;
      await app.id('glossary.search').fill(word);
      const entry = page.locator(`[data-term-entry="${t.id}"]`);
      await expect(entry, `${t.id} found by "${word}"`).toBeVisible();
      await expect(entry).toContainText(t.term);
      await expect(entry).toContainText(`Source: ${t.source}`);
    }
    await app.id('glossary.search').fill('zzzz-no-such-term');
    await expect(app.id('glossary.entry')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(app.id('glossary')).toHaveCount(0);
    await expect(app.id('glossary.open')).toBeFocused();
  });

  test('a term in the narration opens its definition in place with the keyboard; Escape gives focus back', async ({ page }) => {
    test.setTimeout(180_000);
    const app = new AppPage(page);
    await app.open('scenario=kerberos-smb&step=4');
    const term = app.id('narration').locator('[data-testid="term"][data-term="tgt"]');
    await expect(term).toBeVisible();
    await term.focus();
    await page.keyboard.press('Enter');
    const def = app.id('definition');
    await expect(def).toBeVisible();
    await expect(def).toHaveAttribute('data-id', 'tgt');
    await expect(def).toContainText('krbtgt');
    await expect(def.locator('h2')).toBeFocused();
    await expect(term).toHaveAttribute('aria-expanded', 'true');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(def).toHaveCount(0);
    await expect(term).toBeFocused();
    // Space opens it too, and "Show in the glossary" lands on the entry.
    await page.keyboard.press(' ');
    await expect(def).toBeVisible();
    await app.id('definition.glossary').click();
    await expect(page.locator('[data-term-entry="tgt"]')).toBeFocused();
    expect(await axe(page)).toEqual([]);
  });

  test('only the first use of a term in the narration is a link, and every link is a glossary term', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('scenario=kerberos-smb&step=4');
    const ids = await app.id('narration').locator('[data-testid="term"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-term')));
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(GLOSSARY.some((t) => t.id === id), id!).toBe(true);
  });
});

test.describe('"Why?" panels', () => {
  for (const w of WHY_TEXTS) {
    test(`${w.id}: ${w.title}`, async ({ page }) => {
      const app = new AppPage(page);
      const where = whereWhy(w.id);
      await app.open(where.query);
      const button = app.id('narration').locator(`[data-testid="why"][data-why="${w.id}"]`);
      await expect(button).toBeVisible();
      await button.focus();
      await page.keyboard.press('Enter');
      const panel = app.id('why.panel');
      await expect(panel).toBeVisible();
      await expect(panel).toHaveAttribute('data-id', w.id);
      await expect(panel).toContainText(w.title);
      await expect(panel).toContainText(`Source: ${w.ref}`);
      await page.keyboard.press('Escape');
      await expect(panel).toHaveCount(0);
      await expect(button).toBeFocused();
    });
  }

  test('the fallback to NTLM says NTLM never authenticates the server, since mutual authentication was asked for', async ({ page }) => {
    const app = new AppPage(page);
    await app.open(whereWhy('fallback').query);
    await expect(app.id('narration').locator('[data-why="ntlm-no-server-auth"]')).toBeVisible();
  });
});

test.describe('corrected sentences on screen', () => {
  const cases: { name: string; scenario: string; params: Record<string, ParamValue>; pick: (s: ReturnType<typeof stepsOf>[number]) => boolean; says: RegExp; not: RegExp }[] = [
    { name: '1. stops only because NTLM is off', scenario: 'negotiate-no-common-protocol', params: { kdcReachable: false },
      pick: (s) => s.type === 'decision' && s.condition === 'noFallbackMechanism', says: /NTLM is switched off on/, not: /not a reason to use NTLM/ },
    { name: '2. request-mic per RFC 4178 §5', scenario: 'ntlm-domain', params: {},
      pick: (s) => s.type === 'message' && s.name === 'CHALLENGE_MESSAGE', says: /NTLM CHALLENGE_MESSAGE/, not: /first choice was not taken/ },
    { name: '3. SMB2 error carries only the NTSTATUS', scenario: 'kerberos-smb', params: { staleServiceKey: true },
      pick: (s) => s.type === 'message' && !!s.tokenNotSent, says: /but it is not sent/, not: / inside SMB2 SESSION_SETUP response/ },
    { name: '5. the session key travels encrypted', scenario: 'ntlm-workgroup', params: {},
      pick: () => true, says: /./, not: /without ever sending it/ },
    { name: '6. no logon session after a failed logon', scenario: 'kerberos-smb', params: { user: 'mallory' },
      pick: (s) => s.type === 'message' && /KRB-ERROR/.test(s.name), says: /KDC_ERR_C_PRINCIPAL_UNKNOWN/, not: /mallory, the logged-on user/ },
  ];
  for (const c of cases) {
    test(c.name, async ({ page }) => {
      const t = run(c.scenario, { params: c.params });
      const steps = stepsOf(t);
      const i = steps.findIndex(c.pick);
      expect(i).toBeGreaterThanOrEqual(0);
      const q = new URLSearchParams({ scenario: c.scenario, step: String(i + 1), ...Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, String(v)])) });
      const app = new AppPage(page);
      await app.open(q.toString());
      await expect(app.id('narration')).toContainText(c.says);
      await expect(app.id('narration')).not.toContainText(c.not);
      if (c.name.startsWith('3.')) {
        await expect(app.id('inspector.notsent')).toBeVisible();
        await expect(app.id('inspector.part.token')).toContainText('not sent');
        await expect(app.id('narration').locator('[data-why="not-sent"]')).toBeVisible();
      }
      if (c.name.startsWith('5.')) await expect(app.id('goal')).toContainText('EncryptedRandomSessionKey');
    });
  }
});

test.describe('who can read what', () => {
  test('the ticket says who holds its key, apart from the lab knowing every key; PAC groups are named', async ({ page }) => {
    const t = run('kerberos-smb');
    const i = stepsOf(t).findIndex((s) => s.type === 'message' && s.name.startsWith('AP-REQ'));
    const app = new AppPage(page);
    await app.open(`scenario=kerberos-smb&step=${i + 1}`);
    await expect(app.id('inspector.shortcuts')).toBeVisible();
    await app.id('inspector.shortcut').filter({ hasText: 'PAC groups' }).click();
    await expect(app.id('inspector.readers')).toContainText('Only FS01 (its machine account FS01$) and the KDC hold this key');
    await expect(app.id('inspector.readers')).toContainText('The client cannot read its own ticket');
    await expect(app.id('inspector.labkeys')).toContainText('the lab knows every key');
    await expect(app.id('inspector.detail')).toContainText('513 (Domain Users), 1105 (Engineering)');
    await app.id('inspector.shortcut').filter({ hasText: 'Ticket\'s client' }).click();
    await expect(app.id('inspector.detail')).toContainText('alice');
    await app.id('inspector.shortcut').filter({ hasText: 'Session key' }).click();
    await expect(app.id('inspector.detail')).toContainText('key');
    test.setTimeout(180_000);
    await expect(page.locator('text=encrypted · can open')).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
  });

  test('layered view: lanes explain themselves, and an SSPI call shows its flags and status', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('scenario=negotiate-kerberos-http&step=6');
    await app.id('view.layers').check();
    const lane = app.id('diagram.lane').filter({ hasText: 'SSPI' }).first();
    await lane.click();
    await expect(app.id('lane.panel')).toContainText('never reads the tokens');
    await page.keyboard.press('Escape');
    test.setTimeout(180_000);
    await app.id('diagram.calllabel').filter({ hasText: 'InitializeSecurityContext' }).first().click();
    await expect(app.id('inspector.call')).toBeVisible();
    await expect(app.id('inspector.call.flags')).toContainText('ISC_REQ_MUTUAL_AUTH');
    expect(await axe(page)).toEqual([]);
  });
});

test.describe('on a 390×844 touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('tap a term and a "Why?"; both open inside the screen', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('scenario=kerberos-smb&step=4');
    const why = app.id('narration').locator('[data-testid="why"]').first();
    await why.scrollIntoViewIfNeeded();
    await why.tap();
    const panel = app.id('why.panel');
    await expect(panel).toBeVisible();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await app.id('words.close').tap();
    await expect(panel).toHaveCount(0);
    const term = app.id('narration').locator('[data-testid="term"]').first();
    test.setTimeout(180_000);
    await term.tap();
    await expect(app.id('definition')).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await app.screenshot('words-390x844');
  });
});

test('presenter mode: the "Why?" panel and definitions open, axe passes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new AppPage(page);
  await app.open(whereWhy('mutual').query);
  await app.id('view.presenter').click();
  const why = app.id('narration').locator('[data-why="mutual"]');
  await why.click();
  await expect(app.id('why.panel')).toContainText('fake server');
  expect(await axe(page)).toEqual([]);
  await app.screenshot('words-presenter-1920x1080');
  await page.keyboard.press('Escape');
  await app.id('narration').locator('[data-testid="term"]').first().click();
  await expect(app.id('definition')).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('the goal links its terms: a term in the goal opens its definition in place', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('scenario=negotiate-fallback-kdc-down');
  const term = app.id('goal.text').getByTestId('term').first();
  await expect(term).toBeVisible();
  await term.click();
  await expect(page.getByRole('dialog')).toBeVisible();
});
