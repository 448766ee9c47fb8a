// The Ticket-Granting Service (RFC 4120 §3.3, MS-KILE 3.3.5.7): check the TGT and the authenticator
// of PA-TGS-REQ, find the SPN in the directory, choose the encryption type as the KDC does, and
// issue the service ticket with the TGT's PAC re-signed.
import { equal } from '../../../bytes';
import { checksum } from '../../../crypto/kerberos';
import {
  ERROR, KEY_USAGE, NAME_TYPE, PA, adWithPac, buildEncKdcRepPart, buildEncTicketPart, buildTgsRep, buildTicket, findPac,
  parseApReq, parseAuthenticator, parseEncTicketPart, type Authenticator, type EncTicketPart, type ParsedKdcReq, type PrincipalName,
} from '../messages';
import { interRealmKey, kerberosNow, open, randomKey, seal, sessionKeyName, WINDOWS_ETYPES } from '../keys';
import { MAX_SKEW_MS } from './as';
import { ticketTimes } from './times';
import { bit } from '../messages';

/** KDCOptions canonicalize (bit 15): the client accepts a referral (RFC 6806). */
const CANONICALIZE = bit(15);
import { accountEtypes, chooseEtype, findKrbtgt, findServices, keyOf, report, type KdcEnv } from './directory';
import { kdcError } from './errors';
import { pacBuffers, signPac, verifyPacSignature } from './pacBuild';

