// NTLM cryptography, MS-NLMP section 3.3 (responses), 3.4 (session security) and 6 (helper
// functions). Every function names the spec's variable it computes.
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { concat, equal, u32le, utf16le } from '../../bytes';
import { md4 } from '../../crypto/md4';
import { Rc4, rc4 } from '../../crypto/rc4';
import { desEncrypt } from '../../crypto/des';
import { crc32 } from '../../crypto/crc32';
import { NTLMSSP, has } from './messages/flags';

export const hmacMd5 = (key: Uint8Array, data: Uint8Array): Uint8Array => hmac(md5, key, data);
export { md5 };

const Z = (n: number): Uint8Array => new Uint8Array(n);

/** The OEM code page encoding of a password, as LMOWFv1 takes it (non-ASCII becomes '?'). */
function oemUpper(s: string): Uint8Array {
  const up = s.toUpperCase();
  const out = new Uint8Array(up.length);
  for (let i = 0; i < up.length; i++) { const c = up.charCodeAt(i); out[i] = c < 0x80 ? c : 0x3f; }
  return out;
}

/** LMOWFv1 (MS-NLMP 3.3.1): DES("KGS!@#$%") under each 7-byte half of the upper-cased, 14-byte-padded password. */
export function lmowfv1(password: string): Uint8Array {
  const p = Z(14);
  p.set(oemUpper(password).slice(0, 14));
  const magic = new Uint8Array([0x4b, 0x47, 0x53, 0x21, 0x40, 0x23, 0x24, 0x25]); // "KGS!@#$%"
  return concat(desEncrypt(p.slice(0, 7), magic), desEncrypt(p.slice(7, 14), magic));
}

/** NTOWFv1 (MS-NLMP 3.3.1) = MD4(UTF-16LE(password)): the NT hash. */
export const ntowfv1 = (password: string): Uint8Array => md4(utf16le(password));

/** NTOWFv2 = LMOWFv2 (MS-NLMP 3.3.2) = HMAC_MD5(NTOWFv1, UTF-16LE(Uppercase(User) + UserDom)). */
export function ntowfv2(password: string, user: string, domain: string): Uint8Array {
  return ntowfv2FromHash(ntowfv1(password), user, domain);
}
export const ntowfv2FromHash = (ntHash: Uint8Array, user: string, domain: string): Uint8Array =>
  hmacMd5(ntHash, utf16le(user.toUpperCase() + domain));

/** DESL(K, D) (MS-NLMP 6): three DES encryptions of D under K[0..6], K[7..13], K[14..15] | Z(5). */
export function desl(k: Uint8Array, d: Uint8Array): Uint8Array {
  if (k.length !== 16 || d.length !== 8) throw new Error('DESL takes a 16-byte key and 8 bytes of data');
  return concat(desEncrypt(k.slice(0, 7), d), desEncrypt(k.slice(7, 14), d), desEncrypt(concat(k.slice(14, 16), Z(5)), d));
}

export interface V1Responses {
  nt: Uint8Array;
  lm: Uint8Array;
  sessionBaseKey: Uint8Array;
}

/**
 * NTLM v1 ComputeResponse (MS-NLMP 3.3.1), with or without extended session security.
 * `noLmResponse` is NoLMResponseNTLMv1: the LM response is a copy of the NT response.
 */
export function computeResponseV1(flags: number, ntowf: Uint8Array, lmowf: Uint8Array, serverChallenge: Uint8Array, clientChallenge: Uint8Array, noLmResponse = false): V1Responses {
  const sessionBaseKey = md4(ntowf);
  if (has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    const nt = desl(ntowf, md5(concat(serverChallenge, clientChallenge)).slice(0, 8));
    return { nt, lm: concat(clientChallenge, Z(16)), sessionBaseKey };
  }
  const nt = desl(ntowf, serverChallenge);
  const lm = noLmResponse ? nt.slice() : desl(lmowf, serverChallenge);
  return { nt, lm, sessionBaseKey };
}

/** The NTLMv2 client challenge structure "temp" (MS-NLMP 3.3.2, 2.2.2.7): 0x01 0x01 Z(6) Time ClientChallenge Z(4) AvPairs Z(4). */
export function ntlmv2Temp(time: Uint8Array, clientChallenge: Uint8Array, avPairs: Uint8Array): Uint8Array {
  return concat(new Uint8Array([1, 1]), Z(6), time, clientChallenge, Z(4), avPairs, Z(4));
}

export interface V2Responses {
  ntProofStr: Uint8Array;
  nt: Uint8Array;
  lm: Uint8Array;
  sessionBaseKey: Uint8Array;
}

