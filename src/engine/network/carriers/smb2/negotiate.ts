// SMB2 NEGOTIATE request and response (MS-SMB2 2.2.3, 2.2.4) with the SMB 3.1.1 negotiate contexts
// (2.2.3.1.1 preauth integrity, 2.2.3.1.2 encryption). The response carries the server's SPNEGO
// NegTokenInit2 in its security buffer: the client learns the server's mechanisms before it calls
// InitializeSecurityContext.
import { DecodeError, concat, hex, readU16le, readU32le, readU64le, u16le, u32le, u64le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';
import type { CarrierMessage } from '../types';
import {
  HEADER_SIZE, SMB2_FLAGS_SERVER_TO_REDIR, SMB2_NEGOTIATE, STATUS_SUCCESS, ZERO_SIGNATURE, filetimeFromIso, flagNames, guidString,
  isoFromFiletime, smb2Carrier, type Smb2Header,
} from './header';

export const DIALECT_NAMES: Record<number, string> = { 0x0202: 'SMB 2.0.2', 0x0210: 'SMB 2.1', 0x0300: 'SMB 3.0', 0x0302: 'SMB 3.0.2', 0x0311: 'SMB 3.1.1', 0x02ff: 'SMB2 wildcard' };
export const DEFAULT_DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];
export const CIPHER_NAMES: Record<number, string> = { 1: 'AES-128-CCM', 2: 'AES-128-GCM', 3: 'AES-256-CCM', 4: 'AES-256-GCM' };
export const SHA512 = 0x0001;

const CAP_NAMES: [number, string][] = [
  [0x01, 'DFS'], [0x02, 'LEASING'], [0x04, 'LARGE_MTU'], [0x08, 'MULTI_CHANNEL'], [0x10, 'PERSISTENT_HANDLES'],
  [0x20, 'DIRECTORY_LEASING'], [0x40, 'ENCRYPTION'], [0x80, 'NOTIFICATIONS'],
];
const SECMODE_NAMES: [number, string][] = [[0x1, 'SIGNING_ENABLED'], [0x2, 'SIGNING_REQUIRED']];

const dialectName = (d: number) => `${DIALECT_NAMES[d] ?? 'unknown'} (0x${d.toString(16).padStart(4, '0')})`;
const pad8 = (n: number) => (8 - (n % 8)) % 8;

export interface NegotiateRequest {
  messageId: bigint;
  creditCharge: number;
  creditRequest: number;
  securityMode: number;
  capabilities: number;
  clientGuid: Uint8Array;
  dialects: number[];
  /** Preauth integrity salt (SMB 3.1.1 only); Windows sends 32 random bytes. */
  preauthSalt: Uint8Array;
  /** Encryption ciphers offered (SMB 3.1.1 only), preferred first. */
  ciphers: number[];
  /** Further negotiate contexts after preauth and encryption (e.g. Samba's POSIX context 0x100), raw. */
  extraContexts?: NegotiateContext[];
  /** The header's Reserved (ProcessId) field; 0 by default. */
  processId?: number;
}

export interface NegotiateContext { type: number; data: Uint8Array }

export interface NegotiateResponse {
  messageId: bigint;
  creditCharge: number;
  credits: number;
  securityMode: number;
  dialect: number;
  serverGuid: Uint8Array;
  capabilities: number;
  maxTransactSize: number;
  maxReadSize: number;
  maxWriteSize: number;
  /** The server's clock, ISO 8601 (FILETIME on the wire). */
  systemTime: string;
  /** The server's boot time, ISO 8601, or null (0 on the wire, as modern Windows sends). */
  serverStartTime: string | null;
  /** The SPNEGO NegTokenInit2 (may be empty: then the client starts with its own NegTokenInit). */
  securityBuffer: Uint8Array;
  /** Layer label of the security buffer in the field tree. */
  securityLayer?: string;
  /** SMB 3.1.1 only: the server's preauth salt and the chosen cipher. */
  preauthSalt: Uint8Array;
  cipher: number;
  extraContexts?: NegotiateContext[];
  processId?: number;
}

