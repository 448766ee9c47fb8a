// CertificateRequest (RFC 5246 §7.4.4; TLS 1.3: context and extensions, RFC 8446 §4.3.2).
import { concat } from '../../../bytes';
import { Cursor, be, vec } from './cursor';
import { CERT_TYPE_NAMES, SIGNATURE_NAMES } from './constants';
import { buildExtensions, parseExtensions, type Extension } from './extensions';
import { nameText } from '../pki/describe';

export interface CertificateRequest {
  certificateTypes?: number[];
  schemes?: number[];
  /** DER Names of acceptable CAs. */
  authorities?: Uint8Array[];
  context?: Uint8Array;
  extensions?: Extension[];
}

export function buildCertificateRequest(m: CertificateRequest, tls13 = false, sigAlg = true): Uint8Array {
  if (tls13) return concat(vec(1, m.context ?? new Uint8Array(0)), buildExtensions(m.extensions ?? []));
  return concat(vec(1, new Uint8Array(m.certificateTypes ?? [])),
    ...(sigAlg ? [vec(2, ...(m.schemes ?? []).map((s) => be(s, 2)))] : []),
    vec(2, ...(m.authorities ?? []).map((a) => vec(2, a))));
}

export function parseCertificateRequest(c: Cursor, tls13: boolean, sigAlg: boolean): CertificateRequest {
  if (tls13) {
    const context = c.opaque(1, 'certificate_request_context', 'Echoed in the client\'s Certificate');
    return { context, extensions: parseExtensions(c, 'certificate_request') };
  }
  const certificateTypes: number[] = [];
  c.vector(1, 'certificate_types', 'Key types the client certificate may have', () => {
    while (c.left > 0) certificateTypes.push(c.u8('type', 'Client certificate type', (v) => CERT_TYPE_NAMES[v] ?? String(v)));
  });
  const schemes: number[] = [];
  if (sigAlg) c.vector(2, 'supported_signature_algorithms', 'Signature schemes the server accepts in CertificateVerify', () => {
    while (c.left > 0) schemes.push(c.u16('scheme', 'Signature scheme', (v) => SIGNATURE_NAMES[v] ?? String(v)));
  });
  const authorities: Uint8Array[] = [];
  c.vector(2, 'certificate_authorities', 'Distinguished names of the CAs the server trusts for client certificates', () => {
    while (c.left > 0) authorities.push(c.opaque(2, 'DistinguishedName', 'A CA name (DER Name)', (v) => nameText(v)));
  });
  return { certificateTypes, schemes, authorities };
}
