// A scenario file a person opens from the picker runs on screen exactly like a built-in one, and its
// JSON, capture and keytab download as the CLI writes them for `--file`; a broken file gets one clear
// notice and the scenario on screen stays.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AppPage } from './pages/AppPage';
import { getScenario } from '../src/scenarios';
import { runCli } from '../src/cli/run';

function myLab() {
  // A trainer's own copy of a built-in scenario, under another id and title.
  const s = JSON.parse(JSON.stringify(getScenario('kerberos-smb')));
  s.id = 'my-kerberos-lab';
  s.title = 'My lab: Kerberos to the file share (a trainer copy)';
  return JSON.stringify(s, null, 2);
}

test('a scenario file opened from the picker runs on screen, and its downloads equal the CLI\'s for --file', async ({ page }) => {
  const text = myLab();
  const files = new Map<string, Buffer>();
  const cli = runCli(['--file', 'my-lab.json', '--json', '--pcap', 'out.pcap', '--keytab', 'out.keytab'], { readFile: () => text, writeFile: (p, d) => { files.set(p, Buffer.from(d)); } });
  expect(cli.code, cli.stderr).toBe(0);

  const app = new AppPage(page);
  await app.open('scenario=ntlm-workgroup');
  await app.id('picker.file').setInputFiles({ name: 'my-lab.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(app.id('picker.select')).toHaveValue('my-kerberos-lab');
  await expect(app.id('picker.select').locator('optgroup[label="Opened file"] option')).toHaveText(/My lab: Kerberos to the file share \(a trainer copy\)/);
  await app.last();
  await expect(app.id('outcome')).toContainText('Kerberos');

  const [json] = await Promise.all([page.waitForEvent('download'), app.id('downloads.json').click()]);
  expect(JSON.parse(readFileSync(await json.path(), 'utf8'))).toEqual(JSON.parse(cli.stdout));
  const [pcap] = await Promise.all([page.waitForEvent('download'), app.id('downloads.capture').click()]);
  expect(readFileSync(await pcap.path()).equals(files.get('out.pcap')!)).toBe(true);
  const [keytab] = await Promise.all([page.waitForEvent('download'), app.id('downloads.keytab').click()]);
  expect(readFileSync(await keytab.path()).equals(files.get('out.keytab')!)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});

test('a broken scenario file: one notice that says what and where, and the scenario on screen stays', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('scenario=ntlm-workgroup&step=3');
  const broken = myLab().replace('"role": "client"', '"role": "printer"');
  await app.id('picker.file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(app.id('notice')).toHaveCount(1);
  await expect(app.id('notice')).toContainText('broken.json');
  await expect(app.id('notice')).toContainText('role');
  await expect(app.id('picker.select')).toHaveValue('ntlm-workgroup');
  await expect(app.id('controls.position')).toContainText('3 /');
  await app.id('picker.file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(myLab().slice(0, 200)) });
  await expect(app.id('notice')).toHaveCount(2);
  await expect(app.id('notice').nth(1)).toContainText(/cut\.json.*line \d+/);
});
