// What a relay that tampers does to the AUTHENTICATE_MESSAGE it forwards: it clears NTLMSSP_NEGOTIATE_SIGN
// and NTLMSSP_NEGOTIATE_ALWAYS_SIGN in NegotiateFlags (MS-NLMP 2.2.1.3, offset 60), so that the target does not
// expect signing (the cross-protocol relay, e.g. SMB to LDAP; CVE-2019-1040 also removed the MIC). The flags are
// outside NTProofStr but inside the MIC (MS-NLMP 3.1.5.1.2), which the target recomputes.
import { readU32le } from '../../bytes';
import type { NodeRuntime } from '../nodes';
import type { Run } from '../run';

const SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00];
const SIGN = 0x00000010, ALWAYS_SIGN = 0x00008000;
const FLAGS_OFFSET = 60;

/** Where the NTLMSSP AUTHENTICATE_MESSAGE starts inside a token (raw, or inside a SPNEGO NegTokenResp), or -1. */
function authenticateAt(token: Uint8Array): number {
  for (let i = 0; i + 12 <= token.length; i++) {
    if (SIGNATURE.every((b, k) => token[i + k] === b) && readU32le(token, i + 8) === 3) return i;
  }
  return -1;
}

export interface Tampered { token: Uint8Array; before: number; after: number }

/** The token with the signing flags of its AUTHENTICATE_MESSAGE cleared, or null when it holds none. */
export function clearSigningFlags(token: Uint8Array): Tampered | null {
  const at = authenticateAt(token);
  if (at < 0 || at + FLAGS_OFFSET + 4 > token.length) return null;
  const before = readU32le(token, at + FLAGS_OFFSET);
  const after = (before & ~(SIGN | ALWAYS_SIGN)) >>> 0;
  const out = token.slice();
  new DataView(out.buffer, out.byteOffset).setUint32(at + FLAGS_OFFSET, after, true);
  return { token: out, before, after };
}

export const hex32 = (v: number): string => `0x${v.toString(16).padStart(8, '0')}`;

/** The target's refusal of a tampered AUTHENTICATE_MESSAGE, as a decision step. */
export function recordMicRefusal(run: Run, s: NodeRuntime, a: NodeRuntime): void {
  run.rec.decision({ node: s.spec.id, decision: 'Refuse the logon: the MIC does not match', condition: 'micMismatch', time: run.timeOf(s),
    because: 'MsvAvFlags (inside the NTLMv2 blob, which NTProofStr protects) says a MIC is present (bit 0x2), so the server must check it: HMAC_MD5(ExportedSessionKey, NEGOTIATE_MESSAGE || CHALLENGE_MESSAGE || AUTHENTICATE_MESSAGE with the MIC zeroed) differs from the MIC sent (MS-NLMP 3.2.5.1.2).',
    narration: `${s.trace.hostName} got the session key from the DC and recomputed the MIC over the three messages as it received them: the flags ${a.trace.hostName} cleared change the AUTHENTICATE_MESSAGE, so the MIC no longer matches: SEC_E_MESSAGE_ALTERED. ${a.trace.hostName} cannot fix the MIC (it needs the session key) nor remove it (MsvAvFlags announces it, inside the blob NTProofStr signs; removing both was CVE-2019-1040, "drop the MIC", patched in 2019).` });
}
