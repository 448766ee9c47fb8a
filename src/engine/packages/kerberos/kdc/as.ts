// The Authentication Service (RFC 4120 §3.1, MS-KILE 3.3.5.6): pre-authentication as a Windows KDC
// asks for it, then a TGT with a PAC for the user.
import {
  ERROR, KEY_USAGE, NAME_TYPE, PA, adWithPac, buildAsRep, buildEncKdcRepPart, buildEncTicketPart, buildTicket, encMethodData,
  paEtypeInfo2, parseEncryptedData, parsePaEncTsEnc, parsePaPacRequest, type EncryptedData, type ParsedKdcReq, type PrincipalName,
} from '../messages';
import { kerberosNow, open, randomKey, seal, sessionKeyName, WINDOWS_ETYPES } from '../keys';
import { accountEtypes, chooseEtype, findClient, findKrbtgt, keyOf, report, type KdcEnv } from './directory';
import { kdcError } from './errors';
import { buildUserPac } from './pacBuild';
import { ticketTimes } from './times';

/** Five minutes: the default maximum tolerance for computer clock synchronization. */
export const MAX_SKEW_MS = 5 * 60 * 1000;
/** Windows puts this far-future key-expiration in AS replies when the password never expires. */
export const NEVER_EXPIRES = new Date('2037-09-14T02:48:05Z');

