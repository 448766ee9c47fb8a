// The client's AP exchange inside GSS-API (RFC 4121 §4.1): the AP-REQ with an authenticator holding
// the 0x8003 checksum (context flags, channel-binding hash), a subkey and a sequence number; then,
// for mutual authentication, the AP-REP that proves the server read it.
import type { CachedTicket, PackageEnv, RequestFlags } from '../../../sspi/package';
import { ISC_REQ, ISC_RET } from '../../../sspi/flags';
import {
  AD, GSS_CHECKSUM_TYPE, GSS_FLAGS, KEY_USAGE, NAME_TYPE, adIfRelevant, bit, buildApReq, buildAuthenticator, buildGssChecksum, channelBindingHash,
  parseEncApRepPart, wrapApReq, type ApRep, type AuthorizationData,
} from '../messages';
import { explicit, integer, octetString, seq, seqOf } from '../../../encoding/der';
import { u32le, utf16le } from '../../../bytes';
import { open, random31, randomKey, seal } from '../keys';
import type { KerberosContext } from '../state';
import { clientEtypes, clientNow } from './common';

/** The machine ID of KERB-AD-RESTRICTION-ENTRY: random per machine boot, kept in the logon session here. */
function machineId(env: PackageEnv): Uint8Array {
  let id = env.logonSession.data['kerberos.machineId'] as Uint8Array | undefined;
  if (!id) { id = env.rng.bytes(32); env.logonSession.data['kerberos.machineId'] = id; }
  return id;
}
import { etypeName } from '../../../crypto/kerberos';

/** ISC_REQ_* bits → GSS flags of the 0x8003 checksum. */
export function gssFlagsOf(flags: number): number {
  let g = 0;
  if (flags & ISC_REQ.MUTUAL_AUTH) g |= GSS_FLAGS.MUTUAL;
  if (flags & ISC_REQ.REPLAY_DETECT) g |= GSS_FLAGS.REPLAY;
  if (flags & ISC_REQ.SEQUENCE_DETECT) g |= GSS_FLAGS.SEQUENCE;
  if (flags & ISC_REQ.CONFIDENTIALITY) g |= GSS_FLAGS.CONF;
  if (flags & (ISC_REQ.INTEGRITY | ISC_REQ.CONFIDENTIALITY)) g |= GSS_FLAGS.INTEG;
  if (flags & ISC_REQ.USE_DCE_STYLE) g |= GSS_FLAGS.DCE_STYLE;
  if (flags & ISC_REQ.IDENTIFY) g |= GSS_FLAGS.IDENTIFY;
  if (flags & ISC_REQ.EXTENDED_ERROR) g |= GSS_FLAGS.EXTENDED_ERROR;
  return g;
}

/** The ISC_RET_* bits a Kerberos context grants for the requested ISC_REQ_* bits. */
export function retFlagsOf(flags: number): number {
  const keep = ISC_RET.MUTUAL_AUTH | ISC_RET.REPLAY_DETECT | ISC_RET.SEQUENCE_DETECT | ISC_RET.CONFIDENTIALITY | ISC_RET.CONNECTION | ISC_RET.INTEGRITY | ISC_RET.EXTENDED_ERROR;
  return (flags & keep) >>> 0;
}

/**
 * The authorization data a Windows client puts in its AP-REQ authenticator, inside AD-IF-RELEVANT
 * (MS-KILE 3.2.5.8, 2.2.5-2.2.9): the etypes it supports (AD-ETYPE-NEGOTIATION, RFC 4537), its
 * token restrictions (medium integrity, full token, a machine ID), KERB_AP_OPTIONS_CBT (it supports
 * channel binding) and the target name it asked for.
 */
