// The client's TGS exchange (RFC 4120 §3.3, MS-KILE 3.3.5.7): the TGT and a fresh authenticator
// whose checksum covers the request body, in PA-TGS-REQ; the reply's enc-part, under the TGT's
// session key, holds the service ticket's session key.
import { checksum, checksumTypeFor } from '../../../crypto/kerberos';
import type { CachedTicket, PackageEnv } from '../../../sspi/package';
import { concat, u32le, utf8 } from '../../../bytes';
import {
  KEY_USAGE, NAME_TYPE, PA, bit, encPaForUser, parseTicket, type PaData, buildApReq, buildAuthenticator, buildKdcReqBody, buildTgsReq, buildTicket, parseEncKdcRepPart, parseTgsRep,
  paPacOptions, paTgsReq, type KdcReqBody,
} from '../messages';
import { open, random31, seal, sessionKeyName, WINDOWS_TILL } from '../keys';
import { clientEtypes, cacheEntry, clientNow, failed, krbFailure, noAuthority, type Step } from './common';
import { asKrbError, kdcRoundTrip, type KdcCall } from './transport';

/** KDCOptions cname-in-addl-tkt (bit 14): S4U2Proxy, the client name comes from the additional ticket (MS-SFU 2.2.3). */
const CNAME_IN_ADDL_TKT = bit(14);

/** What makes a TGS-REQ an S4U request (MS-SFU): S4U2Self names the user in PA-FOR-USER and asks a ticket to the service
 *  itself; S4U2Proxy presents the user's ticket to the service (the evidence) in additional-tickets. */
export interface S4uRequest {
  forUser?: { user: string; realm: string };
  evidence?: Uint8Array;
}

/** S4UByteArray (MS-SFU 2.2.1): the name type (4 bytes, little-endian), each name string, the realm and "Kerberos". */
export function s4uByteArray(nameType: number, names: string[], realm: string, authPackage = 'Kerberos'): Uint8Array {
  return concat(u32le(nameType), ...names.map(utf8), utf8(realm), utf8(authPackage));
}

/** PA-FOR-USER for S4U2Self: the user's name and realm, and a KERB_CHECKSUM_HMAC_MD5 (key usage 17) over S4UByteArray,
 *  keyed with the session key of the service's TGT, whatever its encryption type (MS-SFU 2.2.1). */
export function paForUser(user: string, realm: string, tgtSessionKey: Uint8Array): PaData {
  const userName = { nameType: NAME_TYPE.PRINCIPAL, nameString: [user] };
  const ck = checksum(-138, tgtSessionKey, 17, s4uByteArray(userName.nameType, userName.nameString, realm));
  return { padataType: PA.FOR_USER, padataValue: encPaForUser({ userName, userRealm: realm, cksum: { cksumtype: -138, checksum: ck }, authPackage: 'Kerberos' }) };
}

/** KDCOptions of a Windows TGS-REQ: forwardable, renewable, canonicalize (0x40810000). */
export const TGS_KDC_OPTIONS = (bit(1) | bit(8) | bit(15)) >>> 0;

/** Ask the KDC of `realm` for a ticket to `spn` (components, e.g. ["HTTP", "web.contoso.local"]) and cache it. `route`
 *  sends the request to that realm's KDC (after a referral: the other domain's DC). */
export function* tgsExchange(env: PackageEnv, tgt: CachedTicket, spn: string[], realm: string, route = false, s4u: S4uRequest = {}): KdcCall<Step<CachedTicket>> {
  const [cnameText, crealm] = tgt.client.split('@');
  const nonce = random31(env.rng);
  const body: KdcReqBody = {
    kdcOptions: (TGS_KDC_OPTIONS | (s4u.evidence ? CNAME_IN_ADDL_TKT : 0)) >>> 0, realm,
    sname: { nameType: s4u.forUser ? NAME_TYPE.PRINCIPAL : NAME_TYPE.SRV_INST, nameString: spn }, till: WINDOWS_TILL, nonce, etype: clientEtypes(env, 'tgs'),
  };
  if (s4u.evidence) body.additionalTickets = [parseTicket(s4u.evidence).value];
  const bodyBytes = buildKdcReqBody(body);
  const cksumtype = checksumTypeFor(tgt.etype);
  const now = clientNow(env);
  const authenticator = buildAuthenticator({
    authenticatorVno: 5, crealm: crealm ?? tgt.realm, cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: cnameText.split('/') },
    cksum: { cksumtype, checksum: checksum(cksumtype, tgt.sessionKey, KEY_USAGE.TGS_REQ_AUTH_CKSUM, bodyBytes) },
    cusec: now.usec, ctime: now.time,
  });
  const apReq = buildApReq({ apOptions: 0, ticket: tgt.ticket, authenticator: seal(tgt.etype, tgt.sessionKey, KEY_USAGE.TGS_REQ_AUTHENTICATOR, authenticator, env.rng) });
  // PA-TGS-REQ, then PA-PAC-OPTIONS branch-aware (MS-KILE 2.2.10), as a Windows 10 client sends them. S4U2Self adds
  // PA-FOR-USER (MS-SFU 2.2.1); S4U2Proxy sets resource-based-constrained-delegation in PA-PAC-OPTIONS (MS-SFU 3.1.5.2.1).
  const padata = [paTgsReq(apReq)];
  if (s4u.forUser) padata.push(paForUser(s4u.forUser.user, s4u.forUser.realm, tgt.sessionKey));
  padata.push(paPacOptions(s4u.evidence ? (bit(1) | bit(3)) >>> 0 : bit(1)));
  const reply = yield* kdcRoundTrip(env, 'TGS-REQ', buildTgsReq({ padata, reqBody: body }, bodyBytes), route ? realm : undefined);
  const target = spn.join('/');
  if (!reply) return noAuthority('TGS-REQ');
  const err = asKrbError(reply);
  if (err) return krbFailure(err, `The KDC could not issue a ticket for ${target}`);
  let rep;
  try { rep = parseTgsRep(reply).value; } catch (e) { return failed('SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The TGS-REP is malformed: ${(e as Error).message}` }); }
  let part;
  try { part = parseEncKdcRepPart(open(rep.encPart, tgt.sessionKey, KEY_USAGE.TGS_REP_ENC_PART_SESSION)).value; } catch {
    return failed('SEC_E_INTERNAL_ERROR', { code: 0x80090304, name: 'SEC_E_INTERNAL_ERROR', text: 'The TGS-REP does not decrypt with the TGT session key.' });
  }
  if (part.nonce !== nonce) return failed('SEC_E_INTERNAL_ERROR', { code: 0x80090304, name: 'SEC_E_INTERNAL_ERROR', text: 'The TGS-REP does not answer this request (nonce mismatch).' });
  const st = cacheEntry(`${rep.cname.nameString.join('/')}@${rep.crealm}`, part, buildTicket(rep.ticket), rep.ticket.encPart.kvno);
  yield { kind: 'key', key: { name: sessionKeyName(target, part.key.keytype), key: part.key.keyvalue, etype: part.key.keytype, principal: `${target}@${part.srealm}` } };
  env.logonSession.tickets.push(st);
  return { ok: true, value: st };
}
