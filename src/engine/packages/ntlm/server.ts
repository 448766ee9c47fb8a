// The server side (AcceptSecurityContext): CHALLENGE_MESSAGE for the client's NEGOTIATE_MESSAGE, then
// the check of the AUTHENTICATE_MESSAGE, by itself for a local account or through the DC (Netlogon)
// for a domain account, then the MIC (MS-NLMP 3.2.5.1).
import { DecodeError, equal, fromHex, hex } from '../../bytes';
import type { AuthorityReply, ContextResult, Credential, PackageCall, PackageEnv, RequestFlags } from '../../sspi/package';
import { status } from '../../sspi/status';
import * as C from './crypto';
import { NTLMSSP, has, flagNamesOf } from './messages/flags';
import { parseNegotiate } from './messages/negotiate';
import { buildChallenge } from './messages/challenge';
import { MIC_OFFSET, parseAuthenticate, withMic, type ParsedAuthenticate } from './messages/authenticate';
import { parseChallenge } from './messages/challenge';
import { AV, avString, findAv, type AvPair } from './messages/avPairs';
import { messageType, MESSAGE_NAME } from './messages/common';
import { WINDOWS_2016 } from './messages/version';
import { keyTagOf, keyYields, serverAttributes } from './keys';
import { DEFAULT_CHALLENGE_LIFETIME_SECONDS, challengeLifetimeSeconds, lmPolicy, serverChallengeFlags } from './policy';
import { fail, refuse } from './results';
import { newContext, type NtlmContext } from './state';
import { directionsFor } from './protect';
import { checkResponse } from './verify';
import { PARAMETER_CONTROL, type NetlogonReplyPayload, type NetlogonRequestPayload } from './netlogon';

type Call = PackageCall<NtlmContext>;

export function* accept(env: PackageEnv, _cred: Credential, ctx: NtlmContext | null, input: Uint8Array, req: RequestFlags): Call {
  const c = ctx ?? newContext('server');
  try {
    if (c.role !== 'server') return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'This context belongs to a client (InitializeSecurityContext).');
    let t: number;
    try { t = messageType(input); } catch (e) { return fail(c, 'SEC_E_INVALID_TOKEN', `The client's token is not an NTLM message: ${(e as Error).message}`); }
    if (c.state === 'initial') {
      if (t === 1) return challenge(env, c, input, req);
      if (t === 3) return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', 'An AUTHENTICATE_MESSAGE arrived before any challenge was issued on this context.');
      return fail(c, 'SEC_E_INVALID_TOKEN', 'A server never receives a CHALLENGE_MESSAGE.');
    }
    if (c.state === 'challenge-sent') {
      if (t !== 3) return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', `The server waits for the AUTHENTICATE_MESSAGE but got a ${MESSAGE_NAME[t]}.`);
      return yield* verify(env, c, input, req);
    }
    return refuse(c, 'SEC_E_OUT_OF_SEQUENCE', `AcceptSecurityContext was called on a context that is ${c.state}.`);
  } catch (e) {
    if (e instanceof DecodeError) return fail(c, 'SEC_E_INVALID_TOKEN', `The client's message is malformed: ${e.message}`);
    return fail(c, 'SEC_E_INTERNAL_ERROR', `NTLM server error: ${(e as Error).message}`);
  }
}

/** TargetInfo as a Windows server fills it: NetBIOS and DNS names, the forest when joined, and its clock. */
export function serverTargetInfo(env: PackageEnv): AvPair[] {
  const d = env.domain;
  const pairs = [
    avString(AV.MsvAvNbDomainName, d ? d.netbiosName : env.computerName),
    avString(AV.MsvAvNbComputerName, env.computerName),
    avString(AV.MsvAvDnsDomainName, d ? d.dnsName : env.dnsHostName),
    avString(AV.MsvAvDnsComputerName, env.dnsHostName),
  ];
  if (d) pairs.push(avString(AV.MsvAvDnsTreeName, d.dnsName));
  pairs.push({ id: AV.MsvAvTimestamp, value: C.filetime(env.now()) });
  return pairs;
}

function challenge(env: PackageEnv, c: NtlmContext, input: Uint8Array, req: RequestFlags): ContextResult<NtlmContext> {
  const neg = parseNegotiate(input).msg;
  const flags = serverChallengeFlags(neg.flags, env.domain !== null);
  const serverChallenge = env.rng.bytes(8);
  const token = buildChallenge({
    flags, targetName: env.domain ? env.domain.netbiosName : env.computerName, serverChallenge,
    targetInfo: serverTargetInfo(env), version: WINDOWS_2016,
  });
  const next: NtlmContext = { ...c, state: 'challenge-sent', flags, negotiate: input, challenge: token, serverChallenge, challengeIssuedAt: env.now().toISOString(), attributes: serverAttributes(req.flags, flags) };
  return { ctx: next, status: status('SEC_I_CONTINUE_NEEDED'), output: token, attributes: next.attributes };
}

type Where = { local: true } | { local: false };

