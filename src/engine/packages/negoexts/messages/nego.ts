// NEGO_MESSAGE (MS-NEGOEX 2.2.6.3): INITIATOR_NEGO (the initiator's auth schemes, in order of
// preference) and ACCEPTOR_NEGO (the ones the acceptor can run, same order).
//   MESSAGE_HEADER (40) | Random (32) | ProtocolVersion (8) = 0 | AuthSchemes AUTH_SCHEME_VECTOR (8) | Extensions EXTENSION_VECTOR (8)
//   then the AUTH_SCHEME GUIDs (16 each), the EXTENSIONs { ExtensionType (4), ExtensionValue BYTE_VECTOR (8) } and their values.
import { DecodeError, hex, readU32le, readU64le } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';
import { EXTENSION_LENGTH, MESSAGE_TYPE, NEGO_HEADER_LENGTH, R, authSchemeText } from './constants';
import { guidBytes, guidText } from './guid';
import { type HeaderRead, Writer, byteVectorFields, checkArray, finishMessage, paddingFields, readVector, vectorFields, writeHeader } from './header';
import type { NegoMessage } from './types';

export function buildNego(m: Omit<NegoMessage, 'kind'>): Uint8Array {
  if (m.messageType !== MESSAGE_TYPE.INITIATOR_NEGO && m.messageType !== MESSAGE_TYPE.ACCEPTOR_NEGO) throw new RangeError('NEGO_MESSAGE type must be 0 or 1');
  if (m.random.length !== 32) throw new RangeError('Random must be 32 bytes');
  const w = new Writer();
  writeHeader(w, m, NEGO_HEADER_LENGTH);
  const schemesAt = NEGO_HEADER_LENGTH;
  const extAt = schemesAt + 16 * m.authSchemes.length;
  w.bytes(m.random).u64(m.protocolVersion);
  w.u32(m.authSchemes.length ? schemesAt : 0).u16(m.authSchemes.length).u16(0);
  w.u32(m.extensions.length ? extAt : 0).u16(m.extensions.length).u16(0);
  for (const g of m.authSchemes) w.bytes(guidBytes(g));
  let valueAt = extAt + EXTENSION_LENGTH * m.extensions.length;
  for (const e of m.extensions) { w.u32(e.extensionType).u32(valueAt).u32(e.value.length); valueAt += e.value.length; }
  for (const e of m.extensions) w.bytes(e.value);
  return finishMessage(w);
}

export function parseNegoBody(b: Uint8Array, at: number, h: HeaderRead): { value: NegoMessage; fields: Field[] } {
  const end = at + h.messageLength;
  if (h.headerLength < NEGO_HEADER_LENGTH) throw new DecodeError(`NEGO_MESSAGE: cbHeaderLength ${h.headerLength} < 96`, at + 16);
  const o = at + 40;
  const random = b.slice(o, o + 32);
  const protocolVersion = readU64le(b, o + 32);
  const sv = readVector(b, o + 40);
  const ev = readVector(b, o + 48);
  checkArray(at, h.messageLength, sv.offset, sv.count, 16, 'AuthSchemes');
  checkArray(at, h.messageLength, ev.offset, ev.count, EXTENSION_LENGTH, 'Extensions');
  const who = h.header.messageType === MESSAGE_TYPE.INITIATOR_NEGO ? 'initiator' : 'acceptor';
  const fields: Field[] = [
    ...h.fields,
    field('Random', o, o + 32, 'random bytes of the sender, part of the transcript the VERIFY checksum covers', hex(random), R.nego),
    field('ProtocolVersion', o + 32, o + 40, 'NEGOEX protocol version: 0', String(protocolVersion), R.nego),
    vectorFields('AuthSchemes', o + 40, sv, 'auth scheme GUIDs', R.nego),
    vectorFields('Extensions', o + 48, ev, 'extensions', R.nego),
  ];
  const authSchemes: string[] = [];
  const schemeFields: Field[] = [];
  for (let i = 0; i < sv.count; i++) {
    const p = at + sv.offset + 16 * i;
    const g = guidText(b, p);
    authSchemes.push(g);
    schemeFields.push(field(`AuthScheme[${i}]`, p, p + 16, i === 0 ? `the ${who}'s first choice` : `another scheme the ${who} can run`, authSchemeText(g), R.nego));
  }
  if (schemeFields.length) fields.push({ name: 'auth schemes', start: schemeFields[0].start, end: schemeFields[schemeFields.length - 1].end, explain: `the security mechanisms the ${who} offers, in order of preference`, ref: R.nego, children: schemeFields });
  const extensions: { extensionType: number; value: Uint8Array }[] = [];
  for (let i = 0; i < ev.count; i++) {
    const p = at + ev.offset + EXTENSION_LENGTH * i;
    const extensionType = readU32le(b, p);
    const vo = readU32le(b, p + 4), vl = readU32le(b, p + 8);
    if (vo + vl > h.messageLength) throw new DecodeError('NEGOEX extension value runs past the message', p);
    const value = b.slice(at + vo, at + vo + vl);
    extensions.push({ extensionType, value });
    fields.push({
      name: `Extension[${i}]`, start: p, end: p + EXTENSION_LENGTH, explain: 'an extension (the top bit of its type marks it critical)', ref: R.extension,
      children: [
        field('ExtensionType', p, p + 4, 'extension type; negative (top bit set) means the receiver must understand it', `0x${extensionType.toString(16)}`, R.extension),
        byteVectorFields('ExtensionValue', p + 4, vo, vl, 'the extension value', R.extension),
      ],
    });
    if (vl) fields.push(field(`Extension[${i}] value`, at + vo, at + vo + vl, 'the extension\'s data', hex(value), R.extension));
  }
  fields.push(...paddingFields(fields, at, end, b));
  fields.sort((x, y) => x.start - y.start);
  const value: NegoMessage = { kind: 'nego', ...h.header, random, protocolVersion, authSchemes, extensions };
  return { value, fields };
}