/** NTLM v2 ComputeResponse (MS-NLMP 3.3.2). `temp` is the blob that follows NTProofStr. */
export function computeResponseV2(responseKeyNT: Uint8Array, serverChallenge: Uint8Array, clientChallenge: Uint8Array, temp: Uint8Array, responseKeyLM: Uint8Array = responseKeyNT): V2Responses {
  const ntProofStr = hmacMd5(responseKeyNT, concat(serverChallenge, temp));
  const lm = concat(hmacMd5(responseKeyLM, concat(serverChallenge, clientChallenge)), clientChallenge);
  return { ntProofStr, nt: concat(ntProofStr, temp), lm, sessionBaseKey: hmacMd5(responseKeyNT, ntProofStr) };
}

export type KxkeyVariant = 'NTLMv2 (KeyExchangeKey = SessionBaseKey)' | 'extended session security' | 'LM_KEY' | 'NON_NT_SESSION_KEY' | 'SessionBaseKey';

/**
 * KXKEY (MS-NLMP 3.4.5.1). For NTLM v2 the key-exchange key is the session base key; for v1 it
 * depends on the negotiated flags (ESS, then LM_KEY, then REQUEST_NON_NT_SESSION_KEY).
 */
export function kxkey(flags: number, sessionBaseKey: Uint8Array, lmowf: Uint8Array, lmChallengeResponse: Uint8Array, serverChallenge: Uint8Array, ntlmv2: boolean): { key: Uint8Array; variant: KxkeyVariant } {
  if (ntlmv2) return { key: sessionBaseKey, variant: 'NTLMv2 (KeyExchangeKey = SessionBaseKey)' };
  if (has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    return { key: hmacMd5(sessionBaseKey, concat(serverChallenge, lmChallengeResponse.slice(0, 8))), variant: 'extended session security' };
  }
  if (has(flags, NTLMSSP.NEGOTIATE_LM_KEY)) {
    const d = lmChallengeResponse.slice(0, 8);
    const key = concat(desEncrypt(lmowf.slice(0, 7), d), desEncrypt(concat(lmowf.slice(7, 8), new Uint8Array([0xbd, 0xbd, 0xbd, 0xbd, 0xbd, 0xbd])), d));
    return { key, variant: 'LM_KEY' };
  }
  if (has(flags, NTLMSSP.REQUEST_NON_NT_SESSION_KEY)) return { key: concat(lmowf.slice(0, 8), Z(8)), variant: 'NON_NT_SESSION_KEY' };
  return { key: sessionBaseKey, variant: 'SessionBaseKey' };
}

/** EncryptedRandomSessionKey = RC4K(KeyExchangeKey, ExportedSessionKey) (MS-NLMP 3.1.5.1.2); RC4 is its own inverse. */
export const encryptSessionKey = (keyExchangeKey: Uint8Array, exportedSessionKey: Uint8Array): Uint8Array => rc4(keyExchangeKey, exportedSessionKey);
export const decryptSessionKey = encryptSessionKey;

/** Whether the exchange sends an EncryptedRandomSessionKey (KEY_EXCH with SIGN or SEAL, MS-NLMP 3.1.5.1.2). */
export const usesKeyExchange = (flags: number): boolean =>
  has(flags, NTLMSSP.NEGOTIATE_KEY_EXCH) && (has(flags, NTLMSSP.NEGOTIATE_SIGN) || has(flags, NTLMSSP.NEGOTIATE_SEAL));

const cstr = (s: string): Uint8Array => { const b = new Uint8Array(s.length + 1); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; };
const MAGIC = {
  clientSign: cstr('session key to client-to-server signing key magic constant'),
  serverSign: cstr('session key to server-to-client signing key magic constant'),
  clientSeal: cstr('session key to client-to-server sealing key magic constant'),
  serverSeal: cstr('session key to server-to-client sealing key magic constant'),
};

export type Direction = 'client' | 'server';

/** SIGNKEY (MS-NLMP 3.4.5.2): only with extended session security; null otherwise. */
export function signKey(flags: number, exportedSessionKey: Uint8Array, mode: Direction): Uint8Array | null {
  if (!has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY)) return null;
  return md5(concat(exportedSessionKey, mode === 'client' ? MAGIC.clientSign : MAGIC.serverSign));
}

/** SEALKEY (MS-NLMP 3.4.5.3), including the 128/56/40-bit variants and the LM_KEY variants without ESS. */
export function sealKey(flags: number, exportedSessionKey: Uint8Array, mode: Direction): Uint8Array {
  const k = exportedSessionKey;
  if (has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    const base = has(flags, NTLMSSP.NEGOTIATE_128) ? k : has(flags, NTLMSSP.NEGOTIATE_56) ? k.slice(0, 7) : k.slice(0, 5);
    return md5(concat(base, mode === 'client' ? MAGIC.clientSeal : MAGIC.serverSeal));
  }
  if (has(flags, NTLMSSP.NEGOTIATE_LM_KEY) || has(flags, NTLMSSP.NEGOTIATE_DATAGRAM)) {
    if (has(flags, NTLMSSP.NEGOTIATE_56)) return concat(k.slice(0, 7), new Uint8Array([0xa0]));
    return concat(k.slice(0, 5), new Uint8Array([0xe5, 0x38, 0xb0]));
  }
  return k.slice();
}

