// One measured page load in a fresh browser context (empty cache), and the round-robin driver.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import { COLLECT_LOAD, initScript } from './inpage';
import type { PageId } from './build';
import type { StaticServer } from './serve';

export const VIEWPORT = { width: 1280, height: 720 };
const READY_TIMEOUT_MS = 30_000;
const FCP_GRACE_MS = 3_000;

export interface PageTarget {
  id: PageId;
  server: StaticServer;
  outDir: string;
  /** The selector whose appearance means "interactive" (the same data-testid="app-ready" on every page). */
  readySelector?: string;
}

export interface InitialFile {
  /** Path inside the built site, e.g. "assets/index-abc.js". */
  file: string;
  kind: 'js' | 'css';
  bytes: number;
  gzip9: number;
}

export interface LoadSample {
  ok: boolean;
  error?: string;
  /** performance.now() when the page signalled interactive (ms since navigation start). */
  readyMs: number;
  fcpMs: number;
  /** The load event (ms since navigation start). */
  loadMs: number;
  /**
   * Main-thread CPU time (thread time, so less sensitive to a busy machine than wall-clock times) spent by
   * the page's renderer until interactive, from the DevTools Performance domain: all tasks, and script alone.
   */
  cpuTaskMs: number;
  cpuScriptMs: number;
  /** JS and CSS requested before the page was interactive. */
  initial: InitialFile[];
  /** Other resources requested before interactive (fonts, images...), or anything not served by us. */
  otherInitial: string[];
}

export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
}

const gzipCache = new Map<string, { bytes: number; gzip9: number }>();
function sizes(file: string): { bytes: number; gzip9: number } {
  let s = gzipCache.get(file);
  if (!s) {
    const body = readFileSync(file);
    s = { bytes: body.length, gzip9: gzipSync(body, { level: 9 }).length };
    gzipCache.set(file, s);
  }
  return s;
}

interface Collected {
  ready: number;
  fcp?: number;
  load?: number;
  resources: { url: string; start: number; end: number; transferSize: number; decodedBodySize: number }[];
}

export async function measureLoad(browser: Browser, target: PageTarget, cpuSlowdown = 1): Promise<LoadSample> {
  const context = await newBenchContext(browser);
  try {
    await context.addInitScript({ content: initScript(target.readySelector) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // A low-end laptop: the renderer's CPU slowed down (DevTools' CPU throttling).
    if (cpuSlowdown !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.goto(target.server.url, { waitUntil: 'commit' });
    await page.waitForFunction('window.__ready !== undefined', null, { timeout: READY_TIMEOUT_MS });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    // FCP can come after the ready signal (the first commit comes before the first paint): give it a moment.
    await page
      .waitForFunction('window.__bench && window.__bench.fcp !== undefined', null, { timeout: FCP_GRACE_MS })
      .catch(() => undefined);
    await page.waitForLoadState('load', { timeout: READY_TIMEOUT_MS });
    const c = (await page.evaluate(COLLECT_LOAD)) as Collected;
    const initial: InitialFile[] = [];
    const otherInitial: string[] = [];
    for (const r of c.resources) {
      if (!(r.start < c.ready)) continue; // requested after the page was interactive: not "initial"
      const file = target.server.fileFor(r.url);
      const ext = path.extname(new URL(r.url).pathname);
      const kind = ext === '.css' ? 'css' : ext === '.js' || ext === '.mjs' ? 'js' : undefined;
      if (!file || !kind) {
        otherInitial.push(r.url);
        continue;
      }
      initial.push({ file: path.relative(target.outDir, file), kind, ...sizes(file) });
    }
    initial.sort((a, b) => a.file.localeCompare(b.file));
    return {
      ok: true,
      readyMs: c.ready,
      fcpMs: c.fcp ?? NaN,
      loadMs: c.load ?? NaN,
      cpuTaskMs: metric('TaskDuration'),
      cpuScriptMs: metric('ScriptDuration'),
      initial,
      otherInitial,
    };
  } catch (e) {
    const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { ok: false, error, readyMs: NaN, fcpMs: NaN, loadMs: NaN, cpuTaskMs: NaN, cpuScriptMs: NaN, initial: [], otherInitial: [] };
  } finally {
    await context.close();
  }
}

/**
 * Loads every target in turn (app, react, reactflow, app, ...), `rounds` times, after one discarded
 * warm-up round (the first loads of a fresh browser pay for process start-up). Returns the samples per page.
 */
export async function roundRobin(
  browser: Browser,
  targets: readonly PageTarget[],
  rounds: number,
  onSample?: (id: PageId, round: number, s: LoadSample) => void,
  cpuSlowdown = 1,
): Promise<Record<PageId, LoadSample[]>> {
  const out = Object.fromEntries(targets.map((t) => [t.id, [] as LoadSample[]])) as Record<PageId, LoadSample[]>;
  for (const t of targets) await measureLoad(browser, t, cpuSlowdown);
  for (let round = 1; round <= rounds; round++) {
    for (const t of targets) {
      const s = await measureLoad(browser, t, cpuSlowdown);
      out[t.id].push(s);
      onSample?.(t.id, round, s);
    }
  }
  return out;
}
