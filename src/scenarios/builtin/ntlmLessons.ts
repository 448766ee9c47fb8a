// NTLM lessons: the Restrict NTLM policy, and NTLMv1 against NTLMv2.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, GROUPS, START, aliceOnWs01 } from '../common';
import { ntlmWorkgroup } from './ntlmWorkgroup';

export const ntlmBlockedByPolicy: Scenario = {
  id: 'ntlm-blocked-by-policy',
  title: 'NTLM blocked by policy while Kerberos is impossible: the connection fails',
  group: 'NTLM',
  level: 'intermediate',
  minutes: 8,
  references: ['Microsoft Learn: Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers', 'MS-NLMP', 'MS-SPNG'],
  keywords: ['restrict ntlm', 'ntlm blocked', 'policy', 'gpo', 'ip address', 'disable ntlm', 'access denied'],
  goal: 'Alice opens the share by IP address, so Negotiate cannot use Kerberos and would fall back to NTLM. But WS01 has the policy "Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers" set to Deny all: the fallback is refused on the client, before any NTLM message leaves it, and the application gets the error. Set "Restrict NTLM" to audit to see the connection work over NTLM (and be logged), or name the server fs01.contoso.local to see Kerberos.',
  tryThis: [
    { kind: 'param', label: 'Restrict NTLM: audit', name: 'restrictNtlm', value: 'audit', watch: 'Audit only logs (event 8001): the fallback to NTLM goes through and the share opens.', expect: { outcome: 'success', mechanism: 'NTLM' } },
    { kind: 'param', label: 'Name the server fs01.contoso.local', name: 'target', value: 'fs01.contoso.local', watch: 'With a name Kerberos works, and the NTLM policy never comes into play.', expect: { outcome: 'success', mechanism: 'Kerberos' } },
  ],
  seed: 211,
  startTime: START,
  domain: CONTOSO,
  application: { protocol: 'smb2', package: 'Negotiate', target: '10.0.0.21', resource: 'projects' },
  nodes: [aliceOnWs01(ALL), { id: 'server', role: 'server', hostName: 'FS01', address: '10.0.0.21', joined: true, packages: ALL, serviceAccount: 'FS01$' }, DC01],
  accounts: DIRECTORY,
  groups: GROUPS,
  params: { restrictNtlm: 'deny' },
};

export const ntlmV1VsV2: Scenario = {
  ...ntlmWorkgroup,
  id: 'ntlmv1-vs-ntlmv2',
  title: 'NTLMv1 against NTLMv2: the same logon at LmCompatibilityLevel 1',
  group: 'NTLM',
  level: 'advanced',
  minutes: 12,
  references: ['MS-NLMP 3.3.1 (NTLM v1)', 'MS-NLMP 3.3.2 (NTLM v2)', 'Microsoft Learn: Network security: LAN Manager authentication level'],
  keywords: ['ntlmv1', 'ntlmv2', 'LmCompatibilityLevel', 'lan manager', 'des', 'hmac-md5', 'windows server 2025'],
  goal: 'The same workgroup logon as the NTLM basics lesson, with the client at LmCompatibilityLevel 1: it answers the challenge with NTLMv1 (24-byte DES-based responses, with extended session security), not with NTLMv2\'s HMAC-MD5 over a blob that carries the time and the server\'s names. Compare the AUTHENTICATE_MESSAGE with level 5 ("LmCompatibilityLevel" 5), and with the Windows Server 2025 / Windows 11 24H2 profile, where NTLMv1 is gone and the client sends NTLMv2 whatever the level says.',
  tryThis: [
    { kind: 'param', label: 'LmCompatibilityLevel 5', name: 'lmCompatibilityLevel', value: 5, watch: 'The AUTHENTICATE_MESSAGE grows: a 24-byte NTLMv1 answer becomes an NTLMv2 response with its blob, and a MIC.', expect: { decisive: 'NTLMv2 response', absent: 'NTLMv1' } },
    { kind: 'param', label: 'Windows Server 2025 profile', name: 'windowsRelease', value: '2025', watch: 'NTLMv1 is removed in Windows 11 24H2 / Server 2025: NTLMv2 whatever LmCompatibilityLevel says.', expect: { decisive: 'NTLMv2 response', absent: 'NTLMv1' } },
    { kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1', watch: 'Even NTLMv1 is checked against the password hash: the server refuses.', expect: { outcome: 'failure', decisive: 'SEC_E_LOGON_DENIED' } },
  ],
  seed: 212,
  params: { ...(ntlmWorkgroup.params ?? {}), lmCompatibilityLevel: 1 },
  narration: undefined,
};
