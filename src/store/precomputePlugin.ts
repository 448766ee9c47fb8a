// Vite plugin: `virtual:sspi-precomputed` is the default scenario's run, computed by the real engine
// at build time and stripped of its field trees, so the first diagram is on screen before the
// simulator's code is loaded. In the dev server it is null (the app then loads the engine at once).
// The engine is imported through tsx at build time (not bundled into the Vite config).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { defaultScenarioId, type SyncEngineApi } from './engine.ts';
import { skeleton } from './skeleton.ts';

const ID = 'virtual:sspi-precomputed';
const RESOLVED = `\0${ID}`;
// `virtual:sspi-built`: the providers the engine has built (its package registry's names), so the
// screen can say which ones are not built yet before the simulator is loaded.
const BUILT = 'virtual:sspi-built';
const BUILT_RESOLVED = `\0${BUILT}`;
// `virtual:sspi-scenarios`: the built-in scenarios' summaries (title, goal, keywords, "try this"), as
// data, so the picker has them without the scenarios' code (their nodes, conditions and narration are
// the worker's business). In the dev server it is read from src/scenarios, so edits show at once.
const SCENARIOS = 'virtual:sspi-scenarios';
const SCENARIOS_RESOLVED = `\0${SCENARIOS}`;

export function precomputedTrace(): Plugin {
  let serve = false;
  let root = process.cwd();
  return {
    name: 'sspi-precomputed-trace',
    configResolved(config) {
      serve = config.command === 'serve';
      root = config.root;
    },
    resolveId(source) {
      return source === ID ? RESOLVED : source === BUILT ? BUILT_RESOLVED : source === SCENARIOS ? SCENARIOS_RESOLVED : null;
    },
    // The first screen in the HTML (the app's own build only, not the benchmark's baseline pages).
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (serve || !existsSync(join(root, 'src/prerender.tsx')) || !html.includes('<div id="root"></div>')) return html;
        const { tsImport } = await import('tsx/esm/api');
        const { engine } = (await tsImport(pathToFileURL(join(root, 'src/store/run.ts')).href, import.meta.url)) as { engine: SyncEngineApi };
        const { prerender } = (await tsImport(pathToFileURL(join(root, 'src/prerender.tsx')).href, import.meta.url)) as typeof import('../prerender');
        const scenarioId = defaultScenarioId(engine.listScenarios());
        const precomputed = scenarioId ? { id: scenarioId, trace: skeleton(engine.run(scenarioId, {})) } : null;
        const { html: body, key } = prerender(precomputed, [...(engine.built ?? [])]);
        const attr = key.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
        return html.replace('<div id="root"></div>', `<div id="root" data-prerendered="${attr}">${body}</div>`);
      },
    },
    async load(id) {
      if (id !== RESOLVED && id !== BUILT_RESOLVED && id !== SCENARIOS_RESOLVED) return null;
      const { tsImport } = await import('tsx/esm/api');
      if (id === SCENARIOS_RESOLVED) {
        const index = join(root, 'src/scenarios/index.ts').replace(/\\/g, '/');
        if (serve) return `import { listScenarios } from ${JSON.stringify(index)};\nexport default listScenarios();`;
        const { listScenarios } = (await tsImport(pathToFileURL(index).href, import.meta.url)) as { listScenarios: () => unknown[] };
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(listScenarios()))});`;
      }
      if (id === BUILT_RESOLVED) {
        const { BUILT: names } = (await tsImport(pathToFileURL(join(root, 'src/engine/packages/index.ts')).href, import.meta.url)) as { BUILT: string[] };
        return `export default ${JSON.stringify(names)};`;
      }
      if (serve) return 'export default null;';
      const { engine } = (await tsImport(pathToFileURL(join(root, 'src/store/run.ts')).href, import.meta.url)) as { engine: SyncEngineApi };
      const scenarioId = defaultScenarioId(engine.listScenarios());
      if (!scenarioId) return 'export default null;';
      const value = { id: scenarioId, trace: skeleton(engine.run(scenarioId, {})) };
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
    },
  };
}