/** A connection-oriented RC4 sealing handle kept as plain data: the key and how many keystream bytes are used. */
export interface SealHandle { key: Uint8Array; used: number }

/** Run RC4 over `data` continuing the handle's keystream; returns the output and the advanced handle. */
export function rc4Continue(h: SealHandle, data: Uint8Array): { out: Uint8Array; handle: SealHandle } {
  const r = new Rc4(h.key);
  if (h.used) r.process(new Uint8Array(h.used));
  return { out: r.process(data), handle: { key: h.key, used: h.used + data.length } };
}

/**
 * MAC (MS-NLMP 3.4.4): the 16-byte NTLMSSP_MESSAGE_SIGNATURE.
 * With ESS: Version(1) | HMAC_MD5(SigningKey, SeqNum|Message)[0..7] (RC4-encrypted if KEY_EXCH) | SeqNum.
 * Without:  Version(1) | RandomPad(0) | RC4(CRC32(Message)) | RC4(0) XOR SeqNum, the RandomPad written as 0.
 */
export function mac(flags: number, handle: SealHandle, signingKey: Uint8Array | null, seqNum: number, message: Uint8Array): { signature: Uint8Array; handle: SealHandle } {
  const version = u32le(1);
  if (has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    if (!signingKey) throw new Error('extended session security needs a signing key');
    let checksum: Uint8Array = hmacMd5(signingKey, concat(u32le(seqNum), message)).slice(0, 8);
    let h = handle;
    if (has(flags, NTLMSSP.NEGOTIATE_KEY_EXCH)) { const r = rc4Continue(h, checksum); checksum = r.out; h = r.handle; }
    return { signature: concat(version, checksum, u32le(seqNum)), handle: h };
  }
  const r = rc4Continue(handle, concat(Z(4), u32le(crc32(message)), Z(4)));
  const enc = r.out;
  const seq = u32le(((enc[8] | (enc[9] << 8) | (enc[10] << 16) | (enc[11] << 24)) ^ seqNum) >>> 0);
  return { signature: concat(version, Z(4), enc.slice(4, 8), seq), handle: r.handle };
}

/** SEAL (MS-NLMP 3.4.3): RC4 over the message, then the MAC continuing the same keystream. */
export function seal(flags: number, handle: SealHandle, signingKey: Uint8Array | null, seqNum: number, message: Uint8Array): { sealed: Uint8Array; signature: Uint8Array; handle: SealHandle } {
  const r = rc4Continue(handle, message);
  const m = mac(flags, r.handle, signingKey, seqNum, message);
  return { sealed: r.out, signature: m.signature, handle: m.handle };
}

/** MIC (MS-NLMP 3.1.5.1.2) = HMAC_MD5(ExportedSessionKey, NEGOTIATE | CHALLENGE | AUTHENTICATE with the MIC zeroed). */
export function computeMic(exportedSessionKey: Uint8Array, negotiate: Uint8Array, challenge: Uint8Array, authenticateMicZeroed: Uint8Array): Uint8Array {
  return hmacMd5(exportedSessionKey, concat(negotiate, challenge, authenticateMicZeroed));
}

/**
 * The flattened gss_channel_bindings_struct (RFC 2744 §3.11, MS-NLMP 2.2.2.1): initiator address
 * type and length, acceptor address type and length (all zero in practice), application data length, application data.
 */
export function channelBindingsStruct(applicationData: Uint8Array, initiatorAddrType = 0, initiatorAddress: Uint8Array = Z(0), acceptorAddrType = 0, acceptorAddress: Uint8Array = Z(0)): Uint8Array {
  return concat(u32le(initiatorAddrType), u32le(initiatorAddress.length), initiatorAddress, u32le(acceptorAddrType), u32le(acceptorAddress.length), acceptorAddress, u32le(applicationData.length), applicationData);
}

/** MsvAvChannelBindings value = MD5(gss_channel_bindings_struct). */
export const channelBindingsHash = (struct: Uint8Array): Uint8Array => md5(struct);

/** Windows FILETIME (100 ns ticks since 1601-01-01 UTC) of a date, as 8 little-endian bytes. */
export function filetime(d: Date): Uint8Array {
  const ticks = (BigInt(d.getTime()) + 11644473600000n) * 10000n;
  const o = new Uint8Array(8);
  for (let i = 0; i < 8; i++) o[i] = Number((ticks >> BigInt(8 * i)) & 0xffn);
  return o;
}
export function fromFiletime(b: Uint8Array): Date {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return new Date(Number(v / 10000n - 11644473600000n));
}

export { equal };
