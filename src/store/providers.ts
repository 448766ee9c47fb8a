// The app's loader of heavy providers (engine/packages LAZY_PACKAGES): each one's code is its own
// chunk, fetched the first time a run needs it, then registered with the synchronous engine. The
// engine worker (and the main-thread fallback) awaits loadProvidersFor(scenario) before a run.
import type { PackageName } from '../engine/trace';
import type { PackageProvider } from '../engine/sspi/provider';
import type { Scenario } from '../engine/scenario';
import { packagesMissing, registerProviders } from '../engine/packages';

export const LOADERS: Partial<Record<PackageName, () => Promise<PackageProvider>>> = {
  Schannel: () => import('../engine/packages/schannel/provider').then((m) => m.SCHANNEL_PROVIDER),
  CredSSP: () => import('../engine/packages/credssp/provider').then((m) => m.CREDSSP_PROVIDER),
  PKU2U: () => import('../engine/packages/pku2u/provider').then((m) => m.PKU2U_PROVIDER),
};

const loading = new Map<PackageName, Promise<void>>();

/** Fetches (once) and registers the providers this scenario needs and the engine has not got yet. */
export function loadProvidersFor(scenario: Pick<Scenario, 'application' | 'nodes'>): Promise<void> {
  return Promise.all(packagesMissing(scenario).map((n) => {
    let p = loading.get(n);
    if (!p) {
      const load = LOADERS[n];
      if (!load) return Promise.reject(new Error(`no loader for the ${n} provider`));
      p = load().then((provider) => registerProviders([provider]));
      // A failed fetch (offline after an update, say) may be retried by the next run.
      p.catch(() => loading.delete(n));
      loading.set(n, p);
    }
    return p;
  })).then(() => undefined);
}
