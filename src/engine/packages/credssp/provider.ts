// The CredSSP provider: the SSP (credssp.dll), which runs Schannel's TLS and the Negotiate package
// inside itself (found through packageOf). Its services on other nodes are Negotiate's (the KDC,
// Netlogon pass-through): it registers none of its own.
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { CREDSSP_META } from './meta';
import { createCredsspPackage } from './package';
import { runRdp } from './flow';

export const CREDSSP_PROVIDER: PackageProvider = {
  meta: CREDSSP_META,
  create: (packageOf) => createCredsspPackage(packageOf) as SecurityPackage<unknown>,
  applications: { rdp: (run, c, s, app) => runRdp(run, c, s, app.target) },
};
