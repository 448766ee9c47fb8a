import type { Scenario } from '../../engine/scenario';
import { ALL, START } from '../common';

export const ntlmWorkgroup: Scenario = {
  id: 'ntlm-workgroup',
  title: 'NTLM in a workgroup: a web page with a local account',
  group: 'NTLM',
  level: 'beginner',
  minutes: 10,
  references: ['MS-NLMP 3.1 (NTLM authentication)', 'MS-NLMP 3.3.2 (NTLMv2)', 'MS-NLMP 3.4 (session security)'],
  keywords: ['ntlm', 'challenge', 'response', 'ntlmv2', 'workgroup', 'local account', 'no domain', 'session key', 'http', '401'],
  goal: 'Two machines with no domain: the web server only offers NTLM, and the user types an account that exists on the server itself. Watch the three NTLM messages — NEGOTIATE, CHALLENGE, AUTHENTICATE — travel as opaque blobs in HTTP headers, see how the server checks the answer to its challenge against its own account database, and how both sides end up with the same session key: this run negotiates key exchange, so the client picks a random session key and sends it RC4-encrypted under a key made from the password\'s hash and the exchange (EncryptedRandomSessionKey, MS-NLMP 3.1.5.1.2); only someone who holds that hash can decrypt it.',
  tryThis: [
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'The server recomputes the NTLMv2 response from its own copy of the password hash: it does not match, and the answer is 401.', expect: { outcome: 'failure', decisive: 'SEC_E_LOGON_DENIED' } },
    { kind: 'package', label: 'NTLM off on the server', side: 'server', pkg: 'NTLM', on: false, watch: 'The server offers no scheme it has enabled: the first request is refused and no NTLM message is sent.', expect: { outcome: 'failure', mechanism: 'none' } },
    { kind: 'param', label: 'Answer the challenge 37 hours late', name: 'authenticateDelaySeconds', value: 133200, watch: 'The server keeps its challenge for 36 hours (MSV1_0_MAX_NTLM3_LIFE, 129600 s): 37 hours later the answer is refused with SEC_E_CONTEXT_EXPIRED.', expect: { outcome: 'failure', decisive: 'SEC_E_CONTEXT_EXPIRED' } },
  ],
  seed: 20161012,
  startTime: START,
  domain: null,
  application: { protocol: 'http', package: 'NTLM', target: 'web01', resource: '/reports/', serverOffers: ['NTLM'] },
  nodes: [
    { id: 'client', role: 'client', hostName: 'LAPTOP7', address: '192.168.1.23', joined: false, packages: ALL,
      logon: { user: 'alice', domain: 'WEB01', password: 'Orchid-42-Lantern', typed: true } },
    { id: 'server', role: 'server', hostName: 'WEB01', address: '192.168.1.20', joined: false, packages: ALL,
      localAccounts: [{ user: 'alice', password: 'Orchid-42-Lantern', rid: 1001 }, { user: 'Administrator', password: 'Adm1n-Local-Only!', rid: 500 }] },
  ],
  accounts: [],
  narration: {
    intro: 'No domain here: the server keeps its own accounts, so it can check NTLM answers itself.',
    steps: {
      NEGOTIATE_MESSAGE: 'The NTLM SSP on the client starts: it announces the features it supports (the negotiate flags). No secret is in it.',
      CHALLENGE_MESSAGE: 'The server\'s NTLM SSP answers with an 8-byte random challenge and its own names and time (TargetInfo).',
      AUTHENTICATE_MESSAGE: 'The client proves it knows the password: it answers the challenge with an HMAC keyed by the password\'s hash (NTLMv2). The password itself never crosses the network.',
    },
  },
};
