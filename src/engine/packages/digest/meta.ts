// What the Digest package (WDigest) says about itself without its code: its parameters, "try this",
// narration, display, and how its tokens travel (the server speaks first; over HTTP the token is the
// header's parameter text, over LDAP the SASL DIGEST-MD5 credentials).
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta } from '../../sspi/meta';

export const DIGEST_META: PackageMeta = {
  name: 'Digest',
  info: PACKAGE_INFOS.Digest,
  params: [
    { name: 'digestAlgorithm', label: 'Digest algorithm', type: 'enum', values: ['MD5-sess', 'MD5', 'SHA-256'], default: 'MD5-sess', node: 'server',
      meaning: 'The hash the HTTP server asks for: MD5-sess (what IIS sends), MD5, or SHA-256 (RFC 7616) — the last only on a non-Windows server, which checks the response from its own password file because a Windows DC keeps MD5 hashes only.' },
    { name: 'digestStaleNonce', label: 'Stale nonce', type: 'boolean', default: false, node: 'server',
      meaning: 'The server\'s first nonce has expired when the answer arrives: it answers with a new nonce and stale=true, and the client answers again without asking the user.' },
  ],
  suggestions: [{
    rank: 45,
    suggest({ trace, has, value }) {
      const ran = trace.events.some((e) => e.type === 'message' && e.protocol === 'Digest');
      if (!ran) return [];
      const http = trace.events.some((e) => e.type === 'message' && e.carrier.id === 'http');
      return [
        ...(has('password') && trace.outcome.result === 'authenticated' ? [{ kind: 'param' as const, label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1' }] : []),
        ...(has('digestStaleNonce') && value('digestStaleNonce') !== true ? [{ kind: 'param' as const, label: 'Let the nonce go stale', name: 'digestStaleNonce', value: true }] : []),
        ...(http && has('digestAlgorithm') && value('digestAlgorithm') !== 'SHA-256' ? [{ kind: 'param' as const, label: 'SHA-256 (a non-Windows server)', name: 'digestAlgorithm', value: 'SHA-256' }] : []),
      ];
    },
  }],
  narration: {
    'digest-server-first': 'Digest has nothing to send first: the server speaks first, with its challenge.',
  },
  display: { short: 'Digest', colour: '#0d9488' },
  travel: {
    firstSpeaker: 'server',
    encoding: { http: { kind: 'params', scheme: 'Digest', finalHeader: 'Authentication-Info' }, ldap: { kind: 'raw', mechanism: 'DIGEST-MD5' } },
    layer: 'Digest',
    mutualAuth: true,
    laterRequests: true,
  },
};
