import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const negotiateKerberosHttp: Scenario = {
  id: 'negotiate-kerberos-http',
  title: 'Negotiate on an intranet web site: Kerberos wins',
  group: 'Negotiate',
  level: 'beginner',
  minutes: 12,
  references: ['RFC 4559 (HTTP Negotiate)', 'RFC 4178 (SPNEGO)', 'MS-SPNG', 'RFC 4120 (Kerberos V5)', 'MS-KILE'],
  keywords: ['negotiate', 'spnego', 'http', 'web', 'browser', '401', 'www-authenticate', 'mutual authentication', 'kerberos', 'intranet', 'sso'],
  goal: 'Alice opens http://intranet.contoso.local. The server answers 401 with "WWW-Authenticate: Negotiate" and "NTLM". The browser calls the Negotiate SSP, which prefers Kerberos: it gets a ticket for HTTP/intranet.contoso.local and sends it optimistically inside a SPNEGO NegTokenInit that also lists NTLM. The server accepts Kerberos, and proves itself back (mutual authentication). Try switching Kerberos off on the server, or making the KDC unreachable, to see when Negotiate falls back to NTLM.',
  tryThis: [
    { kind: 'param', label: 'Name the server by IP (10.0.0.30)', name: 'target', value: '10.0.0.30', watch: 'No SPN can be formed from an IP address: Negotiate decides at once for NTLM (targetIsIpAddress) and no TGS-REQ is sent.', expect: { outcome: 'success', mechanism: 'NTLM', decisive: 'targetIsIpAddress' } },
    { kind: 'param', label: 'KDC unreachable', name: 'kdcReachable', value: false, watch: 'The AS-REQ gets no answer: Negotiate falls back to NTLM and the server checks the answer with the DC over Netlogon.', expect: { outcome: 'success', mechanism: 'NTLM', decisive: 'kdcUnreachable' } },
    { kind: 'param', label: 'SPN not registered', name: 'spnRegistered', value: false, watch: 'The TGS-REQ for HTTP/intranet comes back KDC_ERR_S_PRINCIPAL_UNKNOWN, and only then does Negotiate fall back to NTLM.', expect: { mechanism: 'NTLM', decisive: 'KDC_ERR_S_PRINCIPAL_UNKNOWN' } },
    { kind: 'package', label: 'Kerberos off on the server', side: 'server', pkg: 'Kerberos', on: false, watch: 'The client still sends its optimistic Kerberos token; the server answers with the mechanism it can accept, NTLM.', expect: { mechanism: 'NTLM' } },
  ],
  seed: 7,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'http', package: 'Negotiate', target: 'intranet.contoso.local', resource: '/', serverOffers: ['Negotiate', 'NTLM'] },
  nodes: [
    aliceOnWs01(ALL),
    { id: 'server', role: 'server', hostName: 'WEB01', address: '10.0.0.30', joined: true, packages: ALL, serviceAccount: 'svc-web' },
    DC01,
  ],
  accounts: DIRECTORY,
  groups: GROUPS,
  narration: { intro: 'Negotiate is not a protocol of its own: it picks one (Kerberos first) and carries its tokens.' },
};
