// RFC 4757 §7 per-message tokens for rc4-hmac: the RFC 1964 token layout (GSS-API framing 0x60 +
// krb5 OID, then TOK_ID 01 01 MIC or 02 01 Wrap) with HMAC-MD5 signatures (SGN_ALG 11 00), RC4
// sealing (SEAL_ALG 10 00) and an RC4-encrypted sequence number. Windows' DCE style (MS-KILE
// 3.4.5.4.1, MS-RPCE) leaves the data out of the framing length and does not pad.
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { concat, equal, hex, u32be, u32le, utf8, readU16be, DecodeError } from '../../../bytes.ts';
import { field, group, type Field } from '../../../encoding/fields.ts';
import { Rc4 } from '../../rc4.ts';
import { KerberosIntegrityError } from '../constants.ts';

export const RC4_TOK_ID = { MIC: 0x0101, WRAP: 0x0201 } as const;
export const SGN_ALG_HMAC_MD5 = 0x1100; // bytes 11 00
export const SEAL_ALG_RC4 = 0x1000; // bytes 10 00
export const SEAL_ALG_NONE = 0xffff;
/** RFC 4757 message types used inside the GSS checksums. */
const MIC_USAGE = 15;
const WRAP_USAGE = 13;
const KRB5_OID_DER = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02]);
const REF = 'RFC 4757 §7';

const hmacMd5 = (k: Uint8Array, m: Uint8Array): Uint8Array => hmac(md5, k, m);
const ksign = (key: Uint8Array): Uint8Array => hmacMd5(key, utf8('signaturekey\0'));

function checkKey(key: Uint8Array): void {
  if (key.length !== 16) throw new Error(`rc4-hmac keys are 16 bytes, got ${key.length}`);
}

function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  if (n < 0x100) return Uint8Array.of(0x81, n);
  if (n < 0x10000) return Uint8Array.of(0x82, n >> 8, n & 0xff);
  return Uint8Array.of(0x83, n >> 16, (n >> 8) & 0xff, n & 0xff);
}

/** RFC 2743 §3.1 framing: [APPLICATION 0] { mech OID, inner token }. `outside` bytes follow but are not counted (DCE style). */
function frame(inner: Uint8Array, outside: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concat(Uint8Array.of(0x60), derLength(KRB5_OID_DER.length + inner.length), KRB5_OID_DER, inner, outside);
}

interface Unframed { inner: number; innerEnd: number; fields: Field[] }
function unframe(token: Uint8Array): Unframed {
  if (token[0] !== 0x60) throw new DecodeError('expected the GSS-API framing tag 0x60', 0);
  let o = 1;
  let len = token[o++];
  const lenStart = 1;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 3) throw new DecodeError('bad framing length', 1);
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | token[o++];
  }
  const lenEnd = o;
  for (let i = 0; i < KRB5_OID_DER.length; i++) if (token[o + i] !== KRB5_OID_DER[i]) throw new DecodeError('expected the Kerberos V5 mechanism OID 1.2.840.113554.1.2.2', o);
  const contentEnd = lenEnd + len;
  if (contentEnd > token.length) throw new DecodeError(`framing claims ${len} bytes but only ${token.length - lenEnd} follow`, 1);
  const fields = [group('GSS-API framing', 'the generic token wrapper of RFC 2743 §3.1 that RFC 1964-style tokens carry', [
    field('Tag', 0, 1, '[APPLICATION 0], constructed: a GSS-API token', '0x60', 'RFC 2743 §3.1'),
    field('Length', lenStart, lenEnd, contentEnd < token.length ? `length of the mechanism OID and the token header; the ${token.length - contentEnd} data bytes after it are not counted (Windows DCE style)` : 'length of everything that follows', len, 'RFC 2743 §3.1'),
    field('Mechanism', lenEnd, lenEnd + KRB5_OID_DER.length, 'OBJECT IDENTIFIER 1.2.840.113554.1.2.2: the Kerberos V5 GSS-API mechanism', '1.2.840.113554.1.2.2 (KRB5)', 'RFC 1964 §1.1'),
  ])];
  return { inner: lenEnd + KRB5_OID_DER.length, innerEnd: contentEnd, fields };
}

