// The Kerberos provider: the SSP, the KDC on the DC, and the interactive logon that gets the TGT.
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { KERBEROS_META } from './meta';
import { kerberosPackage } from './package';
import { KDC_SERVICE } from './kdcService';
import { interactiveLogon } from './logon';

export const KERBEROS_PROVIDER: PackageProvider = {
  meta: KERBEROS_META,
  create: () => kerberosPackage as SecurityPackage<unknown>,
  services: [KDC_SERVICE],
  logon: interactiveLogon,
};
