// The NTLM Security Support Provider (msv1_0.dll's NTLM part) behind the SSPI interface.
import type { SecurityPackage, ContextSnapshot } from '../../sspi/package';
import { PACKAGE_INFOS } from '../../sspi/packageInfo';
import { initialize } from './client';
import { accept } from './server';
import { describe } from './describe';
import { protect, unprotect, getMic, verifyMic } from './protect';
import { flagNamesOf } from './messages/flags';
import { keyEntries } from './keys';
import { hex } from '../../bytes';
import type { NtlmContext } from './state';

export const PACKAGE_INFO = PACKAGE_INFOS.NTLM;

export function snapshot(ctx: NtlmContext): ContextSnapshot {
  return {
    state: ctx.state,
    flags: flagNamesOf(ctx.flags),
    keys: keyEntries(ctx).map((k) => ({ name: k.name, hex: hex(k.key) })),
  };
}

export const ntlmPackage: SecurityPackage<NtlmContext> = {
  info: PACKAGE_INFO,
  initialize,
  accept,
  describe,
  protect,
  unprotect,
  getMic,
  verifyMic,
  snapshot,
  sessionKey: (ctx) => ctx.keys.exportedSessionKey ?? null,
};
