// EXCHANGE_MESSAGE (MS-NEGOEX 2.2.6.4): the auth scheme's own tokens. INITIATOR_META_DATA /
// ACCEPTOR_META_DATA carry what a scheme needs to decide whether it can run (for PKU2U the
// NEGO-REQ/REP with the trusted certifiers); AP_REQUEST (initiator) and CHALLENGE (acceptor) carry
// the chosen scheme's context tokens (for PKU2U the GSS-framed AS-REQ/AS-REP, AP-REQ/AP-REP).
//   MESSAGE_HEADER (40) | AuthScheme (16) | Exchange BYTE_VECTOR (8) | the exchange bytes
import { DecodeError, readU32le } from '../../../bytes';
import { type Field, field, shift } from '../../../encoding/fields';
import { genericField, readDer } from '../../../encoding/der';
import { EXCHANGE_HEADER_LENGTH, MESSAGE_TYPE, R, authSchemeText } from './constants';
import { guidBytes, guidText } from './guid';
import { type HeaderRead, Writer, byteVectorFields, finishMessage, paddingFields, writeHeader } from './header';
import type { ExchangeMessage } from './types';

const EXCHANGE_TYPES: number[] = [MESSAGE_TYPE.INITIATOR_META_DATA, MESSAGE_TYPE.ACCEPTOR_META_DATA, MESSAGE_TYPE.CHALLENGE, MESSAGE_TYPE.AP_REQUEST];

export function buildExchange(m: Omit<ExchangeMessage, 'kind'>): Uint8Array {
  if (!EXCHANGE_TYPES.includes(m.messageType)) throw new RangeError(`EXCHANGE_MESSAGE type must be 2-5, not ${m.messageType}`);
  const w = new Writer();
  writeHeader(w, m, EXCHANGE_HEADER_LENGTH);
  w.bytes(guidBytes(m.authScheme)).u32(m.exchange.length ? EXCHANGE_HEADER_LENGTH : 0).u32(m.exchange.length).bytes(m.exchange);
  return finishMessage(w);
}

/** How the caller decodes the exchange bytes (fields relative to the exchange). */
export type ExchangeDecoder = (messageType: number, authScheme: string, exchange: Uint8Array) => { layer: string; fields: Field[]; display?: string } | undefined;

const WHAT: Record<number, string> = {
  2: 'the initiator\'s metadata for this scheme (for PKU2U: the CAs it trusts)',
  3: 'the acceptor\'s metadata for this scheme (for PKU2U: the CAs it trusts)',
  4: 'a context token of the scheme from the acceptor',
  5: 'a context token of the scheme from the initiator',
};

export function parseExchangeBody(b: Uint8Array, at: number, h: HeaderRead, decode?: ExchangeDecoder): { value: ExchangeMessage; fields: Field[] } {
  const end = at + h.messageLength;
  if (h.headerLength < EXCHANGE_HEADER_LENGTH) throw new DecodeError(`EXCHANGE_MESSAGE: cbHeaderLength ${h.headerLength} < 64`, at + 16);
  const o = at + 40;
  const authScheme = guidText(b, o);
  const xo = readU32le(b, o + 16), xl = readU32le(b, o + 20);
  if (xo + xl > h.messageLength) throw new DecodeError('EXCHANGE_MESSAGE: exchange runs past the message', o + 16);
  const exchange = b.slice(at + xo, at + xo + xl);
  const fields: Field[] = [
    ...h.fields,
    field('AuthScheme', o, o + 16, 'the auth scheme these bytes belong to', authSchemeText(authScheme), R.exchange),
    byteVectorFields('Exchange', o + 16, xo, xl, 'the exchange bytes', R.exchange),
  ];
  if (xl) {
    const s = at + xo;
    const dec = decode?.(h.header.messageType, authScheme, exchange) ?? defaultDecode(exchange);
    const f: Field = { name: 'exchange', start: s, end: s + xl, explain: WHAT[h.header.messageType] ?? 'scheme data', ref: R.exchange, value: dec?.display ?? `${xl} bytes` };
    if (dec) { f.layer = dec.layer; f.children = shift(dec.fields, s); }
    fields.push(f);
  }
  fields.push(...paddingFields(fields, at, end, b));
  fields.sort((x, y) => x.start - y.start);
  return { value: { kind: 'exchange', ...h.header, authScheme, exchange }, fields };
}

/** DER exchange data explained element by element (used when the caller gives no decoder). */
function defaultDecode(x: Uint8Array): { layer: string; fields: Field[]; display?: string } | undefined {
  try {
    return { layer: 'DER', fields: [genericField(x, readDer(x))], display: `${x.length} bytes of DER` };
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}
