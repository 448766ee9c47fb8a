// SMB2 packet header (MS-SMB2 2.2.1.2, the 64-byte sync header) and the NetBIOS Session Service
// 4-byte length prefix used on direct TCP 445 (MS-SMB2 2.1, RFC 1002 §4.3.1).
import { DecodeError, concat, hex, readU16le, readU32be, readU32le, readU64le, u16le, u32le, u64le } from '../../../bytes';
import { field, group, shift, type Field } from '../../../encoding/fields';
import type { CarrierMessage, CarrierSpec, Flow } from '../types';

export const SMB2_FLOW: Flow = { transport: 'tcp', serverPort: 445 };
export const SMB2_CARRIER: CarrierSpec = {
  id: 'smb2', layer: 'SMB2', protocol: 'SMB2', flow: SMB2_FLOW,
  tokenNotSent: 'on an authentication failure the SMB2 server answers with an ERROR response that carries only the NTSTATUS in its header, never the security token (MS-SMB2 3.3.5.5.3; the client handles it as in MS-SMB2 3.2.5.3.1).',
};

export const SMB2_NEGOTIATE = 0x0000;
export const SMB2_SESSION_SETUP = 0x0001;

export const COMMAND_NAMES: Record<number, string> = { 0: 'NEGOTIATE', 1: 'SESSION_SETUP', 2: 'LOGOFF', 3: 'TREE_CONNECT' };

export const STATUS_SUCCESS = 0x00000000;
export const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;
export const STATUS_LOGON_FAILURE = 0xc000006d;
export const STATUS_ACCESS_DENIED = 0xc0000022;

export const STATUS_NAMES: Record<number, string> = {
  [STATUS_SUCCESS]: 'STATUS_SUCCESS',
  [STATUS_MORE_PROCESSING_REQUIRED]: 'STATUS_MORE_PROCESSING_REQUIRED',
  [STATUS_LOGON_FAILURE]: 'STATUS_LOGON_FAILURE',
  [STATUS_ACCESS_DENIED]: 'STATUS_ACCESS_DENIED',
};

export const statusName = (s: number): string => STATUS_NAMES[s >>> 0] ?? `0x${(s >>> 0).toString(16).padStart(8, '0')}`;

export const SMB2_FLAGS_SERVER_TO_REDIR = 0x00000001;
export const SMB2_FLAGS_SIGNED = 0x00000008;

const FLAG_NAMES: [number, string][] = [
  [0x1, 'SERVER_TO_REDIR'], [0x2, 'ASYNC_COMMAND'], [0x4, 'RELATED_OPERATIONS'], [0x8, 'SIGNED'],
  [0x10000000, 'DFS_OPERATIONS'], [0x20000000, 'REPLAY_OPERATION'],
];

export function flagNames(v: number, table: [number, string][]): string {
  const names = table.filter(([bit]) => (v & bit) !== 0).map(([, n]) => n);
  return names.length ? names.join(' | ') : 'none';
}

export interface Smb2Header {
  creditCharge: number;
  /** NTSTATUS on responses; ChannelSequence/Reserved (0) on requests. */
  status: number;
  command: number;
  /** CreditRequest on requests, CreditResponse (credits granted) on responses. */
  credits: number;
  flags: number;
  nextCommand: number;
  messageId: bigint;
  /** Reserved (ProcessId) in the sync header. */
  reserved: number;
  treeId: number;
  sessionId: bigint;
  signature: Uint8Array;
}

export const HEADER_SIZE = 64;

export function buildSmb2Header(h: Smb2Header): Uint8Array {
  if (h.signature.length !== 16) throw new Error('SMB2 signature must be 16 bytes');
  return concat(
    new Uint8Array([0xfe, 0x53, 0x4d, 0x42]), u16le(HEADER_SIZE), u16le(h.creditCharge), u32le(h.status >>> 0), u16le(h.command),
    u16le(h.credits), u32le(h.flags >>> 0), u32le(h.nextCommand), u64le(h.messageId), u32le(h.reserved), u32le(h.treeId),
    u64le(h.sessionId), h.signature,
  );
}

