// RFC 4121 per-message tokens of the Kerberos V5 GSS-API mechanism ("CFX", used with the AES
// enctypes): MIC tokens (TOK_ID 04 04) and Wrap tokens (05 04), with Windows' DCE-style variant of
// GSS_WrapEx (MS-KILE 3.4.5.4.1: the body is rotated by RRC+EC and split into signature + data).
import { concat, equal, hex, readU16be, u16be, DecodeError } from '../../../bytes.ts';
import { field, group, type Field } from '../../../encoding/fields.ts';
import { KEY_USAGE, KerberosIntegrityError, etypeName } from '../constants.ts';
import { checksum, checksumLength, checksumTypeFor, confounderLength, decryptDetailed, encrypt, encryptionOverhead } from '../crypto.ts';
import { rotateLeft, rotateRight, rotatedFields, type Segment } from './rotate.ts';

export const CFX_TOK_ID = { MIC: 0x0404, WRAP: 0x0504 } as const;
export const CFX_FLAG = { SENT_BY_ACCEPTOR: 0x01, SEALED: 0x02, ACCEPTOR_SUBKEY: 0x04 } as const;
const REF = 'RFC 4121 §4.2.6';
const HEADER = 16;

export interface CfxDirection {
  /** The acceptor (server) sent this token; else the initiator (client) did. */
  sentByAcceptor: boolean;
  /** The key is the acceptor's subkey from the AP-REP (Windows always sends one). */
  acceptorSubkey: boolean;
}

/** Key usage of a MIC token: 23 from the acceptor, 25 from the initiator (RFC 4121 §2). */
export const cfxMicUsage = (sentByAcceptor: boolean): number => (sentByAcceptor ? KEY_USAGE.GSS_ACCEPTOR_SIGN : KEY_USAGE.GSS_INITIATOR_SIGN);
/** Key usage of a Wrap token: 22 from the acceptor, 24 from the initiator. */
export const cfxWrapUsage = (sentByAcceptor: boolean): number => (sentByAcceptor ? KEY_USAGE.GSS_ACCEPTOR_SEAL : KEY_USAGE.GSS_INITIATOR_SEAL);

function cfxOnly(etype: number): void {
  if (![17, 18, 19, 20].includes(etype)) throw new Error(`RFC 4121 CFX tokens are for the AES enctypes; ${etypeName(etype)} uses the RFC 4757 token format`);
}

function seqBytes(seq: bigint | number): Uint8Array {
  let v = BigInt(seq);
  if (v < 0n || v > 0xffffffffffffffffn) throw new Error(`sequence number out of range: ${seq}`);
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) { out[i] = Number(v & 0xffn); v >>= 8n; }
  return out;
}
function readSeq(b: Uint8Array, o: number): bigint {
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[o + i]);
  return v;
}

function flagByte(d: CfxDirection, sealed: boolean): number {
  return (d.sentByAcceptor ? CFX_FLAG.SENT_BY_ACCEPTOR : 0) | (sealed ? CFX_FLAG.SEALED : 0) | (d.acceptorSubkey ? CFX_FLAG.ACCEPTOR_SUBKEY : 0);
}
export function cfxFlagNames(flags: number): string[] {
  const n: string[] = [];
  if (flags & CFX_FLAG.SENT_BY_ACCEPTOR) n.push('SentByAcceptor');
  if (flags & CFX_FLAG.SEALED) n.push('Sealed');
  if (flags & CFX_FLAG.ACCEPTOR_SUBKEY) n.push('AcceptorSubkey');
  return n;
}