export function defaultNegotiateRequest(clientGuid: Uint8Array, preauthSalt: Uint8Array): NegotiateRequest {
  return {
    messageId: 0n, creditCharge: 0, creditRequest: 31, securityMode: 0x1, capabilities: 0x7f, clientGuid, dialects: DEFAULT_DIALECTS,
    preauthSalt, ciphers: [0x0002, 0x0001],
  };
}

/** A Windows Server 2016-like NEGOTIATE response picking SMB 3.1.1 with AES-128-GCM. */
export function defaultNegotiateResponse(o: { serverGuid: Uint8Array; systemTime: string; securityBuffer: Uint8Array; preauthSalt: Uint8Array; messageId?: bigint }): NegotiateResponse {
  return {
    messageId: o.messageId ?? 0n, creditCharge: 0, credits: 1, securityMode: 0x1, dialect: 0x0311, serverGuid: o.serverGuid, capabilities: 0x2f,
    maxTransactSize: 8388608, maxReadSize: 8388608, maxWriteSize: 8388608, systemTime: o.systemTime, serverStartTime: null,
    securityBuffer: o.securityBuffer, preauthSalt: o.preauthSalt, cipher: 0x0002,
  };
}

// ---------------------------------------------------------------- negotiate contexts

type Ctx = NegotiateContext;

function buildContexts(ctxs: Ctx[], startOffset: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let off = startOffset;
  ctxs.forEach((c, i) => {
    const one = concat(u16le(c.type), u16le(c.data.length), u32le(0), c.data);
    parts.push(one);
    off += one.length;
    if (i < ctxs.length - 1) { const p = pad8(off); parts.push(new Uint8Array(p)); off += p; }
  });
  return concat(...parts);
}

function parseContexts(m: Uint8Array, offset: number, count: number): Ctx[] {
  const out: Ctx[] = [];
  let o = offset;
  for (let i = 0; i < count; i++) {
    if (i > 0) o += pad8(o);
    const type = readU16le(m, o);
    const len = readU16le(m, o + 2);
    if (o + 8 + len > m.length) throw new DecodeError('negotiate context runs past the message', o);
    out.push({ type, data: m.slice(o + 8, o + 8 + len) });
    o += 8 + len;
  }
  return out;
}

const preauthCtx = (salt: Uint8Array): Ctx => ({ type: 1, data: concat(u16le(1), u16le(salt.length), u16le(SHA512), salt) });
const encCtx = (ciphers: number[]): Ctx => ({ type: 2, data: concat(u16le(ciphers.length), ...ciphers.map(u16le)) });

