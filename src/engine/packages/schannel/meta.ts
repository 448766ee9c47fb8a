// What the Schannel package says about itself without its code: SecPkgInfo, its parameters (the
// protocols each node enables, datagram transport, certificate conditions), narration, suggestions,
// how its tokens travel (TLS records straight on TCP 443, DTLS datagrams on UDP) and its key log export.
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import type { PackageMeta } from '../../sspi/meta';
import { SCHANNEL_PARAMS } from './params';

export const SCHANNEL_META: PackageMeta = {
  name: 'Schannel',
  info: PACKAGE_INFOS.Schannel,
  params: SCHANNEL_PARAMS,
  suggestions: [{
    rank: 40,
    suggest({ trace, has }) {
      if (trace.outcome.package !== 'Schannel') return [];
      const out = [];
      // (The SSL 3.0 server uses its RSA certificate, which the lab issues only from the enterprise CA.)
      const ssl3 = trace.events.some((e) => e.type === 'message' && e.protocol === 'TLS' && e.name.includes('SSL 2.0'));
      if (has('serverCertificate') && trace.outcome.result === 'authenticated' && !ssl3) out.push({ kind: 'param' as const, label: 'Certificate from an untrusted root', name: 'serverCertificate', value: 'untrusted-root' });
      if (has('clientTls12') && trace.outcome.result === 'authenticated' && !trace.scenario.params.tlsTransport) out.push({ kind: 'param' as const, label: 'TLS 1.2 off on the client', name: 'clientTls12', value: 'off' });
      if (has('serverTls12') && trace.outcome.result === 'failed' && trace.outcome.status === 'SEC_E_ALGORITHM_MISMATCH' && trace.scenario.params.serverTls12 === 'off') out.push({ kind: 'param' as const, label: 'TLS 1.2 on on the server', name: 'serverTls12', value: 'on' });
      return out;
    },
  }],
  narration: {
    bestCommonVersion: 'Schannel on the server compares the versions: the best one both sides enable wins (the seed: "the preferred authentication protocol that the client and the server can support").',
    noCommonVersion: 'No version is enabled on both sides: the handshake cannot start.',
    dtlsCookie: 'DTLS: before keeping any state the server makes the client prove it receives at its address (RFC 6347 §4.2.1).',
    dtlsHelloVerifyRequest: 'The client repeats its ClientHello with the cookie.',
    'TLS NewSessionTicket': 'TLS 1.3, after the handshake: the server\'s AcceptSecurityContext returned SEC_E_OK with one more record, a NewSessionTicket encrypted under the server application traffic secret (the inspector opens it). The ticket is the session\'s state sealed under a key only the server holds; from its nonce and the handshake both sides derive the same resumption PSK (RFC 8446 §4.6.1), which a later connection can offer to skip the certificate and key exchange. The client\'s Schannel keeps it (Windows hands the record to the application as SEC_I_RENEGOTIATE from DecryptMessage; the application passes it to InitializeSecurityContext).',
  },
  display: { short: 'Schannel', colour: '#0f766e', exports: ['keylog'] },
  travel: {
    firstSpeaker: 'client',
    encoding: { tls: { kind: 'raw' }, dtls: { kind: 'raw' } },
    layer: 'TLS',
    mutualAuth: false,
  },
};