function flagsField(flags: number, at: number): Field {
  const names = cfxFlagNames(flags);
  const who = flags & CFX_FLAG.SENT_BY_ACCEPTOR ? 'the acceptor (server) sent it' : 'the initiator (client) sent it';
  const key = flags & CFX_FLAG.ACCEPTOR_SUBKEY ? "keyed with the acceptor's subkey from the AP-REP" : "keyed with the initiator's subkey (or the ticket session key)";
  return field('Flags', at, at + 1, `${who}; ${flags & CFX_FLAG.SEALED ? 'the data is encrypted' : 'the data is not encrypted'}; ${key}`, `0x${flags.toString(16).padStart(2, '0')} ${names.length ? names.join(', ') : '(none)'}`, `${REF}.1`);
}

// ---------------------------------------------------------------- MIC

export interface BuildCfxMicInput extends CfxDirection {
  etype: number;
  key: Uint8Array;
  seq: bigint | number;
  message: Uint8Array;
}

function micHeader(d: CfxDirection, seq: bigint | number): Uint8Array {
  return concat(u16be(CFX_TOK_ID.MIC), new Uint8Array([flagByte(d, false), 0xff, 0xff, 0xff, 0xff, 0xff]), seqBytes(seq));
}

/** GSS_GetMIC: header | checksum(Kc for usage 23/25, message | header). */
export function buildCfxMic(i: BuildCfxMicInput): Uint8Array {
  cfxOnly(i.etype);
  const h = micHeader(i, i.seq);
  return concat(h, checksum(checksumTypeFor(i.etype), i.key, cfxMicUsage(i.sentByAcceptor), concat(i.message, h)));
}

export interface CfxMicToken {
  flags: number;
  sentByAcceptor: boolean;
  acceptorSubkey: boolean;
  seq: bigint;
  header: Uint8Array;
  checksum: Uint8Array;
  fields: Field[];
}

export function parseCfxMic(token: Uint8Array): CfxMicToken {
  if (token.length < HEADER) throw new DecodeError(`a MIC token is at least ${HEADER} bytes, got ${token.length}`, 0);
  const tokId = readU16be(token, 0);
  if (tokId !== CFX_TOK_ID.MIC) throw new DecodeError(`not an RFC 4121 MIC token (TOK_ID ${tokId.toString(16).padStart(4, '0')}, expected 0404)`, 0);
  const flags = token[2];
  for (let i = 3; i < 8; i++) if (token[i] !== 0xff) throw new DecodeError('MIC token filler must be five 0xFF bytes', i);
  const seq = readSeq(token, 8);
  const cks = token.slice(HEADER);
  const fields: Field[] = [
    group('MIC token header', 'the 16-byte header of a GSS_GetMIC token; it is itself covered by the checksum', [
      field('TOK_ID', 0, 2, 'token identifier 04 04: an RFC 4121 MIC token (signature only, no data inside)', '0x0404 MIC', `${REF}.1`),
      flagsField(flags, 2),
      field('Filler', 3, 8, 'five 0xFF bytes that keep the header aligned', 'ff ff ff ff ff', `${REF}.1`),
      field('SND_SEQ', 8, 16, "the sender's sequence number (64-bit big-endian); the receiver uses it to detect replayed or reordered messages", seq.toString(), `${REF}.1`),
    ]),
    field('SGN_CKSUM', HEADER, token.length, 'keyed checksum (HMAC with the derived key Kc) over the message followed by this header', hex(cks), `${REF}.1`),
  ];
  return { flags, sentByAcceptor: !!(flags & CFX_FLAG.SENT_BY_ACCEPTOR), acceptorSubkey: !!(flags & CFX_FLAG.ACCEPTOR_SUBKEY), seq, header: token.slice(0, HEADER), checksum: cks, fields };
}

/** Verify a MIC token over `message`; throws KerberosIntegrityError when the checksum is wrong. */
export function verifyCfxMic(etype: number, key: Uint8Array, token: Uint8Array, message: Uint8Array): CfxMicToken {
  cfxOnly(etype);
  const t = parseCfxMic(token);
  if (t.flags & CFX_FLAG.SEALED) throw new KerberosIntegrityError('MIC token has the Sealed flag set, which a MIC token must not have');
  const want = checksum(checksumTypeFor(etype), key, cfxMicUsage(t.sentByAcceptor), concat(message, t.header));
  if (!equal(want, t.checksum)) throw new KerberosIntegrityError(`MIC token checksum does not verify (key usage ${cfxMicUsage(t.sentByAcceptor)}): wrong key, wrong direction or modified message`);
  return t;
}