function contextFields(m: Uint8Array, offset: number, count: number): Field[] {
  const out: Field[] = [];
  let o = offset;
  for (let i = 0; i < count; i++) {
    if (i > 0 && pad8(o)) { out.push(field('Padding', o, o + pad8(o), 'Zero bytes: each negotiate context starts on an 8-byte boundary.', undefined, 'MS-SMB2 2.2.3')); o += pad8(o); }
    const type = readU16le(m, o);
    const len = readU16le(m, o + 2);
    const d = o + 8;
    const head = [
      field('ContextType', o, o + 2, type === 1 ? 'SMB2_PREAUTH_INTEGRITY_CAPABILITIES: which hash chains the negotiate and session setup messages.' : type === 2 ? 'SMB2_ENCRYPTION_CAPABILITIES: which ciphers can encrypt the session.' : 'A negotiate context.', type, 'MS-SMB2 2.2.3.1'),
      field('DataLength', o + 2, o + 4, 'Length of the context data.', len, 'MS-SMB2 2.2.3.1'),
      field('Reserved', o + 4, o + 8, 'Reserved, zero.', 0, 'MS-SMB2 2.2.3.1'),
    ];
    let data: Field[];
    if (type === 1) {
      const n = readU16le(m, d), saltLen = readU16le(m, d + 2);
      data = [
        field('HashAlgorithmCount', d, d + 2, 'Number of hash algorithms.', n, 'MS-SMB2 2.2.3.1.1'),
        field('SaltLength', d + 2, d + 4, 'Length of the salt.', saltLen, 'MS-SMB2 2.2.3.1.1'),
        ...Array.from({ length: n }, (_, k) => field('HashAlgorithm', d + 4 + 2 * k, d + 6 + 2 * k, 'SHA-512: the preauth integrity hash chains every NEGOTIATE and SESSION_SETUP message, so a man in the middle cannot downgrade the dialect or strip security.', readU16le(m, d + 4 + 2 * k) === 1 ? 'SHA-512 (1)' : readU16le(m, d + 4 + 2 * k), 'MS-SMB2 2.2.3.1.1')),
        field('Salt', d + 4 + 2 * n, d + 4 + 2 * n + saltLen, 'Random bytes mixed into the preauth hash.', hex(m.subarray(d + 4 + 2 * n, d + 4 + 2 * n + saltLen)), 'MS-SMB2 2.2.3.1.1'),
      ];
    } else if (type === 2) {
      const n = readU16le(m, d);
      data = [
        field('CipherCount', d, d + 2, 'Number of ciphers.', n, 'MS-SMB2 2.2.3.1.2'),
        ...Array.from({ length: n }, (_, k) => { const c = readU16le(m, d + 2 + 2 * k); return field('Cipher', d + 2 + 2 * k, d + 4 + 2 * k, 'A cipher that can encrypt SMB3 messages.', `${CIPHER_NAMES[c] ?? 'unknown'} (${c})`, 'MS-SMB2 2.2.3.1.2'); }),
      ];
    } else {
      data = len ? [field('Data', d, d + len, 'Context data.', hex(m.subarray(d, d + len)))] : [];
    }
    out.push(group(type === 1 ? 'Preauth integrity capabilities' : type === 2 ? 'Encryption capabilities' : 'Negotiate context', head[0].explain, [...head, ...data], { ref: 'MS-SMB2 2.2.3.1' }));
    o = d + len;
  }
  return out;
}

// ---------------------------------------------------------------- request

export function buildNegotiateRequest(r: NegotiateRequest): CarrierMessage {
  if (r.clientGuid.length !== 16) throw new Error('ClientGuid must be 16 bytes');
  const has311 = r.dialects.includes(0x0311);
  const dialectsEnd = HEADER_SIZE + 36 + 2 * r.dialects.length;
  const ctxOffset = has311 ? dialectsEnd + pad8(dialectsEnd) : 0;
  const contexts = has311 ? [preauthCtx(r.preauthSalt), encCtx(r.ciphers), ...(r.extraContexts ?? [])] : [];
  const fixed = concat(
    u16le(36), u16le(r.dialects.length), u16le(r.securityMode), u16le(0), u32le(r.capabilities), r.clientGuid,
    has311 ? concat(u32le(ctxOffset), u16le(contexts.length), u16le(0)) : u64le(0n),
    ...r.dialects.map(u16le),
  );
  const body = has311 ? concat(fixed, new Uint8Array(pad8(dialectsEnd)), buildContexts(contexts, ctxOffset)) : fixed;
  const header: Smb2Header = {
    creditCharge: r.creditCharge, status: 0, command: SMB2_NEGOTIATE, credits: r.creditRequest, flags: 0, nextCommand: 0,
    messageId: r.messageId, reserved: r.processId ?? 0, treeId: 0, sessionId: 0n, signature: ZERO_SIGNATURE(),
  };
  const m = concat(new Uint8Array(HEADER_SIZE), body);
  return smb2Carrier(header, body, negotiateRequestFields(m), 'SMB2 NEGOTIATE request');
}

