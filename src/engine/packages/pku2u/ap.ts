// The AP exchange that follows the peers' own AS exchange (draft-zhu-pku2u §6, RFC 4121 §4.1): the
// initiator presents the ticket the acceptor issued to it, with an authenticator under the session
// key carrying the 0x8003 GSS checksum, a subkey, a sequence number and, as a GSS checksum extension
// (type 2, GSS_EXTS_FINISHED), a KRB-FINISHED whose gss-mic is the RFC 3961 checksum (key usage 41)
// of every PKU2U token of the AS exchange: the acceptor learns that nobody changed the AS-REQ or the
// AS-REP on the way. The acceptor opens the ticket with the key only it holds, checks all that and
// answers with an AP-REP (its subkey), as Kerberos does. Both sides end with a Kerberos context,
// so the per-message tokens (MIC, Wrap) are RFC 4121's.
import { equal } from '../../bytes';
import { checksum, checksumTypeFor } from '../../crypto/kerberos';
import { explicit, seq } from '../../encoding/der';
import { ISC_REQ } from '../../sspi/flags';
import type { PackageEnv, RequestFlags } from '../../sspi/package';
import {
  GSS_CHECKSUM_TYPE, KEY_USAGE, bit, buildApRep, buildApReq, buildAuthenticator, buildEncApRepPart, buildGssChecksum, channelBindingHash,
  encChecksum, parseApRep, parseApReq, parseAuthenticator, parseEncApRepPart, parseEncTicketPart, parseGssChecksum, type PrincipalName, type Ticket,
} from '../kerberos/messages';
import { kerberosNow, open, random31, randomKey, seal } from '../kerberos/keys';
import { gssFlagsOf, retFlagsOf } from '../kerberos/client/ap';
import { ascRet } from '../kerberos/server/accept';
import type { KerberosContext } from '../kerberos/state';
import { KEY_USAGE_FINISHED, PKU2U_REALM, TOK_ID, buildPku2uToken } from './messages';

/** GSS checksum extension type of KRB-FINISHED (Heimdal's GSS_EXTS_FINISHED, as IAKERB uses it too). */
export const GSS_EXTS_FINISHED = 2;

/** KRB-FINISHED ::= SEQUENCE { gss-mic [1] Checksum } over the AS exchange's tokens. */
export function buildKrbFinished(etype: number, key: Uint8Array, transcript: Uint8Array): Uint8Array {
  const cksumtype = checksumTypeFor(etype);
  return seq(explicit(1, encChecksum({ cksumtype, checksum: checksum(cksumtype, key, KEY_USAGE_FINISHED, transcript) })));
}

export interface ApStart {
  etype: number;
  sessionKey: Uint8Array;
  ticket: Ticket;
  cname: PrincipalName;
  /** The AS-REQ and AS-REP tokens, concatenated in order. */
  transcript: Uint8Array;
}

export function buildPku2uApReq(env: PackageEnv, s: ApStart, req: RequestFlags): { token: Uint8Array; ctx: KerberosContext; subkey: Uint8Array } {
  const { etype, sessionKey } = s;
  const subkey = randomKey(etype, env.rng);
  const seqNumber = random31(env.rng);
  const gssFlags = gssFlagsOf(req.flags);
  const mutual = (req.flags & ISC_REQ.MUTUAL_AUTH) !== 0;
  const now = kerberosNow(env.now());
  const authenticator = buildAuthenticator({
    authenticatorVno: 5, crealm: PKU2U_REALM, cname: s.cname,
    cksum: { cksumtype: GSS_CHECKSUM_TYPE, checksum: buildGssChecksum({ bnd: channelBindingHash(req.channelBindings), flags: gssFlags, exts: [{ type: GSS_EXTS_FINISHED, data: buildKrbFinished(etype, sessionKey, s.transcript) }] }) },
    cusec: now.usec, ctime: now.time, subkey: { keytype: etype, keyvalue: subkey }, seqNumber,
  });
  const apReq = buildApReq({ apOptions: mutual ? bit(2) : 0, ticket: s.ticket, authenticator: seal(etype, sessionKey, KEY_USAGE.AP_REQ_AUTHENTICATOR, authenticator, env.rng) });
  const ctx: KerberosContext = {
    state: mutual ? 'awaiting-ap-rep' : 'established', side: 'client', attributes: retFlagsOf(req.flags), gssFlags,
    client: `${s.cname.nameString.join('/')}@${PKU2U_REALM}`, server: `${s.ticket.sname.nameString.join('/')}@${PKU2U_REALM}`,
    sessionKey: { etype, key: sessionKey }, initiatorSubkey: { etype, key: subkey }, sendSeq: seqNumber, recvSeq: 0, ctime: now.time, cusec: now.usec,
    wrapSeed: env.rng.bytes(16),
  };
  return { token: buildPku2uToken(TOK_ID.AP_REQ, apReq), ctx, subkey };
}

