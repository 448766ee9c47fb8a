// What the NTLM package says about itself without its code: SecPkgInfo, its policies, "try this"
// suggestions, how its tokens travel and how the screen shows it.
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta } from '../../sspi/meta';

export const NTLM_META: PackageMeta = {
  name: 'NTLM',
  info: PACKAGE_INFOS.NTLM,
  channelBindings: true,
  params: [
    { name: 'lmCompatibilityLevel', label: 'LmCompatibilityLevel', type: 'number', min: 0, max: 5, default: 3, meaning: 'The NTLM policy "Network security: LAN Manager authentication level": 0–2 send NTLMv1 (with extended session security when negotiated), 3–5 send NTLMv2 only.', node: 'client' },
    { name: 'restrictNtlm', label: 'Restrict NTLM', type: 'enum', values: ['off', 'audit', 'deny'], default: 'off', meaning: 'The policy "Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers": deny makes a fallback to NTLM fail.', node: 'client' },
    { name: 'authenticateDelaySeconds', label: 'Delay before answering', type: 'number', min: 0, max: 259200, default: 0, meaning: 'Seconds the client waits before answering the server\'s challenge (a wait over 36 hours, 129600 s, expires the NTLM challenge).', node: 'client' },
  ],
  suggestions: [{
    rank: 50,
    suggest({ trace, has, value }) {
      const server = trace.nodes.find((n) => n.role === 'server');
      const ran = trace.events.some((e) => e.type === 'message' && e.protocol === 'NTLM');
      const ntlm = ran && trace.outcome.mechanism === 'NTLM' && trace.outcome.result === 'authenticated';
      const negotiate = trace.outcome.package === 'Negotiate';
      if (!ntlm) return [];
      return [
        ...(negotiate && has('restrictNtlm') && value('restrictNtlm') !== 'deny' ? [{ kind: 'param' as const, label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny' }] : []),
        ...(has('password') ? [{ kind: 'param' as const, label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1' }] : []),
        ...(!negotiate && server?.enabledPackages.includes('NTLM') ? [{ kind: 'package' as const, label: 'NTLM off on the server', side: 'server' as const, pkg: 'NTLM' as const, on: false }] : []),
      ];
    },
  }],
  display: { short: 'NTLM', colour: '#d97706' },
  travel: {
    firstSpeaker: 'client',
    encoding: { http: { kind: 'base64', scheme: 'NTLM', ref: 'MS-NTHT' } },
    layer: 'NTLM',
  },
};
