// PKU2U and PKINIT constants: draft-zhu-pku2u-09, RFC 4556 (PKINIT), RFC 5349 (ECDH for PKINIT),
// RFC 5652 (CMS), RFC 5480 / RFC 5758 (EC keys and ECDSA algorithm identifiers).
export const R = {
  pku2u: 'draft-zhu-pku2u-09', pku2uGss: 'draft-zhu-pku2u-09 §6', pku2uNego: 'draft-zhu-pku2u-09 §6 (NEGO-REQ/REP as Windows sends them)',
  paPkAsReq: 'RFC 4556 §3.2.1', authPack: 'RFC 4556 §3.2.1', pkAuthenticator: 'RFC 4556 §3.2.1', paPkAsRep: 'RFC 4556 §3.2.3',
  dhRepInfo: 'RFC 4556 §3.2.3', kdcDhKeyInfo: 'RFC 4556 §3.2.3.1', epi: 'RFC 4556 §3.2.1', keyDerivation: 'RFC 4556 §3.2.3.1',
  ecdh: 'RFC 5349 §4', cms: 'RFC 5652 §5', contentInfo: 'RFC 5652 §3', signerInfo: 'RFC 5652 §5.3', spki: 'RFC 5480 §2',
} as const;

export const OID = {
  PKU2U: '1.3.6.1.5.2.7',
  signedData: '1.2.840.113549.1.7.2',
  pkinitAuthData: '1.3.6.1.5.2.3.1',
  pkinitDHKeyData: '1.3.6.1.5.2.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  dhpublicnumber: '1.2.840.10046.2.1',
} as const;
export const OID_NAMES: Record<string, string> = {
  [OID.PKU2U]: 'PKU2U', [OID.signedData]: 'id-signedData', [OID.pkinitAuthData]: 'id-pkinit-authData', [OID.pkinitDHKeyData]: 'id-pkinit-DHKeyData',
  [OID.contentType]: 'contentType', [OID.messageDigest]: 'messageDigest', [OID.sha1]: 'sha1', [OID.sha256]: 'sha256',
  [OID.ecPublicKey]: 'id-ecPublicKey', [OID.prime256v1]: 'prime256v1 (P-256)', [OID.ecdsaWithSHA256]: 'ecdsa-with-SHA256',
  [OID.rsaEncryption]: 'rsaEncryption', [OID.sha256WithRSAEncryption]: 'sha256WithRSAEncryption', [OID.dhpublicnumber]: 'dhpublicnumber',
};

/** The realm both peers use: there is no KDC realm between them (draft-zhu-pku2u §4). */
export const PKU2U_REALM = 'WELLKNOWN:PKU2U';
/** PA-DATA types (RFC 4556 §3.2.1, §3.2.3). */
export const PA = { PK_AS_REQ: 16, PK_AS_REP: 17 } as const;
/** TOK_IDs of the PKU2U GSS tokens (draft-zhu-pku2u §6): AS-REQ/AS-REP, then AP-REQ/AP-REP as in RFC 4121. */
export const TOK_ID = { AS_REQ: 0x0500, AS_REP: 0x0600, AP_REQ: 0x0100, AP_REP: 0x0200, KRB_ERROR: 0x0300 } as const;
/** RFC 6111 well-known name type. */
export const NT_WELLKNOWN = 11;
/** The key usage of the PKU2U KRB-FINISHED checksum (draft-zhu-pku2u §6.3). */
export const KEY_USAGE_FINISHED = 41;
