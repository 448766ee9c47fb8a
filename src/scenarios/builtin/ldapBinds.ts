import type { DirectoryAccount, Scenario, ScenarioNode } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, PASSWORDS, START, aliceOnWs01, without } from '../common';

/** LDS01: a member server running a directory service (AD LDS) on port 389. */
const LDS01_ACCOUNT: DirectoryAccount = { name: 'LDS01$', kind: 'computer', password: 'LDS01-machine-pw-8pW4', rid: 1110, spns: ['HOST/lds01', 'HOST/lds01.contoso.local', 'ldap/lds01', 'ldap/lds01.contoso.local'] };
const LDS01: ScenarioNode = { id: 'server', role: 'server', hostName: 'LDS01', address: '10.0.0.25', joined: true, packages: ALL, serviceAccount: 'LDS01$' };
const ACCOUNTS = [...DIRECTORY, LDS01_ACCOUNT];

export const digestLdap: Scenario = {
  id: 'digest-ldap',
  title: 'Digest as a SASL mechanism: an LDAP DIGEST-MD5 bind',
  group: 'Digest',
  level: 'intermediate',
  minutes: 10,
  references: ['RFC 2831 (SASL DIGEST-MD5)', 'RFC 4513 (LDAP authentication)', 'MS-DPSP'],
  keywords: ['digest-md5', 'ldap', 'sasl', 'bind', 'port 389'],
  goal: 'An application binds to an LDAP directory with SASL DIGEST-MD5 (RFC 2831): the same Digest SSP as over HTTP, in its SASL form. The client names the mechanism, the server answers saslBindInProgress with its digest-challenge, the client answers with a digest-response for "ldap/lds01.contoso.local", and the server, which has no password, asks the domain controller to check it. The last bindResponse carries rspauth: the server proves it too. Then one search, in clear (only auth was chosen, no security layer).',
  tryThis: [
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The bind fails: invalidCredentials in the bindResponse.', expect: { outcome: 'failure', decisive: 'SEC_E_LOGON_DENIED|invalidCredentials' } },
    { kind: 'param', label: 'Let the nonce go stale', name: 'digestStaleNonce', value: true, watch: 'The DC\'s LDAP server says the nonce is stale: the client answers a fresh challenge.', expect: { decisive: 'stale' } },
  ],
  seed: 2831,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'ldap', package: 'Digest', target: 'lds01.contoso.local' },
  nodes: [
    { id: 'client', role: 'client', hostName: 'WS01', address: '10.0.0.10', joined: true, packages: ALL, logon: { user: 'alice', domain: 'CONTOSO', password: PASSWORDS.alice, typed: true } },
    LDS01,
    DC01,
  ],
  accounts: ACCOUNTS,
  narration: { intro: 'SASL lets LDAP run any SSP\'s tokens inside its bind; DIGEST-MD5 is Digest with A2 = "AUTHENTICATE:" digest-uri.' },
};

export const kerberosLdapBind: Scenario = {
  id: 'kerberos-ldap-bind',
  title: 'Kerberos LDAP bind (GSS-SPNEGO), then a sealed search',
  group: 'Kerberos',
  level: 'intermediate',
  minutes: 10,
  references: ['RFC 4752 (SASL GSSAPI)', 'RFC 4511 (LDAP)', 'RFC 4120 (Kerberos V5)', 'MS-ADTS'],
  keywords: ['ldap', 'sasl', 'gssapi', 'gss-spnego', 'bind', 'ldap/dc01'],
  goal: 'Alice\'s workstation binds to the directory with SASL GSS-SPNEGO: Negotiate picks Kerberos, gets a service ticket for ldap/lds01.contoso.local and sends the AP-REQ in the bind. The bind asked for signing and sealing, so afterwards every LDAP message travels in a SASL buffer (a 4-byte length, then an RFC 4121 Wrap token made by EncryptMessage): the search and its result cannot be read or changed on the way.',
  tryThis: [
    { kind: 'package', label: 'Kerberos off on the server', side: 'server', pkg: 'Kerberos', on: false, watch: 'GSS-SPNEGO settles on NTLM inside the same LDAP bind.', expect: { mechanism: 'NTLM' } },
    { kind: 'param', label: 'Name the server by IP (10.0.0.25)', name: 'target', value: '10.0.0.25', watch: 'No ldap/ SPN from an IP address: the bind uses NTLM.', expect: { mechanism: 'NTLM', decisive: 'targetIsIpAddress' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The logon\'s pre-authentication fails at the KDC: no TGT, no bind.', expect: { outcome: 'failure', decisive: 'KDC_ERR_PREAUTH_FAILED' } },
  ],
  seed: 4121,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: { protocol: 'ldap', package: 'Negotiate', target: 'lds01.contoso.local' },
  nodes: [aliceOnWs01(ALL), LDS01, DC01],
  accounts: ACCOUNTS,
  narration: { intro: 'LDAP signing and sealing comes from the SSP: the bind\'s session key protects every later message.' },
};

export const ntlmLdapBind: Scenario = {
  id: 'ntlm-ldap-bind',
  title: 'NTLM LDAP bind (GSS-SPNEGO), then a sealed search',
  group: 'NTLM',
  level: 'intermediate',
  minutes: 10,
  references: ['MS-ADTS (Sicily bind)', 'MS-NLMP', 'RFC 4511 (LDAP)'],
  keywords: ['ldap', 'ntlm', 'sicily', 'bind', 'gss-spnego'],
  goal: 'The same LDAP bind with Kerberos switched off on the client: Negotiate inside GSS-SPNEGO can only offer NTLM. The directory server passes the response to the domain controller (Netlogon) and gets the session key back; the search then travels sealed with NTLM (RC4 and an HMAC-MD5 signature) in SASL buffers.',
  tryThis: [
    { kind: 'package', label: 'Kerberos on for the client', side: 'client', pkg: 'Kerberos', on: true, watch: 'The same bind, now with a Kerberos AP-REQ inside GSS-SPNEGO.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'NTLM is the only way, and it is denied: the bind fails.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The DC checks the NTLM answer against alice\'s hash: invalidCredentials.', expect: { outcome: 'failure', decisive: 'SEC_E_LOGON_DENIED|invalidCredentials' } },
  ],
  seed: 4511,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'ldap', package: 'Negotiate', target: 'lds01.contoso.local' },
  nodes: [aliceOnWs01(without('Kerberos')), LDS01, DC01],
  accounts: ACCOUNTS,
  narration: {
    intro: 'NTLM can seal LDAP too: its session key, from the DC, keys the RC4 sealing.',
    steps: { kerberosNotEnabledOnClient: 'Kerberos is switched off on WS01 in this scenario, so the Negotiate SSP offers NTLM alone.' },
  },
};
