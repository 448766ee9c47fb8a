import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const negotiateKerberosHttp: Scenario = {
  id: 'negotiate-kerberos-http',
  title: 'Negotiate on an intranet web site: Kerberos wins',
  group: 'Negotiate',
  level: 'basic',
  goal: 'Alice opens http://intranet.contoso.local. The server answers 401 with "WWW-Authenticate: Negotiate" and "NTLM". The browser calls the Negotiate SSP, which prefers Kerberos: it gets a ticket for HTTP/intranet.contoso.local and sends it optimistically inside a SPNEGO NegTokenInit that also lists NTLM. The server accepts Kerberos, and proves itself back (mutual authentication). Try switching Kerberos off on the server, or making the KDC unreachable, to see when Negotiate falls back to NTLM.',
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
