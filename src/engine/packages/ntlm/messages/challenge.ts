// CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): the server's answer: the agreed flags, an 8-byte random
// ServerChallenge, its name (TargetName) and TargetInfo (AV pairs naming the server, with a timestamp).
import { concat, DecodeError, hex, readU32le, u32le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';
import { SIGNATURE, MESSAGE_TYPE, headerFields, messageType, readSecBuf, writeSecBuf, secBufField, readBuf, decodeString, encodeString, PayloadWriter, payloadFields, stringField, type PayloadRegion } from './common';
import { NTLMSSP, has, flagsField } from './flags';
import { buildVersion, versionField, parseVersion, type Version } from './version';
import { buildAvPairs, parseAvPairs, type AvPair } from './avPairs';

const REF = 'MS-NLMP 2.2.1.2';

export interface ChallengeMessage {
  flags: number;
  targetName: string;
  serverChallenge: Uint8Array;
  /** 8 reserved bytes (zero). */
  reserved?: Uint8Array;
  /** null: no TargetInfo (NTLMSSP_NEGOTIATE_TARGET_INFO not set). */
  targetInfo: AvPair[] | null;
  version: Version | null;
}

export function buildChallenge(m: ChallengeMessage): Uint8Array {
  if (m.serverChallenge.length !== 8) throw new Error('ServerChallenge is 8 bytes');
  const unicode = has(m.flags, NTLMSSP.NEGOTIATE_UNICODE);
  const headerLen = m.version ? 56 : 48;
  const w = new PayloadWriter(headerLen);
  const tn = w.add(encodeString(m.targetName, unicode));
  const tiBytes = m.targetInfo ? buildAvPairs(m.targetInfo) : new Uint8Array(0);
  const ti = w.add(tiBytes);
  return concat(SIGNATURE, u32le(MESSAGE_TYPE.CHALLENGE), writeSecBuf(tn.len, tn.offset), u32le(m.flags >>> 0), m.serverChallenge,
    m.reserved ?? new Uint8Array(8), m.targetInfo ? writeSecBuf(ti.len, ti.offset) : writeSecBuf(0, 0),
    m.version ? buildVersion(m.version) : new Uint8Array(0), w.bytes());
}

export interface ParsedChallenge {
  msg: ChallengeMessage;
  /** The TargetInfo bytes exactly as sent. */
  targetInfoBytes: Uint8Array;
  fields: Field[];
}

export function parseChallenge(b: Uint8Array): ParsedChallenge {
  if (messageType(b) !== MESSAGE_TYPE.CHALLENGE) throw new DecodeError('not a CHALLENGE_MESSAGE', 8);
  if (b.length < 48) throw new DecodeError('a CHALLENGE_MESSAGE has a 48-byte header', b.length);
  const tnSb = readSecBuf(b, 12, 'TargetNameFields');
  const flags = readU32le(b, 20);
  const serverChallenge = b.slice(24, 32);
  const reserved = b.slice(32, 40);
  const tiSb = readSecBuf(b, 40, 'TargetInfoFields');
  const used = [tnSb, tiSb].filter((s) => s.len > 0);
  if (used.some((s) => s.offset < 48)) throw new DecodeError('a payload buffer overlaps the message header', 12);
  const payloadStart = used.length ? Math.min(...used.map((s) => s.offset)) : b.length;
  const hasVersion = payloadStart >= 56 && b.length >= 56;
  const unicode = has(flags, NTLMSSP.NEGOTIATE_UNICODE);
  const targetName = decodeString(readBuf(b, tnSb), unicode);
  const targetInfoBytes = readBuf(b, tiSb);
  const fields: Field[] = [
    ...headerFields(2),
    secBufField('TargetNameFields', 12, tnSb, 'the server\'s name (TargetName)', REF),
    flagsField(flags, 20, 'The features the server agrees to (the client\'s request, narrowed)'),
    field('ServerChallenge', 24, 32, 'A random 8-byte number, new for each authentication: the client proves it knows the password by answering it.', hex(serverChallenge), REF),
    field('Reserved', 32, 40, 'Eight reserved bytes, zero; receivers ignore them.', hex(reserved), REF),
    secBufField('TargetInfoFields', 40, tiSb, 'TargetInfo (the AV pair list)', REF),
  ];
  let headerEnd = 48;
  if (hasVersion) { fields.push(versionField(b, 48, has(flags, NTLMSSP.NEGOTIATE_VERSION))); headerEnd = 56; }
  const regions: PayloadRegion[] = [];
  if (tnSb.len) {
    const kind = has(flags, NTLMSSP.TARGET_TYPE_DOMAIN) ? 'the server\'s domain name' : has(flags, NTLMSSP.TARGET_TYPE_SERVER) ? 'the server\'s computer name' : 'the server\'s name';
    regions.push({ start: tnSb.offset, end: tnSb.offset + tnSb.len, fields: [stringField('TargetName', tnSb, targetName, unicode, `TargetName: ${kind}, the realm the client authenticates against`, REF)] });
  }
  let targetInfo: AvPair[] | null = null;
  if (tiSb.len) {
    const av = parseAvPairs(b, tiSb.offset, tiSb.offset + tiSb.len);
    targetInfo = av.pairs;
    const children = [...av.fields];
    if (av.end < tiSb.offset + tiSb.len) children.push(field('Padding', av.end, tiSb.offset + tiSb.len, 'Bytes after MsvAvEOL inside TargetInfo; ignored.', `${tiSb.offset + tiSb.len - av.end} bytes`, REF));
    regions.push({ start: tiSb.offset, end: tiSb.offset + tiSb.len, fields: [group('TargetInfo', 'AV pairs describing the server: its NetBIOS and DNS names, its domain and forest, and its clock.', children, { value: `${av.pairs.length} pairs`, ref: 'MS-NLMP 2.2.2.1' })] });
  }
  fields.push(...payloadFields(headerEnd, b.length, regions));
  return { msg: { flags, targetName, serverChallenge, reserved, targetInfo, version: hasVersion ? parseVersion(b, 48) : null }, targetInfoBytes, fields };
}
