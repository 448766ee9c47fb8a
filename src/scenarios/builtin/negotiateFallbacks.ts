import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, START, aliceOnWs01, without } from '../common';

const FS01 = { id: 'server', role: 'server' as const, hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' };
const WEB01 = { id: 'server', role: 'server' as const, hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' };

export const negotiateFallbackIp: Scenario = {
  id: 'negotiate-fallback-ip',
  title: 'Fallback to NTLM: the share is opened by IP address',
  group: 'Negotiate',
  level: 'intermediate',
  goal: 'Alice opens \\\\10.0.0.21\\projects instead of \\\\fs01\\projects. Kerberos needs a service principal name. Windows can form one from the address (cifs/10.0.0.21), but by default it does not use it: only with the TryIPSPN registry value set (and that IP SPN registered on the server\'s account) does it ask the KDC for it. So Negotiate cannot start Kerberos and offers NTLM. Set the target back to fs01.contoso.local and Kerberos is used.',
  seed: 101,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: '10.0.0.21', resource: 'projects' },
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
};

export const negotiateFallbackNoSpn: Scenario = {
  id: 'negotiate-fallback-no-spn',
  title: 'Fallback to NTLM: no SPN registered for the web site',
  group: 'Negotiate',
  level: 'intermediate',
  goal: 'The intranet site runs under the svc-web account, but nobody registered HTTP/intranet.contoso.local on it. The client asks the KDC for a ticket; the KDC knows no such principal (KDC_ERR_S_PRINCIPAL_UNKNOWN), so Negotiate drops Kerberos and uses NTLM. A duplicate SPN (registered on two accounts) looks exactly the same on the wire. Switch "SPN registered" on to see Kerberos work.',
  seed: 102,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'http', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate', 'NTLM'] },
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  params: { spnRegistered: false },
};

export const negotiateFallbackKdcDown: Scenario = {
  id: 'negotiate-fallback-kdc-down',
  title: 'Fallback to NTLM: the KDC cannot be reached',
  group: 'Negotiate',
  level: 'intermediate',
  goal: 'A firewall blocks port 88 between the workstation and the domain controller. The Kerberos SSP sends its AS-REQ and waits for an answer that never comes; Negotiate then falls back to NTLM. The file server still reaches the DC over Netlogon, so NTLM pass-through works. Switch "KDC reachable" back on to see Kerberos.',
  seed: 103,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs01.contoso.local', resource: 'projects' },
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  params: { kdcReachable: false },
};

export const singleKerberosClientNtlmOnly: Scenario = {
  id: 'single-kerberos-client-ntlm-only',
  title: 'Single protocol: the server accepts only Kerberos, the client only NTLM',
  group: 'Negotiate',
  level: 'intermediate',
  goal: 'The "single protocol" case of Microsoft\'s "Security Support Provider Interface Architecture" document: this web server accepts Kerberos only (its Negotiate has NTLM switched off), and this client cannot do Kerberos (switched off). The client offers NTLM; the server rejects it. Authentication fails, whether or not Alice would be allowed in.',
  seed: 104,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'http', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate'] },
  nodes: [aliceOnWs01(without('Kerberos')), { ...WEB01, packages: without('NTLM') }, DC01],
  accounts: DIRECTORY,
};

export const negotiateNoCommonProtocol: Scenario = {
  id: 'negotiate-no-common-protocol',
  title: 'Negotiate with nothing in common: the exchange fails',
  group: 'Negotiate',
  level: 'intermediate',
  goal: 'The "negotiate option" of Microsoft\'s "Security Support Provider Interface Architecture" document: the lists of both sides meet, and the first protocol both support is used — if there is one. Here NTLM is switched off on the client, and Kerberos is switched off on the file server. The server\'s offer (in the SMB2 NEGOTIATE response) lists NTLM only; the client offers Kerberos only. Nothing in common: the server rejects.',
  seed: 105,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs01.contoso.local', resource: 'projects' },
  nodes: [aliceOnWs01(without('NTLM')), { ...FS01, packages: without('Kerberos') }, DC01],
  accounts: DIRECTORY,
};
