// SSL 3.0's own key derivation and Finished hashes (RFC 6101 §6.1, §6.2.2, §5.6.9): MD5 over
// SHA-1 of 'A', 'BB', 'CCC'... salts, not a PRF; Finished = MD5 and SHA-1 of the handshake with
// the sender's code and the master secret between pad1 and pad2.
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { concat } from '../../../bytes';

function expand(secret: Uint8Array, a: Uint8Array, b: Uint8Array, length: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let n = 0;
  for (let i = 1; n < length; i++) {
    const salt = new Uint8Array(i).fill(0x40 + i); // 'A', 'BB', 'CCC', ...
    const block = md5(concat(secret, sha1(concat(salt, secret, a, b))));
    parts.push(block);
    n += block.length;
  }
  return concat(...parts).slice(0, length);
}

export const ssl3MasterSecret = (preMaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array =>
  expand(preMaster, clientRandom, serverRandom, 48);

export const ssl3KeyBlock = (master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, length: number): Uint8Array =>
  expand(master, serverRandom, clientRandom, length);

const SENDER_CLIENT = new Uint8Array([0x43, 0x4c, 0x4e, 0x54]);
const SENDER_SERVER = new Uint8Array([0x53, 0x52, 0x56, 0x52]);

/** md5_hash (16) || sha_hash (20). */
export function ssl3Finished(master: Uint8Array, client: boolean, transcript: Uint8Array): Uint8Array {
  const sender = client ? SENDER_CLIENT : SENDER_SERVER;
  const m = md5(concat(master, new Uint8Array(48).fill(0x5c), md5(concat(transcript, sender, master, new Uint8Array(48).fill(0x36)))));
  const s = sha1(concat(master, new Uint8Array(40).fill(0x5c), sha1(concat(transcript, sender, master, new Uint8Array(40).fill(0x36)))));
  return concat(m, s);
}

/** SSL 3.0 CertificateVerify hashes (RFC 6101 §5.6.8): the same construction without the sender. */
export function ssl3CertificateVerifyHashes(master: Uint8Array, transcript: Uint8Array): Uint8Array {
  const m = md5(concat(master, new Uint8Array(48).fill(0x5c), md5(concat(transcript, master, new Uint8Array(48).fill(0x36)))));
  const s = sha1(concat(master, new Uint8Array(40).fill(0x5c), sha1(concat(transcript, master, new Uint8Array(40).fill(0x36)))));
  return concat(m, s);
}
