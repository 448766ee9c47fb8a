// CredSSP messages (MS-CSSP 2.2): build/parse pairs with field trees covering every byte.
//   TSRequest       — buildTsRequest / parseTsRequest (versions 2-6)
//   TSCredentials   — buildTsCredentials / parseTsCredentials, with the credentials it holds:
//     TSPasswordCreds, TSSmartCardCreds (+ TSCspDataDetail), TSRemoteGuardCreds (+ package creds)
//   pubKeyAuth      — bindingHash (v5+), incrementPublicKey (v2-4), pubKeyAuthValue, subjectPublicKeyOf
// All decoders throw DecodeError (src/engine/bytes.ts) and nothing else on malformed input.
export * from './constants';
export * from './tsRequest';
export * from './tsCredentials';
export * from './tsPasswordCreds';
export * from './tsSmartCardCreds';
export * from './tsRemoteGuardCreds';
export * from './pubKeyAuth';
