// Per-message protection on an established Kerberos context (MakeSignature/VerifySignature,
// EncryptMessage/DecryptMessage, GSS_GetMIC/VerifyMIC). AES keys use the RFC 4121 tokens (Windows'
// DCE-style Wrap: EC 0, RRC 28, so the 60-byte "signature" comes first and the sealed data last,
// as WinRM carries it, MS-KILE 3.4.5.4.1); rc4-hmac keys use the RFC 4757 tokens.
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { concat, equal, hex, u32be, u32le, utf8 } from '../../bytes';
import { buildCfxMic, buildCfxWrap, parseCfxMic, unwrapCfx, verifyCfxMic } from '../../crypto/kerberos/gss/cfx';
import { etypeName } from '../../crypto/kerberos';
import { rc4 } from '../../crypto/rc4';
import { field, group, type Field } from '../../encoding/fields';
import type { MessageView, ProtectedMessage } from '../../sspi/package';
import { status, type SecStatus } from '../../sspi/status';
import { protectionKey, type ContextKey, type KerberosContext } from './state';

const AES = [17, 18, 19, 20];
const CFX_HEADER = 16;
const RRC = 28;

function keyFor(ctx: KerberosContext): ContextKey {
  const k = protectionKey(ctx);
  if (!k || ctx.state !== 'established') throw new Error('the Kerberos context is not established');
  return k;
}

function keyWords(ctx: KerberosContext, k: ContextKey): string {
  const which = ctx.acceptorSubkey ? 'acceptor subkey' : ctx.initiatorSubkey ? 'initiator subkey' : 'session key';
  return `${which} (${etypeName(k.etype)})`;
}

function confounder(ctx: KerberosContext, n: number): Uint8Array {
  const seed = ctx.wrapSeed ?? new Uint8Array(16);
  return sha256(concat(seed, u32be(ctx.sendSeq), utf8(ctx.side))).slice(0, n);
}

/** Split leaves at `at` and put those before it under a "Signature" group (for the WinRM body's signature length). */
function signatureAndData(fields: Field[], at: number, total: number, dataName: string, dataExplain: string): Field[] {
  const flat: Field[] = [];
  const walk = (fs: Field[]) => { for (const f of fs) if (f.children?.length) walk(f.children); else flat.push(f); };
  walk(fields);
  const before: Field[] = [], after: Field[] = [];
  for (const f of flat) {
    if (f.end <= at) before.push(f);
    else if (f.start >= at) after.push(f);
    else {
      before.push({ ...f, end: at, name: `${f.name} (in the signature)`, decrypted: undefined });
      after.push({ ...f, start: at });
    }
  }
  const data = after.length ? group(dataName, dataExplain, after) : field(dataName, at, total, dataExplain);
  return [group('Signature', 'what EncryptMessage returns in the signature buffer: the token header and the rotated trailer (header copy, integrity tag, confounder)', before, { ref: 'MS-KILE 3.4.5.4.1' }), data];
}

function view(name: string, fields: Field[], explain: string, ref: string): MessageView {
  return { protocol: 'Kerberos', name, layers: ['GSS-API', `Kerberos ${name}`], fields, explain, ref };
}

// ------------------------------------------------------------ RFC 4757 (rc4-hmac)

const SGN_ALG_HMAC = 0x0011, SEAL_ALG_RC4 = 0x0010;
const hm = (k: Uint8Array, d: Uint8Array): Uint8Array => hmac(md5, k, d);

interface Rc4Parts { header: Uint8Array; sndSeq: Uint8Array; cksum: Uint8Array; conf?: Uint8Array; data: Uint8Array }

function rc4Token(key: Uint8Array, seq: number, acceptor: boolean, message: Uint8Array, wrap: boolean, seal: boolean, conf: Uint8Array): Uint8Array {
  const header = wrap
    ? new Uint8Array([0x02, 0x01, SGN_ALG_HMAC & 0xff, SGN_ALG_HMAC >> 8, seal ? SEAL_ALG_RC4 & 0xff : 0xff, seal ? SEAL_ALG_RC4 >> 8 : 0xff, 0xff, 0xff])
    : new Uint8Array([0x01, 0x01, SGN_ALG_HMAC & 0xff, SGN_ALG_HMAC >> 8, 0xff, 0xff, 0xff, 0xff]);
  const ksign = hm(key, utf8('signaturekey\0'));
  const data = wrap ? concat(message, new Uint8Array([1])) : message;
  const cksum = hm(ksign, md5(concat(u32le(wrap ? 13 : 15), header, wrap ? conf : new Uint8Array(0), data))).slice(0, 8);
  const seqPlain = concat(u32be(seq), acceptor ? new Uint8Array([0xff, 0xff, 0xff, 0xff]) : new Uint8Array(4));
  const kseq = hm(hm(key, u32le(0)), cksum);
  const sndSeq = rc4(kseq, seqPlain);
  if (!wrap) return concat(header, sndSeq, cksum);
  let body: Uint8Array = concat(conf, data);
  if (seal) {
    const klocal = key.map((b) => b ^ 0xf0);
    body = rc4(hm(hm(klocal, u32le(0)), u32be(seq)), body);
  }
  return concat(header, sndSeq, cksum, body);
}

