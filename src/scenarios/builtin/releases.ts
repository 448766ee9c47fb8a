// Windows Server 2016 against Windows Server 2025 / Windows 11 24H2: the same HTTPS connection to an
// old line-of-business server under both release profiles (Microsoft Learn, "Protocols in TLS/SSL
// (Schannel SSP)"; "TLS 1.0 and TLS 1.1 deprecation in Windows"; "Resources for deprecated features":
// NTLMv1 removed in Windows 11 24H2 and Windows Server 2025). The server's protocols are pinned (its
// registry says so), so only the client follows the release profile.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, START, aliceOnWs01 } from '../common';

export const windows2016Vs2025: Scenario = {
  id: 'windows-2016-vs-2025',
  title: 'Windows Server 2016 against 2025: the same HTTPS connection to an old server',
  group: 'Schannel',
  level: 'intermediate',
  minutes: 10,
  references: ['Microsoft Learn: Protocols in TLS/SSL (Schannel SSP)', 'Microsoft Learn: TLS 1.0 and TLS 1.1 deprecation in Windows', 'Microsoft Learn: Deprecated features in the Windows client (NTLMv1)', 'RFC 8996 (deprecating TLS 1.0 and 1.1)', 'RFC 8446 (TLS 1.3)'],
  keywords: ['windows server 2025', 'windows 11 24h2', 'windows server 2016', 'upgrade', 'tls 1.0', 'tls 1.1', 'deprecated', 'protocol_version', 'release profile', 'what changed', 'ntlmv1 removed'],
  goal: 'The payroll site runs on an old server whose Schannel still enables only TLS 1.0 and 1.1. From a Windows 10 / Server 2016 client (the "2016" release profile: TLS 1.0, 1.1 and 1.2 on) the connection works with TLS 1.1, the best version both enable. Switch the release to "2025" (Windows 11 24H2 / Windows Server 2025): the same connection now fails, because those releases turn TLS 1.0 and 1.1 off by default (RFC 8996 deprecated them: their handshake hash is MD5 and SHA-1, and they have no authenticated-encryption cipher suites) and turn TLS 1.3 on. The client offers TLS 1.2 and 1.3 only, the server finds no version in common and answers protocol_version. The fix is on the server (TLS 1.2 on), not on the client. The other change of the 2025 profile, NTLMv1 removed, is the lesson "NTLMv1 against NTLMv2".',
  tryThis: [
    { kind: 'param', label: 'Windows Server 2025 profile', name: 'windowsRelease', value: '2025', watch: 'The client\'s ClientHello now offers TLS 1.2 and 1.3 only: the old server has neither, answers protocol_version, and the site fails after the upgrade.', expect: { outcome: 'failure', decisive: 'noCommonVersion' } },
    { kind: 'param', label: 'TLS 1.2 on for the server', name: 'serverTls12', value: 'on', watch: 'The fix that lasts: with TLS 1.2 on the server, the 2016 client uses TLS 1.2 (and a 2025 client would too).', expect: { outcome: 'success', decisive: 'Use TLS 1\\.2' } },
    { kind: 'param', label: 'TLS 1.1 off on the server', name: 'serverTls11', value: 'off', watch: 'Only TLS 1.0 left on the server: the 2016 client still connects, with the oldest version and its MD5/SHA-1 handshake hash: what the 2025 profile refuses.', expect: { outcome: 'success', decisive: 'Use TLS 1\\.0' } },
  ],
  seed: 2025,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'https', package: 'Schannel', target: 'payroll.contoso.local', resource: '/' },
  nodes: [aliceOnWs01(ALL), { id: 'server', role: 'server', hostName: 'PAYROLL', address: '10.0.0.40', joined: true, packages: ALL }, DC01],
  accounts: DIRECTORY,
  params: { windowsRelease: '2016', serverTls10: 'on', serverTls11: 'on', serverTls12: 'off', serverTls13: 'off' },
  narration: {
    intro: 'A release profile is a set of defaults: the same registry keys, different values out of the box.',
    steps: {
      'TLS ClientHello': 'The versions in this ClientHello come from the client\'s release profile, since none of its Schannel Protocols keys is set: TLS 1.0 to 1.2 on Windows 10 / Server 2016 (legacy_version 0x0303 says TLS 1.2), TLS 1.2 and 1.3 on Windows 11 24H2 / Server 2025 (supported_versions lists them). Compare the two in the inspector.',
    },
  },
};