// ---------------------------------------------------------------- Wrap

export interface BuildCfxWrapInput extends CfxDirection {
  etype: number;
  key: Uint8Array;
  seq: bigint | number;
  message: Uint8Array;
  /** Encrypt (GSS_Wrap with conf_req_flag); else integrity only. */
  confidential: boolean;
  /** The enctype's confounder (16 bytes), from the seeded RNG; required when confidential. */
  confounder?: Uint8Array;
  /** Extra count: filler bytes (sealed) before the header copy. Default 0. Ignored (= checksum size) when not sealed. */
  ec?: number;
  /** Right rotation count written in the header. Default 0. */
  rrc?: number;
  /** Value of the EC filler bytes (Windows uses 0xFF). */
  fillerByte?: number;
  /** Windows DCE-style GSS_WrapEx: the body is rotated by RRC+EC instead of RRC (MS-KILE 3.4.5.4.1). */
  dceStyle?: boolean;
}

export interface CfxWrapOutput {
  /** The whole token: header | rotated body. */
  token: Uint8Array;
  /**
   * DCE style only: the token without its last `message.length` bytes (the security trailer RPC
   * carries), and those last bytes (the message, sealed in place).
   */
  signature?: Uint8Array;
  data?: Uint8Array;
}

function wrapHeader(flags: number, ec: number, rrc: number, seq: bigint | number): Uint8Array {
  return concat(u16be(CFX_TOK_ID.WRAP), new Uint8Array([flags, 0xff]), u16be(ec), u16be(rrc), seqBytes(seq));
}

export function buildCfxWrap(i: BuildCfxWrapInput): CfxWrapOutput {
  cfxOnly(i.etype);
  const rrc = i.rrc ?? 0;
  const usage = cfxWrapUsage(i.sentByAcceptor);
  const flags = flagByte(i, i.confidential);
  let ec: number;
  let body: Uint8Array;
  if (i.confidential) {
    if (!i.confounder) throw new Error('a confidential Wrap token needs a confounder');
    ec = i.ec ?? 0;
    const filler = new Uint8Array(ec).fill(i.fillerByte ?? 0xff);
    // the header copy inside the encryption carries RRC = 0 (RFC 4121 §4.2.5)
    body = encrypt(i.etype, i.key, usage, concat(i.message, filler, wrapHeader(flags, ec, 0, i.seq)), i.confounder);
  } else {
    ec = checksumLength(checksumTypeFor(i.etype));
    // for the checksum, EC and RRC in the header are zero (RFC 4121 §4.2.4)
    const cks = checksum(checksumTypeFor(i.etype), i.key, usage, concat(i.message, wrapHeader(flags, 0, 0, i.seq)));
    body = concat(i.message, cks);
  }
  const rot = i.dceStyle ? rrc + ec : rrc;
  const token = concat(wrapHeader(flags, ec, rrc, i.seq), rotateRight(body, rot));
  const out: CfxWrapOutput = { token };
  if (i.dceStyle) {
    out.signature = token.slice(0, token.length - i.message.length);
    out.data = token.slice(token.length - i.message.length);
  }
  return out;
}

export interface CfxWrapToken {
  flags: number;
  sentByAcceptor: boolean;
  sealed: boolean;
  acceptorSubkey: boolean;
  ec: number;
  rrc: number;
  seq: bigint;
  header: Uint8Array;
  /** The body as sent (rotated). */
  body: Uint8Array;
  fields: Field[];
}