function rc4Read(key: Uint8Array, token: Uint8Array, wrap: boolean): { message: Uint8Array; ok: boolean; acceptor: boolean; seq: number; parts: Rc4Parts } {
  const header = token.slice(0, 8);
  const sndSeq = token.slice(8, 16), cksum = token.slice(16, 24);
  const kseq = hm(hm(key, u32le(0)), cksum);
  const seqPlain = rc4(kseq, sndSeq);
  const seq = ((seqPlain[0] << 24) | (seqPlain[1] << 16) | (seqPlain[2] << 8) | seqPlain[3]) >>> 0;
  const acceptor = seqPlain[4] === 0xff;
  if (!wrap) return { message: new Uint8Array(0), ok: true, acceptor, seq, parts: { header, sndSeq, cksum, data: new Uint8Array(0) } };
  const sealed = header[4] !== 0xff;
  let body: Uint8Array = token.slice(24);
  if (sealed) body = rc4(hm(hm(key.map((b) => b ^ 0xf0), u32le(0)), seqPlain.slice(0, 4)), body);
  const conf = body.slice(0, 8), data = body.slice(8);
  const ksign = hm(key, utf8('signaturekey\0'));
  const want = hm(ksign, md5(concat(u32le(13), header, conf, data))).slice(0, 8);
  return { message: data.slice(0, data.length - 1), ok: equal(want, cksum), acceptor, seq, parts: { header, sndSeq, cksum, conf, data } };
}

function rc4Fields(token: Uint8Array, wrap: boolean): Field[] {
  const REF = 'RFC 4757 §7';
  const hdr = group('Token header', 'the 8-byte header of an RFC 4757 token', [
    field('TOK_ID', 0, 2, wrap ? 'token identifier 02 01: a Wrap token (the message travels inside)' : 'token identifier 01 01: a MIC token (signature only)', hex(token.slice(0, 2)), REF),
    field('SGN_ALG', 2, 4, 'signature algorithm 11 00: HMAC-MD5', hex(token.slice(2, 4)), REF),
    field(wrap ? 'SEAL_ALG' : 'Filler', 4, 6, wrap ? 'sealing algorithm: 10 00 = RC4, ff ff = none' : 'filler ff ff', hex(token.slice(4, 6)), REF),
    field('Filler', 6, 8, 'filler ff ff', hex(token.slice(6, 8)), REF),
  ]);
  const out: Field[] = [hdr,
    field('SND_SEQ', 8, 16, 'the sequence number and direction, RC4-encrypted with a key derived from the checksum', hex(token.slice(8, 16)), REF),
    field('SGN_CKSUM', 16, 24, 'the first 8 bytes of the HMAC-MD5 signature', hex(token.slice(16, 24)), REF)];
  if (wrap) {
    out.push(field('Confounder', 24, 32, 'eight random bytes, encrypted with the data', hex(token.slice(24, 32)), REF));
    if (token.length > 32) out.push(field('Data', 32, token.length, 'the message and one pad byte, RC4-encrypted', `${token.length - 32} bytes`, REF));
  }
  return out;
}

// ------------------------------------------------------------ the SSPI functions

export function protect(ctx: KerberosContext, message: Uint8Array, seal: boolean): ProtectedMessage<KerberosContext> {
  const k = keyFor(ctx);
  const acceptor = ctx.side === 'server';
  const next = { ...ctx, sendSeq: ctx.sendSeq + 1 };
  if (!AES.includes(k.etype)) {
    if (seal) {
      const token = rc4Token(k.key, ctx.sendSeq, acceptor, message, true, true, confounder(ctx, 8));
      const fields = signatureAndData(rc4Fields(token, true), 32, token.length, 'Sealed data', 'the message (and its pad byte), RC4-encrypted');
      return { ctx: next, token, view: view('Wrap token', fields, `EncryptMessage: an RFC 4757 Wrap token, signed and encrypted with the ${keyWords(ctx, k)}.`, 'RFC 4757 §7.3') };
    }
    const mic = rc4Token(k.key, ctx.sendSeq, acceptor, message, false, false, new Uint8Array(0));
    const token = concat(mic, message);
    const fields = [group('Signature', 'the RFC 4757 MIC token MakeSignature returns', rc4Fields(mic, false)), field('Data', mic.length, token.length, 'the message, in clear', `${message.length} bytes`)];
    return { ctx: next, token, view: view('MIC token', fields, `MakeSignature: an RFC 4757 MIC token over the message, with the ${keyWords(ctx, k)}.`, 'RFC 4757 §7.2') };
  }
  const dir = { sentByAcceptor: acceptor, acceptorSubkey: !!ctx.acceptorSubkey };
  if (seal) {
    const w = buildCfxWrap({ ...dir, etype: k.etype, key: k.key, seq: ctx.sendSeq, message, confidential: true, confounder: confounder(ctx, 16), ec: 0, rrc: RRC, dceStyle: true });
    const parsed = unwrapCfx(k.etype, k.key, w.token, { dceStyle: true, keyDescription: keyWords(ctx, k) }).token.fields;
    const fields = signatureAndData(parsed, w.token.length - message.length, w.token.length, 'Sealed data', 'the encrypted message, last in the token');
    return { ctx: next, token: w.token, view: view('Wrap token', fields, `EncryptMessage: an RFC 4121 Wrap token sealed with the ${keyWords(ctx, k)}; Windows rotates it (RRC 28) so the signature part comes first.`, 'RFC 4121 §4.2.6.2') };
  }
  const mic = buildCfxMic({ ...dir, etype: k.etype, key: k.key, seq: ctx.sendSeq, message });
  const token = concat(mic, message);
  const fields = [group('Signature', 'the RFC 4121 MIC token MakeSignature returns', parseCfxMic(mic).fields), field('Data', mic.length, token.length, 'the message, in clear', `${message.length} bytes`)];
  return { ctx: next, token, view: view('MIC token', fields, `MakeSignature: an RFC 4121 MIC token over the message, with the ${keyWords(ctx, k)}.`, 'RFC 4121 §4.2.6.1') };
}

