// The Digest provider: the SSP (wdigest.dll) and Digest validation on the DC.
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { DIGEST_META } from './meta';
import { digestPackage } from './package';
import { DIGEST_VALIDATION_SERVICE } from './validationService';

export const DIGEST_PROVIDER: PackageProvider = {
  meta: DIGEST_META,
  create: () => digestPackage as SecurityPackage<unknown>,
  services: [DIGEST_VALIDATION_SERVICE],
};