/** Parse a NEGOTIATE request body; `m` is the SMB2 message (header at offset 0). */
export function parseNegotiateRequest(m: Uint8Array, h: Smb2Header): NegotiateRequest {
  const o = HEADER_SIZE;
  if (readU16le(m, o) !== 36) throw new DecodeError('NEGOTIATE request StructureSize is not 36', o);
  const count = readU16le(m, o + 2);
  const dialects = Array.from({ length: count }, (_, i) => readU16le(m, o + 36 + 2 * i));
  let preauthSalt: Uint8Array = new Uint8Array(0);
  let ciphers: number[] = [];
  const extraContexts: Ctx[] = [];
  if (dialects.includes(0x0311)) {
    for (const c of parseContexts(m, readU32le(m, o + 28), readU16le(m, o + 32))) {
      if (c.type === 1) preauthSalt = c.data.slice(6, 6 + readU16le(c.data, 2));
      else if (c.type === 2) ciphers = Array.from({ length: readU16le(c.data, 0) }, (_, i) => readU16le(c.data, 2 + 2 * i));
      else extraContexts.push(c);
    }
  }
  return {
    messageId: h.messageId, creditCharge: h.creditCharge, creditRequest: h.credits, securityMode: readU16le(m, o + 4),
    capabilities: readU32le(m, o + 8), clientGuid: m.slice(o + 12, o + 28), dialects, preauthSalt, ciphers,
    ...(extraContexts.length ? { extraContexts } : {}), ...(h.reserved ? { processId: h.reserved } : {}),
  };
}

function negotiateRequestFields(m: Uint8Array): Field {
  const o = HEADER_SIZE;
  const count = readU16le(m, o + 2);
  const dialects = Array.from({ length: count }, (_, i) => readU16le(m, o + 36 + 2 * i));
  const has311 = dialects.includes(0x0311);
  const ref = 'MS-SMB2 2.2.3';
  const kids: Field[] = [
    field('StructureSize', o, o + 2, 'Size of the fixed part of a NEGOTIATE request: always 36.', 36, ref),
    field('DialectCount', o + 2, o + 4, 'How many SMB dialects the client offers.', count, ref),
    field('SecurityMode', o + 4, o + 6, 'Signing: enabled means the client can sign; required means it insists.', flagNames(readU16le(m, o + 4), SECMODE_NAMES), ref),
    field('Reserved', o + 6, o + 8, 'Reserved, zero.', 0, ref),
    field('Capabilities', o + 8, o + 12, 'SMB features the client supports.', flagNames(readU32le(m, o + 8), CAP_NAMES), ref),
    field('ClientGuid', o + 12, o + 28, 'A GUID identifying the client machine (chosen once per boot).', guidString(m.subarray(o + 12, o + 28)), ref),
  ];
  const end = o + 36 + 2 * count;
  const ctxCount = has311 ? readU16le(m, o + 32) : 0;
  const ctxOffset = has311 ? readU32le(m, o + 28) : 0;
  if (has311) {
    kids.push(field('NegotiateContextOffset', o + 28, o + 32, 'Where the negotiate contexts start, from the start of the SMB2 header.', ctxOffset, ref));
    kids.push(field('NegotiateContextCount', o + 32, o + 34, 'How many negotiate contexts follow (SMB 3.1.1).', ctxCount, ref));
    kids.push(field('Reserved2', o + 34, o + 36, 'Reserved, zero.', 0, ref));
  } else {
    kids.push(field('ClientStartTime', o + 28, o + 36, 'Reserved (zero) when SMB 3.1.1 is not offered.', 0, ref));
  }
  kids.push(group('Dialects', 'The SMB versions the client speaks; the server picks the highest it also speaks.',
    dialects.map((d, i) => field('Dialect', o + 36 + 2 * i, o + 38 + 2 * i, `The client speaks ${DIALECT_NAMES[d] ?? 'this dialect'}.`, dialectName(d), ref))));
  if (has311) {
    if (ctxOffset > end) kids.push(field('Padding', end, ctxOffset, 'Zero bytes so the negotiate contexts start on an 8-byte boundary.', undefined, ref));
    kids.push(group('Negotiate contexts', 'SMB 3.1.1 options: preauth integrity and encryption.', contextFields(m, ctxOffset, ctxCount), { ref: 'MS-SMB2 2.2.3.1' }));
  }
  return group('NEGOTIATE request', 'The client offers its SMB dialects and capabilities; no authentication yet.', kids, { ref });
}

