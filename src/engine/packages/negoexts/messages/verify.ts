// VERIFY_MESSAGE (MS-NEGOEX 2.2.6.5): once the chosen scheme has a key, each side sends an RFC 3961
// checksum, keyed with it, over every NEGOEX message of the conversation so far (the transcript),
// so a tampered auth-scheme list is detected.
//   MESSAGE_HEADER (40) | AuthScheme (16) | CHECKSUM { cbHeaderLength (4) = 20, ChecksumScheme (4) = 1 (RFC 3961),
//   ChecksumType (4), ChecksumValue BYTE_VECTOR (8) } | 4 bytes of padding | the checksum value
import { DecodeError, hex, readU32le } from '../../../bytes';
import { CKSUMTYPE_NAMES } from '../../../crypto/kerberos';
import { type Field, field } from '../../../encoding/fields';
import { CHECKSUM_HEADER_LENGTH, MESSAGE_TYPE, R, VERIFY_HEADER_LENGTH, authSchemeText } from './constants';
import { guidBytes, guidText } from './guid';
import { type HeaderRead, Writer, byteVectorFields, finishMessage, paddingFields, writeHeader } from './header';
import type { VerifyMessage } from './types';

export function buildVerify(m: Omit<VerifyMessage, 'kind' | 'messageType'> & { messageType?: number }): Uint8Array {
  const w = new Writer();
  writeHeader(w, { ...m, messageType: MESSAGE_TYPE.VERIFY }, VERIFY_HEADER_LENGTH);
  w.bytes(guidBytes(m.authScheme)).u32(CHECKSUM_HEADER_LENGTH).u32(m.checksum.scheme).u32(m.checksum.checksumType)
    .u32(VERIFY_HEADER_LENGTH).u32(m.checksum.value.length).zeros(4).bytes(m.checksum.value);
  return finishMessage(w);
}

export function parseVerifyBody(b: Uint8Array, at: number, h: HeaderRead): { value: VerifyMessage; fields: Field[] } {
  const end = at + h.messageLength;
  if (h.headerLength < 76) throw new DecodeError(`VERIFY_MESSAGE: cbHeaderLength ${h.headerLength} < 76`, at + 16);
  const o = at + 40;
  const authScheme = guidText(b, o);
  const c = o + 16;
  const cbHeaderLength = readU32le(b, c);
  if (cbHeaderLength !== CHECKSUM_HEADER_LENGTH) throw new DecodeError(`CHECKSUM: cbHeaderLength ${cbHeaderLength} (expected 20)`, c);
  const scheme = readU32le(b, c + 4), checksumType = readU32le(b, c + 8);
  const vo = readU32le(b, c + 12), vl = readU32le(b, c + 16);
  if (vo + vl > h.messageLength) throw new DecodeError('VERIFY_MESSAGE: checksum runs past the message', c + 12);
  const value = b.slice(at + vo, at + vo + vl);
  const fields: Field[] = [
    ...h.fields,
    field('AuthScheme', o, o + 16, 'the scheme whose key made the checksum', authSchemeText(authScheme), R.verify),
    {
      name: 'Checksum', start: c, end: c + 20, explain: 'CHECKSUM: an RFC 3961 checksum of the transcript', ref: R.checksum,
      children: [
        field('cbHeaderLength', c, c + 4, 'size of the CHECKSUM structure: 20', cbHeaderLength, R.checksum),
        field('ChecksumScheme', c + 4, c + 8, 'CHECKSUM_SCHEME_RFC3961 (1): a Kerberos checksum type', scheme === 1 ? '1 (RFC 3961)' : String(scheme), R.checksum),
        field('ChecksumType', c + 8, c + 12, 'the RFC 3961 checksum type (the mandatory one of the key\'s encryption type)', `${checksumType}${CKSUMTYPE_NAMES[checksumType] ? ` (${CKSUMTYPE_NAMES[checksumType]})` : ''}`, R.checksum),
        byteVectorFields('ChecksumValue', c + 12, vo, vl, 'the checksum value', R.checksum),
      ],
    },
  ];
  if (vl) fields.push(field('checksum value', at + vo, at + vo + vl, 'keyed checksum over all earlier NEGOEX messages (key usage 23 from the initiator, 25 from the acceptor)', hex(value), R.processing));
  fields.push(...paddingFields(fields, at, end, b));
  fields.sort((x, y) => x.start - y.start);
  return { value: { kind: 'verify', ...h.header, authScheme, checksum: { scheme, checksumType, value } }, fields };
}
