// The Digest Security Support Provider (wdigest.dll) behind the SSPI interface.
import { fromHex } from '../../bytes';
import type { ContextSnapshot, SecurityPackage } from '../../sspi/package';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import { initialize } from './client';
import { describe } from './describe';
import { protect, unprotect } from './protect';
import { accept } from './server';
import type { DigestContext } from './state';

export const PACKAGE_INFO = PACKAGE_INFOS.Digest;

export function snapshot(ctx: DigestContext): ContextSnapshot {
  const flags = [ctx.mode === 'http' ? 'HTTP' : 'SASL DIGEST-MD5', ...(ctx.algorithm ? [ctx.algorithm] : []), ...(ctx.qop ? [`qop=${ctx.qop}`] : []), ...(ctx.nc ? [`nc=${ctx.nc}`] : [])];
  return { state: ctx.state, flags, keys: ctx.ha1 ? [{ name: 'H(A1) (session key)', hex: ctx.ha1 }] : [] };
}

export const digestPackage: SecurityPackage<DigestContext> = {
  info: PACKAGE_INFO,
  initialize,
  accept,
  describe,
  protect: (ctx, message) => protect(ctx, message),
  unprotect: (ctx, token) => unprotect(ctx, token),
  snapshot,
  sessionKey: (ctx) => (ctx.ha1 ? fromHex(ctx.ha1) : null),
};
