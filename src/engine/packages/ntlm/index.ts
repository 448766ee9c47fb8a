// NTLM (MS-NLMP): the package, its context, the DC-side Netlogon check, and the message codecs.
export { ntlmPackage, PACKAGE_INFO, snapshot } from './package';
export type { NtlmContext, NtlmState, NtlmKeys } from './state';
export { netlogonValidate, isNetlogonRequest, netlogonRequestFields, netlogonReplyFields, netlogonError, PARAMETER_CONTROL } from './netlogon';
export type { NetlogonRequestPayload, NetlogonReplyPayload, NetlogonStatus } from './netlogon';
export { KEY_NAMES } from './keys';
export { describe as describeNtlm, findKeyExchangeKey } from './describe';
export { lmPolicy, DEFAULT_CHALLENGE_LIFETIME_SECONDS } from './policy';
export { buildNegotiate, parseNegotiate } from './messages/negotiate';
export { buildChallenge, parseChallenge } from './messages/challenge';
export { buildAuthenticate, parseAuthenticate } from './messages/authenticate';
