// The Schannel provider: the SSP (TLS / SSL 3.0 / DTLS with the scenario PKI) and the HTTPS flow.
// Loaded lazily (packages/index.ts LAZY): nothing outside this folder imports its code. It needs no service on
// another node (certificates are issued ahead of time by the enterprise CA, as in a domain).
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { SCHANNEL_META } from './meta';
import { schannelPackage } from './package';
import { runTls } from './flow';
import { runHttpsRelay } from './httpsRelay';
import { runSmb2Relay } from '../../network/flows/smb2Relay';

export const SCHANNEL_PROVIDER: PackageProvider = {
  meta: SCHANNEL_META,
  create: () => schannelPackage as SecurityPackage<unknown>,
  applications: {
    https: (run, c, s, app) => runTls(run, c, s, app.target, app.resource),
    // The relay lesson: to the server's HTTPS site (Extended Protection) or, with relayTarget=smb, to its file share.
    'ntlm-relay': (run, c, s, app) => (String(run.params.relayTarget ?? 'https') === 'smb'
      ? runSmb2Relay(run, c, s, app.target, app.resource, app.package) : runHttpsRelay(run, c, s)),
  },
};
