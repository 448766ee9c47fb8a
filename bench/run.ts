// `npm run bench`: the benchmark harness behind DESIGN.md "Budgets" (a measurement, not a test).
//
// 1. Builds the app (root = repo root) and two baselines (bench/baselines/react, bench/baselines/reactflow)
//    with the root vite.config.ts, into bench/dist/{app,react,reactflow}; from those, the static page (the app's
//    first screen, no script) and the floor (that static first screen, then bare React's script beside it).
// 2. Serves each on 127.0.0.1 (random port) and loads them in headless Chromium, round-robin
//    (app, react, reactflow, app, ...), one fresh browser context per load, after one discarded warm-up round.
//    Per load: FCP, load-to-interactive, and the JS+CSS requested before interactive, gzip -9.
// 3. Prints medians and the budget ratios, runs the sections in bench/sections (engine, steps), and writes
//    bench/results/latest.json.
//
// Options: --loads N (rounds, default 7), --skip-build (reuse bench/dist), --strict (exit 1 if a budget is OVER).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { BenchError, PAGE_IDS, buildPages, type PageId } from './lib/build';
import { APP_FALLBACK_SELECTOR, APP_READY_SELECTOR } from './lib/inpage';
import { newBenchContext, roundRobin, type InitialFile, type LoadSample, type PageTarget } from './lib/load';
import { serveStatic, type StaticServer } from './lib/serve';
import { fmtKiB, fmtMs, max, median, min, table } from './lib/stats';
import { SECTIONS } from './sections/index';
import { budget, type BudgetCheck, type SectionReport } from './sections/types';

const REPO = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const GZIP_RATIO_BUDGET = 1.6; // app initial JS+CSS gzip / bare React + React Flow
const LOAD_RATIO_BUDGET = 1.5; // app load-to-interactive / bare React, in every round
const FCP_RATIO_BUDGET = 1.2; // app first contentful paint / the static page of its first screen
/** The CPU modes every page is loaded in: as is, and slowed 4× (a low-end laptop). */
const CPU_MODES = [1, 4] as const;

