// Kerberos numbers and their names: message types, encryption and checksum types, name types,
// pre-authentication data types, authorization data types, flags, error codes, key usages.
// Sources: RFC 4120 (§5, §6.2, §7.5), RFC 3961/3962/8009, RFC 4757, RFC 6113, MS-KILE 2.2, MS-SFU.

export const MSG_TYPE = {
  AS_REQ: 10, AS_REP: 11, TGS_REQ: 12, TGS_REP: 13, AP_REQ: 14, AP_REP: 15, KRB_SAFE: 20, KRB_PRIV: 21, KRB_CRED: 22, KRB_ERROR: 30,
} as const;
export const MSG_TYPE_NAMES: Record<number, string> = {
  10: 'KRB_AS_REQ', 11: 'KRB_AS_REP', 12: 'KRB_TGS_REQ', 13: 'KRB_TGS_REP', 14: 'KRB_AP_REQ', 15: 'KRB_AP_REP',
  20: 'KRB_SAFE', 21: 'KRB_PRIV', 22: 'KRB_CRED', 30: 'KRB_ERROR',
};

export const ETYPE = {
  DES_CBC_CRC: 1, DES_CBC_MD4: 2, DES_CBC_MD5: 3, DES3_CBC_SHA1_KD: 16, AES128_CTS_HMAC_SHA1_96: 17, AES256_CTS_HMAC_SHA1_96: 18,
  AES128_CTS_HMAC_SHA256_128: 19, AES256_CTS_HMAC_SHA384_192: 20, RC4_HMAC: 23, RC4_HMAC_EXP: 24,
} as const;
export const ETYPE_NAMES: Record<number, string> = {
  0: 'null', 1: 'des-cbc-crc', 2: 'des-cbc-md4', 3: 'des-cbc-md5', 5: 'des3-cbc-md5', 7: 'des3-cbc-sha1', 16: 'des3-cbc-sha1-kd',
  17: 'aes128-cts-hmac-sha1-96', 18: 'aes256-cts-hmac-sha1-96', 19: 'aes128-cts-hmac-sha256-128', 20: 'aes256-cts-hmac-sha384-192',
  23: 'rc4-hmac', 24: 'rc4-hmac-exp', 25: 'camellia128-cts-cmac', 26: 'camellia256-cts-cmac',
  [-128]: 'rc4-md4 (Microsoft private)', [-129]: 'rc4-plain2 (Microsoft private)', [-130]: 'rc4-lm (Microsoft private)', [-131]: 'rc4-sha (Microsoft private)',
  [-132]: 'des-plain (Microsoft private)', [-133]: 'rc4-hmac-old (Microsoft private)', [-134]: 'rc4-plain-old (Microsoft private)',
  [-135]: 'rc4-hmac-old-exp (Microsoft private)', [-136]: 'rc4-plain-old-exp (Microsoft private)', [-140]: 'rc4-plain (Microsoft private)',
  [-141]: 'rc4-plain-exp (Microsoft private)',
};

export const CKSUMTYPE_NAMES: Record<number, string> = {
  1: 'CRC32', 2: 'rsa-md4', 3: 'rsa-md4-des', 4: 'des-mac', 5: 'des-mac-k', 6: 'rsa-md4-des-k', 7: 'rsa-md5', 8: 'rsa-md5-des',
  9: 'rsa-md5-des3', 10: 'sha1', 12: 'hmac-sha1-des3-kd', 13: 'hmac-sha1-des3', 14: 'sha1', 15: 'hmac-sha1-96-aes128',
  16: 'hmac-sha1-96-aes256', 17: 'cmac-camellia128', 18: 'cmac-camellia256', 19: 'hmac-sha256-128-aes128', 20: 'hmac-sha384-192-aes256',
  32771: 'GSS-API authenticator checksum (0x8003)', [-138]: 'hmac-md5 (KERB_CHECKSUM_HMAC_MD5)',
};
export const GSS_CHECKSUM_TYPE = 0x8003;

