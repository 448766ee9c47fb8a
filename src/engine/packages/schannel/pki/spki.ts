// The subject public key of a certificate: the content of the SubjectPublicKeyInfo's BIT STRING
// (without the unused-bits byte), what MS-CSSP's pubKeyAuth and tls-server-end-point bind to.
import { readDer, readBitString } from '../../../encoding/der';
import { DecodeError } from '../../../bytes';

export function subjectPublicKey(certDer: Uint8Array): Uint8Array {
  const cert = readDer(certDer);
  const tbs = cert.children?.[0];
  const kids = tbs?.children ?? [];
  const offset = kids[0] && kids[0].tagClass === 2 ? 1 : 0;
  const spki = kids[offset + 5];
  const bits = spki?.children?.[1];
  if (!bits) throw new DecodeError('certificate has no SubjectPublicKeyInfo', 0);
  return readBitString(certDer, bits).bytes;
}
