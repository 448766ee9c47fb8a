// NegotiateFlags (MS-NLMP 2.2.2.5): the 32-bit feature mask every NTLMSSP message carries.
import { field, type Field } from '../../../encoding/fields';

export const NTLMSSP = {
  NEGOTIATE_UNICODE: 0x00000001,
  NEGOTIATE_OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  R10: 0x00000008,
  NEGOTIATE_SIGN: 0x00000010,
  NEGOTIATE_SEAL: 0x00000020,
  NEGOTIATE_DATAGRAM: 0x00000040,
  NEGOTIATE_LM_KEY: 0x00000080,
  R9: 0x00000100,
  NEGOTIATE_NTLM: 0x00000200,
  R8: 0x00000400,
  NEGOTIATE_ANONYMOUS: 0x00000800,
  NEGOTIATE_OEM_DOMAIN_SUPPLIED: 0x00001000,
  NEGOTIATE_OEM_WORKSTATION_SUPPLIED: 0x00002000,
  R7: 0x00004000,
  NEGOTIATE_ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  TARGET_TYPE_SERVER: 0x00020000,
  R6: 0x00040000,
  NEGOTIATE_EXTENDED_SESSIONSECURITY: 0x00080000,
  NEGOTIATE_IDENTIFY: 0x00100000,
  R5: 0x00200000,
  REQUEST_NON_NT_SESSION_KEY: 0x00400000,
  NEGOTIATE_TARGET_INFO: 0x00800000,
  R4: 0x01000000,
  NEGOTIATE_VERSION: 0x02000000,
  R3: 0x04000000,
  R2: 0x08000000,
  R1: 0x10000000,
  NEGOTIATE_128: 0x20000000,
  NEGOTIATE_KEY_EXCH: 0x40000000,
  NEGOTIATE_56: 0x80000000,
} as const;

export type NtlmFlagName = keyof typeof NTLMSSP;

/** What each flag means, one line each. */
const MEANING: Record<NtlmFlagName, string> = {
  NEGOTIATE_UNICODE: 'strings in the payload are UTF-16LE',
  NEGOTIATE_OEM: 'strings may be in the OEM (8-bit) code page',
  REQUEST_TARGET: 'the client asks the server to send its name (TargetName)',
  R10: 'reserved bit r10, must be zero',
  NEGOTIATE_SIGN: 'messages after authentication can be signed (integrity)',
  NEGOTIATE_SEAL: 'messages after authentication can be encrypted (confidentiality)',
  NEGOTIATE_DATAGRAM: 'connectionless NTLM (each message stands alone)',
  NEGOTIATE_LM_KEY: 'derive the key-exchange key from the LM hash (old; loses to extended session security)',
  R9: 'reserved bit r9, must be zero',
  NEGOTIATE_NTLM: 'NTLM v1 session security is supported',
  R8: 'reserved bit r8, must be zero',
  NEGOTIATE_ANONYMOUS: 'the client logs on anonymously (null session)',
  NEGOTIATE_OEM_DOMAIN_SUPPLIED: 'the NEGOTIATE_MESSAGE carries the client domain name',
  NEGOTIATE_OEM_WORKSTATION_SUPPLIED: 'the NEGOTIATE_MESSAGE carries the client workstation name',
  R7: 'reserved bit r7, must be zero',
  NEGOTIATE_ALWAYS_SIGN: 'a signature block is present on every message, even a dummy one',
  TARGET_TYPE_DOMAIN: 'TargetName is a domain name',
  TARGET_TYPE_SERVER: 'TargetName is a server (computer) name',
  R6: 'reserved bit r6, must be zero',
  NEGOTIATE_EXTENDED_SESSIONSECURITY: 'extended session security (NTLM2 session security: HMAC-MD5 signing, per-direction keys)',
  NEGOTIATE_IDENTIFY: 'the server may only identify the client (identify-level token), not impersonate it',
  R5: 'reserved bit r5, must be zero',
  REQUEST_NON_NT_SESSION_KEY: 'use the LM hash for the session key instead of the NT hash (old)',
  NEGOTIATE_TARGET_INFO: 'the CHALLENGE_MESSAGE carries TargetInfo (AV pairs)',
  R4: 'reserved bit r4, must be zero',
  NEGOTIATE_VERSION: 'the message carries the 8-byte Version structure (for debugging only)',
  R3: 'reserved bit r3, must be zero',
  R2: 'reserved bit r2, must be zero',
  R1: 'reserved bit r1, must be zero',
  NEGOTIATE_128: '128-bit session key strength',
  NEGOTIATE_KEY_EXCH: 'the client sends a random session key, encrypted (EncryptedRandomSessionKey)',
  NEGOTIATE_56: '56-bit session key strength',
};

/** The full symbolic name as the spec writes it (NTLMSSP_NEGOTIATE_UNICODE, NTLM_NEGOTIATE_OEM...). */
export function fullFlagName(n: NtlmFlagName): string {
  if (n === 'NEGOTIATE_OEM') return 'NTLM_NEGOTIATE_OEM';
  if (/^R\d+$/.test(n)) return n.toLowerCase();
  return 'NTLMSSP_' + n;
}

export function flagNamesOf(flags: number): string[] {
  return (Object.keys(NTLMSSP) as NtlmFlagName[]).filter((k) => (flags & NTLMSSP[k]) !== 0).map(fullFlagName);
}

export const has = (flags: number, f: number): boolean => (flags & f) !== 0;

/** The NegotiateFlags field with one child per bit that is set. */
export function flagsField(flags: number, start: number, whose: string): Field {
  const set = (Object.keys(NTLMSSP) as NtlmFlagName[]).filter((k) => (flags & NTLMSSP[k]) !== 0);
  const hexv = '0x' + (flags >>> 0).toString(16).padStart(8, '0');
  const f = field('NegotiateFlags', start, start + 4, `${whose}: a bit mask of the features asked for or agreed (${set.length} bits set); read little-endian.`, `${hexv} ${set.map(fullFlagName).join(' | ')}`, 'MS-NLMP 2.2.2.5');
  // The bits are shown as children that all span the same 4 bytes; the leaves still cover them.
  f.children = set.length
    ? set.map((k) => field(fullFlagName(k), start, start + 4, MEANING[k], '0x' + NTLMSSP[k].toString(16).padStart(8, '0'), 'MS-NLMP 2.2.2.5'))
    : undefined;
  return f;
}
