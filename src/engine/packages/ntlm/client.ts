// The client side (InitializeSecurityContext): NEGOTIATE_MESSAGE first, then the AUTHENTICATE_MESSAGE
// answering the server's CHALLENGE_MESSAGE (MS-NLMP 3.1.5.1).
import { DecodeError, concat } from '../../bytes';
import type { Credential, PackageCall, PackageEnv, RequestFlags } from '../../sspi/package';
import { status } from '../../sspi/status';
import * as C from './crypto';
import { NTLMSSP, has } from './messages/flags';
import { buildNegotiate } from './messages/negotiate';
import { parseChallenge } from './messages/challenge';
import { buildAuthenticate, withMic } from './messages/authenticate';
import { AV, AV_FLAG, buildAvPairs, clientAvPairs, findAv } from './messages/avPairs';
import { messageType, MESSAGE_NAME } from './messages/common';
import { WINDOWS_2016 } from './messages/version';
import { clientAttributes, keyTagOf, keyYields } from './keys';
import { clientAuthenticateFlags, clientNegotiateFlags, lmPolicy } from './policy';
import { fail, refuse } from './results';
import { newContext, type NtlmContext } from './state';
import { directionsFor } from './protect';

type Call = PackageCall<NtlmContext>;

/** MsvAvTargetName for the target the application named: the SPN as given, or HOST/<name> for a bare host or address. */
export const targetSpn = (target: string): string => (target.includes('/') ? target : `HOST/${target}`);

export function* initialize(env: PackageEnv, cred: Credential, ctx: NtlmContext | null, input: Uint8Array | null, req: RequestFlags): Call {
  const c = ctx ?? newContext('client');
  try {
    if (c.role !== 'client') return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'This context belongs to a server (AcceptSecurityContext).');
    if (c.state === 'initial') {
      if (input && input.length) return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'The first InitializeSecurityContext call takes no input token: the client speaks first.');
      return yield* negotiate(env, cred, c, req);
    }
    if (c.state === 'negotiate-sent') {
      if (!input || !input.length) return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'The client has sent its NEGOTIATE_MESSAGE and waits for the server\'s CHALLENGE_MESSAGE.');
      let t: number;
      try { t = messageType(input); } catch (e) { return fail(c, 'SEC_E_INVALID_TOKEN', `The server's token is not an NTLM message: ${(e as Error).message}`); }
      if (t !== 2) return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', `The client waits for a CHALLENGE_MESSAGE but got a ${MESSAGE_NAME[t]}.`);
      return yield* authenticate(env, cred, c, input, req);
    }
    return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', `InitializeSecurityContext was called on a context that is ${c.state}.`);
  } catch (e) {
    if (e instanceof DecodeError) return fail(c, 'SEC_E_INVALID_TOKEN', `The server's CHALLENGE_MESSAGE is malformed: ${e.message}`);
    return fail(c, 'SEC_E_INTERNAL_ERROR', `NTLM client error: ${(e as Error).message}`);
  }
}

function* negotiate(env: PackageEnv, cred: Credential, c: NtlmContext, req: RequestFlags): Call {
  if (!cred.identity) return fail(c, 'SEC_E_NO_CREDENTIALS', 'The credentials handle has no user name and password to answer a challenge with.');
  // "Restrict NTLM: Outgoing NTLM traffic to remote servers" is enforced by the NTLM package itself: an application
  // that calls NTLM directly (a browser answering "WWW-Authenticate: NTLM") is refused too, not only Negotiate's fallback.
  if (env.params.restrictNtlm === 'deny') {
    yield { kind: 'decision', decision: 'NTLM blocked by policy → authentication fails', condition: 'restrictNtlmDeny', because: 'The policy "Restrict NTLM: Outgoing NTLM traffic to remote servers" is set to Deny all: the NTLM package refuses to start an outgoing authentication.' };
    return fail(c, 'SEC_E_LOGON_DENIED', 'NTLM authentication is blocked by the Restrict NTLM policy.', 'STATUS_NTLM_BLOCKED');
  }
  const policy = lmPolicy(env);
  const flags = clientNegotiateFlags(policy, req.flags);
  yield { kind: 'note', anchor: 'ntlm-lmcompat', text: `${policy.text}: the client will answer with ${policy.response === 'NTLMv2' ? 'an NTLMv2 response' : policy.requestEss ? 'an NTLM v1 response (NTLM2 session response if the server agrees to extended session security)' : 'LM and NTLM v1 responses'}.` };
  const token = buildNegotiate({ flags, domain: '', workstation: '', version: WINDOWS_2016 }, { emptyOffset: 'zero' });
  const next: NtlmContext = { ...c, state: 'negotiate-sent', flags, negotiate: token, target: req.target ?? null, attributes: clientAttributes(req.flags, flags) };
  return { ctx: next, status: status('SEC_I_CONTINUE_NEEDED'), output: token, attributes: next.attributes };
}

