// Server X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2): TPKT + X.224 CC, then either an
// RDP_NEG_RSP (the protocol the server selected) or an RDP_NEG_FAILURE (why it refuses; the server
// then closes the connection), or nothing (an old server that does not negotiate).
//   RDP_NEG_RSP:     type (1) = 0x02 | flags (1) | length (2, LE) = 8 | selectedProtocol (4, LE)
//   RDP_NEG_FAILURE: type (1) = 0x03 | flags (1) = 0 | length (2, LE) = 8 | failureCode (4, LE)
import { DecodeError, concat, readU16le, readU32le, u16le, u32le } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';
import {
  FAILURE_CODE_NAMES, NEG_RSP_FLAGS, NEG_TYPE, R, SERVER_SRC_REF, X224_CODE, flagsText, parseX224Header, protocolsText, x224Header,
} from './x224';

export interface RdpNegRsp { flags: number; selectedProtocol: number }
export interface RdpNegFailure { flags?: number; failureCode: number }
export interface X224ConnectionConfirm {
  negRsp?: RdpNegRsp;
  negFailure?: RdpNegFailure;
  dstRef?: number;
  srcRef?: number;
  classOption?: number;
}

const FAILURE_TEXT: Record<number, string> = {
  1: 'the server requires Enhanced RDP Security (TLS or CredSSP)',
  2: 'the server allows only Standard RDP Security',
  3: 'the server has no certificate for TLS',
  4: 'the requested protocols conflict with the security already in effect',
  5: 'the server requires CredSSP (Network Level Authentication) and the client did not offer PROTOCOL_HYBRID',
  6: 'the server requires TLS with a client certificate',
};
export const failureText = (code: number): string => FAILURE_TEXT[code] ?? `failure code ${code}`;

export function buildX224ConnectionConfirm(v: X224ConnectionConfirm): Uint8Array {
  if (v.negRsp && v.negFailure) throw new RangeError('a Connection Confirm carries RDP_NEG_RSP or RDP_NEG_FAILURE, not both');
  let variable: Uint8Array = new Uint8Array(0);
  if (v.negRsp) variable = concat(new Uint8Array([NEG_TYPE.RSP, v.negRsp.flags & 0xff]), u16le(8), u32le(v.negRsp.selectedProtocol));
  if (v.negFailure) variable = concat(new Uint8Array([NEG_TYPE.FAILURE, (v.negFailure.flags ?? 0) & 0xff]), u16le(8), u32le(v.negFailure.failureCode));
  return concat(x224Header(X224_CODE.CC, variable.length, v.dstRef ?? 0, v.srcRef ?? SERVER_SRC_REF, v.classOption ?? 0), variable);
}

export function parseX224ConnectionConfirm(b: Uint8Array): { value: X224ConnectionConfirm; fields: Field[] } {
  const { header, fields } = parseX224Header(b, X224_CODE.CC, 'X.224 Connection Confirm');
  const value: X224ConnectionConfirm = { dstRef: header.dstRef, srcRef: header.srcRef, classOption: header.classOption };
  const o = 11;
  let what = 'the server accepts the connection';
  if (b.length > o) {
    if (b.length - o !== 8) throw new DecodeError(`X.224 Connection Confirm: ${b.length - o} bytes of negotiation data (expected 8)`, o);
    const type = b[o];
    const len = readU16le(b, o + 2);
    if (len !== 8) throw new DecodeError(`RDP negotiation data: length ${len} (expected 8)`, o + 2);
    const flags = b[o + 1];
    const v32 = readU32le(b, o + 4);
    if (type === NEG_TYPE.RSP) {
      value.negRsp = { flags, selectedProtocol: v32 };
      what = `the server selects ${protocolsText(v32)}`;
      fields.push({
        name: 'RDP_NEG_RSP', start: o, end: o + 8, explain: 'the security protocol the server selected from the client\'s offer', ref: R.negRsp,
        children: [
          field('type', o, o + 1, 'TYPE_RDP_NEG_RSP', '0x02 (TYPE_RDP_NEG_RSP)', R.negRsp),
          field('flags', o + 1, o + 2, 'what else the server supports (extended client data, graphics pipeline, Restricted Admin, Remote Credential Guard)', flagsText(flags, NEG_RSP_FLAGS), R.negRsp),
          field('length', o + 2, o + 4, 'size of this structure, little-endian: 8', 8, R.negRsp),
          field('selectedProtocol', o + 4, o + 8, 'little-endian: PROTOCOL_HYBRID means CredSSP runs inside TLS next', protocolsText(v32), R.negRsp),
        ],
      });
    } else if (type === NEG_TYPE.FAILURE) {
      value.negFailure = { flags, failureCode: v32 };
      what = `the server refuses: ${failureText(v32)}`;
      fields.push({
        name: 'RDP_NEG_FAILURE', start: o, end: o + 8, explain: 'the server cannot accept any protocol the client offered and closes the connection', ref: R.negFailure,
        children: [
          field('type', o, o + 1, 'TYPE_RDP_NEG_FAILURE', '0x03 (TYPE_RDP_NEG_FAILURE)', R.negFailure),
          field('flags', o + 1, o + 2, 'unused, 0', `0x${flags.toString(16).padStart(2, '0')}`, R.negFailure),
          field('length', o + 2, o + 4, 'size of this structure, little-endian: 8', 8, R.negFailure),
          field('failureCode', o + 4, o + 8, failureText(v32), `${FAILURE_CODE_NAMES[v32] ?? 'unknown'} (0x${v32.toString(16).padStart(8, '0')})`, R.negFailure),
        ],
      });
    } else {
      throw new DecodeError(`X.224 Connection Confirm: negotiation type 0x${type.toString(16)} (expected 0x02 or 0x03)`, o);
    }
  }
  return { value, fields: [{ name: 'X.224 Connection Confirm', start: 0, end: b.length, explain: what, ref: R.cc, children: fields }] };
}