function seqPlain(seq: number, sentByAcceptor: boolean): Uint8Array {
  return concat(u32be(seq >>> 0), sentByAcceptor ? Uint8Array.of(0xff, 0xff, 0xff, 0xff) : new Uint8Array(4));
}
function seqKey(key: Uint8Array, cksum8: Uint8Array): Uint8Array {
  return hmacMd5(hmacMd5(key, u32le(0)), cksum8);
}
function decodeSeq(key: Uint8Array, cksum8: Uint8Array, enc: Uint8Array): { seq: number; sentByAcceptor: boolean } {
  const p = new Rc4(seqKey(key, cksum8)).process(enc);
  const dir = p.subarray(4, 8);
  const acc = dir.every((x) => x === 0xff);
  if (!acc && !dir.every((x) => x === 0)) throw new KerberosIntegrityError('the decrypted SND_SEQ has no valid direction bytes (wrong key?)');
  return { seq: ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0, sentByAcceptor: acc };
}

// ---------------------------------------------------------------- MIC

export interface BuildRc4MicInput { key: Uint8Array; seq: number; sentByAcceptor: boolean; message: Uint8Array }

/** GSS_GetMIC for rc4-hmac: framing | 01 01 | 11 00 | ff ff ff ff | SND_SEQ | SGN_CKSUM. */
export function buildRc4Mic(i: BuildRc4MicInput): Uint8Array {
  checkKey(i.key);
  const header = Uint8Array.of(0x01, 0x01, 0x11, 0x00, 0xff, 0xff, 0xff, 0xff);
  const cks = hmacMd5(ksign(i.key), md5(concat(u32le(MIC_USAGE), header, i.message))).slice(0, 8);
  const sndSeq = new Rc4(seqKey(i.key, cks)).process(seqPlain(i.seq, i.sentByAcceptor));
  return frame(concat(header, sndSeq, cks));
}

export interface Rc4MicToken { seqEncrypted: Uint8Array; checksum: Uint8Array; header: Uint8Array; fields: Field[]; seq?: number; sentByAcceptor?: boolean }

export function parseRc4Mic(token: Uint8Array): Rc4MicToken {
  const f = unframe(token);
  const o = f.inner;
  if (f.innerEnd - o !== 24) throw new DecodeError(`an rc4-hmac MIC token has a 24-byte body, got ${f.innerEnd - o}`, o);
  if (readU16be(token, o) !== RC4_TOK_ID.MIC) throw new DecodeError('not an RFC 1964 MIC token (TOK_ID must be 01 01)', o);
  if (readU16be(token, o + 2) !== SGN_ALG_HMAC_MD5) throw new DecodeError('SGN_ALG is not 11 00 (HMAC-MD5)', o + 2);
  const fields: Field[] = [...f.fields, group('MIC token', 'an RFC 4757 MIC token: the signature of a message sent separately', [
    field('TOK_ID', o, o + 2, 'token identifier 01 01: a MIC (GSS_GetMIC) token', '0x0101 MIC', 'RFC 1964 §1.2.1'),
    field('SGN_ALG', o + 2, o + 4, 'signature algorithm 11 00: HMAC-MD5 (rc4-hmac)', '0x1100 HMAC-MD5', `${REF}.2`),
    field('Filler', o + 4, o + 8, 'four 0xFF bytes', 'ff ff ff ff', 'RFC 1964 §1.2.1'),
    field('SND_SEQ', o + 8, o + 16, 'sequence number (4 bytes big-endian) and direction (00000000 initiator, FFFFFFFF acceptor), RC4-encrypted with a key derived from the checksum', hex(token.subarray(o + 8, o + 16)), `${REF}.2`),
    field('SGN_CKSUM', o + 16, o + 24, 'first 8 bytes of HMAC-MD5(Ksign, MD5(15 | header | message)): the signature', hex(token.subarray(o + 16, o + 24)), `${REF}.2`),
  ])];
  return { seqEncrypted: token.slice(o + 8, o + 16), checksum: token.slice(o + 16, o + 24), header: token.slice(o, o + 8), fields };
}

/** Verify an rc4-hmac MIC token over `message`; returns the sequence number and direction. */
export function verifyRc4Mic(key: Uint8Array, token: Uint8Array, message: Uint8Array): Rc4MicToken & { seq: number; sentByAcceptor: boolean } {
  checkKey(key);
  const t = parseRc4Mic(token);
  const want = hmacMd5(ksign(key), md5(concat(u32le(MIC_USAGE), t.header, message))).slice(0, 8);
  if (!equal(want, t.checksum)) throw new KerberosIntegrityError('rc4-hmac MIC checksum does not verify: wrong key or modified message');
  return { ...t, ...decodeSeq(key, t.checksum, t.seqEncrypted) };
}

