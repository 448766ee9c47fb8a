// The package registry: every Security Support Provider the engine has built, by name.
// A scenario can only use what is registered here.
import type { SecurityPackage } from '../sspi/package';
import type { PackageName } from '../trace';
import { negotiatePackage, DESCRIBERS } from './negotiate/package';
import { ntlmPackage } from './ntlm';
import { kerberosPackage } from './kerberos';
import { schannelPackage } from './schannel/package';

export const PACKAGES: Partial<Record<PackageName, SecurityPackage<unknown>>> = {
  Negotiate: negotiatePackage as SecurityPackage<unknown>,
  NTLM: ntlmPackage as SecurityPackage<unknown>,
  Kerberos: kerberosPackage as SecurityPackage<unknown>,
  Schannel: schannelPackage as SecurityPackage<unknown>,
};

for (const [name, pkg] of Object.entries(PACKAGES)) if (name !== 'Negotiate') DESCRIBERS[name as PackageName] = pkg;