// ---------------------------------------------------------------- response

export function buildNegotiateResponse(r: NegotiateResponse): CarrierMessage {
  if (r.serverGuid.length !== 16) throw new Error('ServerGuid must be 16 bytes');
  const is311 = r.dialect === 0x0311;
  const secOffset = HEADER_SIZE + 64;
  const secEnd = secOffset + r.securityBuffer.length;
  const contexts = is311 ? [preauthCtx(r.preauthSalt), encCtx([r.cipher]), ...(r.extraContexts ?? [])] : [];
  const ctxOffset = is311 ? secEnd + pad8(secEnd) : 0;
  const fixed = concat(
    u16le(65), u16le(r.securityMode), u16le(r.dialect), u16le(contexts.length), r.serverGuid, u32le(r.capabilities),
    u32le(r.maxTransactSize), u32le(r.maxReadSize), u32le(r.maxWriteSize), u64le(filetimeFromIso(r.systemTime)),
    u64le(r.serverStartTime ? filetimeFromIso(r.serverStartTime) : 0n), u16le(secOffset),
    u16le(r.securityBuffer.length), u32le(ctxOffset),
  );
  let body = concat(fixed, r.securityBuffer);
  if (is311) body = concat(body, new Uint8Array(pad8(secEnd)), buildContexts(contexts, ctxOffset));
  const header: Smb2Header = {
    creditCharge: r.creditCharge, status: STATUS_SUCCESS, command: SMB2_NEGOTIATE, credits: r.credits, flags: SMB2_FLAGS_SERVER_TO_REDIR,
    nextCommand: 0, messageId: r.messageId, reserved: r.processId ?? 0, treeId: 0, sessionId: 0n, signature: ZERO_SIGNATURE(),
  };
  const m = concat(new Uint8Array(HEADER_SIZE), body);
  const out = smb2Carrier(header, body, negotiateResponseFields(m, r.securityLayer ?? 'SPNEGO'), `SMB2 NEGOTIATE response (${DIALECT_NAMES[r.dialect] ?? 'dialect'})`);
  if (r.securityBuffer.length) out.tokenRange = { start: 4 + secOffset, end: 4 + secEnd };
  return out;
}

export function parseNegotiateResponse(m: Uint8Array, h: Smb2Header): NegotiateResponse {
  const o = HEADER_SIZE;
  if (readU16le(m, o) !== 65) throw new DecodeError('NEGOTIATE response StructureSize is not 65', o);
  const dialect = readU16le(m, o + 4);
  const secOff = readU16le(m, o + 56), secLen = readU16le(m, o + 58);
  if (secOff + secLen > m.length) throw new DecodeError('security buffer runs past the message', o + 56);
  let preauthSalt: Uint8Array = new Uint8Array(0);
  let cipher = 0;
  const extraContexts: Ctx[] = [];
  if (dialect === 0x0311) {
    for (const c of parseContexts(m, readU32le(m, o + 60), readU16le(m, o + 6))) {
      if (c.type === 1) preauthSalt = c.data.slice(6, 6 + readU16le(c.data, 2));
      else if (c.type === 2) cipher = readU16le(c.data, 2);
      else extraContexts.push(c);
    }
  }
  const start = readU64le(m, o + 48);
  return {
    messageId: h.messageId, creditCharge: h.creditCharge, credits: h.credits, securityMode: readU16le(m, o + 2), dialect,
    serverGuid: m.slice(o + 8, o + 24), capabilities: readU32le(m, o + 24), maxTransactSize: readU32le(m, o + 28),
    maxReadSize: readU32le(m, o + 32), maxWriteSize: readU32le(m, o + 36), systemTime: isoFromFiletime(readU64le(m, o + 40)),
    serverStartTime: start === 0n ? null : isoFromFiletime(start), securityBuffer: m.slice(secOff, secOff + secLen), preauthSalt, cipher,
    ...(extraContexts.length ? { extraContexts } : {}), ...(h.reserved ? { processId: h.reserved } : {}),
  };
}

