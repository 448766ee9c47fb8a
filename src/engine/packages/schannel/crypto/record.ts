// Record protection: what EncryptMessage/DecryptMessage do to application data and what protects
// the handshake from Finished on.
//  - AEAD, TLS 1.2 (RFC 5288 §3): nonce = salt(4) || explicit(8, the sequence number), AAD =
//    seq_num || type || version || length; DTLS uses epoch||sequence as the 8 bytes (RFC 6347 §4.1.2.1).
//  - AEAD, TLS 1.3 (RFC 8446 §5.2-5.3): nonce = iv xor seq, inner plaintext = content || type, AAD = record header.
//  - CBC (RFC 5246 §6.2.3.2, RFC 2246, RFC 6101 §5.2.3): MAC-then-encrypt; TLS 1.1+ sends an explicit IV,
//    TLS 1.0 and SSL 3.0 chain the IV from the previous record; SSL 3.0 has its own MAC (§5.2.3.1).
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { concat, equal } from '../../../bytes';
import type { Rng } from '../../../sspi/package';
import { desEncrypt, desDecrypt } from '../../../crypto/des';
import { cbcDecrypt as aesCbcDecrypt, cbcEncrypt as aesCbcEncrypt, gcmDecrypt, gcmEncrypt } from '../../../crypto/aesModes';
import type { CipherSuite } from '../messages/cipherSuites';
import { HASH_LEN, hash, hmacOf } from './prf';

export interface RecordKeys {
  suite: CipherSuite;
  version: number;
  key: Uint8Array;
  /** GCM salt (4), TLS 1.3 IV (12), or the CBC IV the key block gave (TLS 1.0 / SSL 3.0). */
  iv: Uint8Array;
  macKey: Uint8Array;
  seq: number;
  /** DTLS epoch. */
  epoch: number;
  dtls: boolean;
  /** What the keys are called (for the inspector and the key log). */
  name: string;
}

const be64 = (n: number): Uint8Array => { const o = new Uint8Array(8); let v = BigInt(n); for (let i = 7; i >= 0; i--) { o[i] = Number(v & 0xffn); v >>= 8n; } return o; };
const seqBytes = (k: RecordKeys): Uint8Array => {
  if (!k.dtls) return be64(k.seq);
  const s = be64(k.seq); s[0] = (k.epoch >> 8) & 0xff; s[1] = k.epoch & 0xff; return s;
};
const u16 = (n: number) => new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
const isTls13 = (k: RecordKeys) => k.version === 0x0304;
const isSsl3 = (k: RecordKeys) => k.version === 0x0300;
const explicitIv = (k: RecordKeys) => k.version >= 0x0302 || k.dtls;

function aead(k: RecordKeys, nonce: Uint8Array, aad: Uint8Array) {
  if (k.suite.cipher === 'CHACHA20_POLY1305') return chacha20poly1305(k.key, nonce, aad);
  return { encrypt: (p: Uint8Array) => gcmEncrypt(k.key, nonce, aad, p), decrypt: (c: Uint8Array) => gcmDecrypt(k.key, nonce, aad, c) };
}

function ede3(key: Uint8Array, block: Uint8Array, enc: boolean): Uint8Array {
  const [k1, k2, k3] = [key.subarray(0, 8), key.subarray(8, 16), key.subarray(16, 24)];
  return enc ? desEncrypt(k3, desDecrypt(k2, desEncrypt(k1, block))) : desDecrypt(k1, desEncrypt(k2, desDecrypt(k3, block)));
}
function cbcEncrypt(k: RecordKeys, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (k.suite.cipher !== '3DES_EDE_CBC') return aesCbcEncrypt(k.key, iv, data);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let o = 0; o < data.length; o += 8) {
    const x = data.slice(o, o + 8);
    for (let i = 0; i < 8; i++) x[i] ^= prev[i];
    prev = ede3(k.key, x, true);
    out.set(prev, o);
  }
  return out;
}
function cbcDecrypt(k: RecordKeys, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (k.suite.cipher !== '3DES_EDE_CBC') return aesCbcDecrypt(k.key, iv, data);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let o = 0; o < data.length; o += 8) {
    const c = data.subarray(o, o + 8);
    const x = ede3(k.key, c, false);
    for (let i = 0; i < 8; i++) out[o + i] = x[i] ^ prev[i];
    prev = c;
  }
  return out;
}

/** The record MAC: HMAC for TLS, the SSL 3.0 MAC for SSL 3.0. */
export function recordMac(k: RecordKeys, type: number, content: Uint8Array): Uint8Array {
  const h = k.suite.mac!;
  if (isSsl3(k)) {
    const padLen = h === 'sha1' ? 40 : 48;
    const inner = hash(h, concat(k.macKey, new Uint8Array(padLen).fill(0x36), seqBytes(k), new Uint8Array([type]), u16(content.length), content));
    return hash(h, concat(k.macKey, new Uint8Array(padLen).fill(0x5c), inner));
  }
  const version = k.version;
  return hmacOf(h, k.macKey, concat(seqBytes(k), new Uint8Array([type]), u16(version), u16(content.length), content));
}

export interface Sealed {
  /** The record's fragment (what follows the record header). */
  fragment: Uint8Array;
  /** The content type on the wire (TLS 1.3: application_data). */
  outerType: number;
  keys: RecordKeys;
  /** What the receiver's open() gives for this fragment, as the sender knows it (its field tree needs no
   * second decryption of what it has just encrypted). */
  opened: Opened;
}

