import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const kerberosSmb: Scenario = {
  id: 'kerberos-smb',
  title: 'Kerberos: domain logon, then a file share over SMB2',
  group: 'Kerberos',
  level: 'basic',
  goal: 'Alice logs on to her domain workstation and opens \\\\fs01\\projects. First the Kerberos SSP gets her a ticket-granting ticket from the KDC (AS exchange, with pre-authentication proving she knows her password), then a service ticket for cifs/fs01 (TGS exchange), then presents it to the file server inside SMB2 and SPNEGO (AP exchange). Open the encrypted parts: the ticket can only be read with the file server\'s key, and it carries the PAC with her groups.',
  seed: 88,
  startTime: START,
  domain: CONTOSO,
  logonFirst: true,
  application: { protocol: 'smb2', package: 'Negotiate', target: 'fs01.contoso.local', resource: 'projects' },
  nodes: [
    aliceOnWs01(ALL),
    { id: 'server', role: 'server', hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' },
    DC01,
  ],
  accounts: DIRECTORY,
  groups: GROUPS,
  narration: {
    intro: 'Kerberos never sends the password: it proves knowledge of keys derived from it, and the KDC vouches for the user with tickets.',
  },
};
