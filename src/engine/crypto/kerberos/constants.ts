// Kerberos encryption types, checksum types and key usage numbers (RFC 3961 §8, RFC 3962 §7,
// RFC 4757, RFC 8009 §9, RFC 4120 §7.5.1, RFC 4121 §2, MS-KILE / MS-PAC).

export const ETYPE = {
  AES128_CTS_HMAC_SHA1_96: 17,
  AES256_CTS_HMAC_SHA1_96: 18,
  AES128_CTS_HMAC_SHA256_128: 19,
  AES256_CTS_HMAC_SHA384_192: 20,
  RC4_HMAC: 23,
  RC4_HMAC_EXP: 24,
} as const;
export type Etype = (typeof ETYPE)[keyof typeof ETYPE];

/** The names RFCs, klist and Wireshark use. */
export const ETYPE_NAMES: Record<number, string> = {
  1: 'des-cbc-crc',
  3: 'des-cbc-md5',
  16: 'des3-cbc-sha1',
  17: 'aes128-cts-hmac-sha1-96',
  18: 'aes256-cts-hmac-sha1-96',
  19: 'aes128-cts-hmac-sha256-128',
  20: 'aes256-cts-hmac-sha384-192',
  23: 'rc4-hmac',
  24: 'rc4-hmac-exp',
  25: 'camellia128-cts-cmac',
  26: 'camellia256-cts-cmac',
};

export const CKSUMTYPE = {
  HMAC_SHA1_96_AES128: 15,
  HMAC_SHA1_96_AES256: 16,
  HMAC_SHA256_128_AES128: 19,
  HMAC_SHA384_192_AES256: 20,
  /** MIT's md5-hmac-arcfour: HMAC-MD5(key, MD5(usage | data)), without the "signaturekey" step. */
  MD5_HMAC_ARCFOUR: -137,
  /** KERB_CHECKSUM_HMAC_MD5, the RC4 checksum Windows uses (PAC signatures, GSS). */
  HMAC_MD5: -138,
  /** RFC 4121 §4.1.1: the authenticator checksum type of a GSS-API AP-REQ (not a keyed checksum). */
  GSSAPI: 0x8003,
} as const;
export type Cksumtype = (typeof CKSUMTYPE)[keyof typeof CKSUMTYPE];

export const CKSUMTYPE_NAMES: Record<number, string> = {
  15: 'hmac-sha1-96-aes128',
  16: 'hmac-sha1-96-aes256',
  19: 'hmac-sha256-128-aes128',
  20: 'hmac-sha384-192-aes256',
  [-137]: 'md5-hmac-arcfour',
  [-138]: 'hmac-md5',
  0x8003: 'gssapi-authenticator',
};

/** Key usage numbers (RFC 4120 §7.5.1, RFC 4121 §2, MS-PAC 2.8, RFC 6113). */
export const KEY_USAGE = {
  AS_REQ_PA_ENC_TIMESTAMP: 1,
  KDC_REP_TICKET: 2,
  AS_REP_ENC_PART: 3,
  TGS_REQ_AUTH_DATA_SESSION_KEY: 4,
  TGS_REQ_AUTH_DATA_SUBKEY: 5,
  TGS_REQ_PA_TGS_REQ_AUTH_CKSUM: 6,
  TGS_REQ_PA_TGS_REQ_AUTHENTICATOR: 7,
  TGS_REP_ENC_PART_SESSION_KEY: 8,
  TGS_REP_ENC_PART_SUBKEY: 9,
  AP_REQ_AUTH_CKSUM: 10,
  AP_REQ_AUTHENTICATOR: 11,
  AP_REP_ENC_PART: 12,
  KRB_PRIV_ENC_PART: 13,
  KRB_CRED_ENC_PART: 14,
  KRB_SAFE_CKSUM: 15,
  /** MS-PAC 2.8: server and KDC signatures of the PAC (KERB_NON_KERB_CKSUM_SALT). */
  PAC_SIGNATURE: 17,
  GSS_ACCEPTOR_SEAL: 22,
  GSS_ACCEPTOR_SIGN: 23,
  GSS_INITIATOR_SEAL: 24,
  GSS_INITIATOR_SIGN: 25,
  KRB_ERROR_CKSUM: 18,
  AD_KDC_ISSUED_CKSUM: 19,
  FAST_REQ_CHKSUM: 50,
  FAST_ENC: 51,
  FAST_REP: 52,
  FAST_FINISHED: 53,
  ENC_CHALLENGE_CLIENT: 54,
  ENC_CHALLENGE_KDC: 55,
} as const;

/** Derived-key selectors of the RFC 3961 simplified profile (last byte of the DK constant). */
export const DERIVE = { Kc: 0x99, Ke: 0xaa, Ki: 0x55 } as const;

/** usage (4 bytes big-endian) | selector byte: the constant fed to DK() for Kc / Ke / Ki. */
export function usageConstant(usage: number, selector: number): Uint8Array {
  return new Uint8Array([(usage >>> 24) & 0xff, (usage >>> 16) & 0xff, (usage >>> 8) & 0xff, usage & 0xff, selector & 0xff]);
}

export function etypeName(etype: number): string {
  return ETYPE_NAMES[etype] ?? `etype ${etype}`;
}
export function cksumtypeName(t: number): string {
  return CKSUMTYPE_NAMES[t] ?? `cksumtype ${t}`;
}

/** An error thrown when a ciphertext or checksum does not verify (the integrity check failed). */
/** A checksum that does not match: wrong key or changed bytes. The inspector's decoder meets one for every
 * key of the ring it tries before the right one, so the error carries no stack trace (capturing it was a
 * visible part of a run's time, and the message says all there is). */
export class KerberosIntegrityError extends Error {
  constructor(message: string) {
    const E = Error as { stackTraceLimit?: number };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(message);
    E.stackTraceLimit = limit;
    this.name = 'KerberosIntegrityError';
  }
}