// ---------------------------------------------------------------- Wrap

export interface BuildRc4WrapInput {
  key: Uint8Array;
  seq: number;
  sentByAcceptor: boolean;
  message: Uint8Array;
  /** Encrypt with RC4 (SEAL_ALG 10 00); else SEAL_ALG FF FF, integrity only. */
  confidential: boolean;
  /** 8 bytes from the seeded RNG. */
  confounder: Uint8Array;
  /** Windows DCE style (RPC): no padding, the framing length leaves the data out, output split. */
  dceStyle?: boolean;
}

export interface Rc4WrapOutput { token: Uint8Array; signature?: Uint8Array; data?: Uint8Array }

export function buildRc4Wrap(i: BuildRc4WrapInput): Rc4WrapOutput {
  checkKey(i.key);
  if (i.confounder.length !== 8) throw new Error(`the rc4-hmac GSS confounder is 8 bytes, got ${i.confounder.length}`);
  const header = Uint8Array.of(0x02, 0x01, 0x11, 0x00, ...(i.confidential ? [0x10, 0x00] : [0xff, 0xff]), 0xff, 0xff);
  // RC4 is a stream cipher: RFC 1964 padding with block size 1 is a single 01 byte.
  const data = i.dceStyle ? i.message : concat(i.message, Uint8Array.of(0x01));
  const cks = hmacMd5(ksign(i.key), md5(concat(u32le(WRAP_USAGE), header, i.confounder, data))).slice(0, 8);
  const plainSeq = seqPlain(i.seq, i.sentByAcceptor);
  let conf = i.confounder;
  let body = data;
  if (i.confidential) {
    const klocal = i.key.map((x) => x ^ 0xf0);
    const rc4 = new Rc4(hmacMd5(hmacMd5(klocal, u32le(0)), plainSeq.subarray(0, 4)));
    conf = rc4.process(i.confounder);
    body = rc4.process(data);
  }
  const sndSeq = new Rc4(seqKey(i.key, cks)).process(plainSeq);
  const inner = concat(header, sndSeq, cks, conf);
  if (i.dceStyle) {
    const signature = frame(inner);
    return { token: concat(signature, body), signature, data: body };
  }
  return { token: frame(concat(inner, body)) };
}

export interface Rc4WrapToken {
  sealed: boolean;
  header: Uint8Array;
  seqEncrypted: Uint8Array;
  checksum: Uint8Array;
  confounder: Uint8Array;
  body: Uint8Array;
  dceStyle: boolean;
  fields: Field[];
}

export function parseRc4Wrap(token: Uint8Array): Rc4WrapToken {
  const f = unframe(token);
  const o = f.inner;
  if (readU16be(token, o) !== RC4_TOK_ID.WRAP) throw new DecodeError('not an RFC 1964 Wrap token (TOK_ID must be 02 01)', o);
  if (readU16be(token, o + 2) !== SGN_ALG_HMAC_MD5) throw new DecodeError('SGN_ALG is not 11 00 (HMAC-MD5)', o + 2);
  const sealAlg = readU16be(token, o + 4);
  if (sealAlg !== SEAL_ALG_RC4 && sealAlg !== SEAL_ALG_NONE) throw new DecodeError(`SEAL_ALG ${sealAlg.toString(16)} is neither 10 00 (RC4) nor FF FF (none)`, o + 4);
  if (token.length < o + 32) throw new DecodeError('rc4-hmac Wrap token shorter than its 32-byte header', o);
  const sealed = sealAlg === SEAL_ALG_RC4;
  const dceStyle = f.innerEnd === o + 32 && token.length > o + 32;
  const end = token.length;
  const fields: Field[] = [...f.fields, group('Wrap token', 'an RFC 4757 Wrap token: signature, sequence number, confounder and the (sealed) message', [
    field('TOK_ID', o, o + 2, 'token identifier 02 01: a Wrap (GSS_Wrap) token', '0x0201 Wrap', 'RFC 1964 §1.2.2'),
    field('SGN_ALG', o + 2, o + 4, 'signature algorithm 11 00: HMAC-MD5 (rc4-hmac)', '0x1100 HMAC-MD5', `${REF}.3`),
    field('SEAL_ALG', o + 4, o + 6, sealed ? 'sealing algorithm 10 00: the confounder and data are RC4-encrypted' : 'sealing algorithm FF FF: no encryption, integrity only', sealed ? '0x1000 RC4' : '0xffff none', `${REF}.3`),
    field('Filler', o + 6, o + 8, 'two 0xFF bytes', 'ff ff', 'RFC 1964 §1.2.2'),
    field('SND_SEQ', o + 8, o + 16, 'sequence number (4 bytes big-endian) and direction (00000000 initiator, FFFFFFFF acceptor), RC4-encrypted with a key derived from the checksum', hex(token.subarray(o + 8, o + 16)), `${REF}.3`),
    field('SGN_CKSUM', o + 16, o + 24, 'first 8 bytes of HMAC-MD5(Ksign, MD5(13 | header | confounder | data)): the signature', hex(token.subarray(o + 16, o + 24)), `${REF}.3`),
    field('Confounder', o + 24, o + 32, sealed ? '8 random bytes, RC4-encrypted together with the data' : '8 random bytes (in clear: integrity only)', hex(token.subarray(o + 24, o + 32)), `${REF}.3`),
    ...(end > o + 32 ? [field('Data', o + 32, end, sealed ? (dceStyle ? 'the message, RC4-encrypted in place (outside the framing length: DCE style)' : 'the message and its 1-byte padding (01), RC4-encrypted') : 'the message and its 1-byte padding (01), in clear', hex(token.subarray(o + 32, end)), `${REF}.3`)] : []),
  ])];
  return { sealed, header: token.slice(o, o + 8), seqEncrypted: token.slice(o + 8, o + 16), checksum: token.slice(o + 16, o + 24), confounder: token.slice(o + 24, o + 32), body: token.slice(o + 32), dceStyle, fields };
}