export function handleTgsReq(kdc: KdcEnv, req: ParsedKdcReq): Uint8Array {
  const body = req.reqBody;
  const sname: PrincipalName = body.sname ?? { nameType: NAME_TYPE.UNKNOWN, nameString: [] };
  const pa = req.padata?.find((p) => p.padataType === PA.TGS_REQ);
  if (!pa) return kdcError(kdc, ERROR.KDC_ERR_PADATA_TYPE_NOSUPP, { sname });
  let apReq;
  try { apReq = parseApReq(pa.padataValue, {}, KEY_USAGE.TGS_REQ_AUTHENTICATOR).value; } catch { return kdcError(kdc, ERROR.KRB_AP_ERR_MSG_TYPE, { sname }); }

  // The TGT: readable only with krbtgt's key, or, for a referral TGT another domain of the forest issued
  // (krbtgt/OURS@THEIRS), with the inter-realm key both domains derive from the trust password.
  const krbtgt = findKrbtgt(kdc);
  const tgtEtype = apReq.ticket.encPart.etype;
  const foreign = apReq.ticket.realm.toUpperCase() !== kdc.realm;
  const trust = foreign ? kdc.trusts?.find((t) => t.realm === apReq.ticket.realm.toUpperCase()) : undefined;
  if (foreign && !trust) return kdcError(kdc, ERROR.KRB_AP_ERR_NOT_US, { sname });
  // A TGT sealed with an etype krbtgt has no key for (a tampered or foreign ticket): KDC_ERR_ETYPE_NOSUPP.
  if (!accountEtypes(kdc, krbtgt, false).includes(tgtEtype)) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname });
  const tgtKey = trust ? interRealmKey(trust.realm, kdc.realm, trust.password, tgtEtype) : keyOf(kdc, krbtgt, tgtEtype);
  report(kdc, tgtKey);
  // The KDC signature of every PAC this KDC issues: its own krbtgt key (the strongest).
  const kdcSigner = trust ? keyOf(kdc, krbtgt, accountEtypes(kdc, krbtgt, false)[0]) : tgtKey;
  if (trust) report(kdc, kdcSigner);
  let tgt: EncTicketPart;
  try { tgt = parseEncTicketPart(open(apReq.ticket.encPart, tgtKey.key, KEY_USAGE.TICKET)).value; } catch {
    return kdcError(kdc, ERROR.KRB_AP_ERR_BAD_INTEGRITY, { sname });
  }
  let auth: Authenticator;
  try { auth = parseAuthenticator(open(apReq.authenticator, tgt.key.keyvalue, KEY_USAGE.TGS_REQ_AUTHENTICATOR)).value; } catch {
    return kdcError(kdc, ERROR.KRB_AP_ERR_BAD_INTEGRITY, { sname });
  }
  if (auth.subkey && !WINDOWS_ETYPES.includes(auth.subkey.keytype)) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname });
  const nowDate = kdc.now();
  const ctime = { time: auth.ctime, usec: auth.cusec };
  if (Math.abs(auth.ctime.getTime() - nowDate.getTime()) > MAX_SKEW_MS) return kdcError(kdc, ERROR.KRB_AP_ERR_SKEW, { sname, ctime });
  if (auth.cname.nameString.join('/').toLowerCase() !== tgt.cname.nameString.join('/').toLowerCase()) {
    return kdcError(kdc, ERROR.KRB_AP_ERR_BADMATCH, { sname, ctime });
  }
  // The authenticator's checksum covers the exact KDC-REQ-BODY bytes: nobody changed the request.
  if (!auth.cksum) return kdcError(kdc, ERROR.KRB_AP_ERR_INAPP_CKSUM, { sname, ctime });
  let ok: boolean;
  try { ok = equal(checksum(auth.cksum.cksumtype, tgt.key.keyvalue, KEY_USAGE.TGS_REQ_AUTH_CKSUM, req.reqBodyBytes), auth.cksum.checksum); } catch { ok = false; }
  if (!ok) return kdcError(kdc, ERROR.KRB_AP_ERR_MODIFIED, { sname, ctime });
  const pac = findPac(tgt.authorizationData);
  if (pac && !verifyPacSignature(pac, 'server', tgtKey.key)) return kdcError(kdc, ERROR.KRB_AP_ERR_MODIFIED, { sname, ctime });

  // The SPN: no account, or (duplicate SPN) two accounts, is KDC_ERR_S_PRINCIPAL_UNKNOWN for a Windows KDC.
  const found = kdc.params.spnRegistered === false ? [] : findServices(kdc, sname.nameString);
  // Not in this domain: a KDC asked to canonicalize looks the SPN up in the forest's global catalog and, when another
  // domain holds it, answers with a referral TGT for that domain's krbtgt, sealed with the trust key (MS-KILE 3.3.5.7.5, RFC 6806 §8).
  const elsewhere = found.length === 0 && !foreign && (body.kdcOptions & CANONICALIZE) !== 0 && kdc.params.spnRegistered !== false
    ? kdc.trusts?.find((t) => findServices({ ...kdc, accounts: t.accounts }, sname.nameString).length === 1) : undefined;
  if (!elsewhere && (found.length !== 1 || kdc.params.duplicateSpn === true)) return kdcError(kdc, ERROR.KDC_ERR_S_PRINCIPAL_UNKNOWN, { sname, ctime });
  const service = found[0];
  const etype = elsewhere ? chooseEtype(body.etype, [...WINDOWS_ETYPES]) : chooseEtype(body.etype, accountEtypes(kdc, service, service.kind !== 'krbtgt'));
  if (etype === undefined) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname, ctime });
  const serviceKey = elsewhere ? interRealmKey(kdc.realm, elsewhere.realm, elsewhere.password, etype) : keyOf(kdc, service, etype);
  const issued: PrincipalName = elsewhere ? { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', elsewhere.realm] } : sname;
  const sessionKey = randomKey(etype, kdc.rng);
  report(kdc, serviceKey);
  report(kdc, { name: sessionKeyName(issued.nameString.join('/'), etype), key: sessionKey, etype, principal: `${issued.nameString.join('/')}@${kdc.realm}` });
  const now = kerberosNow(nowDate).time;
  const { flags, endtime: end, renewTill } = ticketTimes(body, now, false, tgt);
  const newPac = pac ? signPac(pacBuffers(pac), { etype, key: serviceKey.key }, { etype: kdcSigner.etype, key: kdcSigner.key }) : undefined;
  const encTicket = buildEncTicketPart({
    flags, key: { keytype: etype, keyvalue: sessionKey }, crealm: tgt.crealm, cname: tgt.cname,
    transited: { trType: 1, contents: new Uint8Array(0) }, authtime: tgt.authtime, starttime: now, endtime: end, renewTill,
    authorizationData: newPac ? adWithPac(newPac) : undefined,
  });
  const ticket = buildTicket({ tktVno: 5, realm: kdc.realm, sname: issued, encPart: seal(etype, serviceKey.key, KEY_USAGE.TICKET, encTicket, kdc.rng, serviceKey.kvno) });
  const encPart = buildEncKdcRepPart({
    applicationTag: 26, key: { keytype: etype, keyvalue: sessionKey }, lastReq: [{ lrType: 0, lrValue: now }], nonce: body.nonce,
    flags, authtime: tgt.authtime, starttime: now, endtime: end, renewTill, srealm: kdc.realm, sname: issued,
  });
  // Encrypted in the authenticator's subkey when there is one (usage 9), else in the TGT session key (usage 8).
  const replyKey = auth.subkey ? { etype: auth.subkey.keytype, key: auth.subkey.keyvalue, usage: KEY_USAGE.TGS_REP_ENC_PART_SUBKEY }
    : { etype: tgt.key.keytype, key: tgt.key.keyvalue, usage: KEY_USAGE.TGS_REP_ENC_PART_SESSION };
  return buildTgsRep({ crealm: tgt.crealm, cname: tgt.cname, ticket, encPart: seal(replyKey.etype, replyKey.key, replyKey.usage, encPart, kdc.rng) });
}