export interface ParseCfxWrapOptions {
  /** Needed to name the parts of a sealed body (confounder and tag sizes). */
  etype?: number;
  /** The body is rotated by RRC+EC (Windows DCE-style GSS_WrapEx). */
  dceStyle?: boolean;
}

function headerFields(flags: number, ec: number, rrc: number, seq: bigint, dce: boolean): Field {
  const sealed = !!(flags & CFX_FLAG.SEALED);
  return group('Wrap token header', 'the 16-byte header of a GSS_Wrap token', [
    field('TOK_ID', 0, 2, 'token identifier 05 04: an RFC 4121 Wrap token (the message travels inside it)', '0x0504 Wrap', `${REF}.2`),
    flagsField(flags, 2),
    field('Filler', 3, 4, 'one 0xFF byte', 'ff', `${REF}.2`),
    field('EC', 4, 6, sealed ? 'extra count: filler bytes added after the message before encryption' : 'extra count: the length of the checksum that follows the message', ec, `${REF}.2`),
    field('RRC', 6, 8, `right rotation count: the body after the header was rotated right by ${dce ? `RRC+EC = ${rrc + ec} (Windows DCE style)` : rrc} bytes so the trailer comes first`, rrc, `${REF}.2 / §4.2.5`),
    field('SND_SEQ', 8, 16, "the sender's sequence number (64-bit big-endian), for replay and ordering checks", seq.toString(), `${REF}.2`),
  ]);
}

export function parseCfxWrap(token: Uint8Array, opts: ParseCfxWrapOptions = {}): CfxWrapToken {
  if (token.length < HEADER) throw new DecodeError(`a Wrap token is at least ${HEADER} bytes, got ${token.length}`, 0);
  const tokId = readU16be(token, 0);
  if (tokId !== CFX_TOK_ID.WRAP) throw new DecodeError(`not an RFC 4121 Wrap token (TOK_ID ${tokId.toString(16).padStart(4, '0')}, expected 0504)`, 0);
  const flags = token[2];
  if (token[3] !== 0xff) throw new DecodeError('Wrap token filler byte must be 0xFF', 3);
  const ec = readU16be(token, 4);
  const rrc = readU16be(token, 6);
  const seq = readSeq(token, 8);
  const sealed = !!(flags & CFX_FLAG.SEALED);
  const body = token.slice(HEADER);
  const rot = opts.dceStyle ? rrc + ec : rrc;
  let segments: Segment[];
  if (sealed && opts.etype !== undefined) {
    cfxOnly(opts.etype);
    const tag = encryptionOverhead(opts.etype) - confounderLength(opts.etype);
    if (body.length < tag + confounderLength(opts.etype) + HEADER) throw new DecodeError('sealed Wrap token body too short', HEADER);
    segments = [
      { name: 'Encrypted data', length: body.length - tag, explain: `AES-CTS ciphertext (key Ke, usage ${cfxWrapUsage(!!(flags & 1))}) of confounder | message | ${ec} filler bytes | copy of the header`, ref: 'RFC 3961 §5.3, RFC 4121 §4.2.4' },
      { name: 'Integrity tag', length: tag, explain: 'HMAC (key Ki) over the plaintext, truncated; decryption fails if any byte changed', ref: 'RFC 3962 §6' },
    ];
  } else if (sealed) {
    segments = [{ name: 'Encrypted body', length: body.length, explain: 'ciphertext of confounder | message | filler | header copy, followed by its integrity tag (rotated)', ref: `${REF}.2` }];
  } else {
    if (body.length < ec) throw new DecodeError(`Wrap token body (${body.length} bytes) shorter than its checksum (EC ${ec})`, HEADER);
    segments = [
      { name: 'Message', length: body.length - ec, explain: 'the protected message, in clear (integrity only)', ref: `${REF}.2` },
      { name: 'Checksum', length: ec, explain: 'keyed checksum (Kc) over the message followed by the header with EC and RRC set to zero', ref: 'RFC 4121 §4.2.4' },
    ];
  }
  const fields: Field[] = [headerFields(flags, ec, rrc, seq, !!opts.dceStyle), ...rotatedFields(segments, rot, HEADER)];
  return { flags, sentByAcceptor: !!(flags & CFX_FLAG.SENT_BY_ACCEPTOR), sealed, acceptorSubkey: !!(flags & CFX_FLAG.ACCEPTOR_SUBKEY), ec, rrc, seq, header: token.slice(0, HEADER), body, fields };
}

