// PKU2U messages: the GSS framing, the NEGO-REQ/REP metadata, the PKINIT structures (PA-PK-AS-REQ
// with AuthPack in CMS SignedData, PA-PK-AS-REP with DHRepInfo/KDCDHKeyInfo), CMS SignedData with
// ECDSA P-256, and the ECDH key agreement. The AS-REQ/AS-REP/AP-REQ/AP-REP themselves are the
// Kerberos package's messages (../../kerberos/messages).
export * from './constants';
export * from './cert';
export * from './cms';
export * from './pkinit';
export * from './nego';
export * from './gss';
export * from './keys';
