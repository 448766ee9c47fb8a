// The framing of RDP's first two messages (MS-RDPBCGR 2.2.1.1, 2.2.1.2): a TPKT header (RFC 1006)
// around an X.224 (ISO 8073 class 0) Connection Request or Confirm TPDU. TPKT and X.224 fields are
// big-endian; the RDP negotiation structures after them are little-endian.
//   TPKT:  version (1) = 3 | reserved (1) = 0 | length (2, whole PDU)
//   X.224: length indicator (1, octets after it) | code (1: 0xE0 CR, 0xD0 CC) | DST-REF (2) | SRC-REF (2) | class option (1)
import { DecodeError, readU16be } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';

export const R = {
  tpkt: 'RFC 1006 §6', x224: 'ITU-T X.224 §13.3, §13.4', cr: 'MS-RDPBCGR 2.2.1.1', cc: 'MS-RDPBCGR 2.2.1.2',
  negReq: 'MS-RDPBCGR 2.2.1.1.1', negRsp: 'MS-RDPBCGR 2.2.1.2.1', negFailure: 'MS-RDPBCGR 2.2.1.2.2', correlation: 'MS-RDPBCGR 2.2.1.1.2',
} as const;

export const X224_CODE = { CR: 0xe0, CC: 0xd0 } as const;
export const TPKT_HEADER_LENGTH = 4;
/** LI(1) + code(1) + DST-REF(2) + SRC-REF(2) + class(1). */
export const X224_FIXED_LENGTH = 7;
/** The SRC-REF a Windows server puts in its Connection Confirm. */
export const SERVER_SRC_REF = 0x1234;

export const NEG_TYPE = { REQ: 1, RSP: 2, FAILURE: 3 } as const;

/** requestedProtocols / selectedProtocol bits (MS-RDPBCGR 2.2.1.1.1). */
export const PROTOCOL = { RDP: 0, SSL: 1, HYBRID: 2, RDSTLS: 4, HYBRID_EX: 8, RDSAAD: 16 } as const;
export const PROTOCOL_NAMES: Record<number, string> = {
  1: 'PROTOCOL_SSL', 2: 'PROTOCOL_HYBRID', 4: 'PROTOCOL_RDSTLS', 8: 'PROTOCOL_HYBRID_EX', 16: 'PROTOCOL_RDSAAD',
};
/** RDP_NEG_REQ flags. */
export const NEG_REQ_FLAGS: Record<number, string> = {
  1: 'RESTRICTED_ADMIN_MODE_REQUIRED', 2: 'REDIRECTED_AUTHENTICATION_MODE_REQUIRED', 8: 'CORRELATION_INFO_PRESENT',
};
/** RDP_NEG_RSP flags. */
export const NEG_RSP_FLAGS: Record<number, string> = {
  1: 'EXTENDED_CLIENT_DATA_SUPPORTED', 2: 'DYNVC_GFX_PROTOCOL_SUPPORTED', 4: 'NEGRSP_FLAG_RESERVED',
  8: 'RESTRICTED_ADMIN_MODE_SUPPORTED', 16: 'REDIRECTED_AUTHENTICATION_MODE_SUPPORTED',
};
/** RDP_NEG_FAILURE failureCode (MS-RDPBCGR 2.2.1.2.2). */
export const FAILURE_CODE = {
  SSL_REQUIRED_BY_SERVER: 1, SSL_NOT_ALLOWED_BY_SERVER: 2, SSL_CERT_NOT_ON_SERVER: 3, INCONSISTENT_FLAGS: 4,
  HYBRID_REQUIRED_BY_SERVER: 5, SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: 6,
} as const;
export const FAILURE_CODE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(FAILURE_CODE).map(([k, v]) => [v, k]));

export function protocolsText(v: number): string {
  const hexv = `0x${v.toString(16).padStart(8, '0')}`;
  if (v === 0) return `PROTOCOL_RDP (${hexv})`;
  const names = Object.entries(PROTOCOL_NAMES).filter(([bit]) => v & Number(bit)).map(([, n]) => n);
  const known = Object.keys(PROTOCOL_NAMES).reduce((a, bit) => a | Number(bit), 0);
  if (v & ~known) names.push(`unknown 0x${(v & ~known).toString(16)}`);
  return `${names.join(' | ')} (${hexv})`;
}

