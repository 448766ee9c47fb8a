// How a Digest call learns what SSPI passes beside the token: HTTP mode (ISC_REQ_HTTP /
// ASC_REQ_HTTP, sspi.h 0x10000000) and the request's method and URI (the SECBUFFER_PKG_PARAMS
// buffers of InitializeSecurityContext (Digest)); and the scenario parameters it reads.
import type { PackageEnv, RequestFlags } from '../../sspi/package';
import type { DigestAlgorithm } from './hash';
import type { DigestMode } from './state';

export const REQ_HTTP = 0x10000000;

export interface DigestRequest extends RequestFlags {
  /** SECBUFFER_PKG_PARAMS as separate fields (older callers); `request` is the general form. */
  method?: string;
  uri?: string;
}

/** The HTTP method and URI the token is for. */
export function requestOf(req: RequestFlags): { method: string; uri: string } {
  const r = req as DigestRequest & { request?: { method: string; uri: string } };
  return { method: r.request?.method ?? r.method ?? 'GET', uri: r.request?.uri ?? r.uri ?? '/' };
}

/** HTTP when the caller says so (ISC_REQ_HTTP/ASC_REQ_HTTP) or names an HTTP service; SASL when it names another
 *  service ("ldap/host": the digest-uri). A server application that names nothing is a web server (IIS). */
export function modeOf(req: RequestFlags): DigestMode {
  if ((req.flags & REQ_HTTP) !== 0) return 'http';
  if (!req.target) return 'http';
  return /^https?\//i.test(req.target) ? 'http' : 'sasl';
}

/** The algorithm the server offers: MD5-sess (IIS), MD5, or SHA-256 (a non-Windows RFC 7616 server). */
export function serverAlgorithm(env: PackageEnv): DigestAlgorithm {
  const a = String(env.params.digestAlgorithm ?? 'MD5-sess');
  return a === 'MD5' || a === 'SHA-256' ? a : 'MD5-sess';
}

/** Whether the server's first nonce has gone stale by the time the answer arrives (stale=true round). */
export const staleNonce = (env: PackageEnv): boolean => env.params.digestStaleNonce === true;
