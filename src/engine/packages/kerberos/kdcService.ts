// The KDC as a service of the domain controller (role dc, protocol Kerberos): AS and TGS over TCP or
// UDP 88, reading the scenario's directory. The runner delivers the client's requests to it.
import type { AuthorityService } from '../../sspi/provider';
import { handleKdcRequest } from './kdc';
import { forestDomains } from '../../scenario';

export const KDC_SERVICE: AuthorityService = {
  role: 'dc',
  protocol: 'Kerberos',
  describeWith: 'Kerberos',
  /** A firewall that drops port 88 (the kdcReachable condition): no KDC answers. */
  unreachable(ctx) {
    if (ctx.params.kdcReachable !== false) return null;
    return {
      error: { code: 0x80090311, name: 'SEC_E_NO_AUTHENTICATING_AUTHORITY', text: 'No KDC answered on port 88.' },
      anchor: 'kdc-timeout',
      narration: 'No answer from the KDC on port 88: after the last retransmitted SYN the Kerberos client gives up (the KDC is unreachable) and InitializeSecurityContext fails with SEC_E_NO_AUTHENTICATING_AUTHORITY.',
      lostNarration: 'The Kerberos client has built its AS-REQ and opens a TCP connection to the KDC on port 88 to send it. No SYN-ACK comes back: a firewall drops port 88, so the connection never opens and the AS-REQ never leaves the workstation. The capture shows only the SYN and its retransmissions, each after a doubled timeout.',
      waitMs: 7000,
    };
  },
  answer(ctx, req) {
    const { scenario, node: dc } = ctx;
    const forest = forestDomains(scenario);
    const home = forest.find((d) => d.domain.dnsName.toUpperCase() === dc.env.domain?.dnsName.toUpperCase()) ?? forest[0] ?? null;
    if (!home) return { kind: 'token', token: null };
    const realm = home.domain.dnsName.toUpperCase();
    const hosts = scenario.nodes.filter((n) => n.role === 'server').map((n) => ({ address: n.address, account: n.serviceAccount ?? `${n.hostName.toUpperCase()}$` }));
    // The forest's trusts as this DC sees them: the scenario's domain trusts each of its `trusts` both ways.
    const own = scenario.domain?.dnsName.toUpperCase();
    const trusts = (scenario.trusts ?? []).flatMap((t) => {
      const other = t.domain.dnsName.toUpperCase();
      if (realm === own) return [{ realm: other, accounts: t.accounts, password: t.trustPassword }];
      if (realm === other && own) return [{ realm: own, accounts: scenario.accounts, password: t.trustPassword }];
      return [];
    });
    const token = handleKdcRequest({
      realm, domain: home.domain, accounts: home.accounts, now: () => dc.env.now(), rng: dc.env.rngFor('kdc'),
      params: ctx.params, kdcHostName: dc.spec.hostName, hosts, trusts, onKey: (k) => ctx.addKey(k),
    }, req.token, req.transport === 'udp/88' ? 'udp/88' : 'tcp/88');
    return { kind: 'token', token };
  },
};
