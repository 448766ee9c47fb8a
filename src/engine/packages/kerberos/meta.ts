// What the Kerberos package says about itself without its code: SecPkgInfo, the conditions it reads,
// "try this" suggestions, how its tokens travel and how the screen shows it.
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta } from '../../sspi/meta';
import { klistText } from './klist';

export const KERBEROS_META: PackageMeta = {
  name: 'Kerberos',
  info: PACKAGE_INFOS.Kerberos,
  channelBindings: true,
  params: [
    { name: 'kdcReachable', label: 'KDC reachable', type: 'boolean', default: true, meaning: 'Whether the client can reach the KDC on port 88.', node: 'dc' },
    { name: 'spnRegistered', label: 'SPN registered', type: 'boolean', default: true, meaning: 'Whether the service principal name the client asks for is registered on an account in the directory.', node: 'server' },
    { name: 'duplicateSpn', label: 'Duplicate SPN', type: 'boolean', default: false, meaning: 'The SPN is registered on two accounts: the Windows KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN and logs event 11.', node: 'dc' },
    { name: 'tryIpSpn', label: 'TryIPSPN', type: 'boolean', default: false, meaning: 'The client registry value TryIPSPN: with an IP-address SPN registered, Kerberos works even when the target is an IP address.', node: 'client' },
    { name: 'clockSkewMinutes', label: 'Client clock skew (min)', type: 'number', min: -1440, max: 1440, default: 0, meaning: 'Minutes the client\'s clock is ahead (+) or behind (−) the domain controller.', node: 'client' },
    { name: 'serverClockSkewMinutes', label: 'Server clock skew (min)', type: 'number', min: -1440, max: 1440, default: 0, meaning: 'Minutes the server\'s clock is ahead (+) or behind (−) the domain controller.', node: 'server' },
    { name: 'staleServiceKey', label: 'Stale service key', type: 'boolean', default: false, meaning: 'The service\'s password changed in the directory but the server still has its old key: it cannot decrypt the ticket (KRB_AP_ERR_MODIFIED).', node: 'server' },
    { name: 'serviceEnctypes', label: 'Service encryption types', type: 'enum', values: ['default', 'aes', 'rc4', 'none'], default: 'default', meaning: 'msDS-SupportedEncryptionTypes of the service account: default (AES and RC4), AES only, RC4 only, or none the client offers.', node: 'server' },
    { name: 'maxPacketSize', label: 'MaxPacketSize', type: 'number', min: 0, max: 65535, default: 0, meaning: 'The legacy Kerberos MaxPacketSize registry value: 0 means TCP first (Windows since Vista); a value above the message size sends it over UDP first.', node: 'client' },
  ],
  suggestions: [
    {
      rank: 10,
      suggest({ trace, has, value }) {
        const server = trace.nodes.find((n) => n.role === 'server');
        const ran = trace.events.some((e) => e.type === 'message' && e.protocol === 'Kerberos');
        const kerberos = ran && trace.outcome.mechanism === 'Kerberos' && trace.outcome.result === 'authenticated';
        if (!kerberos) return [];
        return [
          ...(server?.enabledPackages.includes('Kerberos') ? [{ kind: 'package' as const, label: 'Kerberos off on the server', side: 'server' as const, pkg: 'Kerberos' as const, on: false }] : []),
          ...(has('kdcReachable') && value('kdcReachable') === true ? [{ kind: 'param' as const, label: 'KDC unreachable', name: 'kdcReachable', value: false }] : []),
          ...(has('target') && server && value('target') !== server.address ? [{ kind: 'param' as const, label: `Name the server by IP (${server.address})`, name: 'target', value: server.address }] : []),
          ...(has('clockSkewMinutes') && value('clockSkewMinutes') === 0 ? [{ kind: 'param' as const, label: 'Client clock 7 min ahead', name: 'clockSkewMinutes', value: 7 }] : []),
        ];
      },
    },
    {
      rank: 90,
      suggest({ trace, has, value }) {
        const kerberos = trace.outcome.mechanism === 'Kerberos' && trace.outcome.result === 'authenticated';
        return !kerberos && trace.outcome.package === 'Negotiate' && has('kdcReachable') && value('kdcReachable') === false
          ? [{ kind: 'param', label: 'KDC reachable again', name: 'kdcReachable', value: true }] : [];
      },
    },
  ],
  display: { short: 'Kerberos', colour: '#2563eb', exports: ['keytab'], cache: { title: 'Ticket cache', text: klistText, holds: (s) => s.tickets.length > 0, showEmptyOn: ['client'] } },
  travel: {
    firstSpeaker: 'client',
    encoding: { http: { kind: 'base64', scheme: 'Kerberos', ref: 'RFC 4559' } },
    layer: 'Kerberos',
    mutualAuth: true,
  },
};
