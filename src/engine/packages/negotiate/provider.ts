// The Negotiate provider: SPNEGO around the packages it runs (found through the registry's lookup).
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { NEGOTIATE_META } from './meta';
import { createNegotiatePackage } from './package';

export const NEGOTIATE_PROVIDER: PackageProvider = {
  meta: NEGOTIATE_META,
  create: (packageOf) => createNegotiatePackage(packageOf) as SecurityPackage<unknown>,
};
