// CredSSP scenarios (issue 13): Remote Desktop with Network Level Authentication. mstsc on WS01
// connects to RDS01 on TCP 3389: X.224 negotiation, the TLS handshake with RDS01's certificate, then
// the TSRequests inside TLS with Negotiate (Kerberos to TERMSRV/rds01, or NTLM by IP), pubKeyAuth
// and the delegated credentials; and the failures administrators meet.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, START, aliceOnWs01 } from '../common';

export const RDS01_PASSWORD = 'RDS01-machine-pw-2mW8';
const rds01 = { id: 'server', role: 'server' as const, hostName: 'RDS01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'RDS01$' };
const base = {
  // Alice types her password in the Remote Desktop Connection prompt (fresh credentials): Kerberos gets a TGT for
  // them inside InitializeSecurityContext. Only the single sign-on scenario starts from her Windows logon.
  group: 'CredSSP' as const, seed: 20161012, startTime: START, domain: CONTOSO,
  application: { protocol: 'rdp' as const, package: 'CredSSP' as const, target: 'rds01.contoso.local' },
  nodes: [aliceOnWs01(), rds01, DC01],
  accounts: [...DIRECTORY, { name: 'RDS01$', kind: 'computer' as const, password: RDS01_PASSWORD, rid: 1110, spns: ['HOST/rds01', 'HOST/rds01.contoso.local', 'TERMSRV/rds01', 'TERMSRV/rds01.contoso.local'] }],
};
const CSSP = 'MS-CSSP 3.1.5 (processing the TSRequests)';
const NLA = 'MS-RDPBCGR 5.4.5.2 (CredSSP / NLA)';
const DELEGATION = 'Microsoft Learn: Credentials Delegation policies (Allow delegating fresh / default credentials)';

export const credsspRdp: Scenario = {
  ...base,
  id: 'credssp-rdp', title: 'CredSSP: Remote Desktop with Network Level Authentication (Kerberos inside)', level: 'intermediate', minutes: 15,
  references: [CSSP, NLA, 'RFC 4178 (SPNEGO)', 'RFC 4120 (Kerberos)', 'RFC 5246 (TLS 1.2)'],
  keywords: ['credssp', 'rdp', 'remote desktop', 'nla', 'network level authentication', 'tsrequest', 'pubkeyauth', 'delegation', 'termsrv'],
  goal: 'Alice opens Remote Desktop Connection to rds01.contoso.local and types her password. Before any RDP session exists, CredSSP authenticates her: the X.224 negotiation selects CredSSP (PROTOCOL_HYBRID_EX); CredSSP runs a TLS handshake with RDS01\'s certificate; inside TLS the TSRequests carry SPNEGO with a Kerberos AP-REQ for TERMSRV/rds01.contoso.local; pubKeyAuth binds the TLS public key to that authentication (the SHA-256 binding hash with clientNonce, version 6), and only then the client sends her password in authInfo (TSCredentials), encrypted with the Kerberos key. Fresh (typed) credentials may be delegated to TERMSRV/* when the policy is not configured. The inspector opens every layer: the TLS record with the TLS key, pubKeyAuth and authInfo with the Kerberos subkey.',
  narration: { intro: 'Remote Desktop never sees Kerberos: it calls CredSSP through SSPI and carries the TLS records CredSSP gives it on TCP 3389.' },
  tryThis: [
    { kind: 'param', label: 'Connect by IP address', name: 'target', value: '10.0.0.30', watch: 'No SPN can be built for an address: Negotiate inside CredSSP runs NTLM, the three NTLM messages travel in TSRequests and RDS01 asks the DC (Netlogon) — and the certificate no longer matches the name typed.', expect: { mechanism: 'NTLM', decisive: 'TSRequest: NTLM NEGOTIATE' } },
    { kind: 'param', label: 'Use the logged-on credentials (SSO)', name: 'rdpCredentials', value: 'default', watch: 'Kerberos and pubKeyAuth still succeed, but before TSCredentials the client checks Credentials Delegation: default credentials are not allowed to TERMSRV/*, so it stops with SEC_E_DELEGATION_POLICY.', expect: { outcome: 'failure', decisive: 'SEC_E_DELEGATION_POLICY' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The typed password gets its own TGT inside InitializeSecurityContext: the KDC refuses the pre-authentication, and no TSRequest is ever sent.', expect: { outcome: 'failure', decisive: 'KDC_ERR_PREAUTH_FAILED' } },
  ],
};

export const credsspRdpNtlmByIp: Scenario = {
  ...base,
  id: 'credssp-rdp-ntlm-by-ip', title: 'CredSSP: Remote Desktop to an IP address — NTLM inside', level: 'intermediate', minutes: 12,
  application: { ...base.application, target: '10.0.0.30' },
  references: [CSSP, 'MS-NLMP 3.1 (NTLM)', 'MS-SPNG (Negotiate)', NLA],
  keywords: ['credssp', 'rdp', 'ip address', 'ntlm', 'no spn', 'nla', 'fallback'],
  goal: 'Alice types 10.0.0.30 in Remote Desktop Connection. There is no SPN for an address, so Negotiate inside CredSSP cannot run Kerberos and uses NTLM: three NTLM messages in the TSRequests, RDS01 validating the response with the DC (Netlogon pass-through), then pubKeyAuth and the password sealed with the NTLM session key. NTLM does not prove the server\'s identity the way Kerberos does; the TLS certificate names rds01.contoso.local, not the address, which is why mstsc warns about the certificate when you connect by IP.',
  tryThis: [
    { kind: 'param', label: 'Connect by name (Kerberos inside)', name: 'target', value: 'rds01.contoso.local', watch: 'With the name, the client asks the KDC for a TERMSRV/rds01.contoso.local ticket and the TSRequests carry a Kerberos AP-REQ and AP-REP instead of NTLM.', expect: { mechanism: 'Kerberos', decisive: 'TSRequest: AP-REQ' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The DC refuses the NTLM response; RDS01 answers a TSRequest whose errorCode is STATUS_LOGON_FAILURE, and nothing is delegated.', expect: { outcome: 'failure', decisive: 'errorCode STATUS_LOGON_FAILURE' } },
    { kind: 'param', label: 'Use the logged-on credentials (SSO)', name: 'rdpCredentials', value: 'default', watch: 'Default credentials may not be delegated to TERMSRV/* unless the policy allows it: the client stops before authInfo.', expect: { outcome: 'failure', decisive: 'SEC_E_DELEGATION_POLICY' } },
  ],
};

export const credsspDelegationOff: Scenario = {
  ...base,
  id: 'credssp-delegation-off', title: 'CredSSP: single sign-on to RDP blocked by the delegation policy', level: 'intermediate', minutes: 10,
  logonFirst: true,
  params: { rdpCredentials: 'default' },
  references: [CSSP, DELEGATION, 'MS-CSSP 3.1.5 (SEC_E_DELEGATION_POLICY)'],
  keywords: ['credssp', 'delegation', 'default credentials', 'single sign-on', 'SEC_E_DELEGATION_POLICY', 'allow delegating default credentials', 'gpo'],
  goal: 'Alice connects without typing a password: mstsc uses her logged-on (default) credentials. Kerberos authenticates her and pubKeyAuth checks out both ways, but before sending TSCredentials the client consults Credentials Delegation: "Allow delegating default credentials" is not configured, so default credentials may not go to TERMSRV/rds01. CredSSP stops with SEC_E_DELEGATION_POLICY ("Your system administrator does not allow the use of default credentials to log on to the remote computer") and no credentials leave the client. Enable the policy with TERMSRV/* (Computer Configuration > Administrative Templates > System > Credentials Delegation) or type the password.',
  tryThis: [
    { kind: 'param', label: 'Allow delegating default credentials', name: 'allowDelegatingDefaultCredentials', value: true, watch: 'With the policy enabled for TERMSRV/*, the client sends authInfo: the logged-on user\'s password, encrypted with the Kerberos key, and single sign-on works.', expect: { outcome: 'success', decisive: 'TSRequest: authInfo' } },
    { kind: 'param', label: 'Type the password (fresh credentials)', name: 'rdpCredentials', value: 'fresh', watch: 'Fresh credentials may be delegated to TERMSRV/* when nothing is configured: the typed password goes in authInfo.', expect: { outcome: 'success', decisive: 'TSRequest: authInfo' } },
  ],
};

export const credsspOracleRemediation: Scenario = {
  ...base,
  id: 'credssp-oracle-remediation', title: 'CredSSP: "This could be due to CredSSP encryption oracle remediation" (CVE-2018-0886)', level: 'advanced', minutes: 12,
  params: { serverCredsspPatched: false, clientOracleRemediation: 'force-updated-clients' },
  references: [CSSP, 'KB4093492 (CredSSP updates for CVE-2018-0886)', 'Microsoft Learn: CredSSP encryption oracle remediation', 'MS-CSSP 2.2.1 (TSRequest versions)'],
  keywords: ['credssp', 'encryption oracle remediation', 'CVE-2018-0886', 'force updated clients', 'mitigated', 'vulnerable', 'tsrequest version', 'authentication error'],
  goal: 'The client has the May 2018 CredSSP update with "Encryption Oracle Remediation" set to Force Updated Clients; RDS01 was never updated and speaks TSRequest version 3. The client sends version 6; the server\'s first answer says version 3 — a server that still uses the pre-fix pubKeyAuth (the raw public key, open to the CVE-2018-0886 oracle attack). An updated client set to Force Updated Clients or Mitigated will not fall back, so CredSSP stops with the error users know: "An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation." Update the server, or (not recommended) set the client to Vulnerable.',
  tryThis: [
    { kind: 'param', label: 'Install the CredSSP update on the server', name: 'serverCredsspPatched', value: true, watch: 'The server answers TSRequest version 6: pubKeyAuth becomes the SHA-256 binding hash with clientNonce, and the connection goes through.', expect: { outcome: 'success', decisive: 'TSRequest: pubKeyAuth' } },
    { kind: 'param', label: 'Client remediation: Vulnerable', name: 'clientOracleRemediation', value: 'vulnerable', watch: 'The client falls back to version 3: pubKeyAuth is the server\'s public key itself (and + 1 back), with no clientNonce — the form CVE-2018-0886 attacked. It works, and it is what Microsoft warns against.', expect: { outcome: 'success', decisive: 'TSRequest: pubKeyAuth' } },
  ],
};

export const credsspRestrictedAdmin: Scenario = {
  ...base,
  id: 'credssp-restricted-admin', title: 'CredSSP: Restricted Admin mode — no password reaches the server', level: 'advanced', minutes: 10,
  params: { restrictedAdmin: true, serverAllowsRestrictedAdmin: true },
  references: [CSSP, 'MS-CSSP 2.2.1.2.1 (TSPasswordCreds)', 'MS-RDPBCGR 2.2.1.1.1 (RESTRICTED_ADMIN_MODE_REQUIRED)', 'Microsoft Learn: Remote Credential Guard'],
  keywords: ['credssp', 'restricted admin', 'remote credential guard', 'pass the hash', 'lateral movement', 'mstsc /restrictedAdmin', 'TSRemoteGuardCreds'],
  goal: 'An administrator connects with mstsc /restrictedAdmin to a server that allows it (DisableRestrictedAdmin = 0). The X.224 request sets RESTRICTED_ADMIN_MODE_REQUIRED and the server\'s answer sets RESTRICTED_ADMIN_MODE_SUPPORTED. CredSSP runs as usual — Kerberos, pubKeyAuth — but authInfo carries an empty TSPasswordCreds: domain, user and password all empty. The server logs the user on from the Kerberos authentication alone, so a compromised server has no password to steal. Compare with Remote Credential Guard (TSRemoteGuardCreds: a Kerberos ticket, requests sent back to the client).',
  tryThis: [
    { kind: 'param', label: 'Restricted Admin off', name: 'restrictedAdmin', value: false, watch: 'authInfo now holds Alice\'s domain, name and password (TSPasswordCreds): the server can reuse them.', expect: { decisive: 'password delegated' } },
    { kind: 'param', label: 'Remote Credential Guard instead', name: 'remoteCredentialGuard', value: true, watch: 'The request sets REDIRECTED_AUTHENTICATION_MODE_REQUIRED and authInfo holds TSRemoteGuardCreds: a Kerberos ticket logon buffer, no password.', expect: { decisive: 'Remote Credential Guard' } },
    { kind: 'param', label: 'Server refuses Restricted Admin', name: 'serverAllowsRestrictedAdmin', value: false, watch: 'The Connection Confirm does not set RESTRICTED_ADMIN_MODE_SUPPORTED (DisableRestrictedAdmin is not 0): the client stops before CredSSP.', expect: { outcome: 'failure' } },
  ],
};

export const credsspNlaRequired: Scenario = {
  ...base,
  id: 'credssp-nla-required', title: 'CredSSP: the server requires Network Level Authentication (HYBRID_REQUIRED_BY_SERVER)', level: 'beginner', minutes: 6,
  logonFirst: true,
  params: { clientOffersNla: false },
  references: [NLA, 'MS-RDPBCGR 2.2.1.2.2 (RDP_NEG_FAILURE)', 'Microsoft Learn: Network Level Authentication'],
  keywords: ['nla', 'network level authentication', 'HYBRID_REQUIRED_BY_SERVER', 'rdp', 'x.224', 'credssp'],
  goal: 'An old Remote Desktop client offers only TLS (PROTOCOL_SSL) in its X.224 Connection Request. RDS01 requires Network Level Authentication, the Windows default: its Connection Confirm carries RDP_NEG_FAILURE with HYBRID_REQUIRED_BY_SERVER and it closes the connection. No SSPI call happens at all: "The remote computer requires Network Level Authentication, which your computer does not support." NLA means the user is authenticated (by CredSSP) before the server creates a session.',
  tryThis: [
    { kind: 'param', label: 'Client offers NLA', name: 'clientOffersNla', value: true, watch: 'The request offers PROTOCOL_HYBRID: the server selects CredSSP, and TLS, the Kerberos ticket and the TSRequests follow.', expect: { outcome: 'success', decisive: 'TSRequest: AP-REQ' } },
    { kind: 'param', label: 'Server does not require NLA', name: 'serverRequiresNla', value: false, watch: 'The server accepts plain TLS: a session starts before anybody authenticated — what NLA is there to prevent.', expect: { decisive: 'No NLA' } },
  ],
};

export const CREDSSP_SCENARIOS: Scenario[] = [credsspRdp, credsspRdpNtlmByIp, credsspDelegationOff, credsspOracleRemediation, credsspRestrictedAdmin, credsspNlaRequired];
