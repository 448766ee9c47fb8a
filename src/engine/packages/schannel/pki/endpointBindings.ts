// The TLS channel bindings an application hands to SSPI (SECBUFFER_CHANNEL_BINDINGS), as
// QueryContextAttributes(SECPKG_ATTR_ENDPOINT_BINDINGS) returns them from Schannel: the application
// data "tls-server-end-point:" followed by the hash of the server's certificate (RFC 5929 §4.1), with
// the hash function of the certificate's signature algorithm, SHA-256 when that is MD5 or SHA-1.
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { concat, utf8 } from '../../../bytes';
import { readDer, readOid } from '../../../encoding/der';

const PREFIX = 'tls-server-end-point:';

/** The hash RFC 5929 §4.1 picks for a certificate, by its signatureAlgorithm OID. */
function hashFor(oid: string): { name: string; fn: (b: Uint8Array) => Uint8Array } {
  if (oid === '1.2.840.10045.4.3.3' || oid === '1.2.840.113549.1.1.12') return { name: 'SHA-384', fn: sha384 };
  if (oid === '1.2.840.10045.4.3.4' || oid === '1.2.840.113549.1.1.13') return { name: 'SHA-512', fn: sha512 };
  return { name: 'SHA-256', fn: sha256 };
}

export interface EndpointBindings {
  /** "tls-server-end-point:" || hash(certificate): the gss_channel_bindings_struct's application data. */
  applicationData: Uint8Array;
  /** The certificate hash alone, and the hash's name. */
  certificateHash: Uint8Array;
  hashName: string;
}

export function tlsServerEndPoint(certDer: Uint8Array): EndpointBindings {
  const cert = readDer(certDer);
  const alg = cert.children?.[1]?.children?.[0];
  const h = hashFor(alg ? readOid(certDer, alg) : '');
  const certificateHash = h.fn(certDer);
  return { applicationData: concat(utf8(PREFIX), certificateHash), certificateHash, hashName: h.name };
}
