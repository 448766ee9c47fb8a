// KRB_AS_REQ ::= [APPLICATION 10] KDC-REQ (RFC 4120 §5.4.1).
import { MSG_TYPE } from './constants';
import { buildKdcReq, parseKdcReq } from './kdcReq';
import type { Decoded, KdcReqBody, PaData, ParseOptions, ParsedKdcReq } from './types';

export interface AsReqInput { padata?: PaData[]; reqBody: KdcReqBody; pvno?: number }

export function buildAsReq(v: AsReqInput, reqBodyBytes?: Uint8Array): Uint8Array {
  return buildKdcReq({ pvno: v.pvno ?? 5, msgType: MSG_TYPE.AS_REQ, padata: v.padata, reqBody: v.reqBody }, reqBodyBytes);
}
export function parseAsReq(bytes: Uint8Array, opts?: ParseOptions): Decoded<ParsedKdcReq> {
  return parseKdcReq(bytes, MSG_TYPE.AS_REQ, opts);
}