export const NAME_TYPE = { UNKNOWN: 0, PRINCIPAL: 1, SRV_INST: 2, SRV_HST: 3, SRV_XHST: 4, UID: 5, ENTERPRISE: 10, WELLKNOWN: 11 } as const;
export const NAME_TYPE_NAMES: Record<number, string> = {
  0: 'NT-UNKNOWN', 1: 'NT-PRINCIPAL', 2: 'NT-SRV-INST', 3: 'NT-SRV-HST', 4: 'NT-SRV-XHST', 5: 'NT-UID', 6: 'NT-X500-PRINCIPAL',
  7: 'NT-SMTP-NAME', 10: 'NT-ENTERPRISE', 11: 'NT-WELLKNOWN', [-128]: 'NT-MS-PRINCIPAL', [-129]: 'NT-MS-PRINCIPAL-AND-ID', [-130]: 'NT-ENT-PRINCIPAL-AND-ID',
};

export const PA = {
  TGS_REQ: 1, ENC_TIMESTAMP: 2, PW_SALT: 3, ETYPE_INFO: 11, PK_AS_REQ_OLD: 14, PK_AS_REP_OLD: 15, PK_AS_REQ: 16, PK_AS_REP: 17,
  ETYPE_INFO2: 19, PAC_REQUEST: 128, FOR_USER: 129, FX_COOKIE: 133, FX_FAST: 136, FX_ERROR: 137, ENCRYPTED_CHALLENGE: 138,
  REQ_ENC_PA_REP: 149, SUPPORTED_ENCTYPES: 165, PAC_OPTIONS: 167,
} as const;
export const PA_NAMES: Record<number, string> = {
  1: 'PA-TGS-REQ', 2: 'PA-ENC-TIMESTAMP', 3: 'PA-PW-SALT', 5: 'PA-ENC-UNIX-TIME', 6: 'PA-SANDIA-SECUREID', 7: 'PA-SESAME', 8: 'PA-OSF-DCE',
  9: 'PA-CYBERSAFE-SECUREID', 10: 'PA-AFS3-SALT', 11: 'PA-ETYPE-INFO', 12: 'PA-SAM-CHALLENGE', 13: 'PA-SAM-RESPONSE', 14: 'PA-PK-AS-REQ_OLD',
  15: 'PA-PK-AS-REP_OLD', 16: 'PA-PK-AS-REQ', 17: 'PA-PK-AS-REP', 19: 'PA-ETYPE-INFO2', 20: 'PA-SVR-REFERRAL-INFO', 21: 'PA-SAM-REDIRECT',
  22: 'PA-GET-FROM-TYPED-DATA', 23: 'TD-PADATA', 24: 'PA-SAM-ETYPE-INFO', 25: 'PA-ALT-PRINC', 30: 'PA-SAM-CHALLENGE2', 31: 'PA-SAM-RESPONSE2',
  41: 'PA-EXTRA-TGT', 102: 'TD-PKINIT-CMS-CERTIFICATES', 103: 'TD-KRB-PRINCIPAL', 104: 'TD-KRB-REALM', 105: 'TD-TRUSTED-CERTIFIERS',
  106: 'TD-CERTIFICATE-INDEX', 107: 'TD-APP-DEFINED-ERROR', 108: 'TD-REQ-NONCE', 109: 'TD-REQ-SEQ', 128: 'PA-PAC-REQUEST', 129: 'PA-FOR-USER',
  130: 'PA-FOR-X509-USER', 131: 'PA-FOR-CHECK_DUPS', 132: 'PA-AS-CHECKSUM', 133: 'PA-FX-COOKIE', 134: 'PA-AUTHENTICATION-SET',
  135: 'PA-AUTH-SET-SELECTED', 136: 'PA-FX-FAST', 137: 'PA-FX-ERROR', 138: 'PA-ENCRYPTED-CHALLENGE', 141: 'PA-OTP-CHALLENGE',
  142: 'PA-OTP-REQUEST', 144: 'PA-OTP-PIN-CHANGE', 147: 'PA-PKINIT-KX', 149: 'PA-REQ-ENC-PA-REP', 150: 'PA-AS-FRESHNESS', 151: 'PA-SPAKE',
  165: 'PA-SUPPORTED-ENCTYPES', 166: 'PA-EXTENDED-ERROR', 167: 'PA-PAC-OPTIONS', 170: 'PA-SUPERSEDED-BY-USER', 171: 'PA-DMSA-KEY-PACKAGE',
};

