// The Kerberos package: the SSP (client and server), the KDC the DC runs, the decoder the inspector
// uses, and the directory's keys for the keytab export.
export { kerberosPackage, PACKAGE_INFO, spnOf } from './package';
export { handleKdcRequest, WINDOWS_UDP_LIMIT, type KdcEnv } from './kdc';
export { describeKerberos, decryptWith } from './describe';
export { directoryKeytabEntries, saltFor, accountKey, keyName, WINDOWS_ETYPES } from './keys';
export type { KerberosContext, KerberosState } from './state';
