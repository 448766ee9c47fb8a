// SPNEGO messages (RFC 4178, MS-SPNG): build/parse pairs with field trees covering every byte.
//
// What goes where on the wire:
//   first token (client, or a server's unsolicited offer):
//     0x60 InitialContextToken { thisMech 1.3.6.1.5.5.2, [0] NegTokenInit | NegTokenInit2 }
//       buildNegTokenInit / parseNegTokenInit      — the client's mechTypes + optimistic mechToken
//       buildNegTokenInit2 / parseNegTokenInit2    — the server's offer (SMB2 NEGOTIATE response),
//                                                    windowsServerOffer() gives Windows' exact one
//   every later token, both directions:
//     0xa1 NegTokenResp { negState, supportedMech, responseToken, mechListMIC }  (no GSS framing)
//       buildNegTokenResp / parseNegTokenResp(bytes, mechOid?)
//   parseSpnego(bytes, mechOid?) picks the right parser from the first byte.
//
// Every parse returns { value, fields, inner? }. `inner` locates the carried mechanism token
// (offset/length in the SPNEGO bytes, mech 'NTLMSSP' | 'Kerberos' | 'NEGOEX'); decode those bytes
// with the mechanism's own decoder and hang its tree in place with nestInner(fields, innerFields)
// (innerFields relative to the inner token; pass { shifted: true } if already absolute).
// The leaf carrying the inner token has `layer` set, so the inspector knows a message is nested.
//
// mechListMIC (RFC 4178 §5) is computed over mechListBytes(mechTypes): the DER MechTypeList
// exactly as the first token carried it. The decoder accepts only DER, so
// mechListBytes(parsed.value.mechTypes) always equals the bytes that were received, and
// parse → build reproduces every token byte for byte.
// All decoders throw DecodeError (src/engine/bytes.ts) and nothing else on malformed input.
export * from './types';
export { buildNegTokenInit, parseNegTokenInit } from './negTokenInit';
export { buildNegTokenInit2, parseNegTokenInit2, windowsServerOffer } from './negTokenInit2';
export { buildNegTokenResp, parseNegTokenResp } from './negTokenResp';
export { parseSpnego } from './parseSpnego';
export type { SpnegoMessage } from './parseSpnego';
export { buildInitialContextToken, parseInitialContextToken } from './gss';
export type { GssFrame } from './gss';
export { mechListBytes, parseMechTypeList, CONTEXT_FLAGS, encodeContextFlags, decodeContextFlags } from './mechTypes';
export { KRB5_TOKEN_IDS, detectInner, describeInner, nestInner } from './inner';
export { describeMic } from './octets';
