// NTLM pass-through (MS-APDS 3.1.5, MS-NRPC 3.5.4.5.1 NetrLogonSamLogonWithFlags): a member server
// cannot check a domain account's response (it does not know the password), so it sends the
// challenge and the responses to a DC, which recomputes them and returns the session key.
// The leg is shown as a summary (structured data, no bytes).
import { fromHex, hex } from '../../bytes';
import { field, type Field } from '../../encoding/fields';
import type { TraceError } from '../../trace';
import type { LocalAccount } from '../../sspi/package';
import { NTSTATUS } from '../../sspi/status';
import { checkResponse } from './verify';
import { NTLMSSP, has } from './messages/flags';
import { responseKind, parseNtlmv2Response } from './messages/ntlmResponse';

/** What the member server sends (the NETLOGON_NETWORK_INFO of NetrLogonSamLogonWithFlags, as data). */
export interface NetlogonRequestPayload {
  logonLevel: 'NetlogonNetworkTransitiveInformation';
  /** The domain name as the client typed it (may be empty for a UPN). */
  logonDomainName: string;
  userName: string;
  workstation: string;
  /** The member server that passes the logon through. */
  server: string;
  /** The 8-byte ServerChallenge the member server issued, hex ("LmChallenge" in MS-NRPC). */
  serverChallenge: string;
  ntChallengeResponse: string;
  lmChallengeResponse: string;
  /** The NegotiateFlags of the AUTHENTICATE_MESSAGE (tells an NTLM2 session response apart). */
  negotiateFlags: number;
  /** MSV1_0 ParameterControl: allow workstation/server trust accounts, etc. */
  parameterControl: number;
}

export type NetlogonStatus = 'STATUS_SUCCESS' | 'STATUS_LOGON_FAILURE' | 'STATUS_NO_SUCH_USER';

/** What the DC answers (the NETLOGON_VALIDATION_SAM_INFO4 parts that matter here). */
export interface NetlogonReplyPayload {
  status: NetlogonStatus;
  statusCode: number;
  /** The SessionBaseKey, hex: the only way a member server learns the session key. */
  userSessionKey?: string;
  /** LMOWFv1[0..7], hex (used only by NTLM v1 key variants). */
  lmSessionKey?: string;
  userName?: string;
  logonDomainName?: string;
  userRid?: number;
  responseType?: string;
  /** In words, what the DC did. */
  text: string;
}

/** MSV1_0_ALLOW_SERVER_TRUST_ACCOUNT | MSV1_0_ALLOW_WORKSTATION_TRUST_ACCOUNT, as Windows servers send. */
export const PARAMETER_CONTROL = 0x00000820;

export function isNetlogonRequest(p: unknown): p is NetlogonRequestPayload {
  const x = p as Partial<NetlogonRequestPayload> | null;
  return !!x && typeof x === 'object' && typeof x.userName === 'string' && typeof x.serverChallenge === 'string' && typeof x.ntChallengeResponse === 'string';
}

/**
 * The DC side: find the account, recompute the response from its password and return the status
 * and the session base key. `domain` is the DC's domain (NetBIOS name, or both names).
 */
