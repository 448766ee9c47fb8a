// KRB_AS_REP ::= [APPLICATION 11] KDC-REP (RFC 4120 §5.4.2).
import { MSG_TYPE } from './constants';
import { type KdcRepInput, buildKdcRep, parseKdcRep } from './kdcRep';
import type { Decoded, KdcRep, ParseOptions } from './types';

export type AsRepInput = Omit<KdcRepInput, 'msgType' | 'pvno'> & { pvno?: number };

export function buildAsRep(v: AsRepInput): Uint8Array {
  return buildKdcRep({ ...v, pvno: v.pvno ?? 5, msgType: MSG_TYPE.AS_REP });
}
export function parseAsRep(bytes: Uint8Array, opts?: ParseOptions): Decoded<KdcRep> {
  return parseKdcRep(bytes, MSG_TYPE.AS_REP, opts);
}
