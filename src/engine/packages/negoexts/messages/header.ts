// MESSAGE_HEADER (MS-NEGOEX 2.2.6.1), the 40 bytes every NEGOEX message starts with, and the
// little-endian vectors the message bodies use (MS-NEGOEX 2.2.5.2):
//   Signature (8) "NEGOEXTS" | MessageType (4) | SequenceNum (4) | cbHeaderLength (4) | cbMessageLength (4) | ConversationId (16, GUID)
//   BYTE_VECTOR { ByteArrayOffset (4), ByteArrayLength (4) }; AUTH_SCHEME_VECTOR / EXTENSION_VECTOR / ALERT_VECTOR
//   { ArrayOffset (4), Count (2), 2 bytes of padding }. Offsets count from the start of the message.
import { DecodeError, hex, readU16le, readU32le } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';
import { HEADER_LENGTH, MESSAGE_TYPE_NAMES, R, SIGNATURE } from './constants';
import { guidBytes, guidText } from './guid';

export interface MessageHeader {
  messageType: number;
  sequenceNum: number;
  conversationId: string;
}

/** A little-endian writer for one message. */
export class Writer {
  private readonly buf: number[] = [];
  get length(): number { return this.buf.length; }
  u8(v: number): this { this.buf.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v).u8(v >>> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  u64(v: bigint): this { for (let i = 0n; i < 8n; i++) this.u8(Number((v >> (8n * i)) & 0xffn)); return this; }
  bytes(b: Uint8Array): this { for (const x of b) this.buf.push(x); return this; }
  zeros(n: number): this { for (let i = 0; i < n; i++) this.buf.push(0); return this; }
  /** Overwrite a u32 already written. */
  setU32(at: number, v: number): void { for (let i = 0; i < 4; i++) this.buf[at + i] = (v >>> (8 * i)) & 0xff; }
  done(): Uint8Array { return Uint8Array.from(this.buf); }
}

/** Writes the header; cbMessageLength is patched by finishMessage. */
export function writeHeader(w: Writer, h: MessageHeader, headerLength: number): void {
  for (let i = 0; i < 8; i++) w.u8(SIGNATURE.charCodeAt(i));
  w.u32(h.messageType).u32(h.sequenceNum).u32(headerLength).u32(0).bytes(guidBytes(h.conversationId));
}
export function finishMessage(w: Writer): Uint8Array {
  w.setU32(20, w.length);
  return w.done();
}

export interface HeaderRead { header: MessageHeader; headerLength: number; messageLength: number; fields: Field[] }

/** Reads the header of the message at `at` in `b`; the message is b[at, at + cbMessageLength). */
export function readHeader(b: Uint8Array, at: number): HeaderRead {
  if (b.length - at < HEADER_LENGTH) throw new DecodeError(`NEGOEX: ${b.length - at} bytes, shorter than a message header`, at);
  for (let i = 0; i < 8; i++) if (b[at + i] !== SIGNATURE.charCodeAt(i)) throw new DecodeError('NEGOEX: signature is not "NEGOEXTS"', at);
  const messageType = readU32le(b, at + 8);
  const sequenceNum = readU32le(b, at + 12);
  const headerLength = readU32le(b, at + 16);
  const messageLength = readU32le(b, at + 20);
  if (messageLength < HEADER_LENGTH || at + messageLength > b.length) throw new DecodeError(`NEGOEX: cbMessageLength ${messageLength} does not fit the ${b.length - at} bytes left`, at + 20);
  if (headerLength < HEADER_LENGTH || headerLength > messageLength) throw new DecodeError(`NEGOEX: cbHeaderLength ${headerLength} out of range`, at + 16);
  const conversationId = guidText(b, at + 24);
  const typeName = MESSAGE_TYPE_NAMES[messageType] ?? 'unknown';
  const fields: Field[] = [{
    name: 'MESSAGE_HEADER', start: at, end: at + HEADER_LENGTH, explain: 'the header every NEGOEX message starts with', ref: R.header,
    children: [
      field('Signature', at, at + 8, '"NEGOEXTS": marks a NEGOEX message (0x535458454f47454e little-endian)', SIGNATURE, R.header),
      field('MessageType', at + 8, at + 12, 'which NEGOEX message this is', `${messageType} (${typeName})`, R.header),
      field('SequenceNum', at + 12, at + 16, 'counts the messages of the conversation from 0, both directions together', sequenceNum, R.header),
      field('cbHeaderLength', at + 16, at + 20, 'bytes of the fixed part of this message (header and structure), padding included', headerLength, R.header),
      field('cbMessageLength', at + 20, at + 24, 'bytes of the whole message, variable data included', messageLength, R.header),
      field('ConversationId', at + 24, at + 40, 'GUID the initiator chose for this negotiation; every message repeats it', conversationId, R.header),
    ],
  }];
  return { header: { messageType, sequenceNum, conversationId }, headerLength, messageLength, fields };
}

/** A vector of `count` elements of `size` bytes at message offset `offset`, checked against the message. */
export function checkArray(at: number, messageLength: number, offset: number, count: number, size: number, what: string): void {
  if (count === 0) return;
  if (offset < 0 || offset + count * size > messageLength) throw new DecodeError(`NEGOEX: ${what} (offset ${offset}, ${count} × ${size} bytes) runs past the message`, at);
}

export function readVector(b: Uint8Array, o: number): { offset: number; count: number; pad: number } {
  return { offset: readU32le(b, o), count: readU16le(b, o + 4), pad: readU16le(b, o + 6) };
}

/** Fields for one AUTH_SCHEME_VECTOR / EXTENSION_VECTOR / ALERT_VECTOR at absolute offset o. */
export function vectorFields(name: string, o: number, v: { offset: number; count: number }, what: string, ref: string): Field {
  return {
    name, start: o, end: o + 8, explain: `where the ${what} are and how many`, ref,
    children: [
      field('ArrayOffset', o, o + 4, `offset of the first of the ${what}, from the start of the message`, v.offset, R.vectors),
      field('Count', o + 4, o + 6, `number of ${what}`, v.count, R.vectors),
      field('padding', o + 6, o + 8, 'two bytes that align the structure', '0000', R.vectors),
    ],
  };
}

/** Fields for a BYTE_VECTOR at absolute offset o. */
export function byteVectorFields(name: string, o: number, offset: number, length: number, what: string, ref: string): Field {
  return {
    name, start: o, end: o + 8, explain: `where ${what} is and its length`, ref,
    children: [
      field('ByteArrayOffset', o, o + 4, `offset of ${what}, from the start of the message`, offset, R.vectors),
      field('ByteArrayLength', o + 4, o + 8, `length of ${what} in bytes`, length, R.vectors),
    ],
  };
}

/** Leaves for bytes of [start, end) that no field covers (padding between the parts of a message). */
export function paddingFields(fields: Field[], start: number, end: number, b: Uint8Array): Field[] {
  const covered = new Uint8Array(end - start);
  const walk = (fs: Field[]) => { for (const f of fs) { if (f.children?.length) walk(f.children); else for (let i = Math.max(f.start, start); i < Math.min(f.end, end); i++) covered[i - start] = 1; } };
  walk(fields);
  const out: Field[] = [];
  for (let i = 0; i < covered.length;) {
    if (covered[i]) { i++; continue; }
    let j = i;
    while (j < covered.length && !covered[j]) j++;
    out.push(field('padding', start + i, start + j, 'bytes that align the next part to 8 bytes (or unused)', hex(b.subarray(start + i, start + j)), R.header));
    i = j;
  }
  return out;
}