export function windowsAuthenticatorAd(target: string, machineId: Uint8Array, etypes: number[] = [18, 17, 23]): AuthorizationData {
  const restriction = new Uint8Array(40);
  restriction.set(u32le(0), 0); // Flags: a full (not UAC-filtered) token
  restriction.set(u32le(0x2000), 4); // TokenIL: medium
  restriction.set(machineId.subarray(0, 32), 8);
  return [adIfRelevant([
    { adType: AD.ETYPE_NEGOTIATION, adData: seqOf(etypes.map((e) => integer(e))) },
    { adType: AD.RESTRICTION_ENTRY, adData: seqOf([seq(explicit(0, integer(0)), explicit(1, octetString(restriction)))]) },
    { adType: AD.AP_OPTIONS, adData: u32le(0x4000) },
    { adType: AD.TARGET_PRINCIPAL, adData: utf16le(target) },
  ])];
}

/** Build the GSS-framed AP-REQ for a service ticket and the context that awaits its AP-REP. */
export function buildClientApReq(env: PackageEnv, st: CachedTicket, req: RequestFlags): { token: Uint8Array; ctx: KerberosContext; subkeyName: string; subkey: Uint8Array } {
  const etype = st.etype;
  const subkey = randomKey(etype, env.rng);
  const seq = random31(env.rng);
  const gssFlags = gssFlagsOf(req.flags);
  const mutual = (req.flags & ISC_REQ.MUTUAL_AUTH) !== 0;
  const now = clientNow(env);
  const [cnameText, crealm] = st.client.split('@');
  const authenticator = buildAuthenticator({
    authenticatorVno: 5, crealm: crealm ?? st.realm, cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: cnameText.split('/') },
    cksum: { cksumtype: GSS_CHECKSUM_TYPE, checksum: buildGssChecksum({ bnd: channelBindingHash(req.channelBindings), flags: gssFlags }) },
    cusec: now.usec, ctime: now.time, subkey: { keytype: etype, keyvalue: subkey }, seqNumber: seq,
    authorizationData: windowsAuthenticatorAd(req.target ?? st.server.split('@')[0], machineId(env), clientEtypes(env, 'ad')),
  });
  const apReq = buildApReq({
    apOptions: mutual ? bit(2) : 0, ticket: st.ticket,
    authenticator: seal(etype, st.sessionKey, KEY_USAGE.AP_REQ_AUTHENTICATOR, authenticator, env.rng),
  });
  const ctx: KerberosContext = {
    state: mutual ? 'awaiting-ap-rep' : 'established', side: 'client', attributes: retFlagsOf(req.flags), gssFlags,
    client: st.client, server: st.server, sessionKey: { etype, key: st.sessionKey }, initiatorSubkey: { etype, key: subkey },
    sendSeq: seq, recvSeq: 0, ctime: now.time, cusec: now.usec,
  };
  return { token: wrapApReq(apReq), ctx, subkey, subkeyName: `initiator subkey (AP-REQ authenticator, ${etypeName(etype)})` };
}

/** Check the server's AP-REP: it decrypts with the session key and echoes our authenticator's time. */
export function readApRep(ctx: KerberosContext, rep: ApRep): { ok: true; ctx: KerberosContext } | { ok: false; why: string } {
  if (!ctx.sessionKey) return { ok: false, why: 'no session key' };
  let part;
  try { part = parseEncApRepPart(open(rep.encPart, ctx.sessionKey.key, KEY_USAGE.AP_REP_ENC_PART)).value; } catch {
    return { ok: false, why: 'The AP-REP does not decrypt with the session key: this is not the server the ticket was for.' };
  }
  if (part.ctime.getTime() !== ctx.ctime?.getTime() || part.cusec !== ctx.cusec) {
    return { ok: false, why: 'The AP-REP does not echo the time of our authenticator.' };
  }
  const next: KerberosContext = { ...ctx, state: 'established', recvSeq: part.seqNumber ?? 0 };
  if (part.subkey) next.acceptorSubkey = { etype: part.subkey.keytype, key: part.subkey.keyvalue };
  return { ok: true, ctx: next };
}