const BAD = (ctx: KerberosContext, s: 'SEC_E_MESSAGE_ALTERED' | 'SEC_E_OUT_OF_SEQUENCE'): { ctx: KerberosContext; status: SecStatus; message: null } => ({ ctx, status: status(s), message: null });

export function unprotect(ctx: KerberosContext, token: Uint8Array, seal: boolean): { ctx: KerberosContext; status: SecStatus; message: Uint8Array | null } {
  const k = keyFor(ctx);
  const fromAcceptor = ctx.side === 'client';
  const next = { ...ctx, recvSeq: ctx.recvSeq + 1 };
  try {
    if (!AES.includes(k.etype)) {
      if (seal) {
        const r = rc4Read(k.key, token, true);
        if (!r.ok || r.acceptor !== fromAcceptor) return BAD(ctx, 'SEC_E_MESSAGE_ALTERED');
        if (r.seq !== ctx.recvSeq) return BAD(ctx, 'SEC_E_OUT_OF_SEQUENCE');
        return { ctx: next, status: status('SEC_E_OK'), message: r.message };
      }
      const message = token.slice(24);
      const r = rc4Read(k.key, token.slice(0, 24), false);
      const again = rc4Token(k.key, r.seq, r.acceptor, message, false, false, new Uint8Array(0));
      if (!equal(again, token.slice(0, 24)) || r.acceptor !== fromAcceptor) return BAD(ctx, 'SEC_E_MESSAGE_ALTERED');
      return { ctx: next, status: status('SEC_E_OK'), message };
    }
    if (seal) {
      const u = unwrapCfx(k.etype, k.key, token, { dceStyle: true });
      if (u.token.sentByAcceptor !== fromAcceptor) return BAD(ctx, 'SEC_E_MESSAGE_ALTERED');
      if (u.token.seq !== BigInt(ctx.recvSeq)) return BAD(ctx, 'SEC_E_OUT_OF_SEQUENCE');
      return { ctx: next, status: status('SEC_E_OK'), message: u.message };
    }
    const micLen = CFX_HEADER + 12;
    const t = verifyCfxMic(k.etype, k.key, token.slice(0, micLen), token.slice(micLen));
    if (t.sentByAcceptor !== fromAcceptor) return BAD(ctx, 'SEC_E_MESSAGE_ALTERED');
    return { ctx: next, status: status('SEC_E_OK'), message: token.slice(micLen) };
  } catch {
    return BAD(ctx, 'SEC_E_MESSAGE_ALTERED');
  }
}

export function getMic(ctx: KerberosContext, data: Uint8Array): { ctx: KerberosContext; mic: Uint8Array } {
  const k = keyFor(ctx);
  const acceptor = ctx.side === 'server';
  const mic = AES.includes(k.etype)
    ? buildCfxMic({ sentByAcceptor: acceptor, acceptorSubkey: !!ctx.acceptorSubkey, etype: k.etype, key: k.key, seq: ctx.sendSeq, message: data })
    : rc4Token(k.key, ctx.sendSeq, acceptor, data, false, false, new Uint8Array(0));
  return { ctx: { ...ctx, sendSeq: ctx.sendSeq + 1 }, mic };
}

export function verifyMic(ctx: KerberosContext, data: Uint8Array, mic: Uint8Array): { ctx: KerberosContext; ok: boolean } {
  const k = keyFor(ctx);
  const fromAcceptor = ctx.side === 'client';
  try {
    if (AES.includes(k.etype)) {
      const t = verifyCfxMic(k.etype, k.key, mic, data);
      return { ctx: { ...ctx, recvSeq: ctx.recvSeq + 1 }, ok: t.sentByAcceptor === fromAcceptor };
    }
    const r = rc4Read(k.key, mic, false);
    const again = rc4Token(k.key, r.seq, r.acceptor, data, false, false, new Uint8Array(0));
    return { ctx: { ...ctx, recvSeq: ctx.recvSeq + 1 }, ok: equal(again, mic) && r.acceptor === fromAcceptor };
  } catch {
    return { ctx, ok: false };
  }
}
