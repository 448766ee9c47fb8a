// Schannel scenarios (issue 12): HTTPS to an intranet site whose certificate the domain's enterprise
// CA issued; the version choice the seed describes; DTLS; and the failures with their real alerts.
import type { Scenario } from '../../engine/scenario';
import { ALL, CONTOSO, DC01, DIRECTORY, START, aliceOnWs01 } from '../common';

const web01 = { id: 'server', role: 'server' as const, hostName: 'WEB01', address: '10.0.0.20', joined: true, packages: ALL };
const base = {
  group: 'Schannel' as const, seed: 20161012, startTime: START, domain: CONTOSO,
  application: { protocol: 'https' as const, package: 'Schannel' as const, target: 'web01.contoso.local', resource: '/' },
  // The domain controller is there as in any domain (its enterprise CA issued the certificates); Schannel never asks it.
  nodes: [aliceOnWs01(), web01, DC01], accounts: DIRECTORY,
};
const PROTOCOLS_REF = 'Microsoft, "Protocols in TLS/SSL (Schannel SSP)"';

export const schannelTls12: Scenario = {
  ...base,
  id: 'schannel-tls12', title: 'Schannel: HTTPS with TLS 1.2 and the enterprise CA\'s certificate', level: 'beginner', minutes: 10, references: ['RFC 5246 (TLS 1.2)', 'RFC 5280 (X.509 certificates)', 'Microsoft Learn: TLS/SSL (Schannel SSP)'], keywords: ['tls', 'https', 'ssl', 'certificate', 'schannel', 'handshake'],
  goal: `Alice opens https://web01.contoso.local. Schannel on both machines runs the TLS 1.2 handshake through InitializeSecurityContext and AcceptSecurityContext: ClientHello with the Windows 10 cipher-suite order, the server's certificate issued by the Contoso enterprise CA, an ECDHE key exchange signed with the certificate's key, then ChangeCipherSpec and Finished. Each call returns SEC_I_CONTINUE_NEEDED until the handshake is done; then EncryptMessage and DecryptMessage carry the HTTP request and response. Windows Server 2016 enables TLS 1.0, 1.1 and 1.2 and picks the best both sides enable (${PROTOCOLS_REF}).`,
  tryThis: [
    { kind: 'param', label: 'Certificate from an untrusted root', name: 'serverCertificate', value: 'untrusted-root', watch: 'The chain does not end at a root in the client\'s store: the client sends an alert (SEC_E_UNTRUSTED_ROOT).', expect: { outcome: 'failure', decisive: 'UNTRUSTED_ROOT' } },
    { kind: 'param', label: 'Certificate for another name', name: 'serverCertificate', value: 'wrong-name', watch: 'The certificate is valid but names portal.contoso.local: SEC_E_WRONG_PRINCIPAL.', expect: { outcome: 'failure', decisive: 'WRONG_PRINCIPAL' } },
    { kind: 'param', label: 'Windows Server 2025 profile', name: 'windowsRelease', value: '2025', watch: 'TLS 1.3 is on by default in the 2025 profile: both sides pick it, and the handshake is one round trip shorter.', expect: { decisive: 'Use TLS 1\\.3' } },
  ],
  narration: { intro: 'HTTPS: the application (a browser, IIS) never sees TLS; Schannel produces and reads the records, the application carries them on TCP 443.' },
};

export const schannelTls13: Scenario = {
  ...base,
  id: 'schannel-tls13', title: 'Schannel: TLS 1.3 on Windows Server 2025', level: 'intermediate', minutes: 10, references: ['RFC 8446 (TLS 1.3)', 'Microsoft Learn: TLS/SSL (Schannel SSP)'], keywords: ['tls 1.3', 'https', 'schannel', 'windows server 2025', 'handshake'], startTime: '2025-11-04T09:00:00.000Z',
  params: { windowsRelease: '2025' },
  goal: `The 2025 profile: TLS 1.2 and 1.3 on, TLS 1.0 and 1.1 off (${PROTOCOLS_REF}). The client's ClientHello carries supported_versions and an x25519 key_share; the server answers with ServerHello and, already encrypted under the server handshake traffic secret, EncryptedExtensions, Certificate, CertificateVerify and Finished. The inspector opens them with the secret that encrypts them; the key log lets Wireshark do the same.`,
  tryThis: [
    { kind: 'param', label: 'Windows Server 2016 profile', name: 'windowsRelease', value: '2016', watch: 'Windows Server 2016 has no TLS 1.3: the best common version is TLS 1.2.', expect: { decisive: 'Use TLS 1\\.2' } },
    { kind: 'param', label: 'Expired certificate', name: 'serverCertificate', value: 'expired', watch: 'The certificate is encrypted in TLS 1.3, but the client still checks it: SEC_E_CERT_EXPIRED.', expect: { outcome: 'failure', decisive: 'EXPIRED' } },
  ],
};

