// The Kerberos provider: the SSP, the KDC on the DC, and the interactive logon that gets the TGT.
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { KERBEROS_META } from './meta';
import { kerberosPackage } from './package';
import { KDC_SERVICE } from './kdcService';
import { interactiveLogon } from './logon';
import { directoryKeytabEntries, typedPasswordKeytabEntries } from './keys';
import { hex } from '../../bytes';

export const KERBEROS_PROVIDER: PackageProvider = {
  meta: KERBEROS_META,
  create: () => kerberosPackage as SecurityPackage<unknown>,
  services: [KDC_SERVICE],
  logon: interactiveLogon,
  /** The directory's long-term keys (every principal, every Windows etype) when Kerberos ran: Wireshark decrypts with them.
   *  After them, the keys of a password the client typed wrong (what its pre-authentication was encrypted with). */
  exports({ scenario, events, params }) {
    if (!events.some((e) => e.type === 'message' && e.protocol === 'Kerberos')) return {};
    const keys = [...directoryKeytabEntries(scenario), ...typedPasswordKeytabEntries(scenario, params)];
    return keys.length ? {
      kerberosKeys: keys.map((k) => ({ principal: k.principal, realm: k.realm, kvno: k.kvno, etype: k.etype, keyHex: hex(k.key), timestamp: new Date(k.timestamp).toISOString() })),
    } : {};
  },
};
