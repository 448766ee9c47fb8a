// SMB2 SESSION_SETUP request and response (MS-SMB2 2.2.5, 2.2.6): the security buffer carries the
// token from InitializeSecurityContext (request) or AcceptSecurityContext (response). While the SSP
// says SEC_I_CONTINUE_NEEDED the server answers STATUS_MORE_PROCESSING_REQUIRED; a failed logon is an
// SMB2 ERROR response (2.2.2) with STATUS_LOGON_FAILURE.
import { DecodeError, concat, readU16le, readU32le, readU64le, u16le, u32le, u64le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';
import type { CarrierMessage } from '../types';
import {
  HEADER_SIZE, SMB2_FLAGS_SERVER_TO_REDIR, SMB2_FLAGS_SIGNED, SMB2_SESSION_SETUP, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS,
  ZERO_SIGNATURE, flagNames, smb2Carrier, statusName, type Smb2Header,
} from './header';

export interface SessionSetupRequest {
  messageId: bigint;
  /** 0 on the first leg; the server's SessionId on later legs. */
  sessionId: bigint;
  creditCharge: number;
  creditRequest: number;
  /** SMB2_SESSION_FLAG_BINDING (0x01) when binding a new channel; 0 normally. */
  flags: number;
  securityMode: number;
  capabilities: number;
  previousSessionId: bigint;
  securityBuffer: Uint8Array;
  securityLayer?: string;
  /** The header's Reserved (ProcessId) field; 0 by default. */
  processId?: number;
}

export interface SessionSetupResponse {
  messageId: bigint;
  sessionId: bigint;
  creditCharge: number;
  credits: number;
  /** STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS, or an error such as STATUS_LOGON_FAILURE. */
  status: number;
  /** IS_GUEST 0x1, IS_NULL 0x2, ENCRYPT_DATA 0x4. */
  sessionFlags: number;
  securityBuffer: Uint8Array;
  securityLayer?: string;
  /** When given, the SIGNED flag is set and these 16 bytes are the signature (the final success response). */
  signature?: Uint8Array;
  processId?: number;
}

/** A SESSION_SETUP request as Windows sends it (signing enabled, DFS), for leg `messageId` of the session. */
export function defaultSessionSetupRequest(messageId: bigint, sessionId: bigint, securityBuffer: Uint8Array): SessionSetupRequest {
  return { messageId, sessionId, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 0x1, capabilities: 0x1, previousSessionId: 0n, securityBuffer };
}

/** The matching response: STATUS_MORE_PROCESSING_REQUIRED while the SSP continues, STATUS_SUCCESS at the end, or an error. */
export function defaultSessionSetupResponse(messageId: bigint, sessionId: bigint, status: number, securityBuffer: Uint8Array): SessionSetupResponse {
  return { messageId, sessionId, creditCharge: 1, credits: status === STATUS_SUCCESS ? 33 : 1, status, sessionFlags: 0, securityBuffer };
}

const SECMODE_NAMES: [number, string][] = [[0x1, 'SIGNING_ENABLED'], [0x2, 'SIGNING_REQUIRED']];
const SESSION_FLAG_NAMES: [number, string][] = [[0x1, 'IS_GUEST'], [0x2, 'IS_NULL'], [0x4, 'ENCRYPT_DATA']];
const isError = (s: number) => s !== STATUS_SUCCESS && s !== STATUS_MORE_PROCESSING_REQUIRED;

export function buildSessionSetupRequest(r: SessionSetupRequest): CarrierMessage {
  const secOffset = HEADER_SIZE + 24;
  const body = concat(
    u16le(25), new Uint8Array([r.flags, r.securityMode]), u32le(r.capabilities), u32le(0),
    u16le(secOffset), u16le(r.securityBuffer.length), u64le(r.previousSessionId), r.securityBuffer,
  );
  const header: Smb2Header = {
    creditCharge: r.creditCharge, status: 0, command: SMB2_SESSION_SETUP, credits: r.creditRequest, flags: 0, nextCommand: 0,
    messageId: r.messageId, reserved: r.processId ?? 0, treeId: 0, sessionId: r.sessionId, signature: ZERO_SIGNATURE(),
  };
  const m = concat(new Uint8Array(HEADER_SIZE), body);
  const out = smb2Carrier(header, body, requestFields(m, r.securityLayer ?? 'SPNEGO'), 'SMB2 SESSION_SETUP request');
  if (r.securityBuffer.length) out.tokenRange = { start: 4 + secOffset, end: 4 + secOffset + r.securityBuffer.length };
  return out;
}

export function parseSessionSetupRequest(m: Uint8Array, h: Smb2Header): SessionSetupRequest {
  const o = HEADER_SIZE;
  if (readU16le(m, o) !== 25) throw new DecodeError('SESSION_SETUP request StructureSize is not 25', o);
  const secOff = readU16le(m, o + 12), secLen = readU16le(m, o + 14);
  if (secOff + secLen > m.length) throw new DecodeError('security buffer runs past the message', o + 12);
  return {
    messageId: h.messageId, sessionId: h.sessionId, creditCharge: h.creditCharge, creditRequest: h.credits, flags: m[o + 2],
    securityMode: m[o + 3], capabilities: readU32le(m, o + 4), previousSessionId: readU64le(m, o + 16),
    securityBuffer: m.slice(secOff, secOff + secLen), ...(h.reserved ? { processId: h.reserved } : {}),
  };
}

function requestFields(m: Uint8Array, layer: string): Field {
  const o = HEADER_SIZE;
  const ref = 'MS-SMB2 2.2.5';
  const secOff = readU16le(m, o + 12), secLen = readU16le(m, o + 14);
  const kids: Field[] = [
    field('StructureSize', o, o + 2, 'Always 25 (24 fixed bytes plus the start of the buffer).', 25, ref),
    field('Flags', o + 2, o + 3, m[o + 2] & 1 ? 'BINDING: adds a channel to an existing session.' : 'No flags: a new session.', m[o + 2], ref),
    field('SecurityMode', o + 3, o + 4, 'The client\'s signing stance.', flagNames(m[o + 3], SECMODE_NAMES), ref),
    field('Capabilities', o + 4, o + 8, 'Only DFS is meaningful here.', readU32le(m, o + 4) & 1 ? 'DFS' : 'none', ref),
    field('Channel', o + 8, o + 12, 'Reserved, zero.', 0, ref),
    field('SecurityBufferOffset', o + 12, o + 14, 'Where the security buffer starts, from the start of the SMB2 header.', secOff, ref),
    field('SecurityBufferLength', o + 14, o + 16, 'Length of the security buffer: the token from InitializeSecurityContext.', secLen, ref),
    field('PreviousSessionId', o + 16, o + 24, 'A session to replace after a reconnect; 0 here.', readU64le(m, o + 16).toString(), ref),
  ];
  if (secLen) kids.push({ ...field('Security buffer', secOff, secOff + secLen, 'The client\'s token from InitializeSecurityContext, carried as opaque bytes: SMB2 does not look inside.', `${secLen} bytes`, ref), layer });
  return group('SESSION_SETUP request', 'The client sends its next security token to authenticate the session.', kids, { ref });
}

export function buildSessionSetupResponse(r: SessionSetupResponse): CarrierMessage {
  let body: Uint8Array;
  const secOffset = HEADER_SIZE + 8;
  if (isError(r.status)) {
    // ERROR response: StructureSize 9, ErrorContextCount 0, Reserved, ByteCount 0, one byte of ErrorData.
    body = concat(u16le(9), new Uint8Array([0, 0]), u32le(0), new Uint8Array(1));
  } else {
    body = concat(u16le(9), u16le(r.sessionFlags), u16le(secOffset), u16le(r.securityBuffer.length), r.securityBuffer);
  }
  const signed = r.signature !== undefined;
  const header: Smb2Header = {
    creditCharge: r.creditCharge, status: r.status, command: SMB2_SESSION_SETUP, credits: r.credits,
    flags: SMB2_FLAGS_SERVER_TO_REDIR | (signed ? SMB2_FLAGS_SIGNED : 0), nextCommand: 0, messageId: r.messageId, reserved: r.processId ?? 0,
    treeId: 0, sessionId: r.sessionId, signature: r.signature ?? ZERO_SIGNATURE(),
  };
  const m = concat(new Uint8Array(HEADER_SIZE), body);
  const out = smb2Carrier(header, body, responseFields(m, r.status, r.securityLayer ?? 'SPNEGO'), `SMB2 SESSION_SETUP response (${statusName(r.status)})`);
  if (!isError(r.status) && r.securityBuffer.length) out.tokenRange = { start: 4 + secOffset, end: 4 + secOffset + r.securityBuffer.length };
  return out;
}

export function parseSessionSetupResponse(m: Uint8Array, h: Smb2Header): SessionSetupResponse {
  const o = HEADER_SIZE;
  if (readU16le(m, o) !== 9) throw new DecodeError('SESSION_SETUP response StructureSize is not 9', o);
  const common = {
    messageId: h.messageId, sessionId: h.sessionId, creditCharge: h.creditCharge, credits: h.credits, status: h.status,
    ...(h.flags & SMB2_FLAGS_SIGNED ? { signature: h.signature } : {}), ...(h.reserved ? { processId: h.reserved } : {}),
  };
  if (isError(h.status)) return { ...common, sessionFlags: 0, securityBuffer: new Uint8Array(0) };
  const secOff = readU16le(m, o + 4), secLen = readU16le(m, o + 6);
  if (secOff + secLen > m.length) throw new DecodeError('security buffer runs past the message', o + 4);
  return { ...common, sessionFlags: readU16le(m, o + 2), securityBuffer: m.slice(secOff, secOff + secLen) };
}

function responseFields(m: Uint8Array, status: number, layer: string): Field {
  const o = HEADER_SIZE;
  if (isError(status)) {
    const ref = 'MS-SMB2 2.2.2';
    return group('ERROR response', `The session setup failed: ${statusName(status)} (in the header's Status). No token comes back.`, [
      field('StructureSize', o, o + 2, 'Always 9 for an error response.', 9, ref),
      field('ErrorContextCount', o + 2, o + 3, 'No error contexts.', 0, ref),
      field('Reserved', o + 3, o + 4, 'Reserved, zero.', 0, ref),
      field('ByteCount', o + 4, o + 8, 'No error data.', 0, ref),
      field('ErrorData', o + 8, o + 9, 'One zero byte (the structure always has at least one).', 0, ref),
    ], { ref });
  }
  const ref = 'MS-SMB2 2.2.6';
  const secOff = readU16le(m, o + 4), secLen = readU16le(m, o + 6);
  const kids: Field[] = [
    field('StructureSize', o, o + 2, 'Always 9 (8 fixed bytes plus the start of the buffer).', 9, ref),
    field('SessionFlags', o + 2, o + 4, 'IS_GUEST / IS_NULL would mean a guest or anonymous session; none means the user was authenticated.', flagNames(readU16le(m, o + 2), SESSION_FLAG_NAMES), ref),
    field('SecurityBufferOffset', o + 4, o + 6, 'Where the security buffer starts, from the start of the SMB2 header.', secOff, ref),
    field('SecurityBufferLength', o + 6, o + 8, 'Length of the token from AcceptSecurityContext.', secLen, ref),
  ];
  if (secLen) kids.push({ ...field('Security buffer', secOff, secOff + secLen, status === STATUS_MORE_PROCESSING_REQUIRED ? 'The server\'s token from AcceptSecurityContext; the client feeds it to its next InitializeSecurityContext call.' : 'The server\'s last token (e.g. SPNEGO accept-completed with the mechListMIC or a Kerberos AP-REP).', `${secLen} bytes`, ref), layer });
  return group('SESSION_SETUP response', status === STATUS_SUCCESS ? 'The session is authenticated.' : 'Authentication continues: the server returns its token and the SessionId to use.', kids, { ref });
}
