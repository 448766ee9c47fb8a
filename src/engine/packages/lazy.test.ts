// Heavy providers load with their scenario: the app's first chunk (src/main.tsx) and the engine
// worker's first chunk (src/store/engine.worker.ts) reach none of Schannel's code by static imports
// (only its light half: meta, parameters, protocol list, carrier spec; packages/all.ts is an empty
// module in the app's build); the registry knows which scenarios need it; Node's all.ts and the app's
// loaders (store/providers.ts) cover every lazy provider. e2e/lazy.spec.ts checks the built app's requests.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import './all';
import { BUILT, LAZY_PACKAGES, PROVIDERS, packagesNeeded } from '.';
import { LOADERS } from '../../store/providers';
import { BUILT_PACKAGES } from './metas';
import { listScenarios, getScenario } from '../../scenarios';
import { WIRE } from './schannel/tls/protocols';
import { Version } from './schannel/messages/constants';

const ROOT = resolve(__dirname, '../../..');

/** The files reached from `entry` by static imports and re-exports (type-only ones and import() left out);
 *  in the app's build (`app`) packages/all.ts is an empty module. */
function staticGraph(entry: string, app = true): Set<string> {
  const seen = new Set<string>();
  const todo = [resolve(ROOT, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (app && file.endsWith('/src/engine/packages/all.ts')) continue;
    const src = readFileSync(file, 'utf8');
    const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      const spec = m[1];
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      // A file, or a folder's index.ts (`from './packages'`): never the folder itself.
      const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile());
      if (hit && /\.tsx?$/.test(hit)) todo.push(hit);
    }
  }
  return seen;
}

/** Schannel's light half, which the picker, the parameters and the carriers registry read. */
const LIGHT = ['meta.ts', 'params.ts', 'tls/protocols.ts', 'carrier.ts'].map((f) => `src/engine/packages/schannel/${f}`);

describe('lazy providers', () => {
  for (const entry of ['src/main.tsx', 'src/store/engine.worker.ts']) {
    it(`${entry} reaches only Schannel's light half by static imports`, () => {
      const heavy = [...staticGraph(entry)].map((f) => f.slice(ROOT.length + 1)).filter((f) => f.includes('/packages/schannel/') && !LIGHT.includes(f));
      expect(heavy).toEqual([]);
    });
  }

  it('the walk sees Schannel\'s code where it is imported (Node: all.ts)', () => {
    const graph = [...staticGraph('src/engine/simulate.ts', false)].map((f) => f.slice(ROOT.length + 1));
    expect(graph).toContain('src/engine/packages/schannel/tls/handshake.ts');
    expect(graph).toContain('src/engine/packages/schannel/messages/cipherSuites.ts');
  });

  it('the light half stays light: no codec, no cipher-suite table, no PKI', () => {
    for (const f of LIGHT) for (const g of staticGraph(f)) expect(g.slice(ROOT.length + 1)).not.toMatch(/schannel\/(messages|crypto|pki|tls\/(handshake|profile))/);
  });

  it('Schannel is lazy, built, has a loader, and is registered in Node by all.ts', () => {
    expect(LAZY_PACKAGES).toContain('Schannel');
    expect(Object.keys(LOADERS).sort()).toEqual([...LAZY_PACKAGES].sort());
    const all = readFileSync(resolve(ROOT, 'src/engine/packages/all.ts'), 'utf8');
    for (const n of LAZY_PACKAGES) expect(all).toContain(`${n.toUpperCase()}_PROVIDER`);
    expect(BUILT).toEqual(BUILT_PACKAGES);
    expect(PROVIDERS.map((p) => p.meta.name)).toEqual(BUILT_PACKAGES);
  });

  it('a scenario needs Schannel exactly when it runs HTTPS, RDP (CredSSP runs TLS) or the NTLM relay (over HTTPS by default), or asks for Schannel', () => {
    for (const s of listScenarios()) {
      const scenario = getScenario(s.id)!;
      const needs = packagesNeeded(scenario).includes('Schannel');
      expect([s.id, needs]).toEqual([s.id, ['https', 'rdp', 'ntlm-relay'].includes(scenario.application.protocol) || scenario.application.package === 'Schannel']);
    }
    // NegoExtender is light (first chunk); PKU2U, which it runs, only with an online identity.
    expect(packagesNeeded(getScenario('kerberos-smb')!)).toEqual(['Kerberos', 'NTLM', 'Negotiate', 'NegoExtender']);
    expect(packagesNeeded(getScenario('pku2u-peer')!)).toContain('PKU2U');
    expect(packagesNeeded(getScenario('schannel-tls12')!)).toEqual(['Schannel']);
    expect(packagesNeeded(getScenario('credssp-rdp')!)).toEqual(['Kerberos', 'NTLM', 'Schannel', 'Negotiate', 'CredSSP', 'NegoExtender']);
  });

  it('the light protocol list has the codec\'s wire values', () => {
    expect([WIRE['SSL 2.0'], WIRE['SSL 3.0'], WIRE['TLS 1.0'], WIRE['TLS 1.1'], WIRE['TLS 1.2'], WIRE['TLS 1.3'], WIRE['DTLS 1.0'], WIRE['DTLS 1.2']])
      .toEqual([Version.SSL2, Version.SSL3, Version.TLS10, Version.TLS11, Version.TLS12, Version.TLS13, Version.DTLS10, Version.DTLS12]);
  });
});
