// CertificateVerify (RFC 5246 §7.4.8, RFC 8446 §4.4.3): a signature with the certificate's key
// over the handshake so far (TLS 1.3: over 64 spaces, a context string, 0 and the transcript hash).
import { concat } from '../../../bytes';
import { Cursor, be, vec } from './cursor';
import { SIGNATURE_NAMES } from './constants';

export interface CertificateVerify { scheme?: number; signature: Uint8Array }

export function buildCertificateVerify(m: CertificateVerify): Uint8Array {
  return concat(...(m.scheme !== undefined ? [be(m.scheme, 2)] : []), vec(2, m.signature));
}

export function parseCertificateVerify(c: Cursor, sigAlg: boolean): CertificateVerify {
  const scheme = sigAlg ? c.u16('algorithm', 'Signature scheme', (v) => SIGNATURE_NAMES[v] ?? String(v)) : undefined;
  const signature = c.opaque(2, 'signature', 'The signature with the certificate\'s private key');
  return { scheme, signature };
}

/** RFC 8446 §4.4.3: what a TLS 1.3 CertificateVerify signs. */
export function tls13SignedContent(server: boolean, transcriptHash: Uint8Array): Uint8Array {
  const ctx = new TextEncoder().encode(server ? 'TLS 1.3, server CertificateVerify' : 'TLS 1.3, client CertificateVerify');
  return concat(new Uint8Array(64).fill(0x20), ctx, new Uint8Array([0]), transcriptHash);
}