export function flagsText(v: number, names: Record<number, string>): string {
  const hexv = `0x${v.toString(16).padStart(2, '0')}`;
  const set = Object.entries(names).filter(([bit]) => v & Number(bit)).map(([, n]) => n);
  return set.length ? `${set.join(' | ')} (${hexv})` : hexv;
}

/** TPKT + X.224 header bytes (the caller appends the variable part). */
export function x224Header(code: number, variableLength: number, dstRef: number, srcRef: number, classOption = 0): Uint8Array {
  const total = TPKT_HEADER_LENGTH + X224_FIXED_LENGTH + variableLength;
  if (total > 0xffff) throw new RangeError('TPKT PDU too long');
  const li = X224_FIXED_LENGTH - 1 + variableLength;
  if (li > 254) throw new RangeError('X.224 length indicator too large');
  return new Uint8Array([3, 0, total >> 8, total & 0xff, li, code, dstRef >> 8, dstRef & 0xff, srcRef >> 8, srcRef & 0xff, classOption]);
}

export interface X224Header { code: number; dstRef: number; srcRef: number; classOption: number }

/** Reads and checks the TPKT + X.224 fixed part; returns the header and its fields (variable part starts at 11). */
export function parseX224Header(b: Uint8Array, expectCode: number, what: string): { header: X224Header; fields: Field[] } {
  if (b.length < TPKT_HEADER_LENGTH + X224_FIXED_LENGTH) throw new DecodeError(`${what}: ${b.length} bytes, shorter than TPKT + X.224 headers`, 0);
  if (b[0] !== 3) throw new DecodeError(`${what}: TPKT version ${b[0]} (expected 3)`, 0);
  const length = readU16be(b, 2);
  if (length !== b.length) throw new DecodeError(`${what}: TPKT length ${length} but the PDU has ${b.length} bytes`, 2);
  const li = b[4];
  if (li !== b.length - 5) throw new DecodeError(`${what}: X.224 length indicator ${li} but ${b.length - 5} bytes follow`, 4);
  const code = b[5];
  if ((code & 0xf0) !== expectCode) throw new DecodeError(`${what}: X.224 code 0x${code.toString(16)} (expected 0x${expectCode.toString(16)})`, 5);
  const header = { code, dstRef: readU16be(b, 6), srcRef: readU16be(b, 8), classOption: b[10] };
  const codeName = expectCode === X224_CODE.CR ? 'CR Connection Request (0xE0)' : 'CC Connection Confirm (0xD0)';
  const fields: Field[] = [
    {
      name: 'TPKT header', start: 0, end: 4, explain: 'RFC 1006 framing that carries ISO transport over TCP port 3389', ref: R.tpkt,
      children: [
        field('version', 0, 1, 'TPKT version, always 3', b[0], R.tpkt),
        field('reserved', 1, 2, 'reserved, 0', b[1], R.tpkt),
        field('length', 2, 4, 'length of the whole PDU including this header, big-endian', length, R.tpkt),
      ],
    },
    {
      name: 'X.224 header', start: 4, end: 11, explain: `X.224 class 0 ${expectCode === X224_CODE.CR ? 'Connection Request' : 'Connection Confirm'} TPDU`, ref: R.x224,
      children: [
        field('length indicator', 4, 5, 'number of octets of the TPDU after this one', li, R.x224),
        field('code', 5, 6, 'TPDU type in the high nibble (credit in the low nibble, 0)', codeName, R.x224),
        field('DST-REF', 6, 8, 'destination reference, big-endian (0)', `0x${header.dstRef.toString(16).padStart(4, '0')}`, R.x224),
        field('SRC-REF', 8, 10, expectCode === X224_CODE.CC ? 'source reference, big-endian (a Windows server sends 0x1234)' : 'source reference, big-endian', `0x${header.srcRef.toString(16).padStart(4, '0')}`, R.x224),
        field('class option', 10, 11, 'class 0, no options', header.classOption, R.x224),
      ],
    },
  ];
  return { header, fields };
}
