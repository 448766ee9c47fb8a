// The package registry: every Security Support Provider the engine has built, each contributing
// everything about itself from its folder (provider.ts: the SSP, its services on other nodes, its
// hooks, the application flows it brings; meta.ts: info, parameters, suggestions, narration, display,
// how its tokens travel). A new package adds one line to EAGER or LAZY (and its meta to metas.ts).
//
// Heavy providers are LAZY: their code (Schannel: the cipher-suite table, the PKI, the handshakes) is
// a separate chunk in the browser, fetched with the first scenario that needs it (src/store/providers.ts),
// so the app and its engine worker start without it. The engine stays synchronous: `simulate` only checks
// that what a scenario needs is registered. In Node (CLI, tests, benchmark) simulate.ts imports
// packages/all.ts, which registers every lazy provider at once; the app's build replaces that file with
// an empty module (vite.config.ts, lazyProviders).
import type { SecurityPackage } from '../sspi/package';
import type { AuthorityService, PackageProvider } from '../sspi/provider';
import type { NodeRole, PackageName } from '../trace';
import type { Scenario } from '../scenario';
import { PACKAGE_NAMES } from '../sspi/packageInfo';
import { packageMeta } from './metas';
import { application } from '../network/applications';
import { KERBEROS_PROVIDER } from './kerberos/provider';
import { NTLM_PROVIDER } from './ntlm/provider';
import { NEGOTIATE_PROVIDER } from './negotiate/provider';
import { DIGEST_PROVIDER } from './digest/provider';
import { NEGOEXTS_PROVIDER } from './negoexts/provider';

/** Providers in the engine's first chunk. */
const EAGER: readonly PackageProvider[] = [KERBEROS_PROVIDER, NTLM_PROVIDER, NEGOTIATE_PROVIDER, DIGEST_PROVIDER, NEGOEXTS_PROVIDER];

/** Providers whose code loads with their first scenario. Each is listed here, imported by packages/all.ts
 *  (Node) and given a loader in src/store/providers.ts (the browser: one chunk each); a test checks the three
 *  agree. A provider that uses another one's code (CredSSP runs Schannel) must be lazy too, or it pulls
 *  that code into the first chunk. */
export const LAZY_PACKAGES: readonly PackageName[] = ['Schannel', 'CredSSP', 'PKU2U'];

/** Every built package, loaded or not (what the screen shows as built). In the order of PACKAGE_NAMES. */
export const BUILT: readonly PackageName[] = PACKAGE_NAMES.filter((n) => EAGER.some((p) => p.meta.name === n) || LAZY_PACKAGES.includes(n));

/** The loaded providers, in the order of PACKAGE_NAMES (a lazy one joins when it loads). */
export const PROVIDERS: PackageProvider[] = [];

/** The loaded SSPs by name (what PackageEnv.packages holds). */
export const PACKAGES: Partial<Record<PackageName, SecurityPackage<unknown>>> = {};

/** The services registry: what runs on a node of a role, by protocol (dc + Kerberos = the KDC). */
const SERVICES = new Map<string, AuthorityService>();

function register(p: PackageProvider): void {
  const name = p.meta.name;
  if (PACKAGES[name]) return;
  for (const s of p.services ?? []) {
    const key = `${s.role}/${s.protocol}`;
    if (SERVICES.has(key)) throw new Error(`two providers register the service ${key}`);
    SERVICES.set(key, s);
  }
  PROVIDERS.push(p);
  PROVIDERS.sort((a, b) => PACKAGE_NAMES.indexOf(a.meta.name) - PACKAGE_NAMES.indexOf(b.meta.name));
  PACKAGES[name] = p.create((n) => PACKAGES[n]);
}
for (const p of EAGER) register(p);

export function serviceFor(role: NodeRole, protocol: string): AuthorityService | undefined {
  return SERVICES.get(`${role}/${protocol}`);
}

/** The provider of a package, when its code is loaded. */
export function providerOf(name: PackageName): PackageProvider | undefined {
  return PROVIDERS.find((p) => p.meta.name === name);
}

/** The packages a run of this scenario can call: the application's package, the one that brings the
 *  application's flow (HTTPS: Schannel), the ones the server offers, and every package these run inside
 *  themselves (Negotiate: Kerberos, NTLM; CredSSP: Schannel, Negotiate). Not the nodes' enabled lists: a
 *  Windows machine enables Schannel whatever the application uses. */
export function packagesNeeded(scenario: Pick<Scenario, 'application' | 'nodes'>): PackageName[] {
  const app = scenario.application;
  const out: PackageName[] = [app.package, ...(app.serverOffers ?? [])];
  const brings = application(app.protocol)?.provider;
  if (brings) out.push(brings);
  for (let i = 0; i < out.length; i++) {
    for (const r of packageMeta(out[i])?.runs ?? []) {
      const when = packageMeta(r)?.neededWhen;
      if (!out.includes(r) && (!when || when(scenario))) out.push(r);
    }
  }
  return PACKAGE_NAMES.filter((n) => out.includes(n));
}

/** The needed packages whose code is not loaded yet. */
export function packagesMissing(scenario: Pick<Scenario, 'application' | 'nodes'>): PackageName[] {
  return packagesNeeded(scenario).filter((n) => LAZY_PACKAGES.includes(n) && !PACKAGES[n]);
}

/** Registers providers whose code has been loaded (packages/all.ts in Node; the app's loader, store/providers.ts,
 *  after fetching a chunk). Registering one twice does nothing. */
export function registerProviders(list: readonly PackageProvider[]): void {
  for (const p of list) {
    if (!LAZY_PACKAGES.includes(p.meta.name)) throw new Error(`${p.meta.name} is not a lazy provider`);
    register(p);
  }
}