/** Is the account local to this server, or one the domain must check? */
function whereIs(env: PackageEnv, user: string, domain: string): Where {
  if (!env.domain) return { local: true };
  if (domain && domain.toUpperCase() === env.computerName.toUpperCase()) return { local: true };
  if (!domain && !user.includes('@') && env.localAccounts.some((a) => a.user.toLowerCase() === user.toLowerCase())) return { local: true };
  return { local: false };
}

function* verify(env: PackageEnv, c: NtlmContext, input: Uint8Array, req: RequestFlags): Call {
  const p: ParsedAuthenticate = parseAuthenticate(input);
  const m = p.msg;
  const flags = m.flags;
  const sc = c.serverChallenge!;
  const base: NtlmContext = { ...c, authenticate: input, flags, user: m.user, domain: m.domain, workstation: m.workstation, responseKind: p.kind, keyTag: keyTagOf(m.ntChallengeResponse) };

  // A challenge is good for a limited time.
  const lifetime = challengeLifetimeSeconds(env);
  const age = (env.now().getTime() - Date.parse(c.challengeIssuedAt ?? env.now().toISOString())) / 1000;
  if (age > lifetime) {
    return fail(base, 'SEC_E_CONTEXT_EXPIRED', `The AUTHENTICATE_MESSAGE came ${Math.round(age)} s after the challenge; the server accepts answers for ${lifetime} s (${lifetime === DEFAULT_CHALLENGE_LIFETIME_SECONDS ? 'MSV1_0_MAX_NTLM3_LIFE, 36 hours since Windows XP / Server 2003' : 'a window set for this run, an assumption of the lab'}), so the challenge has expired.`);
  }
  if (p.kind === 'anonymous') {
    return fail(base, 'SEC_E_LOGON_DENIED', 'An anonymous (null session) logon: this server does not allow it.', 'STATUS_LOGON_FAILURE');
  }

  // A client that got a timestamp in the CHALLENGE_MESSAGE answers NTLMv2 with a MIC (MS-NLMP 3.1.5.1.2):
  // without one, nothing protects the flags and the CHALLENGE it read (its TargetInfo may have been cut).
  if (p.kind === 'NTLMv2' && !p.micAnnounced && c.challenge && findAv(parseChallenge(c.challenge).msg.targetInfo, AV.MsvAvTimestamp)) {
    return fail(base, 'SEC_E_MESSAGE_ALTERED', 'This server sent a timestamp in its CHALLENGE_MESSAGE, so the client must protect the three messages with a MIC; the AUTHENTICATE_MESSAGE announces none (MsvAvFlags): the messages may have been altered on the way.');
  }

  const policy = lmPolicy(env);
  let sessionBaseKey: Uint8Array;
  let lmSessionKey: Uint8Array = new Uint8Array(8);
  const where = whereIs(env, m.user, m.domain);
  if (where.local) {
    const name = m.user.includes('@') && !env.localAccounts.some((a) => a.user.toLowerCase() === m.user.toLowerCase()) ? m.user.slice(0, m.user.lastIndexOf('@')) : m.user;
    const acct = env.localAccounts.find((a) => a.user.toLowerCase() === name.toLowerCase());
    if (!acct) {
      yield { kind: 'note', anchor: 'ntlm-local-no-user', text: `${env.computerName} checks its own account database (SAM): there is no local user "${name}".` };
      return fail(base, 'SEC_E_LOGON_DENIED', `There is no local account "${name}" on ${env.computerName}.`, 'STATUS_NO_SUCH_USER');
    }
    const r = checkResponse({ user: m.user, domain: m.domain, kind: p.kind, nt: m.ntChallengeResponse, lm: m.lmChallengeResponse, ntlmv2: p.ntlmv2, serverChallenge: sc }, acct.password, policy.refuseV1);
    yield { kind: 'note', anchor: 'ntlm-local-check', text: `${env.computerName} checks a local account itself: it recomputes the ${p.kind} response from ${acct.user}'s stored hash: ${r.how}.` };
    if (!r.ok) return fail(base, 'SEC_E_LOGON_DENIED', `Wrong password for ${env.computerName}\\${acct.user}: ${r.how}.`, 'STATUS_LOGON_FAILURE');
    sessionBaseKey = r.sessionBaseKey!;
    lmSessionKey = r.lmSessionKey!;
  } else {
    const payload: NetlogonRequestPayload = {
      logonLevel: 'NetlogonNetworkTransitiveInformation', logonDomainName: m.domain, userName: m.user, workstation: m.workstation, server: env.computerName,
      serverChallenge: hex(sc), ntChallengeResponse: hex(m.ntChallengeResponse), lmChallengeResponse: hex(m.lmChallengeResponse), negotiateFlags: flags, parameterControl: PARAMETER_CONTROL,
    };
    const reply: AuthorityReply | undefined = yield { kind: 'request', to: 'dc', protocol: 'Netlogon', name: 'NetrLogonSamLogonWithFlags', transport: 'netlogon', token: new Uint8Array(0), payload };
    const rp = reply?.payload as Partial<NetlogonReplyPayload> | undefined;
    if (!rp || typeof rp.status !== 'string') {
      return fail(base, 'SEC_E_NO_AUTHENTICATING_AUTHORITY', `${env.computerName} cannot reach a domain controller to check ${m.domain ? m.domain + '\\' : ''}${m.user}.`, 'STATUS_NO_LOGON_SERVERS');
    }
    if (rp.status !== 'STATUS_SUCCESS') {
      const nt = rp.status === 'STATUS_NO_SUCH_USER' ? 'STATUS_NO_SUCH_USER' : 'STATUS_LOGON_FAILURE';
      return fail(base, 'SEC_E_LOGON_DENIED', rp.text ?? `The domain controller answered ${rp.status}.`, nt);
    }
    if (!rp.userSessionKey) return fail(base, 'SEC_E_INTERNAL_ERROR', 'The domain controller returned no session key.');
    sessionBaseKey = fromHex(rp.userSessionKey);
    if (rp.lmSessionKey) lmSessionKey = fromHex(rp.lmSessionKey);
  }

  // KXKEY, then the exported session key (MS-NLMP 3.2.5.1.2).
  const lmowfPart = new Uint8Array(16);
  lmowfPart.set(lmSessionKey.slice(0, 8));
  const kx = C.kxkey(flags, sessionBaseKey, lmowfPart, m.lmChallengeResponse, sc, p.kind === 'NTLMv2').key;
  const exported = C.usesKeyExchange(flags) && m.encryptedRandomSessionKey.length === 16 ? C.decryptSessionKey(kx, m.encryptedRandomSessionKey) : kx;

  // The MIC is checked whenever the client announced it (MsvAvFlags, inside the blob NTProofStr protects),
  // whatever the payload offsets say: a MIC "dropped" by a relay is a MIC that does not match (CVE-2019-1040).
  if (p.micAnnounced) {
    if (input.length < MIC_OFFSET + 16) return fail(base, 'SEC_E_INVALID_TOKEN', 'MsvAvFlags announces a MIC, but the AUTHENTICATE_MESSAGE is too short to hold one.');
    const expect = C.computeMic(exported, c.negotiate ?? new Uint8Array(0), c.challenge ?? new Uint8Array(0), withMic(input, new Uint8Array(16)));
    if (!equal(expect, input.subarray(MIC_OFFSET, MIC_OFFSET + 16))) {
      return fail(base, 'SEC_E_MESSAGE_ALTERED', 'The MIC does not match: one of the three NTLM messages was changed on the way (or the session key is wrong).');
    }
    yield { kind: 'note', anchor: 'ntlm-mic-ok', text: 'The server recomputes the MIC over NEGOTIATE, CHALLENGE and AUTHENTICATE with the exported session key: it matches, so no message was altered.' };
  }

  // Channel binding (MS-NLMP 3.2.5.1.2): the application gave its own channel's bindings. A hash that does not
  // match is refused; a missing or all-zero one only when the application requires it (ApplicationRequiresCBT,
  // e.g. IIS Extended Protection "Required").
  if (req.channelBindings) {
    const sent = p.ntlmv2 ? findAv(p.ntlmv2.avPairs, AV.MsvAvChannelBindings) : undefined;
    const expected = C.channelBindingsHash(C.channelBindingsStruct(req.channelBindings));
    const given = !!sent && sent.value.some((x) => x !== 0);
    if (given && !equal(sent!.value, expected)) {
      return fail(base, 'SEC_E_BAD_BINDINGS', 'MsvAvChannelBindings in the NTLMv2 blob is not the hash of this TLS channel\'s bindings: the answer was made for another channel (a relay).');
    }
    if (!given && req.channelBindingsRequired) {
      return fail(base, 'SEC_E_BAD_BINDINGS', 'The AUTHENTICATE_MESSAGE carries no channel binding (MsvAvChannelBindings absent or all zero) and the application requires one.');
    }
    yield { kind: 'note', anchor: given ? 'ntlm-channel-binding-ok' : 'ntlm-channel-binding-absent', text: given
      ? `The server hashes its own channel's bindings (MD5 of gss_channel_bindings_struct): ${hex(expected)}, the same as MsvAvChannelBindings. The answer was made for this TLS channel.`
      : 'The client sent no channel binding (all zero) and the application does not require one: accepted without the check.' };
  }

  const dirs = directionsFor('server', flags, exported);
  const next: NtlmContext = {
    ...base, state: 'established', keys: { sessionBaseKey, keyExchangeKey: kx, exportedSessionKey: exported, ...dirs.keys },
    send: dirs.send, recv: dirs.recv, attributes: serverAttributes(req.flags, flags),
  };
  for (const y of keyYields(next)) yield y;
  if (!has(flags, NTLMSSP.NEGOTIATE_SIGN) && !has(flags, NTLMSSP.NEGOTIATE_SEAL)) {
    yield { kind: 'note', anchor: 'ntlm-no-sign', text: `Neither signing nor sealing was negotiated (${flagNamesOf(flags).length} flags): the session key is derived but protects no message.` };
  }
  return { ctx: next, status: status('SEC_E_OK'), output: null, attributes: next.attributes };
}
