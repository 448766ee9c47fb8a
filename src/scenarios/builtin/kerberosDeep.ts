// Kerberos lessons that need more of the KDC: encryption types that do not meet, what an attacker can
// take offline (Kerberoasting, AS-REP roasting), a second domain of the forest (referral), and the
// double hop (MS-SFU constrained delegation). Plain data, like every built-in scenario.
import type { DirectoryAccount, Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

const WEB01 = { id: 'server', role: 'server' as const, hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' };
const INTRANET = { protocol: 'http' as const, package: 'Negotiate' as const, target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate' as const, 'NTLM' as const] };

export const kerberosEtypeMismatch: Scenario = {
  id: 'kerberos-etype-mismatch',
  title: 'Encryption types that do not meet: KDC_ERR_ETYPE_NOSUPP, and Negotiate falls back to NTLM',
  group: 'Kerberos',
  level: 'advanced',
  minutes: 12,
  references: ['RFC 3961 (encryption types)', 'RFC 3962 (AES for Kerberos)', 'RFC 4757 (RC4-HMAC)', 'RFC 4120 7.5.9 (error codes)', 'MS-KILE 3.3.5.7', 'KB5073381'],
  keywords: ['etype', 'encryption type', 'KDC_ERR_ETYPE_NOSUPP', 'rc4', 'aes', 'msDS-SupportedEncryptionTypes', 'DefaultDomainSupportedEncTypes', 'why ntlm', 'CVE-2026-20833'],
  goal: 'Every Kerberos key belongs to an encryption type: AES (RFC 3962) or the old RC4-HMAC (RFC 4757). WS01 has the policy "Configure encryption types allowed for Kerberos" set to RC4 only, while the svc-web service account was made AES only. The logon still works (alice has an RC4 key), but for the service ticket the KDC finds no encryption type both the client and the service accept, and answers KDC_ERR_ETYPE_NOSUPP. Negotiate treats that as "Kerberos cannot be had" and falls back to NTLM: the site opens, quietly without Kerberos. Try the reverse (client AES only, service RC4 only), and the service account with no msDS-SupportedEncryptionTypes at all, where the domain default decides: RC4 in the 2016 profile, AES only in the 2025 profile since the April 2026 updates (KB5073381).',
  tryThis: [
    { kind: 'param', label: 'Client etypes: default (AES and RC4)', name: 'clientEnctypes', value: 'default', watch: 'The client lists aes256 first again: the KDC finds AES in common with svc-web and issues the ticket; Kerberos, no fallback.', expect: { outcome: 'success', mechanism: 'Kerberos', absent: 'KDC_ERR_ETYPE_NOSUPP' } },
    { kind: 'param', label: 'Service etypes: default (AES and RC4)', name: 'serviceEnctypes', value: 'default', watch: 'svc-web accepts RC4 again: the RC4-only client gets an RC4 service ticket (the weaker key the 2025 profile moves away from).', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'The quiet fallback is refused: KDC_ERR_ETYPE_NOSUPP now ends the connection, which is how such mismatches get noticed.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
  ],
  seed: 206,
  startTime: START,
  domain: CONTOSO,
  application: INTRANET,
  nodes: [aliceOnWs01(ALL), WEB01, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { clientEnctypes: 'rc4', serviceEnctypes: 'aes' },
  narration: {
    intro: 'A Kerberos ticket is encrypted with a key of one encryption type, and its session key must be of a type both ends can use.',
    steps: {
      'Kerberos AS-REQ#1': 'The etype list of this AS-REQ is what WS01\'s policy "Configure encryption types allowed for Kerberos" allows (open req-body, etype): RC4 only (23) as the lesson starts, AES only (18, 17) in the reverse. A Windows client left at its default lists aes256 first, then RC4.',
      'Kerberos AS-REQ#2': 'Pre-authentication with the first type the KDC named that the client allows: an RC4 key is alice\'s NT hash (RFC 4757), an AES key comes from her password and a salt (RFC 3962). Her account has keys of every type, so the logon works either way.',
      'Kerberos AS-REP': 'The TGT comes back. The ticket itself is sealed with a krbtgt AES key, whatever the client asked (only the KDC ever reads it); its session key is of a type from the client\'s list, because the client must use it.',
      'Kerberos TGS-REQ': 'The client asks for HTTP/intranet.contoso.local with the same allowed list. The KDC must now find a type that svc-web supports (its msDS-SupportedEncryptionTypes, or the domain default when that is not set) for the service ticket and its session key.',
      'Kerberos KRB-ERROR (KDC_ERR_ETYPE_NOSUPP)': 'KDC_ERR_ETYPE_NOSUPP (error 14): no type in the client\'s list is one svc-web supports (AES only against RC4 only, or the reverse), so there can be no service ticket. The domain controller also logs an event naming the requested types and the account\'s.',
      noCommonEtype: 'Negotiate reads KDC_ERR_ETYPE_NOSUPP as "no ticket can be had", as it reads an unknown SPN, and falls back to NTLM. Nothing tells the user: only the missing ticket in klist and an NTLM logon event on the server show it.',
    },
  },
};

/** A SQL Server service account whose password a person chose (the classic Kerberoasting target), and an old
 *  scanner account someone set to "Do not require Kerberos preauthentication" (the AS-REP roasting target). */
const SVC_SQL: DirectoryAccount = { name: 'svc-sql', kind: 'service', password: 'Sql-Service-2012', rid: 1110, spns: ['MSSQLSvc/sql01.contoso.local', 'MSSQLSvc/sql01.contoso.local:1433'] };
const LEGACY_SCAN: DirectoryAccount = { name: 'legacy-scan', kind: 'user', password: 'Scanner#2009', rid: 1111, fullName: 'Legacy scanner', groups: [513], dontRequirePreauth: true };
const SQL01 = { id: 'server', role: 'server' as const, hostName: 'SQL01', address: '10.0.0.40', joined: true, packages: ALL, serviceAccount: 'svc-sql' };

export const kerberoasting: Scenario = {
  id: 'kerberoasting-and-asrep-roasting',
  title: 'Kerberoasting and AS-REP roasting: what any domain user can take offline',
  group: 'Kerberos',
  level: 'advanced',
  minutes: 15,
  references: ['RFC 4120 3.1.3, 3.3.3 (KDC replies)', 'RFC 4757 (RC4-HMAC)', 'RFC 3962 (AES, PBKDF2)', 'MS-KILE 3.3.5.6.1 (pre-authentication)', 'KB5073381', 'MS-ADTS 2.2.16 (userAccountControl)'],
  keywords: ['kerberoasting', 'kerberoast', 'as-rep roasting', 'asreproast', 'DONT_REQ_PREAUTH', 'offline', 'service account', 'rc4', 'password cracking', 'defender', 'CVE-2026-20833'],
  goal: 'For defenders: what an attacker who has any domain account can take away to guess passwords offline, without touching the service. A script on WS01, running as alice, asks SSPI for a ticket to MSSQLSvc/sql01: the KDC issues it to any authenticated user, and its enc-part is encrypted with svc-sql\'s key. svc-sql has no msDS-SupportedEncryptionTypes, so in the 2016 profile that key is RC4, the account\'s NT hash: every guess costs one MD4. The script then sends an AS-REQ for legacy-scan, an account with "Do not require Kerberos preauthentication": the KDC answers with an AS-REP sealed with legacy-scan\'s key. SQL01 never sees a packet. Nothing here guesses anything; the lesson is what each setting changes. Make svc-sql AES only (each guess then costs 4096 rounds of a salted key derivation), require pre-authentication (no AS-REP at all), or switch to the 2025 profile, where the domain default is AES only.',
  tryThis: [
    { kind: 'param', label: 'svc-sql AES only', name: 'serviceEnctypes', value: 'aes', watch: 'The ticket the script gets is sealed with svc-sql\'s AES key: PBKDF2 with 4096 iterations makes each offline guess thousands of times costlier than RC4.', expect: { decisive: 'aesServiceTicket', absent: 'roastableRc4Ticket' } },
    { kind: 'param', label: 'Require pre-authentication everywhere', name: 'requirePreauth', value: true, watch: 'The KDC asks for legacy-scan\'s encrypted time stamp first: the script cannot supply it, so no AS-REP to take away.', expect: { decisive: 'preauthRequired', absent: 'roastableAsRep' } },
    { kind: 'param', label: 'Windows Server 2025 profile', name: 'windowsRelease', value: '2025', watch: 'An account with no msDS-SupportedEncryptionTypes gets AES tickets in the 2025 profile (KB5073381): the RC4 ticket is gone without touching svc-sql.', expect: { decisive: 'aesServiceTicket', absent: 'roastableRc4Ticket' } },
  ],
  seed: 207,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: { protocol: 'kerberos-tickets', package: 'Kerberos', target: 'sql01.contoso.local', resource: 'MSSQLSvc/sql01.contoso.local:1433' },
  nodes: [aliceOnWs01(ALL), SQL01, DC01],
  accounts: [...DIRECTORY, SVC_SQL, LEGACY_SCAN],
  groups: GROUPS,
  params: { serviceEnctypes: 'unset' },
  narration: {
    intro: 'Kerberos hands tickets to anyone who asks with a valid TGT: the protection of a service ticket is the strength of the service account\'s key.',
    steps: {
      'Kerberos AS-REQ#1': 'alice logs on to WS01 as every morning: nothing unusual yet. Whoever controls her session (a phished laptop, a malicious macro) can now ask the KDC for tickets in her name.',
      'Kerberos AS-REQ#2': 'The logon\'s pre-authenticated AS-REQ: alice proves she knows her password with an encrypted time stamp.',
      'Kerberos AS-REP#1': 'alice\'s TGT arrives; from here on, every request in her name is an ordinary, authenticated one.',
      'Kerberos TGS-REQ': 'The script asks SSPI for a ticket to MSSQLSvc/sql01.contoso.local:1433, exactly as a legitimate SQL client would: the TGS-REQ is indistinguishable from normal traffic. Any domain user may ask for a ticket to any SPN.',
      'Kerberos TGS-REP': 'The KDC issues the ticket. Open the ticket\'s enc-part: its etype is the one svc-sql\'s settings allow, and only svc-sql\'s key opens it. That encrypted blob is what leaves with the attacker.',
      'Kerberos AS-REQ#3': 'An AS-REQ for legacy-scan with no pre-authentication data at all, listing only rc4-hmac. The script needs no password to send it, only the account name.',
      'Kerberos AS-REP#2': 'Because legacy-scan has DONT_REQ_PREAUTH, the KDC answers at once: a TGT for legacy-scan, and an enc-part sealed with legacy-scan\'s RC4 key. The lab opens it because it knows the key; the attacker can only guess.',
      'Kerberos KRB-ERROR (KDC_ERR_PREAUTH_REQUIRED)#2': 'With pre-authentication required, the KDC will not answer without an encrypted time stamp: KDC_ERR_PREAUTH_REQUIRED, and nothing sealed with legacy-scan\'s key comes back.',
      roastableRc4Ticket: 'This is Kerberoasting. What a defender sees: an RC4 service ticket. Detect it (event 4769 with ticket encryption type 0x17), and remove the cause: make the account AES only, give it a long random password or a group managed service account.',
      aesServiceTicket: 'Still a ticket any user can get, but sealed with an AES key: offline guessing now costs thousands of times more per guess, and a long random password puts it out of reach.',
      roastableAsRep: 'This is AS-REP roasting. What a defender sees: an AS-REP issued without pre-authentication (event 4768 with pre-authentication type 0). Find accounts with DONT_REQ_PREAUTH and clear it.',
      preauthRequired: 'Pre-authentication closes this door: without the password there is no time stamp to encrypt, so no reply sealed with the account\'s key.',
    },
  },
};

/** EMEA, a child domain of the contoso.local forest (a two-way, transitive parent-child trust). */
const EMEA = { dnsName: 'emea.contoso.local', netbiosName: 'EMEA', sid: 'S-1-5-21-2281975349-3906021472-1830461021' };
const EMEA_DIRECTORY: DirectoryAccount[] = [
  { name: 'krbtgt', kind: 'krbtgt', password: 'krbtgt-EMEA-w7!Lp3Rx', rid: 502, kvno: 2 },
  { name: 'DC02$', kind: 'computer', password: 'DC02-machine-pw-8mN4', rid: 1000, spns: ['HOST/dc02', 'HOST/dc02.emea.contoso.local', 'ldap/dc02.emea.contoso.local'] },
  { name: 'FS02$', kind: 'computer', password: 'FS02-machine-pw-2pV6', rid: 1104, spns: ['HOST/fs02', 'HOST/fs02.emea.contoso.local', 'cifs/fs02', 'cifs/fs02.emea.contoso.local'] },
  { name: 'bruno', kind: 'user', password: 'Herbst2016!', rid: 1105, fullName: 'Bruno Weber', groups: [513] },
];
const FS02 = { id: 'server', role: 'server' as const, hostName: 'FS02', address: '10.1.0.21', joined: true, domain: EMEA.dnsName, packages: ALL, serviceAccount: 'FS02$' };
const DC02 = { id: 'dc2', role: 'dc' as const, hostName: 'DC02', address: '10.1.0.1', joined: true, domain: EMEA.dnsName, packages: ALL };

export const kerberosCrossDomain: Scenario = {
  id: 'kerberos-cross-domain',
  title: 'Kerberos across domains: a referral TGT and a second KDC',
  group: 'Kerberos',
  level: 'advanced',
  minutes: 15,
  references: ['RFC 4120 1.2 (cross-realm)', 'RFC 4120 3.3.3.2 (transited)', 'RFC 6806 8 (referrals)', 'MS-KILE 3.3.5.7.5 (referrals)', 'MS-PAC 2.8 (signatures)', 'MS-ADTS 6.1.6 (trusts)'],
  keywords: ['cross domain', 'cross realm', 'referral', 'trust', 'forest', 'child domain', 'inter-realm', 'krbtgt', 'global catalog', 'two domains'],
  goal: 'alice, a user of contoso.local, opens a share on FS02 in emea.contoso.local, a child domain of the same forest. Her domain controller cannot issue a ticket for a server it does not hold; it finds the SPN in the forest\'s global catalog and answers with a referral: a TGT for krbtgt/EMEA.CONTOSO.LOCAL, sealed with the inter-realm key the two domains share through their trust. WS01 then asks DC02, the KDC of EMEA, for the service ticket with that referral ticket. DC02 opens it with the same trust key, checks the PAC\'s signature it can check, and issues a ticket for cifs/fs02 whose PAC it signs again with its own keys. Open each ticket to see which key seals it.',
  tryThis: [
    { kind: 'param', label: 'SPN registered nowhere in the forest', name: 'spnRegistered', value: false, watch: 'DC01 finds no account anywhere: no referral, KDC_ERR_S_PRINCIPAL_UNKNOWN, and Negotiate falls back to NTLM (FS02 passes it to its own DC).', expect: { mechanism: 'NTLM', decisive: 'spnNotFound' } },
    { kind: 'param', label: 'Name the server by IP (10.1.0.21)', name: 'target', value: '10.1.0.21', watch: 'No SPN from an IP address: no TGS exchange at all, Negotiate uses NTLM and FS02 passes it to its own DC.', expect: { mechanism: 'NTLM', decisive: 'targetIsIpAddress' } },
  ],
  seed: 208,
  startTime: START,
  domain: CONTOSO,
  trusts: [{ domain: EMEA, accounts: EMEA_DIRECTORY, groups: [], trustPassword: 'Trust-CONTOSO-EMEA-5rT!9q' }],
  logonFirst: true,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs02.emea.contoso.local', resource: 'sales' },
  nodes: [aliceOnWs01(ALL), FS02, DC01, DC02],
  accounts: DIRECTORY,
  groups: GROUPS,
  narration: {
    intro: 'Each domain has its own KDC and its own krbtgt key; a trust between two domains is a key they share, and a referral TGT is sealed with it.',
    steps: {
      'Kerberos TGS-REQ#1': 'WS01 asks its own domain controller, DC01, for cifs/fs02.emea.contoso.local, with the canonicalize option set: the client accepts a referral if the server is elsewhere.',
      'Kerberos TGS-REP#1': 'DC01 holds no account with that SPN. The global catalog says it belongs to emea.contoso.local, so DC01 answers with a referral: a TGT for krbtgt/EMEA.CONTOSO.LOCAL (open sname), sealed with the inter-realm key of the CONTOSO→EMEA trust, not with any key of FS02. Its PAC is alice\'s, signed again: the server signature with the trust key, the KDC signature with CONTOSO\'s krbtgt.',
      'Kerberos TGS-REQ#2': 'The same request, now to DC02 (10.1.0.1), the KDC of EMEA, with the referral TGT in PA-TGS-REQ and realm EMEA.CONTOSO.LOCAL in the body. The authenticator still names alice@CONTOSO.LOCAL: she has no account in EMEA.',
      'Kerberos TGS-REP#2': 'DC02 opens the referral TGT with its side of the trust key and checks the PAC\'s server signature (it cannot check CONTOSO\'s KDC signature: it has no CONTOSO krbtgt key). It issues the ticket for cifs/fs02.emea.contoso.local, sealed with FS02$\'s key, the PAC now signed with FS02$\'s key and EMEA\'s krbtgt. The ticket\'s realm is EMEA.CONTOSO.LOCAL; its client realm stays CONTOSO.LOCAL.',
      'Kerberos AP-REQ': 'FS02 receives an ordinary AP-REQ: it decrypts a ticket its own domain\'s KDC issued, and reads a PAC with alice\'s CONTOSO SIDs. FS02 never talks to CONTOSO.',
    },
  },
};

/** The web front end's account may delegate to the file server (constrained delegation), and the file server lets
 *  it act for users (resource-based); the parameter delegation decides which of the two is in effect. */
const DOUBLE_HOP_DIRECTORY: DirectoryAccount[] = DIRECTORY.map((a) => (a.name === 'svc-web' ? { ...a, allowedToDelegateTo: ['cifs/fs01.contoso.local', 'cifs/fs01'] }
  : a.name === 'FS01$' ? { ...a, allowedToActOnBehalfOf: ['svc-web'] } : a));
const FS01_BACKEND = { id: 'backend', role: 'server' as const, hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' };

export const kerberosDoubleHop: Scenario = {
  id: 'kerberos-double-hop',
  title: 'The double hop: a web front end reaching a file server as the user (constrained delegation, S4U)',
  group: 'Kerberos',
  level: 'advanced',
  minutes: 20,
  references: ['MS-SFU 3.1.5.1 (S4U2Self)', 'MS-SFU 3.1.5.2 (S4U2Proxy)', 'MS-SFU 2.2.1 (PA-FOR-USER)', 'MS-SFU 3.2.5.2.2 (resource-based)', 'MS-KILE 2.2.10 (PA-PAC-OPTIONS)', 'RFC 4120 5.4.1 (additional-tickets)'],
  keywords: ['double hop', 'second hop', 'delegation', 'constrained delegation', 'kcd', 'rbcd', 'resource-based', 'S4U2Self', 'S4U2Proxy', 'protocol transition', 'KDC_ERR_BADOPTION', 'impersonation', 'access denied'],
  goal: 'alice opens the intranet site on WEB01 with Kerberos; to build the page, the site must read \\\\fs01\\reports as alice. WEB01 can prove who alice is to itself, but it has no password of hers and no TGT of hers: without delegation, its request for a ticket in her name is refused with KDC_ERR_BADOPTION and the second hop fails, the classic "double hop" problem. Turn on constrained delegation: the web server\'s account may delegate to cifs/fs01, so with S4U2Proxy it presents alice\'s forwardable ticket to itself and gets her ticket to the file server. Resource-based delegation lets the file server decide instead. If alice signs in without Kerberos, the web server first asks for a ticket in her name with S4U2Self (protocol transition), which is forwardable only when its account may "use any authentication protocol".',
  tryThis: [
    { kind: 'param', label: 'Constrained delegation to cifs/fs01', name: 'delegation', value: 'constrained', watch: 'S4U2Proxy is allowed: the KDC gives WEB01 alice\'s ticket to cifs/fs01 and the share opens as her.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Resource-based delegation on FS01', name: 'delegation', value: 'resource-based', watch: 'The back end allows svc-web (msDS-AllowedToActOnBehalfOfOtherIdentity): the same S4U2Proxy request succeeds.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Constrained, any authentication protocol', name: 'delegation', value: 'constrained-any', watch: 'As constrained delegation; also lets S4U2Self give a forwardable ticket when alice signs in without Kerberos (then try firstHop ntlm).', expect: { outcome: 'success', mechanism: 'Kerberos' } },
  ],
  seed: 209,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: { protocol: 'double-hop', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/reports', serverOffers: ['Negotiate', 'NTLM'] },
  nodes: [aliceOnWs01(ALL), WEB01, FS01_BACKEND, DC01],
  accounts: DOUBLE_HOP_DIRECTORY,
  groups: GROUPS,
  params: { delegation: 'none' },
  narration: {
    intro: 'Delegation is the KDC letting a service obtain tickets in a user\'s name; MS-SFU defines how it asks (S4U2Self, S4U2Proxy) and the directory says to which services it may.',
    steps: {
      'Kerberos AS-REQ#3': 'Now WEB01 speaks for itself: the service account svc-web logs on to the KDC like a user (a real web server did this when the service started). All it will ask for alice goes through its own TGT.',
      'Kerberos AS-REP#2': 'svc-web\'s TGT. Nothing of alice\'s is in it; the KDC will decide from the directory whether svc-web may act for her.',
      'Kerberos TGS-REQ#2': 'S4U2Proxy (MS-SFU 3.1.5.2): svc-web asks for a ticket to cifs/fs01.contoso.local in alice\'s name. Open the body: kdc-options has cname-in-addl-tkt, and additional-tickets holds the evidence, alice\'s ticket to svc-web itself (from her AP-REQ, or from S4U2Self). PA-PAC-OPTIONS sets resource-based-constrained-delegation so that the back end\'s own setting can count too.',
      'Kerberos TGS-REP#2': 'The KDC checked the evidence with svc-web\'s key and the directory allowed it, so it issued alice\'s ticket to cifs/fs01: client alice, her PAC copied from the evidence and signed again for FS01$. WEB01 never saw her password or her TGT.',
      'Kerberos KRB-ERROR (KDC_ERR_BADOPTION)': 'KDC_ERR_BADOPTION (13): the KDC refuses the S4U2Proxy request. Either the directory does not let svc-web delegate to cifs/fs01 (no msDS-AllowedToDelegateTo entry, no msDS-AllowedToActOnBehalfOfOtherIdentity on FS01$), or the evidence is not forwardable, as an S4U2Self ticket is for a "Kerberos only" service. This is the double hop failing.',
      'kerberosPreferred#2': 'The second hop starts like any Negotiate client: WEB01\'s thread, impersonating alice, prefers Kerberos for cifs/fs01. What differs is the credential: hers, with no password.',
      kerberosHardFailure: 'Negotiate does not try NTLM for the second hop: WEB01 has no NTLM secret of alice\'s either (NTLM would need her password hash), so the share cannot be opened as her and the page fails, often shown to the user as "access denied" or an anonymous logon on the back end.',
    },
  },
};