export const AD = { IF_RELEVANT: 1, KDC_ISSUED: 4, AND_OR: 5, MANDATORY_FOR_KDC: 8, WIN2K_PAC: 128, ETYPE_NEGOTIATION: 129, RESTRICTION_ENTRY: 141, KERB_LOCAL: 142, AP_OPTIONS: 143, TARGET_PRINCIPAL: 144 } as const;
export const AD_NAMES: Record<number, string> = {
  1: 'AD-IF-RELEVANT', 2: 'AD-INTENDED-FOR-SERVER', 3: 'AD-INTENDED-FOR-APPLICATION-CLASS', 4: 'AD-KDC-ISSUED', 5: 'AD-AND-OR',
  6: 'AD-MANDATORY-TICKET-EXTENSIONS', 7: 'AD-IN-TICKET-EXTENSIONS', 8: 'AD-MANDATORY-FOR-KDC', 64: 'OSF-DCE', 65: 'SESAME',
  66: 'AD-OSF-DCE-PKI-CERTID', 71: 'AD-AUTHENTICATION-STRENGTH', 72: 'AD-FX-FAST-ARMOR', 73: 'AD-FX-FAST-USED', 128: 'AD-WIN2K-PAC',
  129: 'AD-ETYPE-NEGOTIATION', 141: 'KERB-AD-RESTRICTION-ENTRY', 142: 'KERB-LOCAL', 143: 'AD-AUTH-DATA-AP-OPTIONS', 144: 'KERB-AUTH-DATA-TARGET-NAME',
};

export const ADDR_TYPE_NAMES: Record<number, string> = {
  2: 'IPv4', 3: 'Directional', 5: 'ChaosNet', 6: 'XNS', 7: 'ISO', 12: 'DECNET Phase IV', 16: 'AppleTalk DDP', 20: 'NetBIOS', 24: 'IPv6',
};

export const LAST_REQ_NAMES: Record<number, string> = {
  0: 'no information', 1: 'last initial TGT request', 2: 'last initial request', 3: 'newest TGT used', 4: 'last renewal',
  5: 'last request of any type', 6: 'password expires', 7: 'account expires',
};
export const lastReqName = (t: number): string => `${LAST_REQ_NAMES[Math.abs(t)] ?? 'unknown'}${t < 0 ? ' (this realm only)' : t > 0 ? ' (any server)' : ''}`;