/** Encrypt one record's content with the sender's keys; returns the next state. */
export function seal(k: RecordKeys, type: number, content: Uint8Array, rng: Rng): Sealed {
  const next = { ...k, seq: k.seq + 1 };
  const s = k.suite;
  if (isTls13(k)) {
    const inner = concat(content, new Uint8Array([type]));
    const nonce = k.iv.slice();
    const sb = be64(k.seq);
    for (let i = 0; i < 8; i++) nonce[4 + i] ^= sb[i];
    const len = inner.length + 16;
    const aad = new Uint8Array([23, 3, 3, (len >> 8) & 0xff, len & 0xff]);
    const opened: Opened = { content: content.slice(), type, keys: next, plain: inner, layout: { explicitLength: 0, contentLength: content.length, macLength: 0, padLength: 1, tagLength: 16 } };
    return { fragment: aead(k, nonce, aad).encrypt(inner), outerType: 23, keys: next, opened };
  }
  if (s.cipher.endsWith('GCM')) {
    const explicit = seqBytes(k);
    const nonce = concat(k.iv, explicit);
    const aad = concat(seqBytes(k), new Uint8Array([type]), u16(k.version), u16(content.length));
    const opened: Opened = { content: content.slice(), type, keys: next, plain: content.slice(), layout: { explicitLength: 8, contentLength: content.length, macLength: 0, padLength: 0, tagLength: 16 } };
    return { fragment: concat(explicit, gcmEncrypt(k.key, nonce, aad, content)), outerType: type, keys: next, opened };
  }
  // CBC, MAC-then-encrypt.
  const mac = recordMac(k, type, content);
  const bs = s.blockSize;
  const body = concat(content, mac);
  const padLen = bs - 1 - (body.length % bs);
  const pad = new Uint8Array(padLen + 1).fill(padLen);
  const plain = concat(body, pad);
  const layout = { explicitLength: explicitIv(k) ? bs : 0, contentLength: content.length, macLength: mac.length, padLength: padLen + 1, tagLength: 0 };
  if (explicitIv(k)) {
    const iv = rng.bytes(bs);
    return { fragment: concat(iv, cbcEncrypt(k, iv, plain)), outerType: type, keys: next, opened: { content: content.slice(), type, keys: next, plain, layout } };
  }
  const ct = cbcEncrypt(k, k.iv, plain);
  const keys = { ...next, iv: ct.slice(ct.length - bs) };
  return { fragment: ct, outerType: type, keys, opened: { content: content.slice(), type, keys, plain, layout } };
}

export interface Opened {
  content: Uint8Array;
  type: number;
  keys: RecordKeys;
  /** Everything the cipher produced: TLS 1.3 inner plaintext (content, type, zeros), CBC content+MAC+padding, GCM content. */
  plain: Uint8Array;
  /** The plaintext as the decryptor sees it, with where its parts are (for the field tree). */
  layout: { explicitLength: number; contentLength: number; macLength: number; padLength: number; tagLength: number };
}

/** Decrypt and authenticate one record; null when the MAC or tag does not verify (bad_record_mac). */
export function open(k: RecordKeys, outerType: number, fragment: Uint8Array, headerVersion: number = k.version): Opened | null {
  const next = { ...k, seq: k.seq + 1 };
  const s = k.suite;
  try {
    if (isTls13(k)) {
      const nonce = k.iv.slice();
      const sb = be64(k.seq);
      for (let i = 0; i < 8; i++) nonce[4 + i] ^= sb[i];
      const aad = new Uint8Array([outerType, (headerVersion >> 8) & 0xff, headerVersion & 0xff, (fragment.length >> 8) & 0xff, fragment.length & 0xff]);
      const inner = aead(k, nonce, aad).decrypt(fragment);
      let end = inner.length - 1;
      while (end >= 0 && inner[end] === 0) end--;
      if (end < 0) return null;
      return { content: inner.slice(0, end), type: inner[end], keys: next, plain: inner, layout: { explicitLength: 0, contentLength: end, macLength: 0, padLength: inner.length - end, tagLength: 16 } };
    }
    if (s.cipher.endsWith('GCM')) {
      const explicit = fragment.subarray(0, 8);
      const ct = fragment.subarray(8);
      const aad = concat(seqBytes(k), new Uint8Array([outerType]), u16(headerVersion), u16(ct.length - 16));
      const content = gcmDecrypt(k.key, concat(k.iv, explicit), aad, ct);
      return { content, type: outerType, keys: next, plain: content, layout: { explicitLength: 8, contentLength: content.length, macLength: 0, padLength: 0, tagLength: 16 } };
    }
    const bs = s.blockSize;
    let iv = k.iv, ct = fragment, explicitLength = 0;
    if (explicitIv(k)) { iv = fragment.subarray(0, bs); ct = fragment.subarray(bs); explicitLength = bs; }
    if (ct.length === 0 || ct.length % bs !== 0) return null;
    const plain = cbcDecrypt(k, iv, ct);
    const padLen = plain[plain.length - 1];
    const macLen = HASH_LEN[s.mac!];
    const contentLen = plain.length - 1 - padLen - macLen;
    if (contentLen < 0) return null;
    if (!isSsl3(k)) for (let i = plain.length - 1 - padLen; i < plain.length; i++) if (plain[i] !== padLen) return null;
    if (isSsl3(k) && padLen >= bs) return null;
    const content = plain.slice(0, contentLen);
    const mac = plain.subarray(contentLen, contentLen + macLen);
    if (!equal(mac, recordMac(k, outerType, content))) return null;
    const keys = explicitIv(k) ? next : { ...next, iv: ct.slice(ct.length - bs) };
    return { content, type: outerType, keys, plain, layout: { explicitLength, contentLength: contentLen, macLength: macLen, padLength: padLen + 1, tagLength: 0 } };
  } catch {
    return null;
  }
}
