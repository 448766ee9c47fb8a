// Vite plugin: `virtual:sspi-precomputed` is the default scenario's run, computed by the real engine
// at build time and stripped of its field trees, so the first diagram is on screen before the
// simulator's code is loaded. In the dev server it is null (the app then loads the engine at once).
// The engine is imported through tsx at build time (not bundled into the Vite config).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { defaultScenarioId, type SyncEngineApi } from './engine.ts';
import { skeleton } from './skeleton.ts';

const ID = 'virtual:sspi-precomputed';
const RESOLVED = `\0${ID}`;

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
      return source === ID ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      if (serve) return 'export default null;';
      const { tsImport } = await import('tsx/esm/api');
      const { engine } = (await tsImport(pathToFileURL(join(root, 'src/store/run.ts')).href, import.meta.url)) as { engine: SyncEngineApi };
      const scenarioId = defaultScenarioId(engine.listScenarios());
      if (!scenarioId) return 'export default null;';
      const value = { id: scenarioId, trace: skeleton(engine.run(scenarioId, {})) };
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
    },
  };
}
