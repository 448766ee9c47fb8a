// How a Digest call learns what SSPI passes beside the token: HTTP mode (ISC_REQ_HTTP /
// ASC_REQ_HTTP, sspi.h 0x10000000) and the request's method and URI (the SECBUFFER_PKG_PARAMS
// buffers of InitializeSecurityContext (Digest)); and the scenario parameters it reads.
import type { PackageEnv, RequestFlags } from '../../sspi/package';
import type { DigestAlgorithm } from './hash';
import type { DigestMode } from './state';

export const REQ_HTTP = 0x10000000;

export interface DigestRequest extends RequestFlags {
  /** SECBUFFER_PKG_PARAMS: the HTTP method and request URI (HTTP mode). */
  method?: string;
  uri?: string;
}

export const modeOf = (req: RequestFlags): DigestMode => ((req.flags & REQ_HTTP) !== 0 ? 'http' : 'sasl');

/** The algorithm the server offers: MD5-sess (IIS), MD5, or SHA-256 (a non-Windows RFC 7616 server). */
export function serverAlgorithm(env: PackageEnv): DigestAlgorithm {
  const a = String(env.params.digestAlgorithm ?? 'MD5-sess');
  return a === 'MD5' || a === 'SHA-256' ? a : 'MD5-sess';
}

/** Whether the server's first nonce has gone stale by the time the answer arrives (stale=true round). */
export const staleNonce = (env: PackageEnv): boolean => env.params.digestStaleNonce === true;