function negotiateResponseFields(m: Uint8Array, layer: string): Field {
  const o = HEADER_SIZE;
  const ref = 'MS-SMB2 2.2.4';
  const dialect = readU16le(m, o + 4);
  const ctxCount = readU16le(m, o + 6);
  const secOff = readU16le(m, o + 56), secLen = readU16le(m, o + 58);
  const ctxOffset = readU32le(m, o + 60);
  const ft = (at: number) => { const v = readU64le(m, at); return v === 0n ? '0 (not given)' : isoFromFiletime(v); };
  const kids: Field[] = [
    field('StructureSize', o, o + 2, 'Always 65 (64 fixed bytes plus the start of the buffer).', 65, ref),
    field('SecurityMode', o + 2, o + 4, 'The server\'s signing stance (domain controllers require signing).', flagNames(readU16le(m, o + 2), SECMODE_NAMES), ref),
    field('DialectRevision', o + 4, o + 6, 'The dialect the server picked: the highest both sides speak.', dialectName(dialect), ref),
    field(dialect === 0x0311 ? 'NegotiateContextCount' : 'Reserved', o + 6, o + 8, dialect === 0x0311 ? 'How many negotiate contexts follow.' : 'Reserved, zero.', ctxCount, ref),
    field('ServerGuid', o + 8, o + 24, 'A GUID identifying the server.', guidString(m.subarray(o + 8, o + 24)), ref),
    field('Capabilities', o + 24, o + 28, 'SMB features the server supports.', flagNames(readU32le(m, o + 24), CAP_NAMES), ref),
    field('MaxTransactSize', o + 28, o + 32, 'Largest transaction buffer the server accepts.', readU32le(m, o + 28), ref),
    field('MaxReadSize', o + 32, o + 36, 'Largest READ the server accepts.', readU32le(m, o + 32), ref),
    field('MaxWriteSize', o + 36, o + 40, 'Largest WRITE the server accepts.', readU32le(m, o + 36), ref),
    field('SystemTime', o + 40, o + 48, 'The server\'s clock (FILETIME: 100 ns ticks since 1601).', ft(o + 40), ref),
    field('ServerStartTime', o + 48, o + 56, 'When the server started; modern Windows sends 0.', ft(o + 48), ref),
    field('SecurityBufferOffset', o + 56, o + 58, 'Where the security buffer starts, from the start of the SMB2 header.', secOff, ref),
    field('SecurityBufferLength', o + 58, o + 60, 'Length of the security buffer.', secLen, ref),
    field(dialect === 0x0311 ? 'NegotiateContextOffset' : 'Reserved2', o + 60, o + 64, dialect === 0x0311 ? 'Where the negotiate contexts start, from the start of the SMB2 header.' : 'Reserved, zero.', ctxOffset, ref),
  ];
  let end = o + 64;
  if (secLen) {
    kids.push({
      ...field('Security buffer', secOff, secOff + secLen, 'The server\'s SPNEGO NegTokenInit2: the mechanisms it accepts, sent before the client authenticates (the client may use it to pick Kerberos or NTLM).', `${secLen} bytes`, 'MS-SMB2 2.2.4, MS-SPNG 3.2.5.2'),
      layer,
    });
    end = secOff + secLen;
  }
  if (dialect === 0x0311) {
    if (ctxOffset > end) kids.push(field('Padding', end, ctxOffset, 'Zero bytes so the negotiate contexts start on an 8-byte boundary.', undefined, ref));
    kids.push(group('Negotiate contexts', 'The server\'s choices for SMB 3.1.1: hash and cipher.', contextFields(m, ctxOffset, ctxCount), { ref: 'MS-SMB2 2.2.4' }));
  }
  return group('NEGOTIATE response', `The server picks ${DIALECT_NAMES[dialect] ?? 'a dialect'} and offers its authentication mechanisms (SPNEGO).`, kids, { ref });
}