function krbtgtName(realm: string): PrincipalName { return { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', realm] }; }


/** KERB-PA-PAC-REQUEST include-pac FALSE asks for a ticket without a PAC (MS-KILE 2.2.3); the default is a PAC. */
function wantsPac(req: ParsedKdcReq): boolean {
  const p = req.padata?.find((x) => x.padataType === PA.PAC_REQUEST);
  if (!p) return true;
  try { return parsePaPacRequest(p.padataValue).value.includePac; } catch { return true; }
}

export function handleAsReq(kdc: KdcEnv, req: ParsedKdcReq): Uint8Array {
  const body = req.reqBody;
  const sname = body.sname ?? krbtgtName(kdc.realm);
  const client = body.cname ? findClient(kdc, body.cname.nameString) : undefined;
  if (!client) return kdcError(kdc, ERROR.KDC_ERR_C_PRINCIPAL_UNKNOWN, { sname });
  // The reply key: the first etype of the client's list the user has a key for.
  const replyEtype = chooseEtype(body.etype, [...WINDOWS_ETYPES]);
  if (replyEtype === undefined) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname });
  const userKeys = body.etype.filter((e) => WINDOWS_ETYPES.includes(e)).map((e) => keyOf(kdc, client, e));

  const etypeInfo = paEtypeInfo2(userKeys.map((k) => (k.etype === 23 ? { etype: k.etype } : { etype: k.etype, salt: k.salt })));
  // RFC 4120 §3.1.3 / MS-KILE 3.3.5.6.1: a failed pre-authentication says again which keys (etypes and
  // salts) to use, as METHOD-DATA; Wireshark reads the e-data of error 24 that way.
  const preauthFailed = () => kdcError(kdc, ERROR.KDC_ERR_PREAUTH_FAILED, { sname, eData: encMethodData([etypeInfo]) });
  const ts = req.padata?.find((p) => p.padataType === PA.ENC_TIMESTAMP);
  // userAccountControl DONT_REQ_PREAUTH ("Do not require Kerberos preauthentication"): the KDC answers an AS-REQ
  // without PA-ENC-TIMESTAMP with an AS-REP at once, its enc-part sealed with the account's key (MS-KILE 3.3.5.6.1).
  const noPreauth = !ts && client.dontRequirePreauth === true && kdc.params.requirePreauth !== true;
  let userKey: (typeof userKeys)[number] | undefined;
  if (noPreauth) {
    userKey = keyOf(kdc, client, replyEtype);
    report(kdc, userKey);
  } else if (!ts) {
    // MS-KILE 3.3.5.6.1: no pre-authentication: say which methods and which salts to use.
    const methods = encMethodData([
      etypeInfo,
      { padataType: PA.ENC_TIMESTAMP, padataValue: new Uint8Array(0) },
      { padataType: PA.PK_AS_REQ, padataValue: new Uint8Array(0) },
      { padataType: PA.PK_AS_REP_OLD, padataValue: new Uint8Array(0) },
    ]);
    return kdcError(kdc, ERROR.KDC_ERR_PREAUTH_REQUIRED, { sname, eData: methods });
  }
  const nowDate = kdc.now();
  if (ts) {
    let enc: EncryptedData;
    try { enc = parseEncryptedData(ts.padataValue).value; } catch { return preauthFailed(); }
    userKey = userKeys.find((k) => k.etype === enc.etype);
    if (!userKey) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname });
    report(kdc, userKey);
    let stamp: Date;
    try {
      stamp = parsePaEncTsEnc(open(enc, userKey.key, KEY_USAGE.PA_ENC_TIMESTAMP)).value.patimestamp;
    } catch {
      // A wrong password gives a different key: the integrity check of the decryption fails.
      return preauthFailed();
    }
    if (Math.abs(stamp.getTime() - nowDate.getTime()) > MAX_SKEW_MS) return kdcError(kdc, ERROR.KRB_AP_ERR_SKEW, { sname });
  }
  if (!userKey) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname });

  // The TGT: encrypted in krbtgt's strongest key, session key in the client's preferred etype.
  const krbtgt = findKrbtgt(kdc);
  const tgtEtype = accountEtypes(kdc, krbtgt, false)[0];
  if (tgtEtype === undefined) return kdcError(kdc, ERROR.KDC_ERR_ETYPE_NOSUPP, { sname });
  const tgtKey = keyOf(kdc, krbtgt, tgtEtype);
  const sessionEtype = chooseEtype(body.etype, accountEtypes(kdc, krbtgt, false)) ?? replyEtype;
  const sessionKey = randomKey(sessionEtype, kdc.rng);
  report(kdc, tgtKey);
  report(kdc, { name: sessionKeyName(`krbtgt/${kdc.realm}`, sessionEtype), key: sessionKey, etype: sessionEtype, principal: `krbtgt/${kdc.realm}@${kdc.realm}` });
  const now = kerberosNow(nowDate).time;
  // A Windows client asks forwardable + renewable until 2037: it gets 10 hours, renewable for 7 days.
  const { flags, endtime: end, renewTill } = ticketTimes(body, now, true, undefined, !noPreauth);
  const cname: PrincipalName = { nameType: NAME_TYPE.PRINCIPAL, nameString: [client.name] };
  const pac = buildUserPac({
    name: client.name, fullName: client.fullName ?? client.name, rid: client.rid, primaryGroupRid: client.kind === 'computer' ? 515 : 513,
    groupRids: client.groups ?? [513], domainSid: kdc.domain.sid, netbiosDomain: kdc.domain.netbiosName, dnsDomain: kdc.domain.dnsName,
    logonServer: (kdc.kdcHostName ?? 'DC01').toUpperCase(), authtime: now, passwordLastSet: new Date(now.getTime() - 30 * 86400000), logonCount: 12,
  }, { etype: tgtEtype, key: tgtKey.key }, { etype: tgtEtype, key: tgtKey.key }, kdc.params.windowsRelease === '2025' ? '2025' : '2016');
  const includePac = wantsPac(req);
  const encTicket = buildEncTicketPart({
    flags, key: { keytype: sessionEtype, keyvalue: sessionKey }, crealm: kdc.realm, cname,
    transited: { trType: 1, contents: new Uint8Array(0) }, authtime: now, starttime: now, endtime: end, renewTill,
    authorizationData: includePac ? adWithPac(pac) : undefined,
  });
  const ticket = buildTicket({
    tktVno: 5, realm: kdc.realm, sname: krbtgtName(kdc.realm),
    encPart: seal(tgtEtype, tgtKey.key, KEY_USAGE.TICKET, encTicket, kdc.rng, tgtKey.kvno),
  });
  const encPart = buildEncKdcRepPart({
    applicationTag: 25, key: { keytype: sessionEtype, keyvalue: sessionKey }, lastReq: [{ lrType: 0, lrValue: now }], nonce: body.nonce,
    keyExpiration: NEVER_EXPIRES, flags, authtime: now, starttime: now, endtime: end, renewTill,
    srealm: kdc.realm, sname: krbtgtName(kdc.realm), caddr: body.addresses,
  });
  return buildAsRep({
    padata: [paEtypeInfo2([userKey.etype === 23 ? { etype: 23 } : { etype: userKey.etype, salt: userKey.salt }])],
    crealm: kdc.realm, cname, ticket,
    encPart: seal(userKey.etype, userKey.key, KEY_USAGE.AS_REP_ENC_PART, encPart, kdc.rng, userKey.kvno),
  });
}

