// The plugin interface for benchmark sections beyond the page-load comparison (engine timing, step timing, ...).
// A section is registered in ./index.ts; bench/run.ts runs each one in order after the load measurements.
import type { Browser, BrowserContext } from '@playwright/test';
import type { PageId } from '../lib/build';

export interface SectionContext {
  /** Absolute path of the repository root. */
  repoRoot: string;
  /** The headless Chromium the load measurements used (still open). */
  browser: Browser;
  /** Where each built page is served (http://127.0.0.1:<port>/). */
  urls: Record<PageId, string>;
  /** The app's "interactive" selector (data-testid="app-ready", or the #root fallback while the app lacks it). */
  appReadySelector: string;
  /** A fresh browser context (empty cache, the bench's viewport). The caller closes it. */
  newContext(): Promise<BrowserContext>;
  /** Prints one line under the section's heading. */
  log(line: string): void;
}

export interface BudgetCheck {
  name: string;
  value: number;
  limit: number;
  unit: string;
  /** How `value` is compared with `limit`. */
  op: '<' | '<=';
  pass: boolean;
}

export interface SectionReport {
  /** ok: measured; skipped: nothing to measure yet (not a failure); error: the section itself broke. */
  status: 'ok' | 'skipped' | 'error';
  message?: string;
  budgets: BudgetCheck[];
  /** Whatever the section wants in bench/results/latest.json. */
  data?: unknown;
}

export interface BenchSection {
  name: string;
  run(ctx: SectionContext): Promise<SectionReport>;
}

export function budget(name: string, value: number, op: '<' | '<=', limit: number, unit: string): BudgetCheck {
  const pass = Number.isFinite(value) && (op === '<' ? value < limit : value <= limit);
  return { name, value, limit, unit, op, pass };
}
