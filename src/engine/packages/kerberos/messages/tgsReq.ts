// KRB_TGS_REQ ::= [APPLICATION 12] KDC-REQ (RFC 4120 §5.4.1); its PA-TGS-REQ padata holds the AP-REQ
// with the TGT, whose authenticator checksums the KDC-REQ-BODY bytes.
import { MSG_TYPE } from './constants';
import { buildKdcReq, parseKdcReq } from './kdcReq';
import type { Decoded, KdcReqBody, PaData, ParseOptions, ParsedKdcReq } from './types';

export interface TgsReqInput { padata?: PaData[]; reqBody: KdcReqBody; pvno?: number }

export function buildTgsReq(v: TgsReqInput, reqBodyBytes?: Uint8Array): Uint8Array {
  return buildKdcReq({ pvno: v.pvno ?? 5, msgType: MSG_TYPE.TGS_REQ, padata: v.padata, reqBody: v.reqBody }, reqBodyBytes);
}
export function parseTgsReq(bytes: Uint8Array, opts?: ParseOptions): Decoded<ParsedKdcReq> {
  return parseKdcReq(bytes, MSG_TYPE.TGS_REQ, opts);
}
