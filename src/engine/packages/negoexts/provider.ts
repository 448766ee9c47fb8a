// The NegoExtender provider: NEGOEX around the auth schemes it runs (found through the registry's lookup).
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { NEGOEXTS_META } from './meta';
import { createNegoexPackage } from './package';

export const NEGOEXTS_PROVIDER: PackageProvider = {
  meta: NEGOEXTS_META,
  create: (packageOf) => createNegoexPackage(packageOf) as SecurityPackage<unknown>,
};
