// The parts of an X.509 certificate (RFC 5280 §4.1) that PKINIT and CMS need: issuer and serial
// number (to name the signer), subject, and the SubjectPublicKeyInfo. Read with the offset-keeping
// DER reader; the certificate bytes are whatever issued them (the scenario's CA, openssl in tests).
import { DecodeError } from '../../../bytes';
import { expectSequence, readDer, readOid } from '../../../encoding/der';
import { OID } from './constants';

export interface CertInfo {
  der: Uint8Array;
  /** Content bytes of the serialNumber INTEGER. */
  serial: Uint8Array;
  /** DER of the issuer Name. */
  issuer: Uint8Array;
  /** DER of the subject Name. */
  subject: Uint8Array;
  /** DER of the SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** The key algorithm OID and, for EC keys, the curve OID. */
  keyAlgorithm: string;
  curve?: string;
  /** The public key bits (BIT STRING content without the unused-bits byte). */
  publicKey: Uint8Array;
}

export function certInfo(der: Uint8Array): CertInfo {
  const top = expectSequence(readDer(der), 'Certificate');
  const tbs = expectSequence(top.children![0], 'TBSCertificate');
  const k = tbs.children ?? [];
  let i = 0;
  if (k[0]?.tagClass === 2 && k[0].tagNumber === 0) i = 1;
  const [serialN, , issuerN, , subjectN, spkiN] = k.slice(i, i + 6);
  if (!spkiN) throw new DecodeError('Certificate: TBSCertificate too short', tbs.start);
  const alg = expectSequence(spkiN.children![0], 'AlgorithmIdentifier');
  const keyAlgorithm = readOid(der, alg.children![0]);
  const params = alg.children![1];
  const bits = spkiN.children![1];
  const info: CertInfo = {
    der,
    serial: der.slice(serialN.headerEnd, serialN.end),
    issuer: der.slice(issuerN.start, issuerN.end),
    subject: der.slice(subjectN.start, subjectN.end),
    spki: der.slice(spkiN.start, spkiN.end),
    keyAlgorithm,
    publicKey: der.slice(bits.headerEnd + 1, bits.end),
  };
  if (keyAlgorithm === OID.ecPublicKey && params?.tagNumber === 6) info.curve = readOid(der, params);
  return info;
}