/** The initiator reads the AP-REP: it must open with the session key and echo the authenticator's time. */
export function readPku2uApRep(ctx: KerberosContext, message: Uint8Array): { ok: true; ctx: KerberosContext } | { ok: false; why: string } {
  try {
    const rep = parseApRep(message).value;
    const part = parseEncApRepPart(open(rep.encPart, ctx.sessionKey!.key, KEY_USAGE.AP_REP_ENC_PART)).value;
    if (part.ctime.getTime() !== ctx.ctime?.getTime() || part.cusec !== ctx.cusec) return { ok: false, why: 'The AP-REP does not echo the time of our authenticator.' };
    const next: KerberosContext = { ...ctx, state: 'established', recvSeq: part.seqNumber ?? 0 };
    if (part.subkey) next.acceptorSubkey = { etype: part.subkey.keytype, key: part.subkey.keyvalue };
    return { ok: true, ctx: next };
  } catch {
    return { ok: false, why: 'The AP-REP does not open with the session key: this is not the peer that issued the ticket.' };
  }
}

export type ApAccept =
  | { ok: true; token: Uint8Array; ctx: KerberosContext; acceptorSubkey: Uint8Array; client: string }
  | { ok: false; code: number; why: string };


/** The acceptor checks the AP-REQ against the ticket key it sealed the ticket with and the AS exchange's transcript. */
export function acceptPku2uApReq(env: PackageEnv, message: Uint8Array, ticketKey: Uint8Array, transcript: Uint8Array, req: RequestFlags): ApAccept {
  const ap = parseApReq(message).value;
  const etype = ap.ticket.encPart.etype;
  let enc;
  try { enc = parseEncTicketPart(open(ap.ticket.encPart, ticketKey, KEY_USAGE.TICKET)).value; } catch {
    return { ok: false, code: 31, why: 'The ticket does not open with the key this peer sealed it with' };
  }
  const sk = enc.key;
  let auth;
  try { auth = parseAuthenticator(open(ap.authenticator, sk.keyvalue, KEY_USAGE.AP_REQ_AUTHENTICATOR)).value; } catch {
    return { ok: false, code: 31, why: 'The authenticator does not open with the ticket\'s session key' };
  }
  if (auth.cname.nameString.join('/') !== enc.cname.nameString.join('/')) return { ok: false, code: 36, why: 'The authenticator names another client than the ticket' };
  if (!auth.cksum || auth.cksum.cksumtype !== GSS_CHECKSUM_TYPE) return { ok: false, code: 31, why: 'No GSS checksum in the authenticator' };
  const g = parseGssChecksum(auth.cksum.checksum).value;
  const zero = g.bnd.every((x) => x === 0);
  if (req.channelBindings && !zero && !equal(g.bnd, channelBindingHash(req.channelBindings))) return { ok: false, code: 41, why: 'The channel-binding hash does not match this channel' };
  const fin = g.exts?.find((e) => e.type === GSS_EXTS_FINISHED);
  if (!fin) return { ok: false, code: 31, why: 'No KRB-FINISHED: the AS exchange is not confirmed' };
  // RFC 3961 checksums are deterministic (HMAC): the acceptor recomputes the KRB-FINISHED over what it saw.
  if (!equal(fin.data, buildKrbFinished(sk.keytype, sk.keyvalue, transcript))) return { ok: false, code: 31, why: 'KRB-FINISHED does not match the AS exchange this peer saw: a message was changed on the way' };
  const subEtype = auth.subkey?.keytype ?? etype;
  const acceptorSubkey = randomKey(subEtype, env.rng);
  const seqNumber = random31(env.rng);
  const encPart = buildEncApRepPart({ ctime: auth.ctime, cusec: auth.cusec, subkey: { keytype: subEtype, keyvalue: acceptorSubkey }, seqNumber });
  const apRep = buildApRep({ encPart: seal(sk.keytype, sk.keyvalue, KEY_USAGE.AP_REP_ENC_PART, encPart, env.rng) });
  const client = `${auth.cname.nameString.join('/')}@${auth.crealm}`;
  const ctx: KerberosContext = {
    state: 'established', side: 'server', attributes: ascRet(g.flags), gssFlags: g.flags, client, server: `${ap.ticket.sname.nameString.join('/')}@${PKU2U_REALM}`,
    sessionKey: { etype: sk.keytype, key: sk.keyvalue }, initiatorSubkey: auth.subkey ? { etype: auth.subkey.keytype, key: auth.subkey.keyvalue } : undefined,
    acceptorSubkey: { etype: subEtype, key: acceptorSubkey }, recvSeq: auth.seqNumber ?? 0, sendSeq: seqNumber, ctime: auth.ctime, cusec: auth.cusec,
    wrapSeed: env.rng.bytes(16),
  };
  return { ok: true, token: buildPku2uToken(TOK_ID.AP_REP, apRep), ctx, acceptorSubkey, client };
}
