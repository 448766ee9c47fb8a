// Downloads: the JSON trace, the capture and the keytab, as the CLI writes them.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AppPage } from './pages/AppPage';
import { run, scenarios } from './fixtures/engine';
import { tracePcap } from '../src/engine/export/traceExport';

test('the JSON trace, the capture and the keytab download', async ({ page }) => {
  const s = scenarios().find((x) => run(x.id).events.some((e) => e.type === 'message' && e.protocol === 'Kerberos')) ?? scenarios()[0];
  const app = new AppPage(page);
  await app.open(`scenario=${s.id}`);
  const [json] = await Promise.all([page.waitForEvent('download'), app.id('downloads.json').click()]);
  expect(json.suggestedFilename()).toBe(`${s.id}.trace.json`);
  const trace = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(JSON.stringify(trace)).toBe(JSON.stringify(run(s.id)));
  const [pcap] = await Promise.all([page.waitForEvent('download'), app.id('downloads.capture').click()]);
  expect(pcap.suggestedFilename()).toBe(`${s.id}.pcap`);
  const bytes = readFileSync(await pcap.path());
  expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(Buffer.from(tracePcap(run(s.id))).equals(bytes), 'the same capture as the CLI writes').toBe(true);
  if (run(s.id).nodes.some((n) => n.domain)) {
    const [keytab] = await Promise.all([page.waitForEvent('download'), app.id('downloads.keytab').click()]);
    const kt = readFileSync(await keytab.path());
    expect(kt.readUInt16BE(0)).toBe(0x0502);
  }
  expect(app.consoleErrors).toEqual([]);
});
