// The Ticket-Granting Service (RFC 4120 §3.3, MS-KILE 3.3.5.7): check the TGT and the authenticator
// of PA-TGS-REQ, find the SPN in the directory, choose the encryption type as the KDC does, and
// issue the service ticket with the TGT's PAC re-signed.
import { equal } from '../../../bytes';
import type { DirectoryAccount } from '../../../scenario';
import { s4uByteArray } from '../client/tgs';
import { buildUserPac } from './pacBuild';
import { checksum } from '../../../crypto/kerberos';
import {
  ERROR, KEY_USAGE, NAME_TYPE, PA, adWithPac, buildEncKdcRepPart, buildEncTicketPart, buildTgsRep, buildTicket, findPac,
  parseApReq, parseAuthenticator, parseEncTicketPart, parsePaForUser, parsePaPacOptions, type Authenticator, type EncTicketPart, type ParsedKdcReq, type PrincipalName,
} from '../messages';
import { interRealmKey, kerberosNow, open, randomKey, seal, sessionKeyName, WINDOWS_ETYPES } from '../keys';
import { MAX_SKEW_MS } from './as';
import { ticketTimes } from './times';
import { bit } from '../messages';

/** KDCOptions canonicalize (bit 15): the client accepts a referral (RFC 6806). */
const CANONICALIZE = bit(15);
import { accountEtypes, chooseEtype, findClient, findKrbtgt, findServices, keyOf, report, type KdcEnv } from './directory';
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
  // MS-SFU: S4U2Self (PA-FOR-USER) and S4U2Proxy (cname-in-addl-tkt) change whose ticket this is and which PAC it carries.
  const s4u = elsewhere ? { ok: true as const } : checkS4u(kdc, req, tgt, service, sname, ctime);
  if (!s4u.ok) return s4u.error;
  const etype = elsewhere ? chooseEtype(body.etype, [...WINDOWS_ETYPES]) : chooseEtype(body.etype, accountEtypes(kdc, service, service.kind !== 'krbtgt'));
  if (etype === undefined) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname, ctime });
  const serviceKey = elsewhere ? interRealmKey(kdc.realm, elsewhere.realm, elsewhere.password, etype) : keyOf(kdc, service, etype);
  const issued: PrincipalName = elsewhere ? { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', elsewhere.realm] } : sname;
  const sessionKey = randomKey(etype, kdc.rng);
  report(kdc, serviceKey);
  report(kdc, { name: sessionKeyName(issued.nameString.join('/'), etype), key: sessionKey, etype, principal: `${issued.nameString.join('/')}@${kdc.realm}` });
  const now = kerberosNow(nowDate).time;
  const { flags, endtime: end, renewTill } = ticketTimes(body, now, false, s4u.limit ?? tgt);
  const client = { cname: s4u.cname ?? tgt.cname, crealm: s4u.crealm ?? tgt.crealm, authtime: s4u.authtime ?? tgt.authtime };
  const sourcePac = s4u.pac !== undefined ? s4u.pac : pac;
  const newPac = sourcePac ? signPac(pacBuffers(sourcePac), { etype, key: serviceKey.key }, { etype: kdcSigner.etype, key: kdcSigner.key }) : undefined;
  const encTicket = buildEncTicketPart({
    flags, key: { keytype: etype, keyvalue: sessionKey }, crealm: client.crealm, cname: client.cname,
    transited: { trType: 1, contents: new Uint8Array(0) }, authtime: client.authtime, starttime: now, endtime: end, renewTill,
    authorizationData: newPac ? adWithPac(newPac) : undefined,
  });
  const ticket = buildTicket({ tktVno: 5, realm: kdc.realm, sname: issued, encPart: seal(etype, serviceKey.key, KEY_USAGE.TICKET, encTicket, kdc.rng, serviceKey.kvno) });
  const encPart = buildEncKdcRepPart({
    applicationTag: 26, key: { keytype: etype, keyvalue: sessionKey }, lastReq: [{ lrType: 0, lrValue: now }], nonce: body.nonce,
    flags, authtime: client.authtime, starttime: now, endtime: end, renewTill, srealm: kdc.realm, sname: issued,
  });
  // Encrypted in the authenticator's subkey when there is one (usage 9), else in the TGT session key (usage 8).
  const replyKey = auth.subkey ? { etype: auth.subkey.keytype, key: auth.subkey.keyvalue, usage: KEY_USAGE.TGS_REP_ENC_PART_SUBKEY }
    : { etype: tgt.key.keytype, key: tgt.key.keyvalue, usage: KEY_USAGE.TGS_REP_ENC_PART_SESSION };
  return buildTgsRep({ crealm: client.crealm, cname: client.cname, ticket, encPart: seal(replyKey.etype, replyKey.key, replyKey.usage, encPart, kdc.rng) });
}

const FORWARDABLE = bit(1);
const CNAME_IN_ADDL_TKT = bit(14);
const RBCD = bit(3);

type S4uCheck =
  | { ok: true; cname?: PrincipalName; crealm?: string; authtime?: Date; pac?: Uint8Array | null; limit?: EncTicketPart }
  | { ok: false; error: Uint8Array };