export interface Rc4Unwrapped { message: Uint8Array; seq: number; sentByAcceptor: boolean; confounder: Uint8Array; token: Rc4WrapToken }

/** GSS_Unwrap for rc4-hmac: decrypt (if sealed), verify the checksum, decode the sequence number. */
export function unwrapRc4(key: Uint8Array, token: Uint8Array, opts: { keyDescription?: string } = {}): Rc4Unwrapped {
  checkKey(key);
  const t = parseRc4Wrap(token);
  const { seq, sentByAcceptor } = decodeSeq(key, t.checksum, t.seqEncrypted);
  let conf = t.confounder;
  let data = t.body;
  if (t.sealed) {
    const klocal = key.map((x) => x ^ 0xf0);
    const rc4 = new Rc4(hmacMd5(hmacMd5(klocal, u32le(0)), u32be(seq)));
    conf = rc4.process(t.confounder);
    data = rc4.process(t.body);
  }
  const want = hmacMd5(ksign(key), md5(concat(u32le(WRAP_USAGE), t.header, conf, data))).slice(0, 8);
  if (!equal(want, t.checksum)) throw new KerberosIntegrityError('rc4-hmac Wrap checksum does not verify: wrong key or modified token');
  let message = data;
  if (!t.dceStyle) {
    const pad = data[data.length - 1];
    if (!data.length || pad < 1 || pad > 8 || pad > data.length || !data.subarray(data.length - pad).every((x) => x === pad)) throw new KerberosIntegrityError('bad RFC 1964 padding at the end of the unwrapped data');
    message = data.slice(0, data.length - pad);
  }
  if (t.sealed) {
    const dataField = t.fields[t.fields.length - 1].children!.find((c) => c.name === 'Data');
    const plain = concat(conf, data);
    const target = dataField ?? t.fields[t.fields.length - 1].children!.find((c) => c.name === 'Confounder')!;
    target.decrypted = {
      key: opts.keyDescription ?? 'session key or subkey (rc4-hmac)', keyHex: hex(key), keyUsage: WRAP_USAGE, etype: 23, hex: hex(plain), name: 'Wrap token plaintext',
      fields: [
        field('Confounder', 0, 8, '8 random bytes so equal messages never encrypt the same', hex(conf), `${REF}.3`),
        ...(message.length ? [field('Message', 8, 8 + message.length, 'the application data GSS_Wrap protected', hex(message), `${REF}.3`)] : []),
        ...(data.length > message.length ? [field('Padding', 8 + message.length, plain.length, 'RFC 1964 padding: the pad length repeated', hex(data.subarray(message.length)), 'RFC 1964 §1.2.2.3')] : []),
      ],
    };
  }
  return { message, seq, sentByAcceptor, confounder: conf, token: t };
}
