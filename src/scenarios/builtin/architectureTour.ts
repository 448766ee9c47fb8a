// The first lesson: the SSPI architecture itself (Microsoft, "Security Support Provider Interface
// Architecture"): each machine lists its security packages, then one Negotiate logon to an intranet
// site, to be watched in the layered view (application → SSPI → SSP), where the tokens the
// application carries stay opaque to it.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const sspiArchitectureTour: Scenario = {
  id: 'sspi-architecture-tour',
  title: 'Start here: the SSPI architecture — application, SSPI, security packages, opaque tokens',
  group: 'Negotiate',
  level: 'beginner',
  minutes: 10,
  references: ['Microsoft Learn: Security Support Provider Interface Architecture', 'Microsoft Learn: EnumerateSecurityPackages function', 'Microsoft Learn: SecPkgInfoW structure', 'RFC 4178 (SPNEGO)', 'RFC 4559 (HTTP Negotiate)'],
  keywords: ['sspi', 'architecture', 'ssp', 'security package', 'EnumerateSecurityPackages', 'SecPkgInfo', 'opaque token', 'first lesson', 'start here', 'overview', 'lsa'],
  goal: 'Windows applications do not speak Kerberos or NTLM: they call SSPI, and SSPI hands the work to a security package (an SSP). First every machine lists its packages with EnumerateSecurityPackages, each with its SecPkgInfo capabilities (signing, sealing, mutual authentication, delegation, the largest token). Then Alice logs on (the Kerberos SSP gets her TGT) and opens the intranet site: the browser asks SSPI for Negotiate, loops InitializeSecurityContext while IIS loops AcceptSecurityContext, and carries each token in an HTTP header without reading it. Switch on "SSPI layers" to see the three layers on each machine: the application, SSPI, and the SSP that does the work.',
  tryThis: [
    { kind: 'package', label: 'Kerberos off on the server', side: 'server', pkg: 'Kerberos', on: false, watch: 'The same application calls, the same opaque tokens in the same headers: only the SSP behind Negotiate changes, to NTLM.', expect: { outcome: 'success', mechanism: 'NTLM' } },
    { kind: 'package', label: 'Negotiate off on the client', side: 'client', pkg: 'Negotiate', on: false, watch: 'The browser goes down the server\'s list: without Negotiate on WS01 it answers "WWW-Authenticate: NTLM" and asks SSPI for the NTLM package itself, with no SPNEGO around the tokens.', expect: { outcome: 'success', mechanism: 'NTLM' } },
    { kind: 'param', label: 'Name the server by IP (10.0.0.30)', name: 'target', value: '10.0.0.30', watch: 'Negotiate, inside SSPI, decides (targetIsIpAddress): no service ticket can be asked for an address, so it hands the work to NTLM. The browser\'s calls do not change.', expect: { mechanism: 'NTLM', decisive: 'targetIsIpAddress' } },
  ],
  seed: 1,
  startTime: START,
  domain: CONTOSO,
  enumeratePackages: true,
  logonFirst: true,
  application: { protocol: 'http', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate', 'NTLM'] },
  nodes: [
    aliceOnWs01(ALL),
    { id: 'server', role: 'server', hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' },
    DC01,
  ],
  accounts: DIRECTORY,
  groups: GROUPS,
  narration: {
    intro: 'The application calls SSPI; SSPI calls a security package; the package makes tokens the application carries without reading them.',
    steps: {
      'Kerberos AS-REQ#1': 'Alice logs on at WS01 before any application runs: Winlogon hands her password to the Kerberos SSP, which asks the KDC for a TGT. Nothing in any application asked for it; the SSP will use the TGT later on behalf of every application.',
      'Kerberos AS-REQ#2': 'The Kerberos SSP tries again with pre-authentication: a time stamp encrypted with a key made from Alice\'s password. The password itself never leaves WS01.',
      'HTTP GET /': 'The browser asks for the page with no credentials, as every HTTP client does first. It has not called SSPI yet.',
      'Kerberos AP-REQ': 'The browser called InitializeSecurityContext("Negotiate") and got back a token. To the browser it is an opaque blob to base64 into "Authorization: Negotiate"; inside, Negotiate\'s SPNEGO wraps a Kerberos AP-REQ that only the Kerberos SSP on WEB01 can read.',
      'Kerberos AP-REP': 'IIS passed the blob to AcceptSecurityContext and got SEC_E_OK and a token to send back. IIS knows now who the user is (an access token for Alice), but it never looked inside the ticket: the Kerberos SSP did.',
    },
  },
};
