// Client X.224 Connection Request PDU (MS-RDPBCGR 2.2.1.1): TPKT + X.224 CR, then optionally the
// routing token or cookie ("Cookie: mstshash=<user>\r\n"), the RDP_NEG_REQ (which security
// protocols the client can run: PROTOCOL_SSL, PROTOCOL_HYBRID = CredSSP/NLA, ...) and the
// RDP_NEG_CORRELATION_INFO.
//   RDP_NEG_REQ: type (1) = 0x01 | flags (1) | length (2, LE) = 8 | requestedProtocols (4, LE)
//   RDP_NEG_CORRELATION_INFO: type (1) = 0x06 | flags (1) = 0 | length (2, LE) = 36 | correlationId (16) | reserved (16)
import { DecodeError, concat, hex, readU16le, readU32le, u16le, u32le } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';
import {
  NEG_REQ_FLAGS, NEG_TYPE, R, X224_CODE, flagsText, parseX224Header, protocolsText, x224Header,
} from './x224';

export interface RdpNegReq { flags: number; requestedProtocols: number }
export interface X224ConnectionRequest {
  /** The cookie or routing-token line without its CR LF, e.g. "Cookie: mstshash=alice". */
  cookie?: string;
  negReq?: RdpNegReq;
  /** 16-byte correlation id (with RDP_NEG_REQ flag CORRELATION_INFO_PRESENT). */
  correlationId?: Uint8Array;
  dstRef?: number;
  srcRef?: number;
  classOption?: number;
}

const TYPE_CORRELATION_INFO = 0x06;

/** The cookie mstsc sends: the user name (truncated to 9 characters by mstsc; the caller decides). */
export const mstshashCookie = (user: string): string => `Cookie: mstshash=${user}`;

export function buildX224ConnectionRequest(v: X224ConnectionRequest): Uint8Array {
  const parts: Uint8Array[] = [];
  if (v.cookie !== undefined) {
    if (/[\r\n]/.test(v.cookie)) throw new RangeError('cookie must not contain CR or LF');
    const c = new Uint8Array(v.cookie.length + 2);
    for (let i = 0; i < v.cookie.length; i++) c[i] = v.cookie.charCodeAt(i) & 0xff;
    c[v.cookie.length] = 0x0d;
    c[v.cookie.length + 1] = 0x0a;
    parts.push(c);
  }
  if (v.negReq) parts.push(new Uint8Array([NEG_TYPE.REQ, v.negReq.flags & 0xff]), u16le(8), u32le(v.negReq.requestedProtocols));
  if (v.correlationId) {
    if (v.correlationId.length !== 16) throw new RangeError('correlationId must be 16 bytes');
    parts.push(new Uint8Array([TYPE_CORRELATION_INFO, 0]), u16le(36), v.correlationId, new Uint8Array(16));
  }
  const variable = concat(...parts);
  return concat(x224Header(X224_CODE.CR, variable.length, v.dstRef ?? 0, v.srcRef ?? 0, v.classOption ?? 0), variable);
}

export function parseX224ConnectionRequest(b: Uint8Array): { value: X224ConnectionRequest; fields: Field[] } {
  const { header, fields } = parseX224Header(b, X224_CODE.CR, 'X.224 Connection Request');
  const value: X224ConnectionRequest = { dstRef: header.dstRef, srcRef: header.srcRef, classOption: header.classOption };
  let o = 11;
  // Cookie / routing token: ASCII text up to CR LF (MS-RDPBCGR 2.2.1.1: both start with "Cookie:").
  if (o < b.length && b.length - o >= 8 && b[o] !== NEG_TYPE.REQ) {
    let end = -1;
    for (let i = o; i + 1 < b.length; i++) if (b[i] === 0x0d && b[i + 1] === 0x0a) { end = i; break; }
    if (end < 0) throw new DecodeError('X.224 Connection Request: cookie without CR LF', o);
    let text = '';
    for (let i = o; i < end; i++) text += String.fromCharCode(b[i]);
    value.cookie = text;
    const routing = text.startsWith('Cookie: msts=');
    fields.push(field(routing ? 'routingToken' : 'cookie', o, end + 2,
      routing ? 'routing token for a load balancer (ASCII, ends with CR LF)' : 'the user name mstsc sends so a connection broker can route the session (ASCII, ends with CR LF)',
      JSON.stringify(`${text}\r\n`).slice(1, -1), R.cr));
    o = end + 2;
  }
  if (o < b.length) {
    if (b.length - o < 8) throw new DecodeError('X.224 Connection Request: truncated RDP_NEG_REQ', o);
    if (b[o] !== NEG_TYPE.REQ) throw new DecodeError(`X.224 Connection Request: type 0x${b[o].toString(16)} where RDP_NEG_REQ (0x01) belongs`, o);
    const len = readU16le(b, o + 2);
    if (len !== 8) throw new DecodeError(`RDP_NEG_REQ: length ${len} (expected 8)`, o + 2);
    const negReq = { flags: b[o + 1], requestedProtocols: readU32le(b, o + 4) };
    value.negReq = negReq;
    fields.push({
      name: 'RDP_NEG_REQ', start: o, end: o + 8, explain: 'the security protocols the client can run; PROTOCOL_HYBRID is CredSSP (Network Level Authentication)', ref: R.negReq,
      children: [
        field('type', o, o + 1, 'TYPE_RDP_NEG_REQ', '0x01 (TYPE_RDP_NEG_REQ)', R.negReq),
        field('flags', o + 1, o + 2, 'RESTRICTED_ADMIN_MODE_REQUIRED, REDIRECTED_AUTHENTICATION_MODE_REQUIRED (Remote Credential Guard), CORRELATION_INFO_PRESENT', flagsText(negReq.flags, NEG_REQ_FLAGS), R.negReq),
        field('length', o + 2, o + 4, 'size of this structure, little-endian: 8', 8, R.negReq),
        field('requestedProtocols', o + 4, o + 8, 'bit field, little-endian: what the client offers (0 = Standard RDP Security only)', protocolsText(negReq.requestedProtocols), R.negReq),
      ],
    });
    o += 8;
  }
  if (o < b.length) {
    if (b.length - o !== 36 || b[o] !== TYPE_CORRELATION_INFO || readU16le(b, o + 2) !== 36) {
      throw new DecodeError('X.224 Connection Request: unexpected bytes after RDP_NEG_REQ', o);
    }
    value.correlationId = b.slice(o + 4, o + 20);
    fields.push({
      name: 'RDP_NEG_CORRELATION_INFO', start: o, end: o + 36, explain: 'an id that ties the client\'s and the server\'s event logs together', ref: R.correlation,
      children: [
        field('type', o, o + 1, 'TYPE_RDP_CORRELATION_INFO', '0x06', R.correlation),
        field('flags', o + 1, o + 2, 'unused, 0', b[o + 1], R.correlation),
        field('length', o + 2, o + 4, 'size of this structure, little-endian: 36', 36, R.correlation),
        field('correlationId', o + 4, o + 20, '16 bytes chosen by the client', hex(value.correlationId), R.correlation),
        field('reserved', o + 20, o + 36, '16 zero bytes', hex(b.subarray(o + 20, o + 36)), R.correlation),
      ],
    });
  }
  return { value, fields: [{ name: 'X.224 Connection Request', start: 0, end: b.length, explain: 'the client opens the RDP connection and says which security protocols it can use', ref: R.cr, children: fields }] };
}