export function parseSmb2Header(b: Uint8Array, o = 0): Smb2Header {
  if (b.length < o + HEADER_SIZE) throw new DecodeError('SMB2 header needs 64 bytes', o);
  if (b[o] !== 0xfe || b[o + 1] !== 0x53 || b[o + 2] !== 0x4d || b[o + 3] !== 0x42) throw new DecodeError('not an SMB2 header (ProtocolId is not FE "SMB")', o);
  if (readU16le(b, o + 4) !== HEADER_SIZE) throw new DecodeError('SMB2 header StructureSize is not 64', o + 4);
  return {
    creditCharge: readU16le(b, o + 6), status: readU32le(b, o + 8), command: readU16le(b, o + 12), credits: readU16le(b, o + 14),
    flags: readU32le(b, o + 16), nextCommand: readU32le(b, o + 20), messageId: readU64le(b, o + 24), reserved: readU32le(b, o + 32),
    treeId: readU32le(b, o + 36), sessionId: readU64le(b, o + 40), signature: b.slice(o + 48, o + 64),
  };
}

const isResponse = (h: Smb2Header) => (h.flags & SMB2_FLAGS_SERVER_TO_REDIR) !== 0;

/** Field tree of the 64-byte header at offset 0 of `b`. */
export function smb2HeaderFields(b: Uint8Array): Field {
  const h = parseSmb2Header(b, 0);
  const resp = isResponse(h);
  const cmd = COMMAND_NAMES[h.command] ?? `0x${h.command.toString(16)}`;
  const ref = 'MS-SMB2 2.2.1.2';
  const signed = (h.flags & SMB2_FLAGS_SIGNED) !== 0;
  return group('SMB2 Header', `The 64-byte header every SMB2 message starts with: ${cmd} ${resp ? 'response' : 'request'}.`, [
    field('ProtocolId', 0, 4, 'The bytes FE "SMB": this is SMB2/3 (SMB1 starts with FF "SMB").', 'FE 53 4D 42', ref),
    field('StructureSize', 4, 6, 'Size of this header: always 64.', 64, ref),
    field('CreditCharge', 6, 8, 'How many credits this request costs (credits limit how many requests a client may have in flight).', h.creditCharge, ref),
    resp
      ? field('Status', 8, 12, statusExplain(h.status), statusName(h.status), 'MS-ERREF 2.3')
      : field('ChannelSequence/Reserved', 8, 12, 'On a request this holds the channel sequence number (0 here), not a status.', h.status, ref),
    field('Command', 12, 14, `Which operation this is: ${cmd}.`, `${cmd} (${h.command})`, ref),
    field(resp ? 'CreditResponse' : 'CreditRequest', 14, 16, resp ? 'How many credits the server grants the client.' : 'How many credits the client asks for.', h.credits, ref),
    field('Flags', 16, 20, resp ? 'SERVER_TO_REDIR marks a response (server to redirector, i.e. to the client).' : 'Flags of the request (none: a plain synchronous request).', flagNames(h.flags, FLAG_NAMES), ref),
    field('NextCommand', 20, 24, 'Offset of the next message in a compound chain; 0 means this message stands alone.', h.nextCommand, ref),
    field('MessageId', 24, 32, 'Sequence number pairing a response with its request.', h.messageId.toString(), ref),
    field('Reserved (ProcessId)', 32, 36, 'Reserved in the sync header (was the process id).', h.reserved, ref),
    field('TreeId', 36, 40, 'Which share the request is for; 0 before any TREE_CONNECT.', h.treeId, ref),
    field('SessionId', 40, 48, h.sessionId === 0n ? 'No session yet: 0 until the server assigns one in its first SESSION_SETUP response.' : 'The session this message belongs to, assigned by the server in its first SESSION_SETUP response.', `0x${h.sessionId.toString(16).padStart(16, '0')}`, ref),
    field('Signature', 48, 64, signed ? 'The message signature (AES-CMAC over the message with the session\'s signing key).' : 'No signature: zeros, the SIGNED flag is not set.', hex(h.signature), ref),
  ], { value: `${cmd} ${resp ? 'response' : 'request'}` });
}