function* authenticate(env: PackageEnv, cred: Credential, c: NtlmContext, input: Uint8Array, req: RequestFlags): Call {
  const id = cred.identity;
  if (!id) return fail(c, 'SEC_E_NO_CREDENTIALS', 'No credentials to answer the challenge with.');
  const ch = parseChallenge(input).msg;
  const policy = lmPolicy(env);
  const flags = clientAuthenticateFlags(ch.flags, c.flags);
  const sc = ch.serverChallenge;
  const ntHash = C.ntowfv1(id.password);
  const lmowf = C.lmowfv1(id.password);
  const clientChallenge = env.rng.bytes(8);
  const timestampPair = findAv(ch.targetInfo, AV.MsvAvTimestamp);
  let lm: Uint8Array, nt: Uint8Array, sessionBaseKey: Uint8Array, v2 = false;
  let kind: NtlmContext['responseKind'];
  if (policy.response === 'NTLMv2') {
    v2 = true;
    kind = 'NTLMv2';
    const key = C.ntowfv2FromHash(ntHash, id.user, id.domain);
    const cb = req.channelBindings ? C.channelBindingsHash(C.channelBindingsStruct(req.channelBindings)) : new Uint8Array(16);
    const singleHost = concat(new Uint8Array([0x30, 0, 0, 0]), new Uint8Array(4), new Uint8Array(8), env.rng.bytes(32));
    const pairs = clientAvPairs(ch.targetInfo ?? [], {
      flags: timestampPair ? AV_FLAG.MIC_PRESENT : undefined,
      singleHost,
      channelBindings: cb,
      targetName: req.target ? targetSpn(req.target) : undefined,
    });
    const time = timestampPair ? timestampPair.value : C.filetime(env.now());
    const temp = C.ntlmv2Temp(time, clientChallenge, buildAvPairs(pairs));
    const r = C.computeResponseV2(key, sc, clientChallenge, temp);
    nt = r.nt;
    // With a server timestamp Windows sends 24 zero bytes instead of the LMv2 response (MS-NLMP 3.1.5.1.2 <54>).
    lm = timestampPair ? new Uint8Array(24) : r.lm;
    sessionBaseKey = r.sessionBaseKey;
    if (req.channelBindings) yield { kind: 'note', anchor: 'ntlm-channel-binding', text: 'The client puts MD5 of the TLS channel binding in MsvAvChannelBindings, inside the NTLMv2 blob that NTProofStr protects: a relay on another TLS channel would not match.' };
  } else {
    const r = C.computeResponseV1(flags, ntHash, lmowf, sc, clientChallenge, policy.noLmResponse);
    nt = r.nt; lm = r.lm; sessionBaseKey = r.sessionBaseKey;
    kind = has(flags, NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY) ? 'NTLMv1-ESS' : 'NTLMv1';
  }
  const kx = C.kxkey(flags, sessionBaseKey, lmowf, lm, sc, v2).key;
  let exported = kx;
  let esk: Uint8Array = new Uint8Array(0);
  if (C.usesKeyExchange(flags)) { exported = env.rng.bytes(16); esk = C.encryptSessionKey(kx, exported); }
  const withMicField = v2 && !!timestampPair;
  const msg = { flags, lmChallengeResponse: lm, ntChallengeResponse: nt, domain: id.domain, user: id.user, workstation: env.computerName, encryptedRandomSessionKey: esk, version: WINDOWS_2016, mic: withMicField ? new Uint8Array(16) : null };
  let token = buildAuthenticate(msg);
  if (withMicField) token = withMic(token, C.computeMic(exported, c.negotiate ?? new Uint8Array(0), input, token));
  const dirs = directionsFor('client', flags, exported);
  const next: NtlmContext = {
    ...c, state: 'established', flags, challenge: input, authenticate: token, serverChallenge: sc,
    user: id.user, domain: id.domain, workstation: env.computerName, responseKind: kind, keyTag: keyTagOf(nt),
    keys: { sessionBaseKey, keyExchangeKey: kx, exportedSessionKey: exported, ...dirs.keys },
    send: dirs.send, recv: dirs.recv, attributes: clientAttributes(req.flags, flags),
  };
  for (const y of keyYields(next)) yield y;
  return { ctx: next, status: status('SEC_E_OK'), output: token, attributes: next.attributes };
}
