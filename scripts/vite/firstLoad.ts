// How the first load's JavaScript is cut and compiled (used by vite.config.ts, so the app and the
// benchmark's baseline pages get the same rules).
//
// 1. React, React DOM and the scheduler are one chunk of their own. The browser then parses it and the
//    app's entry chunk on two background threads at once while they download, instead of one long parse
//    of a single file the page has to wait for.
// 2. The entry chunk (the first screen's code: the store, the components, the precomputed run) starts
//    with V8's explicit compile hint (Chrome 136+; other engines ignore the comment): its functions are
//    compiled while the file streams in, off the main thread, instead of one by one on the main thread
//    the first time hydration calls them. React's chunk has no hint: most of React DOM is not called
//    on load, so compiling all of it eagerly would cost more than it saves.
import type { Plugin } from 'vite';

/** The magic comment V8 reads on a script's first line ("Giving V8 a heads-up", v8.dev, 2025). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The code-splitting group that puts React in a chunk of its own (rolldown's output.codeSplitting). */
export const REACT_CHUNK = { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ };

interface MapLike { mappings: string }
interface BundleItem { type: 'chunk' | 'asset'; fileName: string; isEntry?: boolean; code?: string; map?: MapLike | null; source?: string | Uint8Array }

/** Puts COMPILE_HINT on the first line of every entry chunk; a source map moves down one line with it. */
export function hintEntryChunks(bundle: Record<string, BundleItem>): string[] {
  const hinted: string[] = [];
  for (const chunk of Object.values(bundle)) {
    if (chunk.type !== 'chunk' || !chunk.isEntry || chunk.code === undefined || chunk.code.startsWith(COMPILE_HINT)) continue;
    chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
    // In a source map's mappings, each ';' starts the next generated line.
    if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
    const asset = bundle[`${chunk.fileName}.map`];
    if (asset?.type === 'asset' && typeof asset.source === 'string') {
      const map = JSON.parse(asset.source) as MapLike;
      map.mappings = `;${map.mappings}`;
      asset.source = JSON.stringify(map);
    }
    hinted.push(chunk.fileName);
  }
  return hinted;
}

/** The Vite plugin: last of all (after Vite has written its own preamble into the chunk). */
export function compileHint(): Plugin {
  return {
    name: 'sspi-compile-hint',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        hintEntryChunks(bundle as unknown as Record<string, BundleItem>);
      },
    },
  };
}