function statusExplain(s: number): string {
  if (s === STATUS_MORE_PROCESSING_REQUIRED) return 'STATUS_MORE_PROCESSING_REQUIRED: authentication is not finished; the client must send another SESSION_SETUP with its next token.';
  if (s === STATUS_SUCCESS) return 'STATUS_SUCCESS: the operation succeeded.';
  if (s === STATUS_LOGON_FAILURE) return 'STATUS_LOGON_FAILURE: the server could not authenticate the user (unknown user or wrong password).';
  return `The NTSTATUS result of the operation: ${statusName(s)}.`;
}

// ---------------------------------------------------------------- NBSS framing

/** Wrap an SMB2 message in the 4-byte NBSS session message header (type 0, 24-bit big-endian length). */
export function nbss(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffffff) throw new Error('SMB2 message too large for NBSS');
  return concat(new Uint8Array([0x00, (payload.length >>> 16) & 0xff, (payload.length >>> 8) & 0xff, payload.length & 0xff]), payload);
}

/** Remove the NBSS header, checking the length. */
export function unNbss(b: Uint8Array): Uint8Array {
  if (b.length < 4) throw new DecodeError('NBSS header needs 4 bytes', 0);
  if (b[0] !== 0) throw new DecodeError('NBSS message type is not 0 (session message)', 0);
  const len = readU32be(b, 0) & 0xffffff;
  if (len !== b.length - 4) throw new DecodeError(`NBSS length ${len} does not match the ${b.length - 4} bytes that follow`, 1);
  return b.subarray(4);
}

function nbssFields(len: number): Field {
  return group('NetBIOS Session Service header', 'Direct TCP 445 keeps the 4-byte NetBIOS session header so the receiver knows where each SMB2 message ends.', [
    field('Type', 0, 1, '0 = session message.', 0, 'RFC 1002 §4.3.1'),
    field('Length', 1, 4, 'Length of the SMB2 message that follows, big-endian, 24 bits.', len, 'MS-SMB2 2.1'),
  ]);
}

/** Assemble an SMB2 message: header + body, NBSS prefix, field tree covering every byte. */
export function smb2Carrier(header: Smb2Header, body: Uint8Array, bodyFields: Field, name: string): CarrierMessage {
  const msg = concat(buildSmb2Header(header), body);
  const wire = nbss(msg);
  const fields: Field[] = [nbssFields(msg.length), ...shift([smb2HeaderFields(msg), bodyFields], 4)];
  return { carrier: { id: 'smb2', name, hex: hex(wire), fields }, wire, flow: SMB2_FLOW };
}

export const ZERO_SIGNATURE = (): Uint8Array => new Uint8Array(16);

const EPOCH_DIFF_MS = 11644473600000n;

/** FILETIME (100 ns ticks since 1601-01-01 UTC) from an ISO 8601 time (up to 7 fraction digits are kept). */
export function filetimeFromIso(iso: string): bigint {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new Error(`not an ISO 8601 time: ${iso}`);
  return (BigInt(ms) + EPOCH_DIFF_MS) * 10000n + BigInt((m[2] ?? '').padEnd(7, '0'));
}

/** ISO 8601 from a FILETIME: milliseconds as usual, 7 fraction digits when the time has sub-millisecond ticks. */
export function isoFromFiletime(ft: bigint): string {
  const ms = ft / 10000n - EPOCH_DIFF_MS;
  const base = new Date(Number(ms)).toISOString();
  const ticks = ft % 10000000n;
  return ft % 10000n === 0n ? base : `${base.slice(0, 19)}.${ticks.toString().padStart(7, '0')}Z`;
}

/** GUID in its registry form from the 16 bytes as SMB2 stores them (first three groups little-endian). */
export function guidString(b: Uint8Array): string {
  const h = (i: number, n: number, rev: boolean) => {
    const s = Array.from(b.subarray(i, i + n));
    return (rev ? s.reverse() : s).map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`;
}