/** KDCOptions bit numbers (RFC 4120 §5.4.1, RFC 6112, MS-SFU). */
export const KDC_OPTIONS: Record<number, string> = {
  0: 'reserved', 1: 'forwardable', 2: 'forwarded', 3: 'proxiable', 4: 'proxy', 5: 'allow-postdate', 6: 'postdated', 7: 'unused7',
  8: 'renewable', 9: 'unused9', 10: 'unused10', 11: 'opt-hardware-auth', 12: 'unused12', 13: 'unused13', 14: 'cname-in-addl-tkt',
  15: 'canonicalize', 16: 'request-anonymous', 26: 'disable-transited-check', 27: 'renewable-ok', 28: 'enc-tkt-in-skey', 30: 'renew', 31: 'validate',
};
/** TicketFlags bit numbers (RFC 4120 §5.3, RFC 6112, RFC 6806). */
export const TICKET_FLAGS: Record<number, string> = {
  0: 'reserved', 1: 'forwardable', 2: 'forwarded', 3: 'proxiable', 4: 'proxy', 5: 'may-postdate', 6: 'postdated', 7: 'invalid',
  8: 'renewable', 9: 'initial', 10: 'pre-authent', 11: 'hw-authent', 12: 'transited-policy-checked', 13: 'ok-as-delegate',
  14: 'unused14', 15: 'enc-pa-rep', 16: 'anonymous',
};
/** APOptions bit numbers (RFC 4120 §5.5.1). */
export const AP_OPTIONS: Record<number, string> = { 0: 'reserved', 1: 'use-session-key', 2: 'mutual-required' };
/** PA-PAC-OPTIONS bit numbers (MS-KILE 2.2.10). */
export const PAC_OPTIONS: Record<number, string> = { 0: 'claims', 1: 'branch-aware', 2: 'forward-to-full-dc', 3: 'resource-based-constrained-delegation' };

/** Bit masks for the 32-bit flag numbers (bit n = 0x80000000 >>> n). */
export const bit = (n: number): number => (0x80000000 >>> n) >>> 0;

