import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, PASSWORDS, START } from '../common';

export const digestHttp: Scenario = {
  id: 'digest-http',
  title: 'Digest over HTTP: the server challenges, the DC checks',
  group: 'Digest',
  level: 'beginner',
  minutes: 8,
  references: ['RFC 7616 (HTTP Digest)', 'RFC 2617', 'MS-DPSP'],
  keywords: ['digest', 'http', 'md5', 'realm', 'nonce', '401'],
  goal: 'Alice opens a page on an IIS server that accepts only Digest authentication. Here the server speaks first: its 401 carries a challenge (realm, nonce, algorithm MD5-sess, qop). The browser hashes her password with the nonce and never sends it. The web server has no password either: it hands the response to the domain controller, which recomputes it from one of the 29 Digest hashes it precomputed when the password was set, and returns H(A1) so the server can prove itself with rspauth. A second request reuses the nonce with nonce count 2. Try a wrong password, a stale nonce, or SHA-256 on a non-Windows server.',
  tryThis: [
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The DC recomputes the response from its precomputed WDigest hashes: it does not match, and the server answers 401.', expect: { outcome: 'failure', decisive: 'SEC_E_LOGON_DENIED|STATUS_' } },
    { kind: 'param', label: 'Let the nonce go stale', name: 'digestStaleNonce', value: true, watch: 'The server answers stale=true with a new nonce; the client answers again without asking the user.', expect: { decisive: 'stale' } },
    { kind: 'param', label: 'SHA-256 (a non-Windows server)', name: 'digestAlgorithm', value: 'SHA-256', watch: 'A server that asks for RFC 7616\'s SHA-256: the challenge says algorithm SHA-256 and the response and rspauth are 64 hex digits instead of 32.', expect: { decisive: 'algorithm SHA-256' } },
  ],
  seed: 2617,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'http', package: 'Digest', target: 'web01.contoso.local', resource: '/reports/', serverOffers: ['Digest'] },
  nodes: [
    { id: 'client', role: 'client', hostName: 'WS01', address: '10.0.0.10', joined: true, packages: ALL, logon: { user: 'alice', domain: 'CONTOSO', password: PASSWORDS.alice, typed: true } },
    { id: 'server', role: 'server', hostName: 'WEB01', address: '10.0.0.22', joined: true, packages: ALL, serviceAccount: 'WEB01$', localAccounts: [{ user: 'alice', password: PASSWORDS.alice, rid: 1001 }] },
    DC01,
  ],
  accounts: DIRECTORY,
  narration: {
    intro: 'Digest proves the password with a hash bound to the server\'s nonce; on Windows only the domain controller can check it.',
  },
};
