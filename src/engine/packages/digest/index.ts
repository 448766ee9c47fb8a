export { digestPackage, PACKAGE_INFO } from './package';
export { validateDigest, type DigestValidationRequest, type DigestValidationReply } from './validate';
export { REQ_HTTP } from './params';
export type { DigestContext } from './state';