/** RFC 4120 §7.5.9 error codes (all 68), then the later RFCs' (PKINIT, FAST). */
export const ERROR_CODES: Record<number, [string, string]> = {
  0: ['KDC_ERR_NONE', 'no error'],
  1: ['KDC_ERR_NAME_EXP', 'the client\'s account in the database has expired'],
  2: ['KDC_ERR_SERVICE_EXP', 'the service\'s account in the database has expired'],
  3: ['KDC_ERR_BAD_PVNO', 'the protocol version number is not supported'],
  4: ['KDC_ERR_C_OLD_MAST_KVNO', 'the client\'s key is encrypted under an old master key'],
  5: ['KDC_ERR_S_OLD_MAST_KVNO', 'the service\'s key is encrypted under an old master key'],
  6: ['KDC_ERR_C_PRINCIPAL_UNKNOWN', 'the client name is not in the KDC\'s database'],
  7: ['KDC_ERR_S_PRINCIPAL_UNKNOWN', 'the service name (SPN) is not in the KDC\'s database'],
  8: ['KDC_ERR_PRINCIPAL_NOT_UNIQUE', 'several accounts in the database have this name'],
  9: ['KDC_ERR_NULL_KEY', 'the client or the service has a null key'],
  10: ['KDC_ERR_CANNOT_POSTDATE', 'this ticket may not be postdated'],
  11: ['KDC_ERR_NEVER_VALID', 'the requested start time is after the end time'],
  12: ['KDC_ERR_POLICY', 'the KDC\'s policy refuses the request'],
  13: ['KDC_ERR_BADOPTION', 'the KDC cannot grant an option that was asked for'],
  14: ['KDC_ERR_ETYPE_NOSUPP', 'the KDC supports none of the requested encryption types'],
  15: ['KDC_ERR_SUMTYPE_NOSUPP', 'the KDC does not support this checksum type'],
  16: ['KDC_ERR_PADATA_TYPE_NOSUPP', 'the KDC does not support this pre-authentication type'],
  17: ['KDC_ERR_TRTYPE_NOSUPP', 'the KDC does not support this transited encoding'],
  18: ['KDC_ERR_CLIENT_REVOKED', 'the client\'s credentials are revoked (account disabled, locked or outside its logon hours)'],
  19: ['KDC_ERR_SERVICE_REVOKED', 'the service\'s credentials are revoked'],
  20: ['KDC_ERR_TGT_REVOKED', 'the TGT has been revoked'],
  21: ['KDC_ERR_CLIENT_NOTYET', 'the client is not yet valid; try again later'],
  22: ['KDC_ERR_SERVICE_NOTYET', 'the service is not yet valid; try again later'],
  23: ['KDC_ERR_KEY_EXPIRED', 'the password has expired'],
  24: ['KDC_ERR_PREAUTH_FAILED', 'the pre-authentication data was wrong (usually a wrong password)'],
  25: ['KDC_ERR_PREAUTH_REQUIRED', 'the KDC needs pre-authentication before it answers'],
  26: ['KDC_ERR_SERVER_NOMATCH', 'the requested service does not match the ticket'],
  27: ['KDC_ERR_MUST_USE_USER2USER', 'the service only accepts user-to-user'],
  28: ['KDC_ERR_PATH_NOT_ACCEPTED', 'the KDC\'s policy rejects the transited path'],
  29: ['KDC_ERR_SVC_UNAVAILABLE', 'the service is unavailable'],
  31: ['KRB_AP_ERR_BAD_INTEGRITY', 'the integrity check on the decrypted field failed'],
  32: ['KRB_AP_ERR_TKT_EXPIRED', 'the ticket has expired'],
  33: ['KRB_AP_ERR_TKT_NYV', 'the ticket is not yet valid'],
  34: ['KRB_AP_ERR_REPEAT', 'this request is a replay'],
  35: ['KRB_AP_ERR_NOT_US', 'the ticket is not for this server'],
  36: ['KRB_AP_ERR_BADMATCH', 'the ticket and the authenticator do not match'],
  37: ['KRB_AP_ERR_SKEW', 'the clocks are too far apart'],
  38: ['KRB_AP_ERR_BADADDR', 'the network address is wrong'],
  39: ['KRB_AP_ERR_BADVERSION', 'the protocol version does not match'],
  40: ['KRB_AP_ERR_MSG_TYPE', 'the message type is invalid'],
  41: ['KRB_AP_ERR_MODIFIED', 'the message stream was modified (often: the service key does not decrypt the ticket)'],
  42: ['KRB_AP_ERR_BADORDER', 'the message is out of order'],
  44: ['KRB_AP_ERR_BADKEYVER', 'the key version is not available'],
  45: ['KRB_AP_ERR_NOKEY', 'the service key is not available'],
  46: ['KRB_AP_ERR_MUT_FAIL', 'mutual authentication failed'],
  47: ['KRB_AP_ERR_BADDIRECTION', 'the message direction is wrong'],
  48: ['KRB_AP_ERR_METHOD', 'an alternative authentication method is required'],
  49: ['KRB_AP_ERR_BADSEQ', 'the sequence number in the message is wrong'],
  50: ['KRB_AP_ERR_INAPP_CKSUM', 'this kind of checksum is not appropriate for the message'],
  51: ['KRB_AP_PATH_NOT_ACCEPTED', 'the policy rejects the transited path'],
  52: ['KRB_ERR_RESPONSE_TOO_BIG', 'the response is too big for UDP; retry over TCP'],
  60: ['KRB_ERR_GENERIC', 'a generic error (see e-text)'],
  61: ['KRB_ERR_FIELD_TOOLONG', 'a field is too long for this implementation'],
  62: ['KDC_ERROR_CLIENT_NOT_TRUSTED', 'PKINIT: the client is not trusted'],
  63: ['KDC_ERROR_KDC_NOT_TRUSTED', 'PKINIT: the KDC is not trusted'],
  64: ['KDC_ERROR_INVALID_SIG', 'PKINIT: the signature is invalid'],
  65: ['KDC_ERR_KEY_TOO_WEAK', 'a stronger encryption type is required'],
  66: ['KDC_ERR_CERTIFICATE_MISMATCH', 'PKINIT: the certificates do not match'],
  67: ['KRB_AP_ERR_NO_TGT', 'no TGT is available for user-to-user'],
  68: ['KDC_ERR_WRONG_REALM', 'the request went to the wrong realm (a referral)'],
  69: ['KRB_AP_ERR_USER_TO_USER_REQUIRED', 'the ticket must be for user-to-user'],
  70: ['KDC_ERR_CANT_VERIFY_CERTIFICATE', 'PKINIT: the KDC cannot verify the certificate'],
  71: ['KDC_ERR_INVALID_CERTIFICATE', 'PKINIT: the certificate is invalid'],
  72: ['KDC_ERR_REVOKED_CERTIFICATE', 'PKINIT: the certificate is revoked'],
  73: ['KDC_ERR_REVOCATION_STATUS_UNKNOWN', 'PKINIT: the revocation status is unknown'],
  74: ['KDC_ERR_REVOCATION_STATUS_UNAVAILABLE', 'PKINIT: the revocation status is unavailable'],
  75: ['KDC_ERR_CLIENT_NAME_MISMATCH', 'PKINIT: the client name does not match the certificate'],
  76: ['KDC_ERR_KDC_NAME_MISMATCH', 'PKINIT: the KDC name does not match the certificate'],
  77: ['KDC_ERR_INCONSISTENT_KEY_PURPOSE', 'PKINIT: the certificate is not for this purpose'],
  78: ['KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED', 'PKINIT: the certificate\'s digest is not accepted'],
  79: ['KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED', 'PKINIT: the paChecksum is missing'],
  80: ['KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED', 'PKINIT: the signed data\'s digest is not accepted'],
  81: ['KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED', 'PKINIT: public-key encryption is not supported'],
  90: ['KDC_ERR_PREAUTH_EXPIRED', 'the pre-authentication data has expired'],
  91: ['KDC_ERR_MORE_PREAUTH_DATA_REQUIRED', 'more pre-authentication data is required'],
  92: ['KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET', 'the authentication set is not acceptable'],
  93: ['KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS', 'FAST: an unknown critical option was used'],
};
export const ERROR = Object.fromEntries(Object.entries(ERROR_CODES).map(([k, [n]]) => [n, Number(k)])) as Record<string, number>;
export const errorName = (code: number): string => ERROR_CODES[code]?.[0] ?? `unknown error ${code}`;

