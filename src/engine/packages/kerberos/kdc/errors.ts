// KRB-ERROR replies of the KDC (RFC 4120 §5.9.1), with the e-data a Windows KDC adds: METHOD-DATA
// for PREAUTH_REQUIRED, KERB-EXT-ERROR (an NTSTATUS, MS-KILE 2.2.1-2.2.2) for some failures.
import { concat, u32le } from '../../../bytes';
import { explicit, integer, octetString, seq } from '../../../encoding/der';
import { buildKrbError, ERROR, type PrincipalName } from '../messages';
import { kerberosNow } from '../keys';
import type { KdcEnv } from './directory';

/** KERB-ERROR-DATA { data-type 3 (KERB_ERR_TYPE_EXTENDED, MS-KILE 2.2.2), data-value KERB-EXT-ERROR { status, reserved, flags 1 } }. */
export function extendedError(ntstatus: number): Uint8Array {
  return seq(explicit(1, integer(3)), explicit(2, octetString(concat(u32le(ntstatus >>> 0), u32le(0), u32le(1)))));
}

export const NTSTATUS_OF: Record<number, number> = {
  [ERROR.KDC_ERR_PREAUTH_FAILED]: 0xc000006a, // STATUS_WRONG_PASSWORD
  [ERROR.KDC_ERR_C_PRINCIPAL_UNKNOWN]: 0xc0000064, // STATUS_NO_SUCH_USER
  [ERROR.KRB_AP_ERR_SKEW]: 0xc0000133, // STATUS_TIME_DIFFERENCE_AT_DC
};

export interface ErrorOptions {
  sname: PrincipalName;
  eData?: Uint8Array;
  /** The request's client time, echoed (ctime/cusec), when known. */
  ctime?: { time: Date; usec: number };
}

export function kdcError(kdc: KdcEnv, code: number, o: ErrorOptions): Uint8Array {
  const now = kerberosNow(kdc.now());
  const eData = o.eData ?? (NTSTATUS_OF[code] !== undefined ? extendedError(NTSTATUS_OF[code]) : undefined);
  return buildKrbError({
    ctime: o.ctime?.time, cusec: o.ctime?.usec,
    stime: now.time, susec: now.usec, errorCode: code, realm: kdc.realm, sname: o.sname, eData,
  });
}