function parseArgs(argv: string[]) {
  const opts = { loads: 7, skipBuild: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--loads') opts.loads = Math.max(1, Number.parseInt(argv[++i] ?? '', 10) || 7);
    else throw new Error(`bench: unknown option ${a} (use --loads N, --skip-build, --strict)`);
  }
  return opts;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** The app is "interactive" when data-testid="app-ready" appears; until its build contains that marker, when #root has children. */
function appReadySelector(appDist: string): string {
  const hasMarker = listFiles(appDist).some((f) => /\.(js|mjs|html)$/.test(f) && readFileSync(f, 'utf8').includes('app-ready'));
  return hasMarker ? APP_READY_SELECTOR : APP_FALLBACK_SELECTOR;
}

interface PageSummary {
  loads: number;
  failed: number;
  errors: string[];
  readyMs: { median: number; min: number; max: number };
  fcpMs: { median: number; min: number; max: number };
  loadMs: { median: number; min: number; max: number };
  cpuTaskMs: { median: number; min: number; max: number };
  cpuScriptMs: { median: number; min: number; max: number };
  initialGzip: number;
  initialBytes: number;
  initialFiles: InitialFile[];
  /** True when every successful load fetched the same JS/CSS before interactive. */
  initialStable: boolean;
  otherInitial: string[];
  samples: { readyMs: number; fcpMs: number; cpuTaskMs: number; gzip: number }[];
}

function summarize(samples: LoadSample[]): PageSummary {
  const ok = samples.filter((s) => s.ok);
  const ready = ok.map((s) => s.readyMs);
  const fcp = ok.map((s) => s.fcpMs).filter(Number.isFinite);
  const spread = (xs: number[]) => ({ median: median(xs), min: min(xs), max: max(xs) });
  const gz = (s: LoadSample) => s.initial.reduce((n, f) => n + f.gzip9, 0);
  const raw = (s: LoadSample) => s.initial.reduce((n, f) => n + f.bytes, 0);
  const key = (s: LoadSample) => s.initial.map((f) => f.file).join('|');
  // Report the file list of the load whose total is the median one.
  const byGzip = [...ok].sort((a, b) => gz(a) - gz(b));
  const mid = byGzip[Math.floor((byGzip.length - 1) / 2)];
  return {
    loads: samples.length,
    failed: samples.length - ok.length,
    errors: [...new Set(samples.filter((s) => !s.ok).map((s) => s.error ?? '?'))],
    readyMs: spread(ready),
    fcpMs: spread(fcp),
    loadMs: spread(ok.map((s) => s.loadMs).filter(Number.isFinite)),
    cpuTaskMs: spread(ok.map((s) => s.cpuTaskMs).filter(Number.isFinite)),
    cpuScriptMs: spread(ok.map((s) => s.cpuScriptMs).filter(Number.isFinite)),
    initialGzip: median(ok.map(gz)),
    initialBytes: median(ok.map(raw)),
    initialFiles: mid?.initial ?? [],
    initialStable: new Set(ok.map(key)).size <= 1,
    otherInitial: [...new Set(ok.flatMap((s) => s.otherInitial))],
    samples: samples.map((s) => ({ readyMs: s.readyMs, fcpMs: s.fcpMs, cpuTaskMs: s.cpuTaskMs, gzip: s.ok ? gz(s) : NaN })),
  };
}

const TITLES: Record<PageId, string> = {
  app: 'app (SSPI Lab)',
  react: 'baseline: bare React',
  reactflow: 'baseline: React + React Flow',
  static: 'baseline: static page (the app\'s first screen and CSS, no script)',
  floor: 'reference: the floor (the static first screen, then bare React\'s script beside it)',
};

function printPage(id: PageId, s: PageSummary, readyMethod: string, cpu: number) {
  console.log(`\n== ${TITLES[id]}${cpu === 1 ? '' : `, CPU slowed ${cpu}x`} ==  (${s.loads - s.failed}/${s.loads} loads ok; interactive = ${readyMethod})`);
  for (const e of s.errors) console.log(`  load error: ${e}`);
  console.log(
    table(
      ['metric', 'median', 'min', 'max'],
      [
        ['first contentful paint', fmtMs(s.fcpMs.median), fmtMs(s.fcpMs.min), fmtMs(s.fcpMs.max)],
        ['navigation to interactive', fmtMs(s.readyMs.median), fmtMs(s.readyMs.min), fmtMs(s.readyMs.max)],
        ['load event', fmtMs(s.loadMs.median), fmtMs(s.loadMs.min), fmtMs(s.loadMs.max)],
        ['main-thread CPU to interactive', fmtMs(s.cpuTaskMs.median), fmtMs(s.cpuTaskMs.min), fmtMs(s.cpuTaskMs.max)],
        ['  of which script', fmtMs(s.cpuScriptMs.median), fmtMs(s.cpuScriptMs.min), fmtMs(s.cpuScriptMs.max)],
        ['initial JS+CSS (raw)', fmtKiB(s.initialBytes), '', ''],
        ['initial JS+CSS (gzip -9)', fmtKiB(s.initialGzip), '', ''],
      ],
    ),
  );
  console.log(
    table(
      ['initial file', 'kind', 'raw', 'gzip -9'],
      s.initialFiles.map((f) => [f.file, f.kind, fmtKiB(f.bytes), fmtKiB(f.gzip9)]),
    ),
  );
  if (!s.initialStable) console.log('  note: the set of initial files differed between loads (list above is from the median load)');
  if (s.otherInitial.length) console.log(`  other requests before interactive: ${s.otherInitial.join(', ')}`);
}

function markOf(b: BudgetCheck): string {
  return b.pass ? 'PASS' : 'OVER';
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const loadBefore = os.loadavg()[0];
  const dists: Record<PageId, string> = {
    app: path.join(REPO, 'bench/dist/app'),
    react: path.join(REPO, 'bench/dist/react'),
    reactflow: path.join(REPO, 'bench/dist/reactflow'),
    static: path.join(REPO, 'bench/dist/static'),
    floor: path.join(REPO, 'bench/dist/floor'),
  };
  const buildMs: Partial<Record<PageId, number>> = {};
  if (!opts.skipBuild) {
    console.log('bench: building app and baselines with vite.config.ts ...');
    const built = await buildPages(REPO);
    for (const id of PAGE_IDS) buildMs[id] = built[id].buildMs;
    console.log(PAGE_IDS.map((id) => `${id} ${(buildMs[id]! / 1000).toFixed(1)} s`).join(', '));
  }
  const readySelector = appReadySelector(dists.app);
  const readyMethods: Record<PageId, string> = {
    app: readySelector === APP_READY_SELECTOR ? `${APP_READY_SELECTOR} appears` : `#root has children (fallback: the app has no data-testid="app-ready" yet)`,
    react: `${APP_READY_SELECTOR} appears (its first render)`,
    reactflow: `${APP_READY_SELECTOR} appears (its first render)`,
    static: 'its markup is parsed (no script)',
    floor: `${APP_READY_SELECTOR} appears (bare React's first render, after the first screen)`,
  };

  const servers: StaticServer[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const targets: PageTarget[] = [];
    for (const id of PAGE_IDS) {
      const server = await serveStatic(dists[id]);
      servers.push(server);
      targets.push({ id, server, outDir: dists[id], readySelector: id === 'app' ? readySelector : id === 'static' ? '#root *' : APP_READY_SELECTOR });
    }
    const byCpu = {} as Record<number, Record<PageId, PageSummary>>;
    const roundRatios = {} as Record<number, number[]>;
    const selfRatios = {} as Record<number, number[]>;
    for (const cpu of CPU_MODES) {
      console.log(`bench: Chromium ${browser.version()}, CPU ${cpu === 1 ? 'as is' : `slowed ${cpu}x`}, ${opts.loads} rounds (+1 warm-up) of ${PAGE_IDS.join(', ')}, fresh context per load`);
      const samples = await roundRobin(browser, targets, opts.loads, (id, round, s) => {
        if (id === PAGE_IDS[PAGE_IDS.length - 1]) process.stdout.write(`  round ${round}/${opts.loads} done\n`);
        if (!s.ok) console.log(`  ${id} round ${round}: ${s.error}`);
      }, cpu);
      byCpu[cpu] = Object.fromEntries(PAGE_IDS.map((id) => [id, summarize(samples[id])])) as Record<PageId, PageSummary>;
      for (const id of PAGE_IDS) printPage(id, byCpu[cpu][id], readyMethods[id], cpu);
      // The same round's app and bare React loads, one after the other: the ratio in each round.
      roundRatios[cpu] = samples.app.map((a, i) => a.readyMs / samples.react[i].readyMs).filter(Number.isFinite);
      // The same page against itself: bare React's load in one round over its load in the next (either way
      // round). How far apart two loads of one page fall here says what a "worst round" ratio can resolve.
      const r = samples.react.map((s) => s.readyMs);
      selfRatios[cpu] = r.slice(1).map((b, i) => Math.max(b / r[i], r[i] / b)).filter(Number.isFinite);
    }
    const pages = byCpu[1];
    const slow = byCpu[4];
    const worst = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

    const ratios = [
      budget('initial JS+CSS gzip, app / React + React Flow', pages.app.initialGzip / pages.reactflow.initialGzip, '<=', GZIP_RATIO_BUDGET, 'x'),
      budget('navigation to interactive, app / bare React (median)', pages.app.readyMs.median / pages.react.readyMs.median, '<=', LOAD_RATIO_BUDGET, 'x'),
      budget('navigation to interactive, app / bare React (worst round)', worst(roundRatios[1]), '<=', LOAD_RATIO_BUDGET, 'x'),
      budget('navigation to interactive, CPU 4x, app / bare React (median)', slow.app.readyMs.median / slow.react.readyMs.median, '<=', LOAD_RATIO_BUDGET, 'x'),
      budget('navigation to interactive, CPU 4x, app / bare React (worst round)', worst(roundRatios[4]), '<=', LOAD_RATIO_BUDGET, 'x'),
      budget('first contentful paint, app / static page', pages.app.fcpMs.median / pages.static.fcpMs.median, '<=', FCP_RATIO_BUDGET, 'x'),
      budget('first contentful paint, CPU 4x, app / static page', slow.app.fcpMs.median / slow.static.fcpMs.median, '<=', FCP_RATIO_BUDGET, 'x'),
    ];
    // Not a budget: the same comparison in main-thread CPU time, which a busy machine disturbs much less.
    const cpuRatio = pages.app.cpuTaskMs.median / pages.react.cpuTaskMs.median;
    // Not a budget: what painting the first screen before any script, then starting React, costs by itself.
    const floorRatio = pages.floor.readyMs.median / pages.react.readyMs.median;
    const floorSlow = slow.floor.readyMs.median / slow.react.readyMs.median;
    const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');
    console.log('\n== budgets (ratios of medians) ==');
    console.log(
      table(
        ['ratio', 'value', 'budget', ''],
        [
          ...ratios.map((b) => [b.name, x(b.value), `${b.op} ${b.limit}x`, markOf(b)]),
          ['(info) main-thread CPU to interactive, app / bare React', x(cpuRatio), '', ''],
          ['(info) the floor: static first screen + bare React, / bare React', x(floorRatio), '', ''],
          ['(info) the floor, CPU 4x, / bare React', x(floorSlow), '', ''],
          ['(info) navigation to interactive, app / the floor', x(pages.app.readyMs.median / pages.floor.readyMs.median), '', ''],
          ['(info) bare React / itself, worst pair of consecutive rounds', x(worst(selfRatios[1])), '', ''],
          ['(info) bare React / itself, CPU 4x, worst pair of consecutive rounds', x(worst(selfRatios[4])), '', ''],
        ],
      ),
    );

    const sections: Record<string, SectionReport> = {};
    const urls = Object.fromEntries(targets.map((t) => [t.id, t.server.url])) as Record<PageId, string>;
    for (const section of SECTIONS) {
      console.log(`\n== section: ${section.name} ==`);
      try {
        sections[section.name] = await section.run({
          repoRoot: REPO,
          browser,
          urls,
          appReadySelector: readySelector,
          newContext: () => newBenchContext(browser),
          log: (line) => console.log(line),
        });
      } catch (e) {
        const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
        console.log(`${section.name}: section failed: ${message}`);
        sections[section.name] = { status: 'error', message, budgets: [] };
      }
    }

    const allBudgets = [...ratios, ...Object.values(sections).flatMap((s) => s.budgets)];
    const over = allBudgets.filter((b) => !b.pass);
    const totalMs = performance.now() - t0;
    // Absolute times depend on what else the machine is doing; the round-robin order keeps the ratios fair,
    // but a busy machine widens the spread. Say so when the 1-minute load average exceeds the core count.
    const cores = os.availableParallelism();
    const loadAfter = os.loadavg()[0];
    if (Math.max(loadBefore, loadAfter) > cores) {
      console.log(`\nnote: the machine was busy (1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, ${cores} cores): absolute times are inflated; compare ratios.`);
    }
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      machine: { cores: os.availableParallelism(), loadAverage1m: { before: loadBefore, after: os.loadavg()[0] } },
      rounds: opts.loads,
      buildMs,
      readyMethods,
      pages,
      pagesCpu4x: slow,
      roundRatios,
      ratios,
      info: { cpuToInteractiveAppOverReact: cpuRatio, floorOverReact: floorRatio, floorOverReactCpu4x: floorSlow, reactOverItselfWorst: worst(selfRatios[1]), reactOverItselfWorstCpu4x: worst(selfRatios[4]) },
      sections,
      over: over.map((b) => b.name),
      totalMs,
    };
    mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
    const out = path.join(REPO, 'bench/results/latest.json');
    // JSON has no NaN: write it as null.
    writeFileSync(out, JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
    console.log(`\nbench: ${over.length ? `${over.length} budget(s) OVER` : 'all measured budgets PASS'}; ${(totalMs / 1000).toFixed(1)} s; wrote ${path.relative(REPO, out)}`);
    if (opts.strict && over.length) process.exitCode = 1;
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof BenchError ? e.message : e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
