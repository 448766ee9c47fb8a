// Message protection after authentication (MS-NLMP 3.4): MakeSignature / EncryptMessage and their
// checks, with per-direction keys, sequence numbers and an RC4 keystream that continues across messages.
import { concat, equal, hex, readU32le } from '../../bytes';
import { field, group, type Field } from '../../encoding/fields';
import type { MessageView, ProtectedMessage } from '../../sspi/package';
import { status, type SecStatus } from '../../sspi/status';
import * as C from './crypto';
import { NTLMSSP, has } from './messages/flags';
import type { Direction, NtlmContext, NtlmKeys } from './state';
import { KEY_NAMES } from './keys';

/** Signing and sealing keys and the two directions, from this side's point of view. */
export function directionsFor(role: 'client' | 'server', flags: number, exported: Uint8Array): { keys: NtlmKeys; send: Direction; recv: Direction } {
  const keys: NtlmKeys = {
    clientSigningKey: C.signKey(flags, exported, 'client') ?? undefined,
    serverSigningKey: C.signKey(flags, exported, 'server') ?? undefined,
    clientSealingKey: C.sealKey(flags, exported, 'client'),
    serverSealingKey: C.sealKey(flags, exported, 'server'),
  };
  const c: Direction = { seq: 0, signingKey: keys.clientSigningKey ?? null, handle: { key: keys.clientSealingKey!, used: 0 } };
  const s: Direction = { seq: 0, signingKey: keys.serverSigningKey ?? null, handle: { key: keys.serverSealingKey!, used: 0 } };
  return role === 'client' ? { keys, send: c, recv: s } : { keys, send: s, recv: c };
}

const canSign = (flags: number) => has(flags, NTLMSSP.NEGOTIATE_SIGN) || has(flags, NTLMSSP.NEGOTIATE_SEAL);
/** NTLMSSP_NEGOTIATE_ALWAYS_SIGN without SIGN: a dummy signature, version 1 and twelve zero bytes (MS-NLMP 3.4.4). */
const DUMMY = concat(new Uint8Array([1, 0, 0, 0]), new Uint8Array(12));

interface Sealed { signature: Uint8Array; data: Uint8Array; dir: Direction; sealed: boolean }

function wrap(ctx: NtlmContext, d: Direction, message: Uint8Array, wantSeal: boolean): Sealed {
  if (!canSign(ctx.flags) || !d.handle) return { signature: DUMMY, data: message, dir: d, sealed: false };
  const doSeal = wantSeal && has(ctx.flags, NTLMSSP.NEGOTIATE_SEAL);
  if (doSeal) {
    const r = C.seal(ctx.flags, d.handle, d.signingKey, d.seq, message);
    return { signature: r.signature, data: r.sealed, dir: { ...d, seq: d.seq + 1, handle: r.handle }, sealed: true };
  }
  const m = C.mac(ctx.flags, d.handle, d.signingKey, d.seq, message);
  return { signature: m.signature, data: message, dir: { ...d, seq: d.seq + 1, handle: m.handle }, sealed: false };
}

export function protect(ctx: NtlmContext, message: Uint8Array, seal: boolean): ProtectedMessage<NtlmContext> {
  if (ctx.state !== 'established') throw new Error(`NTLM: MakeSignature/EncryptMessage on a context that is ${ctx.state}`);
  const w = wrap(ctx, ctx.send, message, seal);
  const token = concat(w.signature, w.data);
  const next = { ...ctx, send: w.dir };
  return { ctx: next, token, view: protectedView(ctx, token, w.sealed ? message : null, seal && !w.sealed) };
}

export function unprotect(ctx: NtlmContext, token: Uint8Array, seal: boolean): { ctx: NtlmContext; status: SecStatus; message: Uint8Array | null } {
  if (ctx.state !== 'established') return { ctx, status: status('SEC_E_OUT_OF_SEQUENCE'), message: null };
  if (token.length < 16) return { ctx, status: status('SEC_E_INVALID_TOKEN'), message: null };
  const sig = token.slice(0, 16);
  const data = token.slice(16);
  const d = ctx.recv;
  if (!canSign(ctx.flags) || !d.handle) return equal(sig, DUMMY) ? { ctx, status: status('SEC_E_OK'), message: data } : { ctx, status: status('SEC_E_MESSAGE_ALTERED'), message: null };
  const doSeal = seal && has(ctx.flags, NTLMSSP.NEGOTIATE_SEAL);
  let plain: Uint8Array = data;
  let h = d.handle;
  if (doSeal) { const r = C.rc4Continue(h, data); plain = r.out; h = r.handle; }
  const m = C.mac(ctx.flags, h, d.signingKey, d.seq, plain);
  // Without ESS the RandomPad bytes are not checked (Windows writes them as zero).
  const ok = has(ctx.flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY) ? equal(m.signature, sig) : equal(m.signature.slice(0, 4), sig.slice(0, 4)) && equal(m.signature.slice(8), sig.slice(8));
  if (!ok) return { ctx, status: status('SEC_E_MESSAGE_ALTERED'), message: null };
  return { ctx: { ...ctx, recv: { ...d, seq: d.seq + 1, handle: m.handle } }, status: status('SEC_E_OK'), message: plain };
}

