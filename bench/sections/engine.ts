// Section "engine": times engine.simulate() in Node for every built-in scenario.
// Budget (DESIGN.md "Budgets"): any built-in scenario, full crypto, in under 30 ms (median, Node).
//
// Contract this section expects from src/scenarios/index.ts (adapted to while the module takes shape):
// - listScenarios(): an array of scenario ids, or of objects with an `id` (e.g. { id, title } or full scenarios);
// - simulate(scenario): from src/scenarios/index.ts, or else from src/engine/simulate.ts; it is called with
//   getScenario(id) / loadScenario(id) when the scenarios module exports one (awaited once, outside the timing),
//   else with the listed object, else with the id. A returned Promise is awaited (the engine is meant to be sync).
// Until src/scenarios/index.ts exists the section prints "engine: no scenarios yet" and is skipped.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { calibrationMs } from '../lib/calibrate';
import { median } from '../lib/stats';
import { budget, type BenchSection, type BudgetCheck } from './types';

const WARM_RUNS = 20;
const WARM_TIME_CAP_MS = 5_000; // per scenario; a runaway scenario is reported with fewer runs
const BUDGET_MS = 30;

type Fn = (...args: unknown[]) => unknown;

async function importIfExists(file: string): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

function fn(mod: Record<string, unknown> | undefined, name: string): Fn | undefined {
  const f = mod?.[name];
  return typeof f === 'function' ? (f as Fn) : undefined;
}

function idOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string') return (entry as { id: string }).id;
  return undefined;
}

async function timeOnce(simulate: Fn, arg: unknown): Promise<number> {
  const t0 = performance.now();
  const r = simulate(arg);
  if (r instanceof Promise) await r;
  return performance.now() - t0;
}

export interface EngineRow {
  id: string;
  coldMs: number;
  warmMedianMs: number;
  runs: number;
  error?: string;
}

export const engineSection: BenchSection = {
  name: 'engine',
  async run(ctx) {
    const scenariosFile = path.join(ctx.repoRoot, 'src/scenarios/index.ts');
    if (!existsSync(scenariosFile)) {
      ctx.log('engine: no scenarios yet');
      return { status: 'skipped', message: 'no scenarios yet', budgets: [] };
    }
    let scenarios: Record<string, unknown> | undefined;
    let engine: Record<string, unknown> | undefined;
    try {
      scenarios = await importIfExists(scenariosFile);
      if (!fn(scenarios, 'simulate')) engine = await importIfExists(path.join(ctx.repoRoot, 'src/engine/simulate.ts'));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.log(`engine: could not import the scenarios/engine modules: ${msg}`);
      return { status: 'error', message: msg, budgets: [] };
    }
    const listScenarios = fn(scenarios, 'listScenarios');
    const simulate = fn(scenarios, 'simulate') ?? fn(engine, 'simulate');
    if (!listScenarios || !simulate) {
      const missing = [!listScenarios && 'listScenarios()', !simulate && 'simulate()'].filter(Boolean).join(' and ');
      ctx.log(`engine: no scenarios yet (${missing} not exported)`);
      return { status: 'skipped', message: `${missing} not exported yet`, budgets: [] };
    }
    const lookup = fn(scenarios, 'getScenario') ?? fn(scenarios, 'loadScenario');
    const listed = await Promise.resolve(listScenarios());
    if (!Array.isArray(listed) || listed.length === 0) {
      ctx.log('engine: no scenarios yet (listScenarios() returned none)');
      return { status: 'skipped', message: 'listScenarios() returned none', budgets: [] };
    }

    const before = calibrationMs();
    const rows: EngineRow[] = [];
    for (const entry of listed) {
      const id = idOf(entry) ?? '?';
      try {
        const arg = lookup ? await Promise.resolve(lookup(id)) : typeof entry === 'object' ? entry : id;
        const coldMs = await timeOnce(simulate, arg);
        const warm: number[] = [];
        const start = performance.now();
        while (warm.length < WARM_RUNS && performance.now() - start < WARM_TIME_CAP_MS) warm.push(await timeOnce(simulate, arg));
        rows.push({ id, coldMs, warmMedianMs: median(warm), runs: warm.length });
      } catch (e) {
        rows.push({ id, coldMs: NaN, warmMedianMs: NaN, runs: 0, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      }
    }

    const width = Math.max(8, ...rows.map((r) => r.id.length));
    ctx.log(`${'scenario'.padEnd(width)}  ${'cold'.padStart(9)}  ${'warm med'.padStart(9)}  runs  budget < ${BUDGET_MS} ms`);
    const budgets: BudgetCheck[] = [];
    for (const r of rows) {
      const b = budget(`engine ${r.id} warm median`, r.warmMedianMs, '<', BUDGET_MS, 'ms');
      budgets.push(b);
      const mark = r.error ? `ERROR ${r.error}` : b.pass ? 'PASS' : 'OVER';
      ctx.log(`${r.id.padEnd(width)}  ${r.coldMs.toFixed(2).padStart(6)} ms  ${r.warmMedianMs.toFixed(2).padStart(6)} ms  ${String(r.runs).padStart(4)}  ${mark}`);
    }
    // The machine's speed around the runs: a slow phase of the machine slows every scenario alike.
    const after = calibrationMs();
    ctx.log(`machine speed: a fixed workload (SHA-256 of 2.5 MiB) took ${before.toFixed(1)} ms before the scenarios and ${after.toFixed(1)} ms after (the same work; slower means every time above is inflated alike)`);
    return { status: 'ok', budgets, data: { scenarios: rows, calibrationMs: { before, after } } };
  },
};
