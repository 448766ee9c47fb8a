// Builds the app and the two baseline pages with the app's own Vite config (root vite.config.ts),
// changing only `root` and `outDir`, so all three go through the same plugins and build options.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/** A failure the bench explains in its message (printed without a stack trace). */
export class BenchError extends Error {}

export type PageId = 'app' | 'react' | 'reactflow' | 'static';
export const PAGE_IDS: readonly PageId[] = ['app', 'react', 'reactflow', 'static'];
/** The pages Vite builds; `static` is made from the app's build (makeStaticPage). */
export const VITE_PAGES: readonly PageId[] = ['app', 'react', 'reactflow'];

/**
 * The static baseline: the app's own first screen and CSS with no script — its built index.html (which
 * holds the prerendered first screen) without any <script> or modulepreload, beside the app's CSS files.
 * What a page can paint at best: the app's first contentful paint is compared with it.
 */
export function makeStaticPage(appDist: string, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  const html = readFileSync(path.join(appDist, 'index.html'), 'utf8')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/g, '');
  if (!/<div id="root"[^>]*>\s*<\w/.test(html)) throw new BenchError('bench: the app\'s index.html holds no prerendered first screen: the static baseline would be empty');
  writeFileSync(path.join(outDir, 'index.html'), html);
  for (const f of readdirSync(path.join(appDist, 'assets'))) if (f.endsWith('.css')) copyFileSync(path.join(appDist, 'assets', f), path.join(outDir, 'assets', f));
}

export interface BuiltPage {
  id: PageId;
  /** Absolute path of the built site (served as-is). */
  outDir: string;
  buildMs: number;
}

export async function buildPages(repoRoot: string): Promise<Record<PageId, BuiltPage>> {
  const roots: Record<Exclude<PageId, 'static'>, string> = {
    app: repoRoot,
    react: path.join(repoRoot, 'bench/baselines/react'),
    reactflow: path.join(repoRoot, 'bench/baselines/reactflow'),
  };
  const out = {} as Record<PageId, BuiltPage>;
  // One after the other: the bench is meant to run on 2 cores.
  for (const id of VITE_PAGES as Exclude<PageId, 'static'>[]) {
    const outDir = path.join(repoRoot, 'bench/dist', id);
    const t0 = performance.now();
    try {
      await build({
        configFile: path.join(repoRoot, 'vite.config.ts'),
        root: roots[id],
        base: '/',
        // The baselines have no static assets; the app keeps its own public/ folder.
        publicDir: id === 'app' ? path.join(repoRoot, 'public') : false,
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true },
      });
    } catch (e) {
      // Keep the headline and one line per bundler error ("[UNRESOLVED_IMPORT] Could not resolve ..."), no ANSI colours.
      // eslint-disable-next-line no-control-regex
      const lines = (e instanceof Error ? e.message : String(e)).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
      const msg = [lines[0], ...lines.slice(1).filter((l) => /^\s*\[[A-Z_]+\]/.test(l)).slice(0, 10)].map((l) => l.trim()).join('\n  ');
      throw new BenchError(`bench: building "${id}" failed, nothing measured:\n  ${msg}`);
    }
    out[id] = { id, outDir, buildMs: performance.now() - t0 };
  }
  const t0 = performance.now();
  const staticDir = path.join(repoRoot, 'bench/dist/static');
  makeStaticPage(out.app.outDir, staticDir);
  out.static = { id: 'static', outDir: staticDir, buildMs: performance.now() - t0 };
  return out;
}
