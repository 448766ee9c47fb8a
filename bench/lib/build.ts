// Builds the app and the two baseline pages with the app's own Vite config (root vite.config.ts),
// changing only `root` and `outDir`, so all three go through the same plugins and build options.
import path from 'node:path';
import { build } from 'vite';

/** A failure the bench explains in its message (printed without a stack trace). */
export class BenchError extends Error {}

export type PageId = 'app' | 'react' | 'reactflow';
export const PAGE_IDS: readonly PageId[] = ['app', 'react', 'reactflow'];

export interface BuiltPage {
  id: PageId;
  /** Absolute path of the built site (served as-is). */
  outDir: string;
  buildMs: number;
}

export async function buildPages(repoRoot: string): Promise<Record<PageId, BuiltPage>> {
  const roots: Record<PageId, string> = {
    app: repoRoot,
    react: path.join(repoRoot, 'bench/baselines/react'),
    reactflow: path.join(repoRoot, 'bench/baselines/reactflow'),
  };
  const out = {} as Record<PageId, BuiltPage>;
  // One after the other: the bench is meant to run on 2 cores.
  for (const id of PAGE_IDS) {
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
  return out;
}
