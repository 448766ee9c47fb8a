// Downloads: the JSON trace, the capture and the keytab, byte for byte as the CLI writes them.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AppPage } from './pages/AppPage';
import { run, scenarios } from './fixtures/engine';
import { runCli } from '../src/cli/run';

/** What `npm run sim -- <id> --json --pcap … --keytab …` prints and writes. */
function cliExports(id: string) {
  const files = new Map<string, Buffer>();
  const r = runCli([id, '--json', '--pcap', 'out.pcap', '--keytab', 'out.keytab'], { writeFile: (p, d) => { files.set(p, Buffer.from(d)); } });
  expect(r.code, r.stderr).toBe(0);
  return { json: r.stdout, pcap: files.get('out.pcap')!, keytab: files.get('out.keytab')! };
}

test('the JSON trace, the capture and the keytab download as the CLI writes them', async ({ page }) => {
  // A domain scenario where Kerberos runs (the keytab is offered only then).
  const s = scenarios().find((x) => { const t = run(x.id); return t.nodes.some((n) => n.domain) && t.events.some((e) => e.type === 'message' && e.protocol === 'Kerberos'); });
  expect(s, 'a built-in scenario with a domain and Kerberos').toBeTruthy();
  const cli = cliExports(s!.id);
  const app = new AppPage(page);
  await app.open(`scenario=${s!.id}`);

  const [json] = await Promise.all([page.waitForEvent('download'), app.id('downloads.json').click()]);
  expect(json.suggestedFilename()).toBe(`${s!.id}.trace.json`);
  expect(JSON.parse(readFileSync(await json.path(), 'utf8')), 'the trace the CLI prints with --json').toEqual(JSON.parse(cli.json));

  const [pcap] = await Promise.all([page.waitForEvent('download'), app.id('downloads.capture').click()]);
  expect(pcap.suggestedFilename()).toBe(`${s!.id}.pcap`);
  const bytes = readFileSync(await pcap.path());
  expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(bytes.equals(cli.pcap), 'the same capture as the CLI writes').toBe(true);

  const [keytab] = await Promise.all([page.waitForEvent('download'), app.id('downloads.keytab').click()]);
  expect(keytab.suggestedFilename()).toBe(`${s!.id}.keytab`);
  const kt = readFileSync(await keytab.path());
  expect(kt.readUInt16BE(0)).toBe(0x0502);
  expect(kt.length).toBe(cli.keytab.length);
  expect(kt.equals(cli.keytab), 'the same keytab as the CLI writes').toBe(true);

  expect(app.consoleErrors).toEqual([]);
});