export const schannelSsl3Legacy: Scenario = {
  ...base,
  id: 'schannel-ssl3-legacy', title: 'Schannel: the seed\'s example — SSL 3.0 wins over SSL 2.0', level: 'intermediate', minutes: 8, references: ['RFC 6101 (SSL 3.0)', 'RFC 7568 (deprecating SSL 3.0)'], keywords: ['ssl 3.0', 'ssl 2.0', 'legacy', 'poodle', 'schannel'],
  params: { clientSsl20: 'on', clientSsl30: 'on', clientTls10: 'off', clientTls11: 'off', clientTls12: 'off', serverSsl20: 'on', serverSsl30: 'on' },
  goal: 'The seed\'s own example: a server that enables every Schannel protocol and a client that enables only SSL 3.0 and SSL 2.0 end with SSL 3.0. The client has SSL 2.0 on, so it sends the SSL 2.0-compatible CLIENT-HELLO (the two-byte SSL 2.0 record header) advertising SSL 3.0 as its best version, as older Windows clients did; the server answers in SSL 3.0 with an RSA certificate, the client sends the pre-master secret encrypted to it, and both derive keys with SSL 3.0\'s own MD5/SHA-1 construction. (SSL 2.0 itself was removed from Windows 10 1607 and Server 2016: the server could not have spoken it anyway.)',
  tryThis: [
    { kind: 'param', label: 'TLS 1.2 on the client', name: 'clientTls12', value: 'on', watch: 'The best version both enable is now TLS 1.2, not SSL 3.0.', expect: { decisive: 'Use TLS 1\\.2' } },
    { kind: 'param', label: 'SSL 3.0 off on the server', name: 'serverSsl30', value: 'off', watch: 'Only SSL 2.0 is left in common, and Schannel refuses it.', expect: { absent: 'Use SSL 3\\.0' } },
  ],
};

export const schannelNoCommonVersion: Scenario = {
  ...base,
  id: 'schannel-no-common-version', title: 'Schannel: no protocol version in common (protocol_version alert)', level: 'beginner', minutes: 6, references: ['RFC 5246 7.2 (alerts)', 'RFC 8446 (TLS 1.3)'], keywords: ['protocol_version', 'no common version', 'alert', 'tls version', 'handshake failure'],
  params: { serverTls10: 'off', serverTls11: 'off', serverTls12: 'off', serverTls13: 'on' },
  goal: 'A Windows 10 client (TLS 1.0–1.2) meets a server hardened to TLS 1.3 only. The server finds no version both enable, sends a fatal protocol_version alert and AcceptSecurityContext returns SEC_E_UNSUPPORTED_FUNCTION; the client\'s InitializeSecurityContext returns SEC_E_ALGORITHM_MISMATCH ("The client and server cannot communicate, because they do not possess a common algorithm"). Turn TLS 1.3 on for the client, or TLS 1.2 on for the server, and the handshake works again.',
  tryThis: [
    { kind: 'param', label: 'TLS 1.2 on on the server', name: 'serverTls12', value: 'on', watch: 'A version in common again: TLS 1.2.', expect: { outcome: 'success', decisive: 'Use TLS 1\\.2' } },
    { kind: 'param', label: 'Windows Server 2025 profile', name: 'windowsRelease', value: '2025', watch: 'Windows 11 24H2 / Server 2025 enable TLS 1.3 by default: the client now has the one version the server kept.', expect: { outcome: 'success', decisive: 'Use TLS 1\\.3' } },
  ],
};

