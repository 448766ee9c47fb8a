// SecPkgInfo of the eight providers as EnumerateSecurityPackages reports them on Windows 10 /
// Windows Server 2016 (sspi.h capability flags; RPC ids from rpcdce.h RPC_C_AUTHN_*).

/** The eight providers of the Windows SSPI, by the names the simulator uses: the one list of package names
 *  (the trace's PackageName, the scenario schema, the CLI and the screen all derive from it). */
export const PACKAGE_NAMES = ['Kerberos', 'NTLM', 'Digest', 'Schannel', 'Negotiate', 'CredSSP', 'NegoExtender', 'PKU2U'] as const;
export type PackageName = (typeof PACKAGE_NAMES)[number];

export const SECPKG_FLAG = {
  INTEGRITY: 0x1, PRIVACY: 0x2, TOKEN_ONLY: 0x4, DATAGRAM: 0x8, CONNECTION: 0x10, MULTI_REQUIRED: 0x20,
  CLIENT_ONLY: 0x40, EXTENDED_ERROR: 0x80, IMPERSONATION: 0x100, ACCEPT_WIN32_NAME: 0x200, STREAM: 0x400,
  NEGOTIABLE: 0x800, GSS_COMPATIBLE: 0x1000, LOGON: 0x2000, ASCII_BUFFERS: 0x4000, FRAGMENT: 0x8000,
  MUTUAL_AUTH: 0x10000, DELEGATION: 0x20000, READONLY_WITH_CHECKSUM: 0x40000, RESTRICTED_TOKENS: 0x80000,
  NEGO_EXTENDER: 0x100000, NEGOTIABLE2: 0x200000, APPCONTAINER_PASSTHROUGH: 0x400000, APPCONTAINER_CHECKS: 0x800000,
  CREDENTIAL_ISOLATION_ENABLED: 0x1000000, APPLY_LOOPBACK: 0x2000000,
} as const;

export interface SecPkgInfo {
  name: string;
  /** The package as the simulator names it (the Name Windows reports can differ: TSSSP, WDigest...). */
  package: PackageName;
  comment: string;
  fCapabilities: number;
  wVersion: number;
  wRPCID: number;
  cbMaxToken: number;
  /** The seed document's section for this SSP. */
  dll: string;
}

export const PACKAGE_INFOS: Record<PackageName, SecPkgInfo> = {
  Negotiate: { package: 'Negotiate', name: 'Negotiate', comment: 'Microsoft Package Negotiator', fCapabilities: 0x00083bb3, wVersion: 1, wRPCID: 9, cbMaxToken: 48256, dll: 'lsasrv.dll' },
  NegoExtender: { package: 'NegoExtender', name: 'NegoExtender', comment: 'NegoExtender Security Package', fCapabilities: 0x00113913, wVersion: 1, wRPCID: 30, cbMaxToken: 12000, dll: 'negoexts.dll' },
  Kerberos: { package: 'Kerberos', name: 'Kerberos', comment: 'Microsoft Kerberos V1.0', fCapabilities: 0x000f3bbf, wVersion: 1, wRPCID: 16, cbMaxToken: 48000, dll: 'kerberos.dll' },
  NTLM: { package: 'NTLM', name: 'NTLM', comment: 'NTLM Security Package', fCapabilities: 0x00082b37, wVersion: 1, wRPCID: 10, cbMaxToken: 2888, dll: 'msv1_0.dll' },
  CredSSP: { package: 'CredSSP', name: 'TSSSP', comment: 'TS Service Security Package', fCapabilities: 0x00010230, wVersion: 1, wRPCID: 22, cbMaxToken: 13000, dll: 'credssp.dll' },
  PKU2U: { package: 'PKU2U', name: 'pku2u', comment: 'PKU2U Security Package', fCapabilities: 0x000a2b37, wVersion: 1, wRPCID: 65535, cbMaxToken: 12000, dll: 'pku2u.dll' },
  Digest: { package: 'Digest', name: 'WDigest', comment: 'Digest Authentication for Windows', fCapabilities: 0x0000c814, wVersion: 1, wRPCID: 21, cbMaxToken: 4096, dll: 'wdigest.dll' },
  Schannel: { package: 'Schannel', name: 'Schannel', comment: 'Schannel Security Package', fCapabilities: 0x000107b3, wVersion: 1, wRPCID: 14, cbMaxToken: 24576, dll: 'schannel.dll' },
};

export const ALL_PACKAGES: PackageName[] = [...PACKAGE_NAMES];

export function capabilityNames(f: number): string[] {
  return Object.entries(SECPKG_FLAG).filter(([, v]) => (f & v) !== 0).map(([k]) => 'SECPKG_FLAG_' + k);
}

/** EnumerateSecurityPackages for a node: the SecPkgInfo of each package it has enabled. */
export function enumerateSecurityPackages(enabled: readonly PackageName[]): SecPkgInfo[] {
  return ALL_PACKAGES.filter((p) => enabled.includes(p)).map((p) => PACKAGE_INFOS[p]);
}