/** GSS_GetMIC (SPNEGO's mechListMIC): an NTLM signature over `data`, using the send sequence number. */
export function getMic(ctx: NtlmContext, data: Uint8Array): { ctx: NtlmContext; mic: Uint8Array } {
  const w = wrap(ctx, ctx.send, data, false);
  return { ctx: { ...ctx, send: w.dir }, mic: w.signature };
}

export function verifyMic(ctx: NtlmContext, data: Uint8Array, mic: Uint8Array): { ctx: NtlmContext; ok: boolean } {
  const r = unprotect(ctx, concat(mic, data), false);
  return { ctx: r.ctx, ok: r.status.name === 'SEC_E_OK' };
}

/** The field tree of a protected message: the 16-byte NTLMSSP_MESSAGE_SIGNATURE, then the data. */
export function signatureFields(sig: Uint8Array, ess: boolean): Field {
  const ref = ess ? 'MS-NLMP 2.2.2.9.2' : 'MS-NLMP 2.2.2.9.1';
  const seq = readU32le(sig, 12);
  const children = ess
    ? [
      field('Version', 0, 4, 'Signature version, always 1.', readU32le(sig, 0), ref),
      field('Checksum', 4, 12, 'First 8 bytes of HMAC_MD5(SigningKey, SeqNum || message), RC4-encrypted with the sealing key when key exchange was negotiated.', hex(sig.slice(4, 12)), ref),
      field('SeqNum', 12, 16, 'The sequence number of this message in its direction; a replayed or reordered message fails the check.', seq, ref),
    ]
    : [
      field('Version', 0, 4, 'Signature version, always 1.', readU32le(sig, 0), ref),
      field('RandomPad', 4, 8, 'Random pad: encrypted, then written as zero by Windows.', hex(sig.slice(4, 8)), ref),
      field('Checksum', 8, 12, 'CRC32 of the message, RC4-encrypted: without extended session security NTLM signs with a CRC.', hex(sig.slice(8, 12)), ref),
      field('SeqNum', 12, 16, 'The sequence number XOR the RC4 keystream.', hex(sig.slice(12, 16)), ref),
    ];
  return group('NTLMSSP_MESSAGE_SIGNATURE', ess ? 'The 16-byte signature with extended session security: version, HMAC-MD5 checksum, sequence number.' : 'The 16-byte signature without extended session security: version, random pad, CRC32 checksum, sequence number.', children, { ref });
}

function protectedView(ctx: NtlmContext, token: Uint8Array, plaintext: Uint8Array | null, sealRefused: boolean): MessageView {
  const ess = has(ctx.flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY);
  const fields: Field[] = [signatureFields(token.slice(0, 16), ess)];
  const dirName = ctx.role === 'client' ? 'clientSealingKey' : 'serverSealingKey';
  if (token.length > 16) {
    const f = field(plaintext ? 'SealedData' : 'Data', 16, token.length, plaintext
      ? 'The application data, RC4-encrypted with this direction\'s sealing key; the keystream continues from the previous message.'
      : 'The application data in clear; only the signature protects it.', `${token.length - 16} bytes`, 'MS-NLMP 3.4.3');
    if (plaintext) {
      const key = ctx.keys[dirName]!;
      f.decrypted = { key: `${KEY_NAMES[dirName]} [${ctx.keyTag}]`, keyHex: hex(key), hex: hex(plaintext), name: 'Application data', fields: [field('Data', 0, plaintext.length, 'The application\'s message before sealing.', `${plaintext.length} bytes`)] };
    }
    fields.push(f);
  }
  return {
    protocol: 'NTLM', name: plaintext ? 'Sealed message (EncryptMessage)' : 'Signed message (MakeSignature)', layers: ['NTLMSSP'], fields,
    explain: `${plaintext ? 'EncryptMessage' : 'MakeSignature'} with the NTLM session keys: a 16-byte signature${plaintext ? ' and the RC4-sealed data' : ' followed by the data'}.${sealRefused ? ' Confidentiality was asked for but NTLMSSP_NEGOTIATE_SEAL was not negotiated, so the data is only signed.' : ''}`,
    ref: 'MS-NLMP 3.4',
  };
}
