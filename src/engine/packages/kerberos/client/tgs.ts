// The client's TGS exchange (RFC 4120 §3.3, MS-KILE 3.3.5.7): the TGT and a fresh authenticator
// whose checksum covers the request body, in PA-TGS-REQ; the reply's enc-part, under the TGT's
// session key, holds the service ticket's session key.
import { checksum, checksumTypeFor } from '../../../crypto/kerberos';
import type { CachedTicket, PackageEnv } from '../../../sspi/package';
import {
  KEY_USAGE, NAME_TYPE, bit, buildApReq, buildAuthenticator, buildKdcReqBody, buildTgsReq, buildTicket, parseEncKdcRepPart, parseTgsRep,
  paPacOptions, paTgsReq, type KdcReqBody,
} from '../messages';
import { open, random31, seal, sessionKeyName, WINDOWS_TILL } from '../keys';
import { clientEtypes, cacheEntry, clientNow, failed, krbFailure, noAuthority, type Step } from './common';
import { asKrbError, kdcRoundTrip, type KdcCall } from './transport';

/** KDCOptions of a Windows TGS-REQ: forwardable, renewable, canonicalize (0x40810000). */
export const TGS_KDC_OPTIONS = (bit(1) | bit(8) | bit(15)) >>> 0;

/** Ask the KDC of `realm` for a ticket to `spn` (components, e.g. ["HTTP", "web.contoso.local"]) and cache it. `route`
 *  sends the request to that realm's KDC (after a referral: the other domain's DC). */
export function* tgsExchange(env: PackageEnv, tgt: CachedTicket, spn: string[], realm: string, route = false): KdcCall<Step<CachedTicket>> {
  const [cnameText, crealm] = tgt.client.split('@');
  const nonce = random31(env.rng);
  const body: KdcReqBody = {
    kdcOptions: TGS_KDC_OPTIONS, realm, sname: { nameType: NAME_TYPE.SRV_INST, nameString: spn }, till: WINDOWS_TILL, nonce, etype: clientEtypes(env, 'tgs'),
  };
  const bodyBytes = buildKdcReqBody(body);
  const cksumtype = checksumTypeFor(tgt.etype);
  const now = clientNow(env);
  const authenticator = buildAuthenticator({
    authenticatorVno: 5, crealm: crealm ?? tgt.realm, cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: cnameText.split('/') },
    cksum: { cksumtype, checksum: checksum(cksumtype, tgt.sessionKey, KEY_USAGE.TGS_REQ_AUTH_CKSUM, bodyBytes) },
    cusec: now.usec, ctime: now.time,
  });
  const apReq = buildApReq({ apOptions: 0, ticket: tgt.ticket, authenticator: seal(tgt.etype, tgt.sessionKey, KEY_USAGE.TGS_REQ_AUTHENTICATOR, authenticator, env.rng) });
  // PA-TGS-REQ, then PA-PAC-OPTIONS branch-aware (MS-KILE 2.2.10), as a Windows 10 client sends them.
  const reply = yield* kdcRoundTrip(env, 'TGS-REQ', buildTgsReq({ padata: [paTgsReq(apReq), paPacOptions(bit(1))], reqBody: body }, bodyBytes), route ? realm : undefined);
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
  const st = cacheEntry(tgt.client, part, buildTicket(rep.ticket), rep.ticket.encPart.kvno);
  yield { kind: 'key', key: { name: sessionKeyName(target, part.key.keytype), key: part.key.keyvalue, etype: part.key.keytype, principal: `${target}@${part.srealm}` } };
  env.logonSession.tickets.push(st);
  return { ok: true, value: st };
}
