// The names under which NTLM keys go into the run's key ring (KeyYield), and the attributes a
// finished context reports.
import type { KeyEntry, PackageYield } from '../../sspi/package';
import { ISC_REQ, ISC_RET, ASC_REQ, ASC_RET } from '../../sspi/flags';
import { hex } from '../../bytes';
import { NTLMSSP, has } from './messages/flags';
import type { NtlmContext, NtlmKeys } from './state';

/**
 * Key ring names. Each entry is "<name> [nt-response:<hex>]", the tag being the first 16 bytes of
 * the NtChallengeResponse (the NTProofStr for NTLMv2), so the inspector can tell exchanges apart.
 * The AUTHENTICATE_MESSAGE decoder looks for "NTLM KeyExchangeKey" to open EncryptedRandomSessionKey.
 */
export const KEY_NAMES: Record<keyof NtlmKeys, string> = {
  sessionBaseKey: 'NTLM SessionBaseKey',
  keyExchangeKey: 'NTLM KeyExchangeKey',
  exportedSessionKey: 'NTLM ExportedSessionKey',
  clientSigningKey: 'NTLM client-to-server signing key',
  clientSealingKey: 'NTLM client-to-server sealing key',
  serverSigningKey: 'NTLM server-to-client signing key',
  serverSealingKey: 'NTLM server-to-client sealing key',
};

export const keyTagOf = (ntResponse: Uint8Array): string => `nt-response:${hex(ntResponse.slice(0, 16))}`;

export function keyEntries(ctx: NtlmContext): KeyEntry[] {
  const out: KeyEntry[] = [];
  for (const k of Object.keys(KEY_NAMES) as (keyof NtlmKeys)[]) {
    const v = ctx.keys[k];
    if (v) out.push({ name: `${KEY_NAMES[k]} [${ctx.keyTag ?? 'untagged'}]`, key: v, principal: ctx.user ? `${ctx.domain ? ctx.domain + '\\' : ''}${ctx.user}` : undefined });
  }
  return out;
}

export function keyYields(ctx: NtlmContext): PackageYield[] {
  return keyEntries(ctx).map((key) => ({ kind: 'key', key }));
}

/** ISC_RET_* for the client: what was asked for and what NTLM can give with the negotiated flags (never mutual authentication). */
export function clientAttributes(req: number, flags: number): number {
  let a = 0;
  const sign = has(flags, NTLMSSP.NEGOTIATE_SIGN);
  if (req & ISC_REQ.CONNECTION) a |= ISC_RET.CONNECTION;
  if (req & ISC_REQ.ALLOCATE_MEMORY) a |= ISC_RET.ALLOCATED_MEMORY;
  if (req & ISC_REQ.EXTENDED_ERROR) a |= ISC_RET.EXTENDED_ERROR;
  if (sign && req & ISC_REQ.INTEGRITY) a |= ISC_RET.INTEGRITY;
  if (sign && req & ISC_REQ.REPLAY_DETECT) a |= ISC_RET.REPLAY_DETECT;
  if (sign && req & ISC_REQ.SEQUENCE_DETECT) a |= ISC_RET.SEQUENCE_DETECT;
  if (has(flags, NTLMSSP.NEGOTIATE_SEAL) && req & ISC_REQ.CONFIDENTIALITY) a |= ISC_RET.CONFIDENTIALITY;
  if (has(flags, NTLMSSP.NEGOTIATE_IDENTIFY) && req & ISC_REQ.IDENTIFY) a |= ISC_RET.IDENTIFY;
  return a >>> 0;
}

export function serverAttributes(req: number, flags: number): number {
  let a = 0;
  const sign = has(flags, NTLMSSP.NEGOTIATE_SIGN);
  if (req & ASC_REQ.CONNECTION) a |= ASC_RET.CONNECTION;
  if (req & ASC_REQ.ALLOCATE_MEMORY) a |= ASC_RET.ALLOCATED_MEMORY;
  if (req & ASC_REQ.EXTENDED_ERROR) a |= ASC_RET.EXTENDED_ERROR;
  if (sign && req & ASC_REQ.INTEGRITY) a |= ASC_RET.INTEGRITY;
  if (sign && req & ASC_REQ.REPLAY_DETECT) a |= ASC_RET.REPLAY_DETECT;
  if (sign && req & ASC_REQ.SEQUENCE_DETECT) a |= ASC_RET.SEQUENCE_DETECT;
  if (has(flags, NTLMSSP.NEGOTIATE_SEAL) && req & ASC_REQ.CONFIDENTIALITY) a |= ASC_RET.CONFIDENTIALITY;
  return a >>> 0;
}
