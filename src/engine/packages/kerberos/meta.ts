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
    { name: 'serviceEnctypes', label: 'Service encryption types', type: 'enum', values: ['default', 'aes', 'rc4', 'none', 'unset'], default: 'default', meaning: 'msDS-SupportedEncryptionTypes of the service account: default (AES and RC4), AES only, RC4 only, none the client offers, or unset (the domain default DefaultDomainSupportedEncTypes decides: RC4 in the 2016 profile, AES only in the 2025 profile, KB5073381).', node: 'server' },
    { name: 'clientEnctypes', label: 'Client encryption types', type: 'enum', values: ['default', 'aes', 'rc4'], default: 'default', meaning: 'The client policy "Network security: Configure encryption types allowed for Kerberos": default (AES and RC4), AES only, or RC4 only. It sets the etypes the client lists in its AS-REQ and TGS-REQ.', node: 'client' },
    { name: 'requirePreauth', label: 'Require pre-authentication', type: 'boolean', default: false, meaning: 'Every account requires Kerberos pre-authentication: "Do not require Kerberos preauthentication" (DONT_REQ_PREAUTH) is cleared wherever it was set, so the KDC answers an AS-REQ without PA-ENC-TIMESTAMP with KDC_ERR_PREAUTH_REQUIRED.', node: 'dc' },
    { name: 'delegation', label: 'Delegation', type: 'enum', values: ['none', 'constrained', 'constrained-any', 'resource-based'], default: 'none', meaning: 'What the directory lets the front-end service do as the user (MS-SFU): none; constrained delegation to the SPNs of its msDS-AllowedToDelegateTo, "Kerberos only" (constrained) or "use any authentication protocol" (constrained-any, which lets S4U2Self give a forwardable ticket); or resource-based, allowed by the back end\'s msDS-AllowedToActOnBehalfOfOtherIdentity.', node: 'dc' },
    { name: 'firstHop', label: 'User signs in to the front end with', type: 'enum', values: ['kerberos', 'ntlm'], default: 'kerberos', meaning: 'kerberos: Negotiate gives the front end the user\'s service ticket, the evidence S4U2Proxy needs; ntlm: a sign-in that is not Kerberos (NTLM here; a form or a certificate is the same case), so the front end has no ticket of hers and asks for one with S4U2Self (protocol transition).', node: 'client' },
    { name: 'cachedLogon', label: 'Cached logon', type: 'boolean', default: true, meaning: 'The user has logged on at this workstation before, so Windows keeps a cached logon verifier (MS-Cache v2, up to CachedLogonsCount = 10 users): when no domain controller answers, the interactive logon still succeeds against it, with no TGT. Off: a first logon here, or CachedLogonsCount = 0.', node: 'client', shownWith: 'interactive-logon' },
    { name: 'maxPacketSize', label: 'MaxPacketSize', type: 'number', min: 0, max: 65535, default: 0, meaning: 'The legacy Kerberos MaxPacketSize registry value: 0 means TCP first (Windows since Vista); a value above the message size sends it over UDP first.', node: 'client' },
  ],
  suggestions: [
    {
      // Encryption types (kerberos-etype-mismatch): the way out, the reverse, and the domain default that the 2025 profile changes.
      rank: 5,
      suggest({ has, value }) {
        if (!has('clientEnctypes') || !has('serviceEnctypes')) return [];
        const client = value('clientEnctypes'), service = value('serviceEnctypes'), release = value('windowsRelease');
        if (client === 'rc4' && service === 'aes') return [
          { kind: 'param', label: 'Client allows AES (Kerberos works, AES ticket)', name: 'clientEnctypes', value: 'aes' },
          { kind: 'param', label: 'Service account without msDS-SupportedEncryptionTypes (2016: RC4 ticket)', name: 'serviceEnctypes', value: 'unset' },
        ];
        if (client === 'aes' && service === 'aes') return [{ kind: 'param', label: 'The reverse: service account RC4 only (back to NTLM)', name: 'serviceEnctypes', value: 'rc4' }];
        if (client === 'rc4' && service === 'unset' && release === '2016') return [{ kind: 'param', label: 'Windows Server 2025 profile: the domain default is AES only (back to NTLM)', name: 'windowsRelease', value: '2025' }];
        return [];
      },
    },
    {
      // What an attacker takes offline (kerberoasting-and-asrep-roasting): the settings that change it.
      rank: 6,
      suggest({ trace, has, value }) {
        const said = (c: string) => trace.events.some((e) => e.type === 'decision' && e.condition === c);
        return [
          ...(said('roastableRc4Ticket') && has('serviceEnctypes') ? [{ kind: 'param' as const, label: 'Service account AES only (the ticket becomes AES)', name: 'serviceEnctypes', value: 'aes' }] : []),
          ...(said('roastableAsRep') && has('requirePreauth') && value('requirePreauth') === false ? [{ kind: 'param' as const, label: 'Require pre-authentication (no AS-REP)', name: 'requirePreauth', value: true }] : []),
          ...(said('roastableRc4Ticket') && has('windowsRelease') && value('windowsRelease') === '2016' && value('serviceEnctypes') === 'unset'
            ? [{ kind: 'param' as const, label: 'Windows Server 2025 profile (the domain default is AES only)', name: 'windowsRelease', value: '2025' }] : []),
        ];
      },
    },
    {
      // The double hop (kerberos-double-hop): each kind of delegation, and protocol transition.
      rank: 4,
      suggest({ trace, has, value }) {
        if (!has('delegation') || !has('firstHop') || !trace.nodes.some((n) => n.id === 'backend')) return [];
        const d = value('delegation'), hop = value('firstHop');
        if (d === 'none') return [
          { kind: 'param', label: 'Constrained delegation to cifs/fs01 (S4U2Proxy works)', name: 'delegation', value: 'constrained' },
          { kind: 'param', label: 'Resource-based delegation set on FS01 (S4U2Proxy works)', name: 'delegation', value: 'resource-based' },
        ];
        if (hop === 'kerberos') return [{ kind: 'param', label: 'User signs in without Kerberos (S4U2Self first)', name: 'firstHop', value: 'ntlm' }];
        if (d === 'constrained') return [{ kind: 'param', label: '"Use any authentication protocol" (a forwardable S4U2Self ticket)', name: 'delegation', value: 'constrained-any' }];
        return [];
      },
    },
    {
      // Across domains (kerberos-cross-domain): an SPN the forest does not know.
      rank: 7,
      suggest({ trace, has, value }) {
        const referral = trace.events.some((e) => e.type === 'note' && e.anchor === 'krb-referral');
        return referral && has('spnRegistered') && value('spnRegistered') === true
          ? [{ kind: 'param', label: 'SPN registered nowhere in the forest (no referral: NTLM)', name: 'spnRegistered', value: false }] : [];
      },
    },
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
    encoding: { http: { kind: 'base64', scheme: 'Kerberos', ref: 'RFC 4559' }, 'tcp/88': { kind: 'raw' } },
    layer: 'Kerberos',
    mutualAuth: true,
  },
};
