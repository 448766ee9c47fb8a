// Finished (RFC 5246 §7.4.9, RFC 8446 §4.4.4; SSL 3.0: MD5 and SHA-1 hashes, RFC 6101 §5.6.9).
import type { Cursor } from './cursor';

export interface Finished { verifyData: Uint8Array }
export const buildFinished = (m: Finished): Uint8Array => m.verifyData;
export function parseFinished(c: Cursor, ssl3 = false): Finished {
  if (ssl3) {
    const md5 = c.raw('md5_hash', 16, 'MD5(master_secret + pad2 + MD5(handshake_messages + Sender + master_secret + pad1))');
    const sha = c.raw('sha_hash', 20, 'SHA-1(master_secret + pad2 + SHA-1(handshake_messages + Sender + master_secret + pad1))');
    const v = new Uint8Array(36); v.set(md5); v.set(sha, 16);
    return { verifyData: v };
  }
  const n = c.left;
  return { verifyData: c.raw('verify_data', n, n === 12 ? 'PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]: proves both sides saw the same handshake and hold the same keys' : 'HMAC(finished_key, Transcript-Hash): proves the sender saw the same handshake and holds the handshake traffic secret') };
}
