// The Kerberos confusions people search for: clock skew, a wrong password, a duplicate SPN, a
// stale service key, the legacy UDP transport. Each is the standard CONTOSO domain with one
// condition changed; the engine decides everything else from the rules it models.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

const FS01 = { id: 'server', role: 'server' as const, hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' };
const WEB01 = { id: 'server', role: 'server' as const, hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' };
const INTRANET = { protocol: 'http' as const, package: 'Negotiate' as const, target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate' as const, 'NTLM' as const] };
const SHARE = { protocol: 'smb2' as const, package: 'Negotiate' as const, target: 'fs01.contoso.local', resource: 'projects' };

export const kerberosClockSkew: Scenario = {
  id: 'kerberos-clock-skew',
  title: 'Kerberos clock skew: the workstation\'s clock is 7 minutes fast',
  group: 'Kerberos',
  level: 'intermediate',
  minutes: 10,
  references: ['RFC 4120 (KRB_AP_ERR_SKEW)', 'MS-KILE 3.4.5', 'KB956627'],
  keywords: ['clock skew', 'time', 'clock', '5 minutes', 'KRB_AP_ERR_SKEW', 'time sync', 'w32time'],
  goal: 'Kerberos tolerates 5 minutes between clocks, because its authenticators carry a time stamp that stops replays. WS01\'s clock is 7 minutes ahead of the domain controller. Watch the KDC refuse the first pre-authenticated AS-REQ with KRB_AP_ERR_SKEW, and the Windows client read the KDC\'s own time from that error, correct for it and try again with success (KB956627). Then set the server\'s clock off instead ("Server clock skew"): the application server has no such recovery in SMB2, and the AP-REQ fails with KRB_AP_ERR_SKEW (MS-KILE 3.4.5).',
  tryThis: [
    { kind: 'param', label: 'Client clock 4 min ahead', name: 'clockSkewMinutes', value: 4, watch: 'Within the 5-minute tolerance: no KRB_AP_ERR_SKEW, the first pre-authenticated AS-REQ is accepted.', expect: { outcome: 'success', absent: 'KRB_AP_ERR_SKEW' } },
    { kind: 'param', label: 'Server clock 7 min off', name: 'serverClockSkewMinutes', value: 7, watch: 'The application server, not the KDC, is off: it refuses the AP-REQ with KRB_AP_ERR_SKEW (MS-KILE 3.4.5), and the client gets an error.', expect: { outcome: 'failure', decisive: 'KRB_AP_ERR_SKEW.*SMB2' } },
    { kind: 'param', label: 'Name the server by IP (10.0.0.21)', name: 'target', value: '10.0.0.21', watch: 'The logon still meets the skew and corrects it; the share, named by IP, then opens with NTLM, which has no 5-minute rule.', expect: { mechanism: 'NTLM', decisive: 'targetIsIpAddress' } },
  ],
  seed: 201,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: SHARE,
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { clockSkewMinutes: 7 },
  narration: {
    steps: {
      'Kerberos AS-REQ#1': 'The logon\'s first AS-REQ carries no pre-authentication yet: the client learns from the answer which encryption types and salt to use. Nothing in it is checked against the KDC\'s clock.',
      'Kerberos AS-REQ#2': 'The second AS-REQ carries PA-ENC-TIMESTAMP: WS01\'s own time, 7 minutes ahead of DC01, encrypted with Alice\'s key. The KDC decrypts it and compares it with its clock (RFC 4120 5.2.7.2).',
      'Kerberos AS-REQ#3': 'The retry: the Windows client took the KDC\'s time from the KRB_AP_ERR_SKEW error (its stime), corrected its own time stamp by the difference and encrypted it again (KB956627). WS01\'s clock itself is not changed.',
    },
  },
};

export const kerberosWrongPassword: Scenario = {
  id: 'kerberos-wrong-password',
  title: 'Kerberos with a wrong password: pre-authentication fails, no fallback',
  group: 'Kerberos',
  level: 'beginner',
  minutes: 8,
  references: ['RFC 4120 5.2.7.2 (PA-ENC-TIMESTAMP)', 'RFC 4120 7.5.9 (error codes)', 'MS-KILE'],
  keywords: ['wrong password', 'bad password', 'mistyped', 'pre-authentication', 'KDC_ERR_PREAUTH_FAILED', 'logon failure', 'no fallback'],
  goal: 'Alice maps \\\\fs01\\projects with typed credentials and mistypes her password. The Kerberos SSP encrypts a time stamp with a key made from what she typed; the KDC cannot decrypt it with the key it holds and answers KDC_ERR_PREAUTH_FAILED. Negotiate does not quietly try NTLM: a wrong password would fail with NTLM too, so the error goes back to the application. Type the right password ("Password typed" empty) to see the connection succeed.',
  tryThis: [
    { kind: 'param', label: 'Type the right password', name: 'password', value: '', watch: 'The encrypted timestamp decrypts at the KDC: AS-REP, TGS, and the share opens with Kerberos.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'An unknown user name', name: 'user', value: 'alise', watch: 'A name the directory does not know: KDC_ERR_C_PRINCIPAL_UNKNOWN instead of a pre-authentication failure.', expect: { outcome: 'failure', decisive: 'KDC_ERR_C_PRINCIPAL_UNKNOWN' } },
    { kind: 'param', label: 'KDC unreachable', name: 'kdcReachable', value: false, watch: 'Without a KDC, Negotiate falls back to NTLM, which carries the same wrong password and fails at the DC.', expect: { outcome: 'failure', decisive: 'kdcUnreachable' } },
  ],
  seed: 202,
  startTime: START,
  domain: CONTOSO,
  application: SHARE,
  nodes: [{ ...aliceOnWs01(ALL), logon: { user: 'alice', domain: 'CONTOSO', password: 'Summer2016!', typed: true } }, FS01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { password: 'Autumn2016!' },
};

export const kerberosDuplicateSpn: Scenario = {
  id: 'kerberos-duplicate-spn',
  title: 'Duplicate SPN: two accounts claim HTTP/intranet, and Negotiate falls back to NTLM',
  group: 'Kerberos',
  level: 'intermediate',
  minutes: 10,
  references: ['MS-KILE', 'RFC 4120 7.5.9 (error codes)', 'Microsoft Learn: setspn'],
  keywords: ['duplicate spn', 'setspn -x', 'event 11', 'KDC_ERR_S_PRINCIPAL_UNKNOWN', 'why ntlm', 'spn'],
  goal: 'Someone registered HTTP/intranet.contoso.local on a second account as well as on svc-web. The KDC cannot know which account\'s key should encrypt the ticket, so a Windows KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN and logs event 11 (setspn -X finds such duplicates). On the wire this looks exactly like an SPN that does not exist: Negotiate falls back to NTLM and the site still opens, quietly without Kerberos. Switch "Duplicate SPN" off to see Kerberos used.',
  tryThis: [
    { kind: 'param', label: 'Remove the duplicate SPN', name: 'duplicateSpn', value: false, watch: 'One account holds HTTP/intranet again: the KDC issues the ticket and the site uses Kerberos.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'The quiet fallback that hid the duplicate SPN is gone: the site fails.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
    { kind: 'param', label: 'Name the server by IP (10.0.0.30)', name: 'target', value: '10.0.0.30', watch: 'Still NTLM, but for another reason: no TGS-REQ at all, so no KDC_ERR_S_PRINCIPAL_UNKNOWN.', expect: { mechanism: 'NTLM', decisive: 'targetIsIpAddress', absent: 'KDC_ERR_S_PRINCIPAL_UNKNOWN' } },
  ],
  seed: 203,
  startTime: START,
  domain: CONTOSO,
  application: INTRANET,
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { duplicateSpn: true },
};

export const kerberosStaleServiceKey: Scenario = {
  id: 'kerberos-stale-service-key',
  title: 'Stale service key: the ticket cannot be decrypted (KRB_AP_ERR_MODIFIED)',
  group: 'Kerberos',
  level: 'advanced',
  minutes: 10,
  references: ['RFC 4120 (KRB_AP_ERR_MODIFIED)', 'RFC 3962 (AES for Kerberos)', 'MS-KILE'],
  keywords: ['KRB_AP_ERR_MODIFIED', 'password changed', 'keytab', 'kvno', 'service account', 'stale key', 'no fallback'],
  goal: 'The svc-web account\'s password was changed in the directory, but the web server still holds the key made from the old one. The KDC encrypts the service ticket with the new key (kvno 2); WEB01 tries its old key (kvno 1) and the integrity check fails: KRB_AP_ERR_MODIFIED. This is not a reason to use NTLM, so the request fails. Switch "Stale service key" off to see the same ticket accepted.',
  tryThis: [
    { kind: 'param', label: 'Service key up to date', name: 'staleServiceKey', value: false, watch: 'The server decrypts the ticket with the key the KDC used: AP-REP, success.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'package', label: 'Kerberos off on the server', side: 'server', pkg: 'Kerberos', on: false, watch: 'The server no longer accepts Kerberos: the client\'s next choice, NTLM, works (and hides the stale key).', expect: { outcome: 'success', mechanism: 'NTLM' } },
    { kind: 'param', label: 'Name the server by IP (10.0.0.30)', name: 'target', value: '10.0.0.30', watch: 'No service ticket at all, so no KRB_AP_ERR_MODIFIED: NTLM, validated by the DC, works.', expect: { outcome: 'success', mechanism: 'NTLM' } },
  ],
  seed: 204,
  startTime: START,
  domain: CONTOSO,
  application: INTRANET,
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { staleServiceKey: true },
};

export const kerberosUdpTooBig: Scenario = {
  id: 'kerberos-udp-too-big',
  title: 'Kerberos over UDP: KRB_ERR_RESPONSE_TOO_BIG and the retry over TCP',
  group: 'Kerberos',
  level: 'advanced',
  minutes: 8,
  references: ['RFC 4120 7.2.1 (UDP transport)', 'RFC 4120 7.2.2 (TCP transport)', 'KB244474'],
  keywords: ['udp', 'tcp', 'KRB_ERR_RESPONSE_TOO_BIG', 'MaxPacketSize', 'packet size', 'port 88'],
  goal: 'Since Windows Vista the Kerberos client talks to the KDC over TCP port 88 first. The legacy MaxPacketSize registry value makes it try UDP for messages smaller than that size. An AS-REP carrying a PAC is larger than a UDP answer may be, so the KDC answers KRB_ERR_RESPONSE_TOO_BIG and the client repeats the request over TCP (KB244474). Set "MaxPacketSize" to 0 to see TCP used from the start.',
  tryThis: [
    { kind: 'param', label: 'MaxPacketSize 0 (TCP first)', name: 'maxPacketSize', value: 0, watch: 'The default since Windows Vista: every KDC exchange over TCP 88, no KRB_ERR_RESPONSE_TOO_BIG.', expect: { absent: 'UDP 88' } },
    { kind: 'param', label: 'MaxPacketSize 65535', name: 'maxPacketSize', value: 65535, watch: 'Every message fits the limit: the KDC answers over UDP and nothing is retried over TCP.', expect: { absent: 'KRB_ERR_RESPONSE_TOO_BIG', decisive: 'AS-REP \\| UDP 88' } },
    { kind: 'param', label: 'Name the server by IP (10.0.0.21)', name: 'target', value: '10.0.0.21', watch: 'No service ticket is asked for: the TGS exchange over UDP disappears and the share opens with NTLM.', expect: { mechanism: 'NTLM', absent: 'TGS-REQ' } },
  ],
  seed: 205,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: SHARE,
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { maxPacketSize: 1465 },
};
