// AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3): the client's answer: LM and NT challenge responses, the
// user, domain and workstation names, the EncryptedRandomSessionKey and (when MsvAvFlags says so) the MIC.
import { concat, DecodeError, hex, readU32le, u32le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';
import { SIGNATURE, MESSAGE_TYPE, headerFields, messageType, readSecBuf, writeSecBuf, secBufField, readBuf, decodeString, encodeString, PayloadWriter, payloadFields, stringField, type PayloadRegion, type SecBuf } from './common';
import { NTLMSSP, has, flagsField } from './flags';
import { buildVersion, versionField, parseVersion, type Version } from './version';
import { avFlags, AV_FLAG } from './avPairs';
import { parseNtlmv2Response, responseKind, lmResponseField, ntV1Field, type Ntlmv2Blob, type ResponseKind } from './ntlmResponse';

const REF = 'MS-NLMP 2.2.1.3';
/** Offset of the MIC when present: right after the 64-byte header and the 8-byte Version. */
export const MIC_OFFSET = 72;

export interface AuthenticateMessage {
  flags: number;
  lmChallengeResponse: Uint8Array;
  ntChallengeResponse: Uint8Array;
  domain: string;
  user: string;
  workstation: string;
  /** Empty when NTLMSSP_NEGOTIATE_KEY_EXCH is not used. */
  encryptedRandomSessionKey: Uint8Array;
  version: Version | null;
  /** 16 bytes when the message carries a MIC (zeros while computing it), else null. */
  mic: Uint8Array | null;
}

export type PayloadName = 'lm' | 'nt' | 'domain' | 'user' | 'workstation' | 'sessionKey';
/** Windows (and the MS-NLMP examples) lay the payload out as domain, user, workstation, LM, NT, session key. */
export const WINDOWS_ORDER: PayloadName[] = ['domain', 'user', 'workstation', 'lm', 'nt', 'sessionKey'];

export interface AuthenticateLayout {
  order?: PayloadName[];
  emptyOffset?: 'current' | 'zero';
}

export function buildAuthenticate(m: AuthenticateMessage, layout: AuthenticateLayout = {}): Uint8Array {
  if (m.mic && m.mic.length !== 16) throw new Error('the MIC is 16 bytes');
  const unicode = has(m.flags, NTLMSSP.NEGOTIATE_UNICODE);
  const versionBytes: Uint8Array = m.version ? buildVersion(m.version) : m.mic ? new Uint8Array(8) : new Uint8Array(0);
  const headerLen = 64 + versionBytes.length + (m.mic ? 16 : 0);
  const data: Record<PayloadName, Uint8Array> = {
    lm: m.lmChallengeResponse, nt: m.ntChallengeResponse,
    domain: encodeString(m.domain, unicode), user: encodeString(m.user, unicode), workstation: encodeString(m.workstation, unicode),
    sessionKey: m.encryptedRandomSessionKey,
  };
  const w = new PayloadWriter(headerLen, layout.emptyOffset ?? 'current');
  const sb = {} as Record<PayloadName, SecBuf>;
  for (const n of layout.order ?? WINDOWS_ORDER) sb[n] = w.add(data[n]);
  const buf = (n: PayloadName) => writeSecBuf(sb[n].len, sb[n].offset);
  return concat(SIGNATURE, u32le(MESSAGE_TYPE.AUTHENTICATE), buf('lm'), buf('nt'), buf('domain'), buf('user'), buf('workstation'), buf('sessionKey'),
    u32le(m.flags >>> 0), versionBytes, m.mic ?? new Uint8Array(0), w.bytes());
}

/** A copy of the message with the 16 MIC bytes replaced (zeroed to compute it, or filled in). */
export function withMic(msg: Uint8Array, mic: Uint8Array): Uint8Array {
  const out = msg.slice();
  out.set(mic, MIC_OFFSET);
  return out;
}

export interface ParsedAuthenticate {
  msg: AuthenticateMessage;
  kind: ResponseKind;
  /** The NTLMv2 blob, when the NT response is NTLMv2. */
  ntlmv2: Ntlmv2Blob | null;
  /** Offset of the MIC, or null when the message has none. */
  micOffset: number | null;
  /** MsvAvFlags in the NTLMv2 blob (which NTProofStr protects) says MIC_PRESENT: the MIC is at offset 72,
   *  whatever the payload offsets say (MS-NLMP 3.2.5.1.2). */
  micAnnounced: boolean;
  fields: Field[];
}

export function parseAuthenticate(b: Uint8Array): ParsedAuthenticate {
  if (messageType(b) !== MESSAGE_TYPE.AUTHENTICATE) throw new DecodeError('not an AUTHENTICATE_MESSAGE', 8);
  if (b.length < 64) throw new DecodeError('an AUTHENTICATE_MESSAGE has a 64-byte header', b.length);
  const names: [PayloadName, string, number][] = [['lm', 'LmChallengeResponseFields', 12], ['nt', 'NtChallengeResponseFields', 20], ['domain', 'DomainNameFields', 28], ['user', 'UserNameFields', 36], ['workstation', 'WorkstationFields', 44], ['sessionKey', 'EncryptedRandomSessionKeyFields', 52]];
  const sb = {} as Record<PayloadName, SecBuf>;
  for (const [n, label, o] of names) sb[n] = readSecBuf(b, o, label);
  const flags = readU32le(b, 60);
  const used = Object.values(sb).filter((s) => s.len > 0);
  if (used.some((s) => s.offset < 64)) throw new DecodeError('a payload buffer overlaps the message header', 12);
  const payloadStart = used.length ? Math.min(...used.map((s) => s.offset)) : b.length;
  const unicode = has(flags, NTLMSSP.NEGOTIATE_UNICODE);
  const lm = readBuf(b, sb.lm);
  const nt = readBuf(b, sb.nt);
  const kind = responseKind(nt.length, lm, has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY));
  let ntlmv2: Ntlmv2Blob | null = null;
  let ntFields: Field[] = [];
  if (kind === 'NTLMv2') {
    const r = parseNtlmv2Response(b, sb.nt.offset, sb.nt.len);
    ntlmv2 = r.blob;
    ntFields = [group('NtChallengeResponse (NTLMv2_RESPONSE)', 'The NTLMv2 response: NTProofStr followed by the plaintext blob it authenticates.', r.fields, { ref: 'MS-NLMP 2.2.2.8' })];
  } else if (nt.length) {
    ntFields = [ntV1Field(nt, sb.nt.offset, kind)];
  }
  const hasVersion = payloadStart >= 72;
  const micAnnounced = ntlmv2 ? ((avFlags(ntlmv2.avPairs) ?? 0) & AV_FLAG.MIC_PRESENT) !== 0 : false;
  const micOffset = micAnnounced && payloadStart >= MIC_OFFSET + 16 ? MIC_OFFSET : null;
  const domain = decodeString(readBuf(b, sb.domain), unicode);
  const user = decodeString(readBuf(b, sb.user), unicode);
  const workstation = decodeString(readBuf(b, sb.workstation), unicode);
  const esk = readBuf(b, sb.sessionKey);

  const fields: Field[] = [
    ...headerFields(3),
    secBufField('LmChallengeResponseFields', 12, sb.lm, 'the LM challenge response', REF),
    secBufField('NtChallengeResponseFields', 20, sb.nt, 'the NT challenge response', REF),
    secBufField('DomainNameFields', 28, sb.domain, 'the user\'s domain name', REF),
    secBufField('UserNameFields', 36, sb.user, 'the user name', REF),
    secBufField('WorkstationFields', 44, sb.workstation, 'the client\'s computer name', REF),
    secBufField('EncryptedRandomSessionKeyFields', 52, sb.sessionKey, 'the encrypted session key', REF),
    flagsField(flags, 60, 'The flags the client settles on'),
  ];
  let headerEnd = 64;
  if (hasVersion) { fields.push(versionField(b, 64, has(flags, NTLMSSP.NEGOTIATE_VERSION))); headerEnd = 72; }
  if (micOffset !== null) {
    fields.push(field('MIC', MIC_OFFSET, MIC_OFFSET + 16, 'Message Integrity Code: HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with these 16 bytes zeroed); it stops anyone from altering the three messages (e.g. removing flags).', hex(b.slice(MIC_OFFSET, MIC_OFFSET + 16)), 'MS-NLMP 3.1.5.1.2'));
    headerEnd = MIC_OFFSET + 16;
  }
  const regions: PayloadRegion[] = [];
  const at = (s: SecBuf, fs: Field[]) => { if (s.len) regions.push({ start: s.offset, end: s.offset + s.len, fields: fs }); };
  at(sb.lm, [lmResponseField(lm, sb.lm.offset, kind, nt.length === 24 ? nt : null)]);
  at(sb.nt, ntFields);
  at(sb.domain, [stringField('DomainName', sb.domain, domain, unicode, domain ? 'The user\'s domain (or the computer name for a local account)' : 'The user\'s domain', REF)]);
  at(sb.user, [stringField('UserName', sb.user, user, unicode, user.includes('@') ? 'The user name, here a user principal name (UPN) with an empty domain' : 'The user name', REF)]);
  at(sb.workstation, [stringField('Workstation', sb.workstation, workstation, unicode, 'The client\'s computer name', REF)]);
  at(sb.sessionKey, [field('EncryptedRandomSessionKey', sb.sessionKey.offset, sb.sessionKey.offset + sb.sessionKey.len, 'The client\'s random session key, RC4-encrypted with the KeyExchangeKey that only the client and the server (told by the DC) can compute.', hex(esk), 'MS-NLMP 3.1.5.1.2')]);
  fields.push(...payloadFields(headerEnd, b.length, regions));

  return {
    msg: { flags, lmChallengeResponse: lm, ntChallengeResponse: nt, domain, user, workstation, encryptedRandomSessionKey: esk, version: hasVersion && (has(flags, NTLMSSP.NEGOTIATE_VERSION) || micOffset === null || b.slice(64, 72).some((x) => x !== 0)) ? parseVersion(b, 64) : null, mic: micOffset !== null ? b.slice(MIC_OFFSET, MIC_OFFSET + 16) : null },
    kind, ntlmv2, micOffset, micAnnounced, fields,
  };
}
