// The value pubKeyAuth protects (MS-CSSP 3.1.5), before EncryptMessage:
//   version 5+:  SHA-256("CredSSP Client-To-Server Binding Hash\0" | clientNonce | SubjectPublicKey)   (client)
//                SHA-256("CredSSP Server-To-Client Binding Hash\0" | clientNonce | SubjectPublicKey)   (server)
//   versions 2-4: SubjectPublicKey itself (client); the server answers it incremented by one
//                 (the first byte + 1, carrying into the next bytes as a little-endian number).
// SubjectPublicKey is the content of the BIT STRING in the certificate's SubjectPublicKeyInfo,
// without the unused-bits byte (for RSA the RSAPublicKey SEQUENCE, for EC the 0x04 point).
import { sha256 } from '@noble/hashes/sha2.js';
import { DecodeError, concat, utf8 } from '../../../bytes';
import { expectSequence, readBitString, readDer } from '../../../encoding/der';
import { CLIENT_SERVER_HASH_MAGIC, SERVER_CLIENT_HASH_MAGIC } from './constants';

export type Direction = 'client-to-server' | 'server-to-client';

export function bindingHash(direction: Direction, clientNonce: Uint8Array, subjectPublicKey: Uint8Array): Uint8Array {
  const magic = utf8(direction === 'client-to-server' ? CLIENT_SERVER_HASH_MAGIC : SERVER_CLIENT_HASH_MAGIC);
  return sha256(concat(magic, clientNonce, subjectPublicKey));
}

/** The server's version 2-4 answer: the public key plus one (little-endian increment of the bytes). */
export function incrementPublicKey(subjectPublicKey: Uint8Array): Uint8Array {
  const out = subjectPublicKey.slice();
  for (let i = 0; i < out.length; i++) {
    out[i] = (out[i] + 1) & 0xff;
    if (out[i] !== 0) break;
  }
  return out;
}

/** What the sender of `direction` puts (before encryption) into pubKeyAuth for a TSRequest version. */
export function pubKeyAuthValue(version: number, direction: Direction, subjectPublicKey: Uint8Array, clientNonce?: Uint8Array): Uint8Array {
  if (version >= 5) {
    if (!clientNonce) throw new RangeError(`TSRequest version ${version} needs a clientNonce for the binding hash`);
    return bindingHash(direction, clientNonce, subjectPublicKey);
  }
  return direction === 'client-to-server' ? subjectPublicKey.slice() : incrementPublicKey(subjectPublicKey);
}

/** The SubjectPublicKey bytes of a DER SubjectPublicKeyInfo (SEQUENCE { algorithm, BIT STRING }). */
export function subjectPublicKeyOf(spki: Uint8Array): Uint8Array {
  const top = expectSequence(readDer(spki), 'SubjectPublicKeyInfo');
  const bits = top.children?.[1];
  if (!bits || top.children!.length !== 2) throw new DecodeError('SubjectPublicKeyInfo: expected algorithm and subjectPublicKey', top.start);
  const v = readBitString(spki, bits, 'subjectPublicKey');
  if (v.unused !== 0) throw new DecodeError('subjectPublicKey: unused bits', bits.start);
  return v.bytes.slice();
}
