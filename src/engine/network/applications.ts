// The application protocols registry: what a scenario's `application.protocol` may name, and how each
// runs its SSPI loop over its carrier. A new protocol (ldap, rdp, https) adds its flow file and one entry;
// a flow that is a heavy package's own code (HTTPS: Schannel's) comes with that package's provider
// (`provider` here, `applications` there), so it loads with the package.
import type { PackageName } from '../trace';
import type { CarrierId } from './carriers/types';
import type { NodeRuntime } from './nodes';
import type { Run } from './run';
import type { ExchangeResult } from './flows/exchange';
import { runHttp } from './flows/http';
import { runSmb2 } from './flows/smb2';
import { runLdap } from './flows/ldap';
import { runSmb2Relay } from './flows/smb2Relay';
import { runTicketRequests } from '../packages/kerberos/roast';
import { runDoubleHop } from './flows/doubleHop';

/** The scenario's application, as a flow receives it (defaults applied). */
export interface AppRequest {
  package: PackageName;
  target: string;
  resource: string;
  serverOffers: PackageName[];
}

export interface ApplicationProtocol {
  id: string;
  /** The carrier its security tokens ride; a package can run here only if its meta has an encoding for it. */
  carrier: CarrierId;
  /** What `application.resource` is, and its default. */
  resource: { meaning: string; default: string };
  /** Said when a package without an encoding for the carrier is asked for (the schema's error). */
  packagesNote?: string;
  /** How it runs; absent when the flow is brought by the `provider` package (see PackageProvider.applications). */
  run?: ApplicationRunner;
  /** The package whose provider brings the flow (loaded with it). */
  provider?: PackageName;
}

export type ApplicationRunner = (run: Run, c: NodeRuntime, s: NodeRuntime, app: AppRequest) => ExchangeResult;

export const APPLICATIONS: readonly ApplicationProtocol[] = [
  {
    id: 'http', carrier: 'http', resource: { meaning: 'the path', default: '/' },
    run: (run, c, s, app) => runHttp(run, c, s, app.target, app.resource, app.serverOffers),
  },
  {
    id: 'smb2', carrier: 'smb2', resource: { meaning: 'the share', default: 'share' },
    packagesNote: 'SMB2 always authenticates through Negotiate (SPNEGO)',
    run: (run, c, s, app) => runSmb2(run, c, s, app.target, app.resource, app.package),
  },
  {
    id: 'smb2-relay', carrier: 'smb2', resource: { meaning: 'the share the attacker asks for on the real server', default: 'share' },
    packagesNote: 'SMB2 always authenticates through Negotiate (SPNEGO)',
    run: (run, c, s, app) => runSmb2Relay(run, c, s, app.target, app.resource, app.package),
  },
  {
    id: 'ntlm-relay', carrier: 'http', resource: { meaning: 'the share the attacker asks for when it relays to SMB (relayTarget=smb)', default: 'share' },
    packagesNote: 'the victim\'s NTLM (over HTTPS, or Negotiate over SMB2) is relayed by the node with role "attacker"',
    provider: 'Schannel',
  },
  {
    id: 'https', carrier: 'tls', resource: { meaning: 'the path', default: '/' },
    packagesNote: 'HTTPS runs Schannel (TLS) on TCP 443; the parameter tlsTransport=datagram runs DTLS on UDP instead',
    provider: 'Schannel',
  },
  {
    id: 'ldap', carrier: 'ldap', resource: { meaning: 'the search base (empty: the domain\'s naming context)', default: '' },
    packagesNote: 'LDAP binds with SASL: GSS-SPNEGO (Negotiate) or DIGEST-MD5 (Digest)',
    run: (run, c, s, app) => runLdap(run, c, s, app),
  },
  {
    id: 'kerberos-tickets', carrier: 'tcp/88', resource: { meaning: 'the SPN to ask a service ticket for (empty: HOST/<target>)', default: '' },
    packagesNote: 'a ticket request asks the Kerberos package itself, the way a script does (no connection to the service)',
    run: (run, c, s, app) => runTicketRequests(run, c, s, app),
  },
  {
    id: 'double-hop', carrier: 'http', resource: { meaning: 'the path on the front end (which then opens the back end\'s "reports" share as the user)', default: '/' },
    run: (run, c, s, app) => runDoubleHop(run, c, s, app),
  },
  {
    id: 'rdp', carrier: 'rdp', resource: { meaning: 'unused (the remote desktop)', default: '' },
    packagesNote: 'Remote Desktop with Network Level Authentication runs CredSSP (TLS, then Negotiate inside) on TCP 3389',
    provider: 'CredSSP',
  },
];

const BY_ID = new Map(APPLICATIONS.map((a) => [a.id, a]));

export function application(id: string): ApplicationProtocol | undefined {
  return BY_ID.get(id);
}

export const APPLICATION_IDS: readonly string[] = APPLICATIONS.map((a) => a.id);
