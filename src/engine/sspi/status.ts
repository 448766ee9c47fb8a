// SECURITY_STATUS values (winerror.h) that the SSPI functions return.
export const SEC = {
  SEC_E_OK: 0x00000000,
  SEC_I_CONTINUE_NEEDED: 0x00090312,
  SEC_I_COMPLETE_NEEDED: 0x00090313,
  SEC_I_COMPLETE_AND_CONTINUE: 0x00090314,
  SEC_E_INSUFFICIENT_MEMORY: 0x80090300,
  SEC_E_INVALID_HANDLE: 0x80090301,
  SEC_E_UNSUPPORTED_FUNCTION: 0x80090302,
  SEC_E_TARGET_UNKNOWN: 0x80090303,
  SEC_E_INTERNAL_ERROR: 0x80090304,
  SEC_E_SECPKG_NOT_FOUND: 0x80090305,
  SEC_E_INVALID_TOKEN: 0x80090308,
  SEC_E_MESSAGE_ALTERED: 0x8009030f,
  SEC_E_OUT_OF_SEQUENCE: 0x80090310,
  SEC_E_NO_AUTHENTICATING_AUTHORITY: 0x80090311,
  SEC_E_LOGON_DENIED: 0x8009030c,
  SEC_E_NO_CREDENTIALS: 0x8009030e,
  SEC_E_CONTEXT_EXPIRED: 0x80090317,
  SEC_E_INCOMPLETE_MESSAGE: 0x80090318,
  SEC_E_WRONG_PRINCIPAL: 0x80090322,
  SEC_E_TIME_SKEW: 0x80090324,
  SEC_E_UNSUPPORTED_PREAUTH: 0x80090343,
  SEC_E_DELEGATION_POLICY: 0x8009035e,
  SEC_E_POLICY_NLTM_ONLY: 0x8009035f,
  SEC_E_ETYPE_NOT_SUPP: 0x80090341,
  SEC_E_KDC_UNKNOWN_ETYPE: 0x80090342,
  SEC_E_BAD_BINDINGS: 0x80090346,
  SEC_E_ALGORITHM_MISMATCH: 0x80090331,
  SEC_E_MUTUAL_AUTH_FAILED: 0x80090363,
  SEC_E_UNTRUSTED_ROOT: 0x80090325,
  SEC_E_ILLEGAL_MESSAGE: 0x80090326,
  SEC_E_CERT_UNKNOWN: 0x80090327,
  SEC_E_CERT_EXPIRED: 0x80090328,
  SEC_E_DECRYPT_FAILURE: 0x80090330,
  SEC_I_INCOMPLETE_CREDENTIALS: 0x00090320,
  SEC_E_ISSUING_CA_UNTRUSTED: 0x80090352,
  SEC_E_PKINIT_CLIENT_FAILURE: 0x80090354,
} as const;

export type SecStatusName = keyof typeof SEC;

export interface SecStatus {
  name: SecStatusName;
  code: number;
}

export function status(name: SecStatusName): SecStatus {
  return { name, code: SEC[name] };
}

export const isError = (s: SecStatus): boolean => (s.code & 0x80000000) !== 0;

