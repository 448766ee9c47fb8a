// From a KRB-ERROR code to the SSPI status InitializeSecurityContext / AcceptSecurityContext return.
// Where Microsoft documents the mapping it is used (7 → SEC_E_TARGET_UNKNOWN, 24 → SEC_E_LOGON_DENIED,
// 37 → SEC_E_TIME_SKEW, 14 → SEC_E_ETYPE_NOT_SUPP, a server's 41 seen by the client →
// SEC_E_WRONG_PRINCIPAL "The target principal name is incorrect", KB 2090913). An unknown user (6)
// is reported as a logon failure (SEC_E_LOGON_DENIED): Windows masks STATUS_NO_SUCH_USER as
// STATUS_LOGON_FAILURE so as not to reveal which accounts exist.
import { ERROR_CODES, errorName } from '../messages';
import type { SecStatusName } from '../../../sspi/status';
import type { TraceError } from '../../../trace';

const CLIENT_STATUS: Record<number, SecStatusName> = {
  6: 'SEC_E_LOGON_DENIED',
  7: 'SEC_E_TARGET_UNKNOWN',
  14: 'SEC_E_ETYPE_NOT_SUPP',
  18: 'SEC_E_LOGON_DENIED',
  23: 'SEC_E_LOGON_DENIED',
  24: 'SEC_E_LOGON_DENIED',
  31: 'SEC_E_MESSAGE_ALTERED',
  36: 'SEC_E_LOGON_DENIED',
  37: 'SEC_E_TIME_SKEW',
  41: 'SEC_E_WRONG_PRINCIPAL',
  52: 'SEC_E_INTERNAL_ERROR',
};

/** The status the client returns when the KDC (or the server) answered with this KRB-ERROR. */
export function clientStatusOf(code: number): SecStatusName {
  return CLIENT_STATUS[code] ?? 'SEC_E_LOGON_DENIED';
}

/** The status the server returns when it refuses an AP-REQ with this code. */
export function serverStatusOf(code: number): SecStatusName {
  if (code === 37) return 'SEC_E_TIME_SKEW';
  if (code === 32) return 'SEC_E_CONTEXT_EXPIRED';
  return 'SEC_E_LOGON_DENIED';
}

/** The trace error for a KRB-ERROR code. */
export function krbTraceError(code: number, context?: string): TraceError {
  const text = ERROR_CODES[code]?.[1] ?? 'Kerberos error';
  return { code, name: errorName(code), text: context ? `${context}: ${text}.` : `${text[0].toUpperCase()}${text.slice(1)}.` };
}
