// GSS-API per-message tokens of the Kerberos mechanism: RFC 4121 (AES, "CFX") and RFC 4757 (rc4-hmac).
export * from './cfx.ts';
export * from './rc4.ts';
export { rotateLeft, rotateRight } from './rotate.ts';
