// Checking a challenge response against a password, as the server does for a local account and
// the DC does for a domain account (MS-NLMP 3.2.5.1.2, MS-APDS 3.1.5). One function for both.
import { concat, equal } from '../../bytes';
import { md4 } from '../../crypto/md4';
import * as C from './crypto';
import type { Ntlmv2Blob, ResponseKind } from './messages/ntlmResponse';

export interface ResponseToCheck {
  user: string;
  domain: string;
  kind: ResponseKind;
  nt: Uint8Array;
  lm: Uint8Array;
  ntlmv2: Ntlmv2Blob | null;
  serverChallenge: Uint8Array;
}

export interface CheckResult {
  ok: boolean;
  /** The SessionBaseKey (the UserSessionKey the DC returns). */
  sessionBaseKey?: Uint8Array;
  /** LMOWFv1[0..7] (the LMSessionKey the DC returns), for the v1 LM_KEY / NON_NT_SESSION_KEY variants. */
  lmSessionKey?: Uint8Array;
  /** How the response was checked, in words. */
  how: string;
}

/**
 * Recompute the expected response from the password and compare. `refuseV1` models
 * LmCompatibilityLevel 5 on the verifier ("refuse LM and NTLM").
 */
export function checkResponse(r: ResponseToCheck, password: string, refuseV1 = false): CheckResult {
  const ntHash = C.ntowfv1(password);
  const lmowf = C.lmowfv1(password);
  if (r.kind === 'NTLMv2' && r.ntlmv2) {
    // MS-NLMP 3.2.5.1.2: servers SHOULD also accept a response computed with an empty UserDom.
    for (const dom of r.domain ? [r.domain, ''] : ['']) {
      const key = C.ntowfv2FromHash(ntHash, r.user, dom);
      const proof = C.hmacMd5(key, concat(r.serverChallenge, r.ntlmv2.temp));
      if (equal(proof, r.ntlmv2.ntProofStr)) {
        return { ok: true, sessionBaseKey: C.hmacMd5(key, proof), lmSessionKey: lmowf.slice(0, 8), how: `NTProofStr recomputed with NTOWFv2(password, "${r.user.toUpperCase()}", "${dom}") matches` };
      }
    }
    return { ok: false, how: 'NTProofStr recomputed from the stored password does not match' };
  }
  if (r.kind === 'NTLMv1' || r.kind === 'NTLMv1-ESS') {
    if (refuseV1) return { ok: false, how: 'NTLM v1 responses are refused (LmCompatibilityLevel 5)' };
    const sessionBaseKey = md4(ntHash);
    if (r.kind === 'NTLMv1-ESS') {
      const expect = C.desl(ntHash, C.md5(concat(r.serverChallenge, r.lm.slice(0, 8))).slice(0, 8));
      return equal(expect, r.nt)
        ? { ok: true, sessionBaseKey, lmSessionKey: lmowf.slice(0, 8), how: 'NTLM2 session response DESL(NTOWFv1, MD5(ServerChallenge||ClientChallenge)[0..7]) matches' }
        : { ok: false, how: 'the NTLM2 session response does not match' };
    }
    if (equal(C.desl(ntHash, r.serverChallenge), r.nt)) return { ok: true, sessionBaseKey, lmSessionKey: lmowf.slice(0, 8), how: 'NTLM v1 response DESL(NTOWFv1, ServerChallenge) matches' };
    return { ok: false, how: 'the NTLM v1 response does not match' };
  }
  return { ok: false, how: 'no NT response to check (anonymous)' };
}
