// Schannel's scenario parameters: the protocols each node enables (a toggle per protocol on the node
// cards, "default" following the Windows release profile), datagram transport, and the certificate
// conditions. Read through PackageEnv.params.
import type { ParamSpec, ParamValue } from '../../params';
import { DEFAULT_ENABLED, PROTOCOLS, WIRE, type Profile, type ProtocolName } from './tls/protocols';

const KEYS: Record<ProtocolName, string> = {
  'PCT 1.0': 'Pct10', 'SSL 2.0': 'Ssl20', 'SSL 3.0': 'Ssl30', 'TLS 1.0': 'Tls10', 'TLS 1.1': 'Tls11', 'TLS 1.2': 'Tls12', 'TLS 1.3': 'Tls13',
  'DTLS 1.0': 'Dtls10', 'DTLS 1.2': 'Dtls12',
};
export const protocolParam = (side: 'client' | 'server', p: ProtocolName): string => `${side}${KEYS[p]}`;

const REF = 'Microsoft, "Protocols in TLS/SSL (Schannel SSP)"';

export const SCHANNEL_PARAMS: ParamSpec[] = [
  ...(['client', 'server'] as const).flatMap((side) => PROTOCOLS.map((p): ParamSpec => ({
    name: protocolParam(side, p), label: p, type: 'enum', values: ['default', 'on', 'off'], default: 'default', node: side, packages: ['Schannel'],
    meaning: `${p} on the ${side} (Schannel's Protocols\\${p}\\${side === 'client' ? 'Client' : 'Server'} registry key): "default" follows the Windows release (${REF}: 2016 = TLS 1.0–1.2 on, SSL 3.0 off, SSL 2.0 removed; 2025 = TLS 1.2 and 1.3 on, TLS 1.0/1.1 off)${p === 'PCT 1.0' ? '. PCT is listed by Schannel but not supported: turning it on changes nothing' : ''}.`,
  }))),
  { name: 'tlsTransport', label: 'Transport', type: 'enum', values: ['stream', 'datagram'], default: 'stream', node: 'client', packages: ['Schannel'], meaning: 'stream = TLS over TCP; datagram = DTLS over UDP, used only when the application asks for it (the seed: "DTLS is used when explicitly called by the application").' },
  { name: 'serverCertificate', label: 'Server certificate', type: 'enum', values: ['enterprise-ca', 'untrusted-root', 'expired', 'wrong-name'], default: 'enterprise-ca', node: 'server', packages: ['Schannel'], meaning: 'The server\'s certificate: issued by the domain\'s enterprise CA (trusted), by a root the client does not trust (unknown_ca, SEC_E_UNTRUSTED_ROOT), expired (certificate_expired, SEC_E_CERT_EXPIRED), or for another name (SEC_E_WRONG_PRINCIPAL).' },
  { name: 'requireClientCertificate', label: 'Require client certificate', type: 'boolean', default: false, node: 'server', packages: ['Schannel'], meaning: 'The server asks for a client certificate (CertificateRequest) and refuses a client that sends none.' },
  { name: 'clientCertificate', label: 'Client has a certificate', type: 'boolean', default: true, node: 'client', packages: ['Schannel'], meaning: 'The user has a client-authentication certificate (issued by the enterprise CA, with their UPN) in the "My" store.' },
];

/** The wire versions a node enables, from the profile and the per-protocol parameters. PCT is never enabled (not supported). */
export function enabledVersions(params: Readonly<Record<string, ParamValue>>, side: 'client' | 'server'): { versions: number[]; names: ProtocolName[]; pctAsked: boolean } {
  const profile = (params.windowsRelease === '2025' ? '2025' : '2016') as Profile;
  const names: ProtocolName[] = [];
  let pctAsked = false;
  for (const p of PROTOCOLS) {
    const v = params[protocolParam(side, p)] ?? 'default';
    const on = v === 'on' || (v === 'default' && DEFAULT_ENABLED[profile].includes(p));
    if (p === 'PCT 1.0') { pctAsked = on; continue; }
    if (on) names.push(p);
  }
  return { versions: names.map((n) => WIRE[n]), names, pctAsked };
}
