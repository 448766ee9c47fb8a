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
// `virtual:sspi-built`: the providers the engine has built (its package registry's names), so the
// screen can say which ones are not built yet before the simulator is loaded.
const BUILT = 'virtual:sspi-built';
const BUILT_RESOLVED = `\0${BUILT}`;

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
      return source === ID ? RESOLVED : source === BUILT ? BUILT_RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED && id !== BUILT_RESOLVED) return null;
      const { tsImport } = await import('tsx/esm/api');
      if (id === BUILT_RESOLVED) {
        const { PACKAGES } = (await tsImport(pathToFileURL(join(root, 'src/engine/packages/index.ts')).href, import.meta.url)) as { PACKAGES: Record<string, unknown> };
        return `export default ${JSON.stringify(Object.keys(PACKAGES))};`;
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
