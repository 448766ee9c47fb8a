// The Schannel provider: the SSP (TLS / SSL 3.0 / DTLS with the scenario PKI) and the HTTPS flow.
// Loaded lazily (packages/index.ts LAZY): nothing outside this folder imports its code. It needs no service on
// another node (certificates are issued ahead of time by the enterprise CA, as in a domain).
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { SCHANNEL_META } from './meta';
import { schannelPackage } from './package';
import { runTls } from './flow';

export const SCHANNEL_PROVIDER: PackageProvider = {
  meta: SCHANNEL_META,
  create: () => schannelPackage as SecurityPackage<unknown>,
  applications: { https: (run, c, s, app) => runTls(run, c, s, app.target, app.resource) },
};
