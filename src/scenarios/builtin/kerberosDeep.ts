// Kerberos lessons that need more of the KDC: encryption types that do not meet, what an attacker can
// take offline (Kerberoasting, AS-REP roasting), a second domain of the forest (referral), and the
// double hop (MS-SFU constrained delegation). Plain data, like every built-in scenario.
import type { Scenario } from '../../engine/scenario';
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
