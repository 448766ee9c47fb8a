// Certificate (RFC 5246 §7.4.2; TLS 1.3 adds a request context and per-entry extensions, RFC 8446 §4.4.2).
import { concat } from '../../../bytes';
import { Cursor, vec } from './cursor';
import { REF } from './constants';
import { parseExtensions } from './extensions';
import { certificateFields } from '../pki/describe';

export interface CertificateMsg {
  /** TLS 1.3 only. */
  context?: Uint8Array;
  chain: Uint8Array[];
}

export function buildCertificate(m: CertificateMsg, tls13 = false): Uint8Array {
  if (tls13) return concat(vec(1, m.context ?? new Uint8Array(0)), vec(3, ...m.chain.map((c) => concat(vec(3, c), vec(2)))));
  return vec(3, ...m.chain.map((c) => vec(3, c)));
}

export function parseCertificate(c: Cursor, tls13 = false): CertificateMsg {
  const chain: Uint8Array[] = [];
  let context: Uint8Array | undefined;
  if (tls13) context = c.opaque(1, 'certificate_request_context', 'Empty in the server\'s Certificate; echoes CertificateRequest in the client\'s', (v) => (v.length ? `${v.length} bytes` : 'empty'));
  c.vector(3, 'certificate_list', 'The sender\'s certificate first, then the CAs that issued it (not the root)', () => {
    while (c.left > 0) {
      c.group(tls13 ? 'CertificateEntry' : 'ASN.1Cert', 'One certificate', () => {
        const der = c.vector(3, 'cert_data', 'An X.509 certificate, DER', (end) => {
          const start = c.pos;
          const der = c.b.slice(start, end);
          const f = certificateFields(der, start + c.base);
          c.fields.push(...f.fields);
          c.pos = end;
          return der;
        }, () => undefined);
        chain.push(der);
        if (tls13) parseExtensions(c, 'certificate');
      }, () => undefined);
    }
  }, () => `${chain.length} certificate${chain.length === 1 ? '' : 's'}`);
  void REF;
  return { context, chain };
}
