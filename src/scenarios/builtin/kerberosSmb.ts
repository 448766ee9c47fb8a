import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const kerberosSmb: Scenario = {
  id: 'kerberos-smb',
  title: 'Kerberos: domain logon, then a file share over SMB2',
  group: 'Kerberos',
  level: 'beginner',
  minutes: 15,
  references: ['RFC 4120 (Kerberos V5)', 'RFC 4121 (Kerberos GSS-API)', 'MS-KILE', 'MS-PAC', 'MS-SMB2 (SESSION_SETUP)'],
  keywords: ['tgt', 'ticket', 'tgs', 'as-req', 'ap-req', 'pac', 'file share', 'smb', 'cifs', 'pre-authentication', 'krbtgt'],
  goal: 'Alice logs on to her domain workstation and opens \\\\fs01\\projects. First the Kerberos SSP gets her a ticket-granting ticket from the KDC (AS exchange, with pre-authentication proving she knows her password), then a service ticket for cifs/fs01 (TGS exchange), then presents it to the file server inside SMB2 and SPNEGO (AP exchange). Open the encrypted parts: the ticket can only be read with the file server\'s key, and it carries the PAC with her groups.',
  tryThis: [
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'Pre-authentication fails at the KDC (KDC_ERR_PREAUTH_FAILED): the logon stops there, no session, no share.', expect: { outcome: 'failure', decisive: 'KDC_ERR_PREAUTH_FAILED' } },
    { kind: 'param', label: 'Client clock 7 min ahead', name: 'clockSkewMinutes', value: 7, watch: 'The KDC answers KRB_AP_ERR_SKEW with its own time; the Windows client corrects and retries (KB956627), and the logon still works.', expect: { outcome: 'success', mechanism: 'Kerberos', decisive: 'KRB_AP_ERR_SKEW' } },
    { kind: 'param', label: 'Unplug the DC (KDC unreachable)', name: 'kdcReachable', value: false, watch: 'The logon\'s AS-REQ gets no answer, yet Alice still logs on — against the verifier Windows cached at her last logon (MS-Cache v2) — with no TGT; the share then opens with NTLM, FS01 asking the DC over Netlogon.', expect: { outcome: 'success', mechanism: 'NTLM', decisive: 'cachedLogon' } },
    { kind: 'package', label: 'Kerberos off on the server', side: 'server', pkg: 'Kerberos', on: false, watch: 'The server\'s NegTokenInit2 no longer lists Kerberos: the client uses NTLM for the share.', expect: { outcome: 'success', mechanism: 'NTLM' } },
  ],
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
