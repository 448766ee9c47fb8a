// What the three NTLMSSP messages share (MS-NLMP 2.2): the "NTLMSSP\0" signature, the message
// type, security buffers (length, maximum length, offset into the payload) and string encodings.
import { concat, DecodeError, fromUtf16le, readU16le, readU32le, u16le, u32le, utf16le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';

export const SIGNATURE = new Uint8Array([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]); // "NTLMSSP\0"
export const MESSAGE_TYPE = { NEGOTIATE: 1, CHALLENGE: 2, AUTHENTICATE: 3 } as const;
export const MESSAGE_NAME: Record<number, string> = { 1: 'NEGOTIATE_MESSAGE', 2: 'CHALLENGE_MESSAGE', 3: 'AUTHENTICATE_MESSAGE' };
export const MESSAGE_REF: Record<number, string> = { 1: 'MS-NLMP 2.2.1.1', 2: 'MS-NLMP 2.2.1.2', 3: 'MS-NLMP 2.2.1.3' };

/** Check the signature and return the message type (1, 2 or 3); DecodeError otherwise. */
export function messageType(b: Uint8Array): number {
  if (b.length < 12) throw new DecodeError('an NTLMSSP message is at least 12 bytes (signature and type)', 0);
  for (let i = 0; i < 8; i++) if (b[i] !== SIGNATURE[i]) throw new DecodeError('not an NTLMSSP message: the first 8 bytes are not "NTLMSSP\\0"', i);
  const t = readU32le(b, 8);
  if (t < 1 || t > 3) throw new DecodeError(`unknown NTLMSSP message type ${t}`, 8);
  return t;
}

export function headerFields(type: number): Field[] {
  return [
    field('Signature', 0, 8, 'The ASCII string "NTLMSSP" and a zero byte: marks an NTLM message.', 'NTLMSSP\\0', 'MS-NLMP 2.2.1'),
    field('MessageType', 8, 12, `Which of the three NTLM messages this is (1 = NEGOTIATE, 2 = CHALLENGE, 3 = AUTHENTICATE).`, `${type} (${MESSAGE_NAME[type]})`, 'MS-NLMP 2.2.1'),
  ];
}

export interface SecBuf { len: number; maxLen: number; offset: number }

export function readSecBuf(b: Uint8Array, o: number, name: string): SecBuf {
  const sb = { len: readU16le(b, o), maxLen: readU16le(b, o + 2), offset: readU32le(b, o + 4) };
  if (sb.len > 0 && sb.offset + sb.len > b.length) throw new DecodeError(`${name} points past the end of the message (offset ${sb.offset}, length ${sb.len}, message ${b.length} bytes)`, o);
  return sb;
}

export const writeSecBuf = (len: number, offset: number): Uint8Array => concat(u16le(len), u16le(len), u32le(offset));

/** The 8-byte security buffer field with its three parts explained. */
export function secBufField(name: string, o: number, sb: SecBuf, what: string, ref: string): Field {
  return group(name, `Where ${what} is: its length, maximum length and offset from the start of the message.`, [
    field('Len', o, o + 2, `Length of ${what} in bytes.`, sb.len, ref),
    field('MaxLen', o + 2, o + 4, 'Maximum length; senders set it equal to Len and receivers ignore it.', sb.maxLen, ref),
    field('BufferOffset', o + 4, o + 8, `Offset of ${what} from the start of the message${sb.len === 0 ? ' (nothing is there: the length is 0)' : ''}.`, sb.offset, ref),
  ], { value: sb.len ? `${sb.len} bytes at ${sb.offset}` : 'empty', ref });
}

export const readBuf = (b: Uint8Array, sb: SecBuf): Uint8Array => b.slice(sb.offset, sb.offset + sb.len);

export function encodeString(s: string, unicode: boolean): Uint8Array {
  if (unicode) return utf16le(s);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[i] = c < 0x100 ? c : 0x3f; }
  return out;
}
export function decodeString(b: Uint8Array, unicode: boolean): string {
  if (unicode) return fromUtf16le(b);
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Lays out payload parts after a fixed header; empty parts get the current offset (or 0). */
export class PayloadWriter {
  private parts: Uint8Array[] = [];
  private cursor: number;
  constructor(headerLen: number, private emptyOffset: 'current' | 'zero' = 'current') { this.cursor = headerLen; }
  add(data: Uint8Array): SecBuf {
    if (data.length > 0xffff) throw new Error('an NTLMSSP payload field is at most 65535 bytes');
    const sb = { len: data.length, maxLen: data.length, offset: data.length === 0 && this.emptyOffset === 'zero' ? 0 : this.cursor };
    this.parts.push(data);
    this.cursor += data.length;
    return sb;
  }
  bytes(): Uint8Array { return concat(...this.parts); }
}

export interface PayloadRegion { start: number; end: number; fields: Field[] }

/**
 * Field leaves for everything after the fixed header: the payload parts the security buffers point
 * at, and "unused" fields for any bytes between or after them, so every byte is covered.
 */
export function payloadFields(headerEnd: number, total: number, regions: PayloadRegion[]): Field[] {
  const rs = regions.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Field[] = [];
  let cursor = headerEnd;
  for (const r of rs) {
    if (r.start > cursor) out.push(gapField(cursor, r.start));
    out.push(...r.fields);
    cursor = Math.max(cursor, r.end);
  }
  if (cursor < total) out.push(gapField(cursor, total));
  return out;
}

function gapField(start: number, end: number): Field {
  return field('Padding', start, end, 'Bytes no security buffer points at (alignment padding or unused space); receivers ignore them.', `${end - start} bytes`, 'MS-NLMP 2.2.1');
}

export function stringField(name: string, sb: SecBuf, value: string, unicode: boolean, explain: string, ref: string): Field {
  return field(name, sb.offset, sb.offset + sb.len, `${explain} (${unicode ? 'UTF-16LE' : 'OEM code page'}).`, value, ref);
}
