import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01, without } from '../common';

export const ntlmDomain: Scenario = {
  id: 'ntlm-domain',
  title: 'NTLM in a domain: a file share and pass-through to the DC',
  group: 'NTLM',
  level: 'beginner',
  minutes: 10,
  references: ['MS-NLMP 3.1 (NTLM authentication)', 'MS-NRPC 3.2 (pass-through authentication)', 'MS-SMB2'],
  keywords: ['ntlm', 'netlogon', 'pass-through', 'domain controller', 'file share', 'smb', 'why ntlm'],
  goal: 'A domain user opens a file share on a member server. Kerberos is switched off on this client, so Negotiate (inside SMB2\'s SPNEGO) can only offer NTLM. The file server does not know the user\'s password hash: it passes the challenge and the answer to the domain controller (Netlogon pass-through), which checks them and hands back the session key. Switch Kerberos back on to see Negotiate prefer it.',
  tryThis: [
    { kind: 'package', label: 'Kerberos on for the client', side: 'client', pkg: 'Kerberos', on: true, watch: 'With Kerberos enabled on WS01, Negotiate asks the KDC for a cifs/fs01 ticket and the share opens with Kerberos.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'FS01 cannot check the answer itself: the DC says no in the Netlogon reply, and the SESSION_SETUP fails.', expect: { outcome: 'failure', decisive: 'STATUS_LOGON_FAILURE|SEC_E_LOGON_DENIED' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'The client refuses to send any NTLM message: the connection fails before the NEGOTIATE_MESSAGE.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
  ],
  seed: 4242,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs01', resource: 'projects' },
  nodes: [
    aliceOnWs01(without('Kerberos')),
    { id: 'server', role: 'server', hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' },
    DC01,
  ],
  accounts: DIRECTORY,
  groups: GROUPS,
  narration: {
    intro: 'A member server cannot check a domain password itself: that is the domain controller\'s job.',
    steps: {
      kerberosNotEnabledOnClient: 'Kerberos is switched off on WS01 in this scenario, so the Negotiate SSP offers NTLM alone. (Switch it back on and the same connection would use Kerberos.)',
    },
  },
};
