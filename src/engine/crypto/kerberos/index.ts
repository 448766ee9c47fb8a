// Single entry point of the engine's Kerberos cryptography: enctypes (RFC 3961/3962/4757/8009),
// checksums, key derivation and the GSS-API per-message tokens (RFC 4121 / RFC 4757 §7).
export * from './crypto.ts';
export * from './gss/index.ts';
