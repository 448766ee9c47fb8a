// KRB_TGS_REP ::= [APPLICATION 13] KDC-REP (RFC 4120 §5.4.2).
import { MSG_TYPE } from './constants';
import { type KdcRepInput, buildKdcRep, parseKdcRep } from './kdcRep';
import type { Decoded, KdcRep, ParseOptions } from './types';

export type TgsRepInput = Omit<KdcRepInput, 'msgType' | 'pvno'> & { pvno?: number };

export function buildTgsRep(v: TgsRepInput): Uint8Array {
  return buildKdcRep({ ...v, pvno: v.pvno ?? 5, msgType: MSG_TYPE.TGS_REP });
}
export function parseTgsRep(bytes: Uint8Array, opts?: ParseOptions): Decoded<KdcRep> {
  return parseKdcRep(bytes, MSG_TYPE.TGS_REP, opts);
}