/** RFC 4120 §7.5.1 key usage numbers. */
export const KEY_USAGE = {
  PA_ENC_TIMESTAMP: 1, TICKET: 2, AS_REP_ENC_PART: 3, TGS_REQ_AD_SESSION: 4, TGS_REQ_AD_SUBKEY: 5, TGS_REQ_AUTH_CKSUM: 6,
  TGS_REQ_AUTHENTICATOR: 7, TGS_REP_ENC_PART_SESSION: 8, TGS_REP_ENC_PART_SUBKEY: 9, AP_REQ_AUTH_CKSUM: 10, AP_REQ_AUTHENTICATOR: 11,
  AP_REP_ENC_PART: 12, KRB_PRIV: 13, KRB_CRED: 14, KRB_SAFE_CKSUM: 15,
  // MS-KILE / RFC 4121 usages used around Kerberos messages
  KG_ACCEPTOR_SEAL: 22, KG_ACCEPTOR_SIGN: 23, KG_INITIATOR_SEAL: 24, KG_INITIATOR_SIGN: 25,
} as const;
export const KEY_USAGE_NAMES: Record<number, string> = {
  1: 'AS-REQ PA-ENC-TIMESTAMP (client key)', 2: 'ticket (service key)', 3: 'AS-REP enc-part (client key)',
  4: 'TGS-REQ authorization data (session key)', 5: 'TGS-REQ authorization data (subkey)', 6: 'TGS-REQ authenticator checksum',
  7: 'TGS-REQ authenticator (session key)', 8: 'TGS-REP enc-part (session key)', 9: 'TGS-REP enc-part (subkey)',
  10: 'AP-REQ authenticator checksum', 11: 'AP-REQ authenticator (session key)', 12: 'AP-REP enc-part (session key)',
  13: 'KRB-PRIV enc-part', 14: 'KRB-CRED enc-part', 15: 'KRB-SAFE checksum',
};
