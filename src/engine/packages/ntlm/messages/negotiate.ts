// NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1): the client's first message, its feature flags and,
// optionally, its domain and workstation names (OEM) and Windows version.
import { concat, DecodeError, readU32le, u32le } from '../../../bytes';
import { type Field } from '../../../encoding/fields';
import { SIGNATURE, MESSAGE_TYPE, headerFields, messageType, readSecBuf, writeSecBuf, secBufField, readBuf, decodeString, encodeString, PayloadWriter, payloadFields, stringField, type PayloadRegion } from './common';
import { NTLMSSP, has, flagsField } from './flags';
import { buildVersion, versionField, parseVersion, type Version } from './version';

const REF = 'MS-NLMP 2.2.1.1';

export interface NegotiateMessage {
  flags: number;
  /** OEM domain name; sent only with NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED. */
  domain: string;
  /** OEM workstation name; sent only with NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED. */
  workstation: string;
  version: Version | null;
}

export interface NegotiateLayout {
  /** Offset written for an empty security buffer: the payload position (Windows) or 0. */
  emptyOffset?: 'current' | 'zero';
}

export function buildNegotiate(m: NegotiateMessage, layout: NegotiateLayout = {}): Uint8Array {
  const headerLen = m.version ? 40 : 32;
  const w = new PayloadWriter(headerLen, layout.emptyOffset ?? 'current');
  const dom = w.add(encodeString(m.domain, false));
  const ws = w.add(encodeString(m.workstation, false));
  return concat(SIGNATURE, u32le(MESSAGE_TYPE.NEGOTIATE), u32le(m.flags >>> 0), writeSecBuf(dom.len, dom.offset), writeSecBuf(ws.len, ws.offset),
    m.version ? buildVersion(m.version) : new Uint8Array(0), w.bytes());
}

export interface ParsedNegotiate { msg: NegotiateMessage; fields: Field[] }

export function parseNegotiate(b: Uint8Array): ParsedNegotiate {
  if (messageType(b) !== MESSAGE_TYPE.NEGOTIATE) throw new DecodeError('not a NEGOTIATE_MESSAGE', 8);
  if (b.length < 32) throw new DecodeError('a NEGOTIATE_MESSAGE has a 32-byte header', b.length);
  const flags = readU32le(b, 12);
  const domSb = readSecBuf(b, 16, 'DomainNameFields');
  const wsSb = readSecBuf(b, 24, 'WorkstationFields');
  const used = [domSb, wsSb].filter((s) => s.len > 0);
  const payloadStart = used.length ? Math.min(...used.map((s) => s.offset)) : b.length;
  const hasVersion = payloadStart >= 40 && b.length >= 40;
  if (used.some((s) => s.offset < 32)) throw new DecodeError('a payload buffer overlaps the message header', 16);
  const domain = decodeString(readBuf(b, domSb), false);
  const workstation = decodeString(readBuf(b, wsSb), false);
  const fields: Field[] = [
    ...headerFields(1),
    flagsField(flags, 12, 'The client\'s features'),
    secBufField('DomainNameFields', 16, domSb, 'the client\'s domain name', REF),
    secBufField('WorkstationFields', 24, wsSb, 'the client\'s workstation name', REF),
  ];
  let headerEnd = 32;
  if (hasVersion) { fields.push(versionField(b, 32, has(flags, NTLMSSP.NEGOTIATE_VERSION))); headerEnd = 40; }
  const regions: PayloadRegion[] = [];
  if (domSb.len) regions.push({ start: domSb.offset, end: domSb.offset + domSb.len, fields: [stringField('DomainName', domSb, domain, false, 'The client\'s domain name', REF)] });
  if (wsSb.len) regions.push({ start: wsSb.offset, end: wsSb.offset + wsSb.len, fields: [stringField('WorkstationName', wsSb, workstation, false, 'The client\'s computer name', REF)] });
  fields.push(...payloadFields(headerEnd, b.length, regions));
  return { msg: { flags, domain, workstation, version: hasVersion ? parseVersion(b, 32) : null }, fields };
}
