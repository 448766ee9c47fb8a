// The PKU2U provider: the SSP, the identity provider's device sign-in (federated scenarios), and the
// run-start hook that gives each peer its certificate, its trusted CA and the acceptor's policy.
import type { PackageProvider } from '../../sspi/provider';
import type { SecurityPackage } from '../../sspi/package';
import { PKU2U_META, POLICY_REF } from './meta';
import { pku2uPackage } from './package';
import { IDP_SIGNIN_SERVICE } from './idpService';
import { ONLINE_DOMAINS, setPku2uSetup, type CertificateChoice, type Pku2uSetup } from './setup';
import type { Pku2uPkiSpec } from './pki';
import type { Scenario } from '../../scenario';
import { PKU2U_SCHEME } from './scheme';
import { registerNegoexScheme } from '../negoexts/schemes';

// PKU2U is an auth scheme of NEGOEX: it joins NegoExtender's list when its code loads.
registerNegoexScheme(PKU2U_SCHEME);

const DAY = 86400e3;

/** The certificates' spec for a run: the peer CA (a year's certificates around the run's day), or with an identity provider
 *  its peer-to-peer CA (an hour's certificate from five minutes before the run). Pure: tests rebuild the same PKI. */
export function pku2uSpecFor(scenario: Scenario, seed: number, userUpn: string, now: Date, acceptorHost: string): Pku2uPkiSpec {
  const minute = Math.floor(now.getTime() / 60000) * 60000;
  const day = Math.floor(now.getTime() / DAY) * DAY;
  return scenario.nodes.some((n) => n.role === 'idp')
    ? { seed, kind: 'federated', caName: `MS-Organization-P2P-Access [${now.getUTCFullYear()}]`, userUpn, acceptorHost: acceptorHost.toUpperCase(),
      notBefore: new Date(minute - 5 * 60000), notAfter: new Date(minute + 55 * 60000) }
    : { seed, kind: 'peer', caName: 'Litware Peer CA', userUpn, acceptorHost: acceptorHost.toUpperCase(), notBefore: new Date(day - 30 * DAY), notAfter: new Date(day + 335 * DAY) };
}

export const PKU2U_PROVIDER: PackageProvider = {
  meta: PKU2U_META,
  create: () => pku2uPackage as SecurityPackage<unknown>,
  services: [IDP_SIGNIN_SERVICE],
  onRunStart({ params, client, server, scenario, seed }) {
    const logon = client.spec as { logon?: { user: string; domain: string } };
    const online = ONLINE_DOMAINS.some((d) => d.toLowerCase() === (logon.logon?.domain ?? '').toLowerCase());
    if (!online || !scenario || seed === undefined) return;
    const user = String(params.user || '') || logon.logon!.user;
    const spec = pku2uSpecFor(scenario, seed, user, client.env.now(), server.spec.hostName);
    const federated = spec.kind === 'federated';
    const setting = String(params.pku2uOnlineIds ?? 'not-configured');
    const joined = server.env.domain !== null;
    const allow = setting === 'enabled' || (setting === 'not-configured' && !joined);
    const policyWhy = setting === 'not-configured'
      ? `not configured, which on a ${joined ? 'domain-joined' : 'non-domain-joined'} computer means ${allow ? 'enabled' : 'disabled'} (${POLICY_REF})`
      : setting;
    const base = { spec, certificate: String(params.pku2uCertificate ?? 'trusted') as CertificateChoice, fromIdp: federated, allowOnlineIds: allow, policyWhy };
    setPku2uSetup(client.env, { ...base, role: 'initiator' } satisfies Pku2uSetup);
    setPku2uSetup(server.env, { ...base, role: 'acceptor' } satisfies Pku2uSetup);
  },
};
