// Builds the app and the two baseline pages with the app's own Vite config (root vite.config.ts),
// changing only `root` and `outDir`, so all three go through the same plugins and build options.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/** A failure the bench explains in its message (printed without a stack trace). */
export class BenchError extends Error {}

export type PageId = 'app' | 'react' | 'reactflow' | 'static' | 'floor';
export const PAGE_IDS: readonly PageId[] = ['app', 'react', 'reactflow', 'static', 'floor'];
/** The pages Vite builds; `static` and `floor` are made from their builds (makeStaticPage, makeFloorPage). */
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

/** Where the bare React baseline renders on the floor page (its main.tsx looks for it before #root). */
export const FLOOR_MOUNT_ID = 'floor';

/**
 * The floor (not a budget, a reference): the static page's first screen and CSS, plus the bare React
 * baseline's script rendering its two-element page into an off-screen element beside the untouched first
 * screen. It is what any React page that paints this first screen before its script runs must pay at least:
 * the first screen's parse, style, layout and paint, then React's own start. Its "interactive" is the
 * baseline's first commit. The app's load is compared with it in an (info) line.
 */
export function makeFloorPage(staticDir: string, reactDist: string, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  const reactHtml = readFileSync(path.join(reactDist, 'index.html'), 'utf8');
  const tags = reactHtml.match(/<script\b[^>]*type="module"[^>]*><\/script>|<link\b[^>]*rel="(?:modulepreload|stylesheet)"[^>]*>/g) ?? [];
  if (!tags.some((t) => t.startsWith('<script'))) throw new BenchError('bench: the bare React baseline\'s index.html has no module script: the floor page cannot be made');
  const html = readFileSync(path.join(staticDir, 'index.html'), 'utf8')
    .replace('</head>', `    ${tags.join('\n    ')}\n  </head>`)
    .replace('</body>', `  <div id="${FLOOR_MOUNT_ID}" style="position:absolute;left:-10000px;top:0"></div>\n  </body>`);
  writeFileSync(path.join(outDir, 'index.html'), html);
  for (const dir of [staticDir, reactDist]) {
    for (const f of readdirSync(path.join(dir, 'assets'))) copyFileSync(path.join(dir, 'assets', f), path.join(outDir, 'assets', f));
  }
}

export interface BuiltPage {
  id: PageId;
  /** Absolute path of the built site (served as-is). */
  outDir: string;
  buildMs: number;
}

export async function buildPages(repoRoot: string): Promise<Record<PageId, BuiltPage>> {
  const roots: Record<Exclude<PageId, 'static' | 'floor'>, string> = {
    app: repoRoot,
    react: path.join(repoRoot, 'bench/baselines/react'),
    reactflow: path.join(repoRoot, 'bench/baselines/reactflow'),
  };
  const out = {} as Record<PageId, BuiltPage>;
  // One after the other: the bench is meant to run on 2 cores.
  for (const id of VITE_PAGES as Exclude<PageId, 'static' | 'floor'>[]) {
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
  const t1 = performance.now();
  const floorDir = path.join(repoRoot, 'bench/dist/floor');
  makeFloorPage(staticDir, out.react.outDir, floorDir);
  out.floor = { id: 'floor', outDir: floorDir, buildMs: performance.now() - t1 };
  return out;
}