export function netlogonValidate(payload: unknown, dcAccounts: LocalAccount[], domain: string | { netbiosName: string; dnsName: string }): NetlogonReplyPayload {
  const fail = (status: NetlogonStatus, text: string): NetlogonReplyPayload => ({ status, statusCode: NTSTATUS[status], text });
  if (!isNetlogonRequest(payload)) return fail('STATUS_LOGON_FAILURE', 'The request is not a network logon.');
  const names = typeof domain === 'string' ? [domain] : [domain.netbiosName, domain.dnsName];
  let user = payload.userName;
  let dom = payload.logonDomainName;
  if (!dom && user.includes('@')) { dom = user.slice(user.lastIndexOf('@') + 1); user = user.slice(0, user.lastIndexOf('@')); }
  if (dom && !names.some((n) => n.toLowerCase() === dom.toLowerCase())) {
    return fail('STATUS_NO_SUCH_USER', `The domain "${dom}" is not this DC's domain (${names.join(' / ')}).`);
  }
  const account = dcAccounts.find((a) => a.user.toLowerCase() === user.toLowerCase());
  if (!account) return fail('STATUS_NO_SUCH_USER', `The directory has no user "${user}".`);
  let nt: Uint8Array, lm: Uint8Array, sc: Uint8Array;
  try { nt = fromHex(payload.ntChallengeResponse); lm = fromHex(payload.lmChallengeResponse); sc = fromHex(payload.serverChallenge); } catch {
    return fail('STATUS_LOGON_FAILURE', 'The responses are not valid hex.');
  }
  const kind = responseKind(nt.length, lm, has(payload.negotiateFlags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY));
  let ntlmv2 = null;
  if (kind === 'NTLMv2') {
    try { ntlmv2 = parseNtlmv2Response(nt, 0, nt.length).blob; } catch { return fail('STATUS_LOGON_FAILURE', 'The NTLMv2 response is malformed.'); }
  }
  const r = checkResponse({ user: payload.userName, domain: payload.logonDomainName, kind, nt, lm, ntlmv2, serverChallenge: sc }, account.password);
  if (!r.ok) return { ...fail('STATUS_LOGON_FAILURE', `The DC recomputed the response from ${account.user}'s password: ${r.how}.`), responseType: kind };
  return {
    status: 'STATUS_SUCCESS', statusCode: 0,
    userSessionKey: hex(r.sessionBaseKey!), lmSessionKey: hex(r.lmSessionKey!),
    userName: account.user, logonDomainName: names[0], userRid: account.rid, responseType: kind,
    text: `The DC checked the ${kind} response for ${names[0]}\\${account.user}: ${r.how}. It returns the session base key to the server.`,
  };
}

// The Netlogon leg is a summary (no bytes): its "fields" are the structured values, all at [0, 0).

const REF_NRPC = 'MS-NRPC 2.2.1.4.5';
const at0 = (name: string, value: string | number, explain: string, ref = REF_NRPC): Field => field(name, 0, 0, explain, value, ref);

/** Display fields of the pass-through request (NETLOGON_NETWORK_INFO, as data). */
export function netlogonRequestFields(p: NetlogonRequestPayload): Field[] {
  return [
    at0('LogonLevel', p.logonLevel, 'A network logon: the DC checks a challenge response, no password travels.', 'MS-NRPC 2.2.1.4.16'),
    at0('LogonDomainName', p.logonDomainName || '(empty)', 'The domain the client typed (empty with a user principal name).'),
    at0('UserName', p.userName, 'The account to check.'),
    at0('Workstation', p.workstation, 'The client computer.'),
    at0('ParameterControl', `0x${p.parameterControl.toString(16).padStart(8, '0')}`, 'MSV1_0 options the server passes (which account types may log on).'),
    at0('LmChallenge', p.serverChallenge, 'The 8-byte challenge the server sent to the client.'),
    at0('NtChallengeResponse', p.ntChallengeResponse, 'The client\'s NT response, as received.'),
    at0('LmChallengeResponse', p.lmChallengeResponse, 'The client\'s LM response, as received.'),
  ];
}

/** Display fields of the DC's answer (the NETLOGON_VALIDATION_SAM_INFO4 parts used here). */
export function netlogonReplyFields(r: NetlogonReplyPayload): Field[] {
  const out = [at0('Status', `${r.status} (0x${r.statusCode.toString(16).padStart(8, '0')})`, r.text, 'MS-APDS 3.1.5.2.1')];
  if (r.userSessionKey) out.push(at0('UserSessionKey', r.userSessionKey, 'The SessionBaseKey the DC computed from the password hash; the server needs it for the session keys and the MIC.', 'MS-NRPC 2.2.1.4.11'));
  if (r.lmSessionKey) out.push(at0('LMSessionKey', r.lmSessionKey, 'The first 8 bytes of the LM hash (used only by old NTLM v1 key schemes).', 'MS-NRPC 2.2.1.4.11'));
  if (r.userName) out.push(at0('EffectiveName', r.userName, 'The account the DC found.', 'MS-NRPC 2.2.1.4.11'));
  if (r.userRid !== undefined) out.push(at0('UserId', r.userRid, 'The account\'s relative identifier (RID).', 'MS-NRPC 2.2.1.4.11'));
  return out;
}

/** The trace error for a failed reply (undefined on success). */
export function netlogonError(r: NetlogonReplyPayload): TraceError | undefined {
  return r.status === 'STATUS_SUCCESS' ? undefined : { code: r.statusCode, name: r.status, text: r.text };
}
