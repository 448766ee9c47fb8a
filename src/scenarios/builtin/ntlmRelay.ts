// Why SMB signing and Extended Protection matter: an NTLM relay (MS-NLMP 3.1.5.1.2 (MIC), 3.2.5.1.2;
// MS-SMB2 3.3.5.2.4 (signing required); Microsoft Learn: "Overview of Server Message Block signing",
// KB5005413 (NTLM relay mitigations)). A machine in the middle passes Alice's NTLM tokens to the file
// server and gets a session as Alice; required signing leaves it holding a session it cannot use.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';

export const ntlmRelayAndEpa: Scenario = {
  id: 'ntlm-relay-and-epa',
  title: 'NTLM relay: a machine in the middle logs on as Alice — until the server requires signing',
  group: 'NTLM',
  level: 'advanced',
  minutes: 15,
  references: ['MS-NLMP 3.1.5.1.2 (MIC)', 'MS-NLMP 3.2.5.1.2', 'MS-SMB2 3.3.5.2.4 (signing required)', 'Microsoft Learn: Overview of Server Message Block signing', 'KB5005413 (mitigating NTLM relay attacks)', 'RFC 5929 (channel bindings for TLS)'],
  keywords: ['ntlm relay', 'relay', 'man in the middle', 'mitm', 'smb signing', 'signing required', 'epa', 'extended protection', 'channel binding', 'mic', 'ntlmrelayx', 'petitpotam', 'coercion'],
  goal: 'Alice\'s workstation is made to open \\\\10.0.0.66\\share (a link in a mail, or a service coerced into it). By address, Negotiate uses NTLM. The machine at 10.0.0.66 is an attacker: it opens its own connection to the file server FS01 and passes every token through unchanged — FS01\'s challenge to Alice, Alice\'s answer to FS01. The answer is genuine, for FS01\'s own challenge, with an intact MIC, so FS01 (and the DC behind it) accept it: the attacker now has a session as Alice, without her password. What it does not have is the session key: that comes from Alice\'s password hash. FS01 here does not require SMB signing, so the attacker\'s unsigned request to connect to the share works. Switch "SMB signing required" on and the same relay ends at the first request, STATUS_ACCESS_DENIED. (Extended Protection does the same for HTTPS and LDAP over TLS: the answer carries a hash of the TLS channel it was made for, and the server compares it with its own channel.)',
  tryThis: [
    { kind: 'param', label: 'SMB signing required on FS01', name: 'smbSigningRequired', value: true, watch: 'The relayed logon still succeeds, but the attacker\'s first request is unsigned (it has no session key): FS01 refuses it with STATUS_ACCESS_DENIED.', expect: { outcome: 'failure', decisive: 'smbSigningRequired' } },
    { kind: 'package', label: 'NTLM off on the workstation', side: 'client', pkg: 'NTLM', on: false, watch: 'By address Kerberos is impossible and NTLM is gone: the workstation sends no answer at all, so there is nothing to relay.', expect: { outcome: 'failure', absent: 'AUTHENTICATE_MESSAGE' } },
    { kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny', watch: 'Alice\'s workstation refuses to send NTLM at all: nothing to relay.', expect: { outcome: 'failure', decisive: 'restrictNtlmDeny' } },
  ],
  seed: 666,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2-relay', package: 'Negotiate', target: '10.0.0.66', resource: 'projects' },
  nodes: [
    aliceOnWs01(ALL),
    { id: 'attacker', role: 'attacker', hostName: 'ROGUE', address: '10.0.0.66', joined: false, packages: ['NTLM', 'Negotiate'] },
    { id: 'server', role: 'server', hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' },
    DC01,
  ],
  accounts: DIRECTORY,
  groups: GROUPS,
};