/** One line in plain words for each status, for the narration. */
export const STATUS_TEXT: Record<SecStatusName, string> = {
  SEC_E_OK: 'The call succeeded; the context is complete on this side.',
  SEC_I_CONTINUE_NEEDED: 'The package produced a token that must go to the other side, then it will be called again.',
  SEC_I_COMPLETE_NEEDED: 'The caller must call CompleteAuthToken.',
  SEC_I_COMPLETE_AND_CONTINUE: 'CompleteAuthToken, then send the token to the other side.',
  SEC_E_INSUFFICIENT_MEMORY: 'Not enough memory.',
  SEC_E_INVALID_HANDLE: 'The handle passed is not valid.',
  SEC_E_UNSUPPORTED_FUNCTION: 'The package does not support this function.',
  SEC_E_TARGET_UNKNOWN: 'The target is unknown or unreachable.',
  SEC_E_INTERNAL_ERROR: 'An error occurred that did not map to an SSPI error code.',
  SEC_E_SECPKG_NOT_FOUND: 'The requested security package does not exist or is not enabled.',
  SEC_E_INVALID_TOKEN: 'The token supplied to the function is not valid.',
  SEC_E_MESSAGE_ALTERED: 'The message or signature supplied for verification has been altered.',
  SEC_E_OUT_OF_SEQUENCE: 'The call came in the wrong state of the context.',
  SEC_E_NO_AUTHENTICATING_AUTHORITY: 'No authority could be contacted for authentication (no domain controller / KDC).',
  SEC_E_LOGON_DENIED: 'The logon attempt failed.',
  SEC_E_NO_CREDENTIALS: 'No credentials are available in the security package.',
  SEC_E_CONTEXT_EXPIRED: 'The context has expired and can no longer be used.',
  SEC_E_INCOMPLETE_MESSAGE: 'The supplied message is incomplete.',
  SEC_E_WRONG_PRINCIPAL: 'The target principal name is incorrect.',
  SEC_E_TIME_SKEW: 'The clocks on the client and server machines are skewed.',
  SEC_E_UNSUPPORTED_PREAUTH: 'An unsupported pre-authentication mechanism was presented to the Kerberos package.',
  SEC_E_DELEGATION_POLICY: 'The policy does not support delegation of credentials to the target server.',
  SEC_E_POLICY_NLTM_ONLY: 'Delegation of credentials to the target server is not allowed when NTLM was used.',
  SEC_E_ETYPE_NOT_SUPP: 'The encryption type requested is not supported by the KDC.',
  SEC_E_KDC_UNKNOWN_ETYPE: 'The KDC does not support the encryption types of the request.',
  SEC_E_BAD_BINDINGS: 'Client\'s supplied SSPI channel bindings were incorrect.',
  SEC_E_ALGORITHM_MISMATCH: 'The client and server cannot communicate, because they do not possess a common algorithm.',
  SEC_E_MUTUAL_AUTH_FAILED: 'The server could not be authenticated (mutual authentication failed).',
  SEC_E_UNTRUSTED_ROOT: 'The certificate chain was issued by an authority that is not trusted.',
  SEC_E_ILLEGAL_MESSAGE: 'The message received was unexpected or badly formatted.',
  SEC_E_CERT_UNKNOWN: 'An unknown error occurred while processing the certificate.',
  SEC_E_CERT_EXPIRED: 'The received certificate has expired.',
  SEC_E_DECRYPT_FAILURE: 'The specified data could not be decrypted.',
  SEC_I_INCOMPLETE_CREDENTIALS: 'The credentials supplied were not complete and could not be verified (the server asked for a client certificate).',
  SEC_E_ISSUING_CA_UNTRUSTED: 'An untrusted certificate authority was detected while processing the certificate used for authentication.',
  SEC_E_PKINIT_CLIENT_FAILURE: 'The certificate used for authentication could not be validated (PKINIT client failure).',
};

/** NTSTATUS values that appear in the trace (NTLM and Netlogon results). */
export const NTSTATUS = {
  STATUS_SUCCESS: 0x00000000,
  STATUS_LOGON_FAILURE: 0xc000006d,
  STATUS_NO_SUCH_USER: 0xc0000064,
  STATUS_WRONG_PASSWORD: 0xc000006a,
  STATUS_ACCOUNT_RESTRICTION: 0xc000006e,
  STATUS_NTLM_BLOCKED: 0xc0000418,
  STATUS_TIME_DIFFERENCE_AT_DC: 0xc0000133,
  STATUS_NO_LOGON_SERVERS: 0xc000005e,
} as const;
export type NtStatusName = keyof typeof NTSTATUS;