/**
 * S4U2Self (MS-SFU 3.2.5.1): a service names a user in PA-FOR-USER and asks for a ticket to itself in her name; the KDC
 * checks the checksum (keyed with the TGT session key), builds her PAC, and makes the ticket forwardable only when
 * the service is trusted to authenticate for delegation ("use any authentication protocol").
 * S4U2Proxy (MS-SFU 3.2.5.2): a service presents a user's ticket to itself (additional-tickets, cname-in-addl-tkt) and
 * asks for her ticket to another service. Allowed by the service's msDS-AllowedToDelegateTo when the evidence is
 * forwardable (constrained delegation), or by the target's msDS-AllowedToActOnBehalfOfOtherIdentity when the
 * request sets resource-based-constrained-delegation in PA-PAC-OPTIONS; otherwise KDC_ERR_BADOPTION.
 */
function checkS4u(kdc: KdcEnv, req: ParsedKdcReq, tgt: EncTicketPart, target: DirectoryAccount, sname: PrincipalName, ctime: { time: Date; usec: number }): S4uCheck {
  const body = req.reqBody;
  const forUser = req.padata?.find((p) => p.padataType === PA.FOR_USER);
  const proxy = (body.kdcOptions & CNAME_IN_ADDL_TKT) !== 0;
  if (!forUser && !proxy) return { ok: true };
  const err = (code: number) => ({ ok: false as const, error: kdcError(kdc, code, { sname, ctime }) });
  const requester = findClient(kdc, tgt.cname.nameString);
  if (!requester) return err(ERROR.KDC_ERR_BADOPTION);
  const mode = String(kdc.params.delegation ?? 'none');
  const constrained = (mode === 'constrained' || mode === 'constrained-any')
    && (requester.allowedToDelegateTo ?? []).some((s) => s.toLowerCase() === sname.nameString.join('/').toLowerCase());
  if (forUser) {
    let v;
    try { v = parsePaForUser(forUser.padataValue).value; } catch { return err(ERROR.KRB_AP_ERR_MODIFIED); }
    let good: boolean;
    try { good = equal(checksum(v.cksum.cksumtype, tgt.key.keyvalue, 17, s4uByteArray(v.userName.nameType, v.userName.nameString, v.userRealm, v.authPackage)), v.cksum.checksum); } catch { good = false; }
    if (!good) return err(ERROR.KRB_AP_ERR_MODIFIED);
    if (target.name.toLowerCase() !== requester.name.toLowerCase()) return err(ERROR.KDC_ERR_BADOPTION);
    const user = findClient(kdc, v.userName.nameString);
    if (!user) return err(ERROR.KDC_ERR_C_PRINCIPAL_UNKNOWN);
    // T2A4D: "use any authentication protocol" (constrained-any) makes the S4U2Self ticket forwardable.
    const trusted = mode === 'constrained-any' && (requester.allowedToDelegateTo ?? []).length > 0;
    const pac = buildUserPac({
      name: user.name, fullName: user.fullName ?? user.name, rid: user.rid, primaryGroupRid: user.kind === 'computer' ? 515 : 513,
      groupRids: user.groups ?? [513], domainSid: kdc.domain.sid, netbiosDomain: kdc.domain.netbiosName, dnsDomain: kdc.domain.dnsName,
      logonServer: (kdc.kdcHostName ?? 'DC01').toUpperCase(), authtime: tgt.authtime, passwordLastSet: new Date(tgt.authtime.getTime() - 30 * 86400000), logonCount: 12,
    }, { etype: 18, key: new Uint8Array(32) }, { etype: 18, key: new Uint8Array(32) }, kdc.params.windowsRelease === '2025' ? '2025' : '2016');
    return {
      ok: true, cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: [user.name] }, crealm: kdc.realm, authtime: tgt.authtime, pac,
      limit: { ...tgt, flags: trusted ? tgt.flags : (tgt.flags & ~FORWARDABLE) >>> 0 },
    };
  }
  const evidence = body.additionalTickets?.[0];
  if (!evidence) return err(ERROR.KDC_ERR_BADOPTION);
  if (!accountEtypes(kdc, requester, false).includes(evidence.encPart.etype)) return err(ERROR.KDC_ERR_ETYPE_NOSUPP);
  const requesterKey = keyOf(kdc, requester, evidence.encPart.etype);
  report(kdc, requesterKey);
  let ev: EncTicketPart;
  try { ev = parseEncTicketPart(open(evidence.encPart, requesterKey.key, KEY_USAGE.TICKET)).value; } catch { return err(ERROR.KRB_AP_ERR_BAD_INTEGRITY); }
  const evPac = findPac(ev.authorizationData);
  if (evPac && !verifyPacSignature(evPac, 'server', requesterKey.key)) return err(ERROR.KRB_AP_ERR_MODIFIED);
  const pacOptions = req.padata?.find((p) => p.padataType === PA.PAC_OPTIONS);
  let rbcdAsked: boolean;
  try { rbcdAsked = !!pacOptions && (parsePaPacOptions(pacOptions.padataValue).value.options & RBCD) !== 0; } catch { rbcdAsked = false; }
  const rbcd = mode === 'resource-based' && rbcdAsked && (target.allowedToActOnBehalfOf ?? []).some((n) => n.toLowerCase() === requester.name.toLowerCase());
  const forwardable = (ev.flags & FORWARDABLE) !== 0;
  if (!(constrained && forwardable) && !rbcd) return err(ERROR.KDC_ERR_BADOPTION);
  return { ok: true, cname: ev.cname, crealm: ev.crealm, authtime: ev.authtime, pac: evPac ?? null, limit: { ...tgt, flags: (tgt.flags | FORWARDABLE) >>> 0 } };
}
