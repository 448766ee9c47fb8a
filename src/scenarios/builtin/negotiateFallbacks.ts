import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01, without } from '../common';

const FS01 = { id: 'server', role: 'server' as const, hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' };
const WEB01 = { id: 'server', role: 'server' as const, hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' };

export const negotiateFallbackIp: Scenario = {
  id: 'negotiate-fallback-ip',
  title: 'Fallback to NTLM: the share is opened by IP address',
  group: 'Negotiate',
  level: 'intermediate',
  minutes: 8,
  references: ['MS-SPNG', 'RFC 4178 (SPNEGO)', 'Microsoft Learn: Kerberos client and IP addresses (TryIPSPN)'],
  keywords: ['ip address', 'why ntlm', 'fallback', 'spn', 'tryipspn', 'ntlm instead of kerberos'],
  goal: 'Alice opens \\\\10.0.0.21\\projects instead of \\\\fs01\\projects. Kerberos needs a service principal name. Windows can form one from the address (cifs/10.0.0.21), but by default it does not use it: only with the TryIPSPN registry value set (and that IP SPN registered on the server\'s account) does it ask the KDC for it. So Negotiate cannot start Kerberos and offers NTLM. Set the target back to fs01.contoso.local and Kerberos is used.',
  tryThis: [
    { kind: 'param', label: 'Name the server fs01.contoso.local', name: 'target', value: 'fs01.contoso.local', watch: 'With a name, the SPN cifs/fs01.contoso.local exists: Kerberos, no fallback.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'The fallback is refused on the client: by IP with NTLM denied, the connection fails.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The NTLM answer is checked by the DC over Netlogon and refused: no Kerberos error, because Kerberos never ran.', expect: { outcome: 'failure', decisive: 'STATUS_LOGON_FAILURE|SEC_E_LOGON_DENIED' } },
  ],
  seed: 101,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: '10.0.0.21', resource: 'projects' },
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
};

export const negotiateFallbackNoSpn: Scenario = {
  id: 'negotiate-fallback-no-spn',
  title: 'Fallback to NTLM: no SPN registered for the web site',
  group: 'Negotiate',
  level: 'intermediate',
  minutes: 8,
  references: ['MS-SPNG', 'RFC 4120 7.5.9 (error codes)', 'MS-KILE'],
  keywords: ['spn', 'missing spn', 'setspn', 'why ntlm', 'fallback', 'KDC_ERR_S_PRINCIPAL_UNKNOWN', 'service principal name'],
  goal: 'The intranet site runs under the svc-web account, but nobody registered HTTP/intranet.contoso.local on it. The client asks the KDC for a ticket; the KDC knows no such principal (KDC_ERR_S_PRINCIPAL_UNKNOWN), so Negotiate drops Kerberos and uses NTLM. A duplicate SPN (registered on two accounts) looks exactly the same on the wire. Switch "SPN registered" on to see Kerberos work.',
  tryThis: [
    { kind: 'param', label: 'Register the SPN', name: 'spnRegistered', value: true, watch: 'setspn -S HTTP/intranet svc-web: the TGS-REQ gets a ticket and the site uses Kerberos.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'After KDC_ERR_S_PRINCIPAL_UNKNOWN the fallback to NTLM is refused: the site fails.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
    { kind: 'package', label: 'NTLM off on the client', side: 'client', pkg: 'NTLM', on: false, watch: 'Kerberos failed and there is nothing to fall back to: the request fails.', expect: { outcome: 'failure' } },
  ],
  seed: 102,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'http', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate', 'NTLM'] },
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { spnRegistered: false },
};

export const negotiateFallbackKdcDown: Scenario = {
  id: 'negotiate-fallback-kdc-down',
  title: 'Fallback to NTLM: the KDC cannot be reached',
  group: 'Negotiate',
  level: 'intermediate',
  minutes: 8,
  references: ['MS-SPNG', 'RFC 4120 7.2 (KDC transport)', 'MS-NRPC 3.2 (pass-through authentication)'],
  keywords: ['kdc unreachable', 'firewall', 'port 88', 'dc down', 'timeout', 'why ntlm', 'fallback'],
  goal: 'A firewall blocks port 88 between the workstation and the domain controller. The Kerberos SSP sends its AS-REQ and waits for an answer that never comes; Negotiate then falls back to NTLM. The file server still reaches the DC over Netlogon, so NTLM pass-through works. Switch "KDC reachable" back on to see Kerberos.',
  tryThis: [
    { kind: 'param', label: 'KDC reachable again', name: 'kdcReachable', value: true, watch: 'The AS-REQ is answered: the share opens with Kerberos.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'No KDC and NTLM denied: nothing left, the connection fails.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'Kerberos could not even try: NTLM carries the wrong password, and the DC (reachable from the server) refuses it.', expect: { outcome: 'failure', decisive: 'STATUS_LOGON_FAILURE|SEC_E_LOGON_DENIED' } },
  ],
  seed: 103,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs01.contoso.local', resource: 'projects' },
  nodes: [aliceOnWs01(ALL), FS01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { kdcReachable: false },
};

export const singleKerberosClientNtlmOnly: Scenario = {
  id: 'single-kerberos-client-ntlm-only',
  title: 'Single protocol: the server accepts only Kerberos, the client only NTLM',
  group: 'Negotiate',
  level: 'intermediate',
  minutes: 6,
  references: ['Microsoft Learn: Security Support Provider Interface Architecture', 'RFC 4178 (SPNEGO)', 'MS-SPNG'],
  keywords: ['kerberos only', 'ntlm only', 'no fallback', 'rejected', 'access denied', 'single protocol'],
  goal: 'The "single protocol" case of Microsoft\'s "Security Support Provider Interface Architecture" document: this web server accepts Kerberos only (its Negotiate has NTLM switched off), and this client cannot do Kerberos (switched off). The client offers NTLM; the server rejects it. Authentication fails, whether or not Alice would be allowed in.',
  tryThis: [
    { kind: 'package', label: 'Kerberos on for the client', side: 'client', pkg: 'Kerberos', on: true, watch: 'The client can now offer Kerberos, the one mechanism the server accepts.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'package', label: 'NTLM on for the server', side: 'server', pkg: 'NTLM', on: true, watch: 'The server now accepts the NTLM the client offers: the site opens with NTLM.', expect: { outcome: 'success', mechanism: 'NTLM' } },
  ],
  seed: 104,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'http', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate'] },
  nodes: [aliceOnWs01(without('Kerberos')), { ...WEB01, packages: without('NTLM') }, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
};

export const negotiateNoCommonProtocol: Scenario = {
  id: 'negotiate-no-common-protocol',
  title: 'Negotiate with nothing in common: the exchange fails',
  group: 'Negotiate',
  level: 'intermediate',
  minutes: 6,
  references: ['Microsoft Learn: Security Support Provider Interface Architecture', 'RFC 4178 (SPNEGO)', 'MS-SPNG', 'MS-SMB2 2.2.4 (NEGOTIATE response)'],
  keywords: ['no common mechanism', 'negotiate option', 'rejected', 'mechlist', 'spnego reject'],
  goal: 'The "negotiate option" of Microsoft\'s "Security Support Provider Interface Architecture" document: the lists of both sides meet, and the first protocol both support is used — if there is one. Here NTLM is switched off on the client, and Kerberos is switched off on the file server. The server\'s offer (in the SMB2 NEGOTIATE response) lists NTLM only; the client offers Kerberos only. Nothing in common: the server rejects.',
  tryThis: [
    { kind: 'package', label: 'Kerberos on for the server', side: 'server', pkg: 'Kerberos', on: true, watch: 'The server accepts the client\'s Kerberos token: the share opens.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'package', label: 'NTLM on for the client', side: 'client', pkg: 'NTLM', on: true, watch: 'The client now has a second mechanism the server may accept.', expect: { outcome: 'success', mechanism: 'NTLM' } },
  ],
  seed: 105,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs01.contoso.local', resource: 'projects' },
  nodes: [aliceOnWs01(without('NTLM')), { ...FS01, packages: without('Kerberos') }, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
};
