// SPNEGO messages (RFC 4178, MS-SPNG): build/parse pairs with field trees covering every byte.
export * from './types';
export { buildNegTokenInit, parseNegTokenInit } from './negTokenInit';
export { buildNegTokenInit2, parseNegTokenInit2, windowsServerOffer } from './negTokenInit2';
export { buildNegTokenResp, parseNegTokenResp } from './negTokenResp';
export { parseSpnego } from './parseSpnego';
export type { SpnegoMessage } from './parseSpnego';
export { buildInitialContextToken, parseInitialContextToken } from './gss';
export type { GssFrame } from './gss';
export { mechListBytes, parseMechTypeList, CONTEXT_FLAGS, encodeContextFlags, decodeContextFlags } from './mechTypes';
export { detectInner, describeInner, nestInner } from './inner';
export { describeMic } from './octets';
