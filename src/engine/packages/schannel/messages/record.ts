// The record layer's framing (RFC 5246 §6.2: type, version, length; DTLS adds epoch and a 48-bit
// sequence number, RFC 6347 §4.1). Building a record and splitting a token into records.
import { concat } from '../../../bytes';
import { DecodeError } from '../../../bytes';
import { be } from './cursor';

export interface TlsRecord {
  type: number;
  version: number;
  epoch?: number;
  seq?: number;
  fragment: Uint8Array;
  /** Offset of the record in the token it came from. */
  offset: number;
  headerLength: number;
}

export function buildRecord(type: number, version: number, fragment: Uint8Array, dtls?: { epoch: number; seq: number }): Uint8Array {
  if (!dtls) return concat(new Uint8Array([type]), be(version, 2), be(fragment.length, 2), fragment);
  return concat(new Uint8Array([type]), be(version, 2), be(dtls.epoch, 2), be(dtls.seq, 6), be(fragment.length, 2), fragment);
}

/** Is this the SSL 2.0 record format (two-byte header with the top bit set, then a CLIENT-HELLO)? */
export function isSsl2Hello(b: Uint8Array): boolean { return b.length >= 3 && (b[0] & 0x80) !== 0 && b[2] === 1; }

export function splitRecords(b: Uint8Array, dtls = false): TlsRecord[] {
  const out: TlsRecord[] = [];
  let o = 0;
  const hl = dtls ? 13 : 5;
  while (o < b.length) {
    if (o + hl > b.length) throw new DecodeError('truncated record header', o);
    const type = b[o];
    if (type < 20 || type > 24) throw new DecodeError(`not a TLS record (content type ${type})`, o);
    const version = (b[o + 1] << 8) | b[o + 2];
    let epoch: number | undefined, seq: number | undefined;
    if (dtls) { epoch = (b[o + 3] << 8) | b[o + 4]; seq = 0; for (let i = 5; i < 11; i++) seq = seq * 256 + b[o + i]; }
    const len = (b[o + hl - 2] << 8) | b[o + hl - 1];
    if (len > 16384 + 2048) throw new DecodeError(`record too long (${len})`, o + hl - 2);
    if (o + hl + len > b.length) throw new DecodeError(`record says ${len} bytes but ${b.length - o - hl} are left`, o + hl - 2);
    out.push({ type, version, epoch, seq, fragment: b.slice(o + hl, o + hl + len), offset: o, headerLength: hl });
    o += hl + len;
  }
  return out;
}