export interface UnwrapCfxOptions { dceStyle?: boolean; /** Words for the inspector, e.g. "acceptor subkey (aes256-cts-hmac-sha1-96)". */ keyDescription?: string }
export interface CfxUnwrapped { message: Uint8Array; token: CfxWrapToken; confounder?: Uint8Array }

/** GSS_Unwrap: verify (and decrypt) a Wrap token; throws KerberosIntegrityError on any mismatch. */
export function unwrapCfx(etype: number, key: Uint8Array, token: Uint8Array, opts: UnwrapCfxOptions = {}): CfxUnwrapped {
  cfxOnly(etype);
  const t = parseCfxWrap(token, { etype, dceStyle: opts.dceStyle });
  const usage = cfxWrapUsage(t.sentByAcceptor);
  const rot = opts.dceStyle ? t.rrc + t.ec : t.rrc;
  const body = rotateLeft(t.body, rot);
  if (t.sealed) {
    const { confounder, plaintext } = decryptDetailed(etype, key, usage, body);
    if (plaintext.length < t.ec + HEADER) throw new KerberosIntegrityError('decrypted Wrap token is shorter than its filler and header copy');
    const inner = plaintext.subarray(plaintext.length - HEADER);
    const expect = t.header.slice(); expect[6] = 0; expect[7] = 0; // the encrypted copy has RRC 0
    if (!equal(inner, expect)) throw new KerberosIntegrityError('the header copy inside the Wrap token does not match its outer header (RFC 4121 §4.2.4)');
    const message = plaintext.slice(0, plaintext.length - t.ec - HEADER);
    const enc = t.fields.find((f) => f.name.startsWith('Encrypted data'));
    if (enc) {
      const c = confounder.length;
      const dec = concat(confounder, plaintext);
      enc.decrypted = {
        key: opts.keyDescription ?? `${t.acceptorSubkey ? 'acceptor subkey' : 'initiator subkey or session key'} (${etypeName(etype)})`,
        keyHex: hex(key), keyUsage: usage, etype, hex: hex(dec), name: 'Wrap token plaintext',
        fields: [
          field('Confounder', 0, c, 'random bytes so that equal messages never encrypt the same', hex(confounder), 'RFC 3961 §5.3'),
          field('Message', c, c + message.length, 'the application data GSS_Wrap protected', hex(message), `${REF}.2`),
          ...(t.ec ? [field('Filler', c + message.length, c + message.length + t.ec, `${t.ec} filler bytes (the EC field)`, hex(plaintext.subarray(message.length, message.length + t.ec)), `${REF}.2`)] : []),
          field('Header copy', dec.length - HEADER, dec.length, 'the token header again (with RRC 0), so it is protected by the encryption', hex(inner), 'RFC 4121 §4.2.4'),
        ],
      };
    }
    return { message, token: t, confounder };
  }
  const cks = body.subarray(body.length - t.ec);
  const message = body.slice(0, body.length - t.ec);
  const zeroed = t.header.slice(); zeroed.fill(0, 4, 8);
  const want = checksum(checksumTypeFor(etype), key, usage, concat(message, zeroed));
  if (!equal(want, cks)) throw new KerberosIntegrityError(`Wrap token checksum does not verify (key usage ${usage}): wrong key, wrong direction or modified message`);
  return { message, token: t };
}
