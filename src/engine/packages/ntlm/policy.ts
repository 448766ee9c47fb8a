// Local policy that shapes NTLM: LmCompatibilityLevel ("Network security: LAN Manager authentication
// level") and the challenge lifetime, read from the scenario parameters.
import type { PackageEnv } from '../../sspi/package';
import { ISC_REQ } from '../../sspi/flags';
import { NTLMSSP } from './messages/flags';

/**
 * LmCompatibilityLevel, as Microsoft documents the policy values:
 *  0 "Send LM & NTLM responses"                      → NTLM v1 with a real LM response; no extended session security requested
 *  1 "Send LM & NTLM — use NTLMv2 session security if negotiated" → NTLM v1, requests ESS (NTLM2 session response when the server agrees)
 *  2 "Send NTLM response only"                       → NTLM v1 (ESS if negotiated); the LM field carries a copy of the NT response
 *  3 "Send NTLMv2 response only"                     → NTLMv2 (the default since Windows Vista / Server 2008)
 *  4 "Send NTLMv2 response only. Refuse LM"          → as 3 on a client; a verifier refuses LM
 *  5 "Send NTLMv2 response only. Refuse LM & NTLM"   → as 3 on a client; a verifier (server, DC) refuses NTLM v1 responses
 */
export interface LmPolicy {
  level: number;
  response: 'NTLMv1' | 'NTLMv2';
  requestEss: boolean;
  /** NoLMResponseNTLMv1 (MS-NLMP 3.1.1.1): the LM response is a copy of the NT response. */
  noLmResponse: boolean;
  /** A verifier at this level refuses NTLM v1 responses. */
  refuseV1: boolean;
  text: string;
}

const TEXT = [
  'Send LM & NTLM responses',
  'Send LM & NTLM — use NTLMv2 session security if negotiated',
  'Send NTLM response only',
  'Send NTLMv2 response only',
  'Send NTLMv2 response only. Refuse LM',
  'Send NTLMv2 response only. Refuse LM & NTLM',
];

export function lmPolicy(env: PackageEnv): LmPolicy {
  const raw = Number(env.params.lmCompatibilityLevel ?? 3);
  const level = Number.isFinite(raw) ? Math.min(5, Math.max(0, Math.trunc(raw))) : 3;
  return {
    level,
    response: level <= 2 ? 'NTLMv1' : 'NTLMv2',
    requestEss: level >= 1,
    noLmResponse: level === 2,
    refuseV1: level >= 5,
    text: `LmCompatibilityLevel ${level}: "${TEXT[level]}"`,
  };
}

/**
 * How long a server accepts an answer to its challenge. Default 129,600 s (36 hours): the SDK's
 * MSV1_0_MAX_NTLM3_LIFE from Windows XP / Server 2003 on (it was 1800 s only on Windows 2000), the age
 * past which msv1_0 rejects an NTLMv2 response (MS-NLMP 3.1.1.1 calls the setting MaxLifetime).
 * Scenario parameter: ntlmChallengeLifetimeSeconds (a shorter window is then a stated assumption).
 */
export const DEFAULT_CHALLENGE_LIFETIME_SECONDS = 129_600;
export function challengeLifetimeSeconds(env: PackageEnv): number {
  const v = Number(env.params.ntlmChallengeLifetimeSeconds);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_CHALLENGE_LIFETIME_SECONDS;
}

/**
 * The NEGOTIATE_MESSAGE flags of a Windows client (0xe2088297 on Windows 10 at level 3, plus SEAL
 * when the application asks for confidentiality).
 */
export function clientNegotiateFlags(p: LmPolicy, isc: number): number {
  let f = NTLMSSP.NEGOTIATE_UNICODE | NTLMSSP.NEGOTIATE_OEM | NTLMSSP.REQUEST_TARGET | NTLMSSP.NEGOTIATE_SIGN | NTLMSSP.NEGOTIATE_LM_KEY
    | NTLMSSP.NEGOTIATE_NTLM | NTLMSSP.NEGOTIATE_ALWAYS_SIGN | NTLMSSP.NEGOTIATE_VERSION | NTLMSSP.NEGOTIATE_128 | NTLMSSP.NEGOTIATE_KEY_EXCH | NTLMSSP.NEGOTIATE_56;
  if (p.requestEss) f |= NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY;
  if (isc & ISC_REQ.CONFIDENTIALITY) f |= NTLMSSP.NEGOTIATE_SEAL;
  if (isc & ISC_REQ.IDENTIFY) f |= NTLMSSP.NEGOTIATE_IDENTIFY;
  return f >>> 0;
}

/** The server's answer to the client's flags (MS-NLMP 3.2.5.1.1): keep what both support, pick one charset and one v1 key scheme. */
export function serverChallengeFlags(client: number, joined: boolean): number {
  const echo = NTLMSSP.REQUEST_TARGET | NTLMSSP.NEGOTIATE_SIGN | NTLMSSP.NEGOTIATE_SEAL | NTLMSSP.NEGOTIATE_ALWAYS_SIGN | NTLMSSP.NEGOTIATE_IDENTIFY
    | NTLMSSP.NEGOTIATE_VERSION | NTLMSSP.NEGOTIATE_128 | NTLMSSP.NEGOTIATE_56 | NTLMSSP.NEGOTIATE_KEY_EXCH | NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY;
  let f = (client & echo) | NTLMSSP.NEGOTIATE_NTLM | NTLMSSP.NEGOTIATE_TARGET_INFO;
  if (client & NTLMSSP.NEGOTIATE_UNICODE) f |= NTLMSSP.NEGOTIATE_UNICODE; else f |= NTLMSSP.NEGOTIATE_OEM;
  // Extended session security and LM_KEY exclude each other; ESS wins (MS-NLMP 2.2.2.5 flag P/G).
  if (!(client & NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY) && (client & NTLMSSP.NEGOTIATE_LM_KEY)) f |= NTLMSSP.NEGOTIATE_LM_KEY;
  if (client & NTLMSSP.REQUEST_TARGET) f |= joined ? NTLMSSP.TARGET_TYPE_DOMAIN : NTLMSSP.TARGET_TYPE_SERVER;
  return f >>> 0;
}

/** The AUTHENTICATE_MESSAGE flags: what the server agreed to, within what the client asked for. */
export function clientAuthenticateFlags(challenge: number, requested: number): number {
  let f = (challenge & requested) | (challenge & NTLMSSP.NEGOTIATE_TARGET_INFO);
  if (f & NTLMSSP.NEGOTIATE_UNICODE) f &= ~NTLMSSP.NEGOTIATE_OEM;
  if (f & NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY) f &= ~NTLMSSP.NEGOTIATE_LM_KEY;
  return f >>> 0;
}
