// The Kerberos confusions people search for: clock skew, a wrong password, a duplicate SPN, a
// stale service key, the legacy UDP transport. Each is the standard CONTOSO domain with one
// condition changed; the engine decides everything else from the rules it models.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, START, aliceOnWs01 } from '../common';

const FS01 = { id: 'server', role: 'server' as const, hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' };
const WEB01 = { id: 'server', role: 'server' as const, hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' };
const INTRANET = { protocol: 'http' as const, package: 'Negotiate' as const, target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate' as const, 'NTLM' as const] };
const SHARE = { protocol: 'smb2' as const, package: 'Negotiate' as const, target: 'fs01.contoso.local', resource: 'projects' };

export const kerberosClockSkew: Scenario = {
  id: 'kerberos-clock-skew',
  title: 'Kerberos clock skew: the workstation\'s clock is 7 minutes fast',
  group: 'Kerberos',
  level: 'intermediate',
  goal: 'Kerberos tolerates 5 minutes between clocks, because its authenticators carry a time stamp that stops replays. WS01\'s clock is 7 minutes ahead of the domain controller. Watch the KDC refuse the first pre-authenticated AS-REQ with KRB_AP_ERR_SKEW, and the Windows client read the KDC\'s own time from that error, correct for it and try again with success (KB956627). Then set the server\'s clock off instead ("Server clock skew"): the application server has no such recovery in SMB2, and the AP-REQ fails with KRB_AP_ERR_SKEW (MS-KILE 3.4.5).',
  seed: 201,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: SHARE,
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  params: { clockSkewMinutes: 7 },
};

export const kerberosWrongPassword: Scenario = {
  id: 'kerberos-wrong-password',
  title: 'Kerberos with a wrong password: pre-authentication fails, no fallback',
  group: 'Kerberos',
  level: 'basic',
  goal: 'Alice maps \\\\fs01\\projects with typed credentials and mistypes her password. The Kerberos SSP encrypts a time stamp with a key made from what she typed; the KDC cannot decrypt it with the key it holds and answers KDC_ERR_PREAUTH_FAILED. Negotiate does not quietly try NTLM: a wrong password would fail with NTLM too, so the error goes back to the application. Type the right password ("Password typed" empty) to see the connection succeed.',
  seed: 202,
  startTime: START,
  domain: CONTOSO,
  application: SHARE,
  nodes: [{ ...aliceOnWs01(ALL), logon: { user: 'alice', domain: 'CONTOSO', password: 'Summer2016!', typed: true } }, FS01, DC01],
  accounts: DIRECTORY,
  params: { password: 'Autumn2016!' },
};

export const kerberosDuplicateSpn: Scenario = {
  id: 'kerberos-duplicate-spn',
  title: 'Duplicate SPN: two accounts claim HTTP/intranet, and Negotiate falls back to NTLM',
  group: 'Kerberos',
  level: 'intermediate',
  goal: 'Someone registered HTTP/intranet.contoso.local on a second account as well as on svc-web. The KDC cannot know which account\'s key should encrypt the ticket, so a Windows KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN and logs event 11 (setspn -X finds such duplicates). On the wire this looks exactly like an SPN that does not exist: Negotiate falls back to NTLM and the site still opens, quietly without Kerberos. Switch "Duplicate SPN" off to see Kerberos used.',
  seed: 203,
  startTime: START,
  domain: CONTOSO,
  application: INTRANET,
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  params: { duplicateSpn: true },
};

export const kerberosStaleServiceKey: Scenario = {
  id: 'kerberos-stale-service-key',
  title: 'Stale service key: the ticket cannot be decrypted (KRB_AP_ERR_MODIFIED)',
  group: 'Kerberos',
  level: 'advanced',
  goal: 'The svc-web account\'s password was changed in the directory, but the web server still holds the key made from the old one. The KDC encrypts the service ticket with the new key (kvno 2); WEB01 tries its old key (kvno 1) and the integrity check fails: KRB_AP_ERR_MODIFIED. This is not a reason to use NTLM, so the request fails. Switch "Stale service key" off to see the same ticket accepted.',
  seed: 204,
  startTime: START,
  domain: CONTOSO,
  application: INTRANET,
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  params: { staleServiceKey: true },
};

export const kerberosUdpTooBig: Scenario = {
  id: 'kerberos-udp-too-big',
  title: 'Kerberos over UDP: KRB_ERR_RESPONSE_TOO_BIG and the retry over TCP',
  group: 'Kerberos',
  level: 'advanced',
  goal: 'Since Windows Vista the Kerberos client talks to the KDC over TCP port 88 first. The legacy MaxPacketSize registry value makes it try UDP for messages smaller than that size. An AS-REP carrying a PAC is larger than a UDP answer may be, so the KDC answers KRB_ERR_RESPONSE_TOO_BIG and the client repeats the request over TCP (KB244474). Set "MaxPacketSize" to 0 to see TCP used from the start.',
  seed: 205,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: SHARE,
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  params: { maxPacketSize: 1465 },
};