export const schannelDtls: Scenario = {
  ...base,
  id: 'schannel-dtls', title: 'Schannel: DTLS 1.2 over UDP with the cookie round', level: 'advanced', minutes: 12, references: ['RFC 6347 (DTLS 1.2)', 'RFC 5246 (TLS 1.2)'], keywords: ['dtls', 'udp', 'cookie', 'HelloVerifyRequest', 'schannel'],
  params: { tlsTransport: 'datagram' },
  goal: 'DTLS runs only when the application asks for datagram transport (the seed). The server answers the first ClientHello with a stateless HelloVerifyRequest cookie; the client repeats its ClientHello with the cookie; then the TLS 1.2 handshake follows with DTLS record headers (epoch and a 48-bit sequence number) and handshake headers (message_seq, fragment offset and length).',
  tryThis: [
    { kind: 'param', label: 'TLS over TCP instead', name: 'tlsTransport', value: 'stream', watch: 'The same handshake on TCP 443: no HelloVerifyRequest cookie, since TCP already proved the client\'s address.', expect: { absent: 'HelloVerifyRequest' } },
    { kind: 'param', label: 'Certificate from an untrusted root', name: 'serverCertificate', value: 'untrusted-root', watch: 'DTLS checks the certificate as TLS does: alert, SEC_E_UNTRUSTED_ROOT.', expect: { outcome: 'failure', decisive: 'UNTRUSTED_ROOT' } },
  ],
};

export const schannelUntrustedCert: Scenario = {
  ...base,
  id: 'schannel-untrusted-cert', title: 'Schannel: a certificate from an untrusted root (unknown_ca)', level: 'beginner', minutes: 8, references: ['RFC 5280 6 (path validation)', 'RFC 5246 7.2 (alerts)'], keywords: ['unknown_ca', 'untrusted certificate', 'certificate error', 'root ca', 'trust'],
  params: { serverCertificate: 'untrusted-root' },
  goal: 'The web server presents a certificate issued by "Fabrikam Root CA", which is not in the client\'s Trusted Root Certification Authorities store. Schannel on the client builds the chain, finds no trusted root, sends a fatal unknown_ca alert and InitializeSecurityContext returns SEC_E_UNTRUSTED_ROOT.',
  tryThis: [
    { kind: 'param', label: 'Certificate from the enterprise CA', name: 'serverCertificate', value: 'enterprise-ca', watch: 'The chain ends at the root the client trusts: the handshake completes.', expect: { outcome: 'success' } },
    { kind: 'param', label: 'Expired certificate', name: 'serverCertificate', value: 'expired', watch: 'A trusted chain but out of date: another error, SEC_E_CERT_EXPIRED.', expect: { outcome: 'failure', decisive: 'EXPIRED' } },
  ],
};

export const schannelClientCert: Scenario = {
  ...base,
  id: 'schannel-client-cert', title: 'Schannel: mutual TLS with Alice\'s client certificate', level: 'intermediate', minutes: 10, references: ['RFC 5246 7.4.6 (client certificate)', 'RFC 5280 (X.509 certificates)'], keywords: ['client certificate', 'mutual tls', 'mtls', 'certificate request', 'smart card'],
  params: { requireClientCertificate: true },
  goal: 'The server asks for a client certificate (CertificateRequest naming the CA it trusts). Alice\'s certificate, issued by the enterprise CA with her UPN in subjectAltName, goes in the client\'s Certificate message, and CertificateVerify proves she holds its private key. The server validates the chain for client authentication and reads the UPN (what IIS maps to her account).',
  tryThis: [
    { kind: 'param', label: 'No client certificate', name: 'clientCertificate', value: false, watch: 'The client has nothing to send in answer to the CertificateRequest: the server refuses.', expect: { outcome: 'failure' } },
    { kind: 'param', label: 'Do not ask for a client certificate', name: 'requireClientCertificate', value: false, watch: 'No CertificateRequest in the server\'s flight, no Certificate or CertificateVerify from the client.', expect: { absent: 'CertificateRequest' } },
  ],
};

export const SCHANNEL_SCENARIOS: Scenario[] = [schannelTls12, schannelTls13, schannelSsl3Legacy, schannelNoCommonVersion, schannelDtls, schannelUntrustedCert, schannelClientCert];
