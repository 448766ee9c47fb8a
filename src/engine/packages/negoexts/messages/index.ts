// NEGOEX messages (MS-NEGOEX 2.2): build/parse pairs with field trees covering every byte.
//   header.ts   MESSAGE_HEADER and the vectors       nego.ts      INITIATOR_NEGO / ACCEPTOR_NEGO
//   exchange.ts META_DATA, CHALLENGE, AP_REQUEST     verify.ts    VERIFY (RFC 3961 checksum)
//   alert.ts    ALERT with the pulse                  token.ts     a token = messages back to back
//   checksum.ts the transcript checksum               guid.ts      GUID byte order
// All decoders throw DecodeError (src/engine/bytes.ts) and nothing else on malformed input.
export * from './constants';
export * from './guid';
export * from './types';
export { type MessageHeader, readHeader } from './header';
export { buildNego } from './nego';
export { buildExchange, type ExchangeDecoder } from './exchange';
export { buildVerify } from './verify';
export { buildAlert, verifyNoKeyPulse } from './alert';
export * from './token';
export * from './checksum';
