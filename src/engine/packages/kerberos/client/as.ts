// The client's AS exchange as Windows runs it (MS-KILE 3.3.5.6, RFC 4120 §3.1): first an AS-REQ
// without pre-authentication, which the KDC answers KDC_ERR_PREAUTH_REQUIRED with the salts; then
// the AS-REQ with PA-ENC-TIMESTAMP and PA-PAC-REQUEST. On KRB_AP_ERR_SKEW the client takes the KDC's
// time from the error and tries once more (KB 956627).
import { defaultSalt, stringToKey } from '../../../crypto/kerberos';
import type { Identity, PackageEnv } from '../../../sspi/package';
import {
  ERROR, KEY_USAGE, NAME_TYPE, PA, bit, buildAsReq, buildPaEncTsEnc, buildTicket, parseAsRep, parseEncKdcRepPart, parseEtypeInfo2,
  parseMethodData, paEncTimestamp, paPacRequest, type EtypeInfo2Entry, type KdcReqBody, type KrbError,
} from '../messages';
import { keyName, open, random31, seal, sessionKeyName, WINDOWS_ETYPES, WINDOWS_TILL } from '../keys';
import { KDC_TIME_OFFSET, clientEtypes, cacheEntry, clientNow, failed, krbFailure, netbiosAddress, noAuthority, type Step } from './common';
import { asKrbError, kdcRoundTrip, type KdcCall } from './transport';
import type { CachedTicket } from '../../../sspi/package';

/** KDCOptions of a Windows AS-REQ: forwardable, renewable, canonicalize, renewable-ok (0x40810010). */
export const AS_KDC_OPTIONS = (bit(1) | bit(8) | bit(15) | bit(27)) >>> 0;

function etypeInfo2Of(err: KrbError): EtypeInfo2Entry[] {
  if (!err.eData) return [];
  try {
    const pa = parseMethodData(err.eData).value.find((p) => p.padataType === PA.ETYPE_INFO2);
    return pa ? parseEtypeInfo2(pa.padataValue).value : [];
  } catch { return []; }
}

/** Get a TGT for the identity and put it in the logon session's ticket cache. */
export function* asExchange(env: PackageEnv, id: Identity & { realm: string }): KdcCall<Step<CachedTicket>> {
  const realm = id.realm;
  const principal = `${id.user}@${realm}`;
  const reqBody = (nonce: number): KdcReqBody => ({
    kdcOptions: AS_KDC_OPTIONS, cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: [id.user] }, realm,
    sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', realm] }, till: WINDOWS_TILL, rtime: WINDOWS_TILL, nonce,
    etype: clientEtypes(env, 'as'), addresses: [{ addrType: 20, address: netbiosAddress(env.computerName) }],
  });

  // 1. Without pre-authentication: Windows learns the salt and the etypes from the KDC's answer.
  let reply = yield* kdcRoundTrip(env, 'AS-REQ', buildAsReq({ padata: [paPacRequest(true)], reqBody: reqBody(random31(env.rng)) }));
  if (!reply) return noAuthority('AS-REQ');
  let err = asKrbError(reply);
  if (err && err.errorCode !== ERROR.KDC_ERR_PREAUTH_REQUIRED) return krbFailure(err, `The KDC refused the logon of ${principal}`);
  const info = err ? etypeInfo2Of(err) : [];
  const entry = info.find((e) => WINDOWS_ETYPES.includes(e.etype)) ?? { etype: 23 };
  const salt = entry.salt ?? defaultSalt(realm, [id.user]);
  const userKey = stringToKey(entry.etype, id.password, salt);
  yield { kind: 'key', key: { name: keyName(principal, entry.etype, undefined, `key from the password ${env.computerName} uses`), key: userKey, etype: entry.etype, principal } };

  // 2. With PA-ENC-TIMESTAMP (and again with the KDC's time if the clocks are too far apart).
  let nonce = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (err) {
      const now = clientNow(env);
      const ts = seal(entry.etype, userKey, KEY_USAGE.PA_ENC_TIMESTAMP, buildPaEncTsEnc({ patimestamp: now.time, pausec: now.usec }), env.rng);
      nonce = random31(env.rng);
      reply = yield* kdcRoundTrip(env, 'AS-REQ', buildAsReq({ padata: [paEncTimestamp(ts), paPacRequest(true)], reqBody: reqBody(nonce) }));
      if (!reply) return noAuthority('AS-REQ');
    }
    err = asKrbError(reply);
    if (err?.errorCode === ERROR.KRB_AP_ERR_SKEW && attempt === 0) {
      const kdcTime = err.stime.getTime() + Math.floor(err.susec / 1000);
      const offset = kdcTime - env.now().getTime();
      env.logonSession.data[KDC_TIME_OFFSET] = offset;
      yield {
        kind: 'note', anchor: 'krb-skew-retry',
        text: `The KDC's clock differs from ${env.computerName}'s by ${Math.round(Math.abs(offset) / 60000)} minutes (KRB_AP_ERR_SKEW). The Windows Kerberos client takes the KDC's time from the error, remembers the offset for this logon session, and sends the AS-REQ again with a corrected time stamp (KB 956627).`,
      };
      continue;
    }
    break;
  }
  if (err) return krbFailure(err, `The KDC refused the logon of ${principal}`);

  // 3. The AS-REP: the TGT, and its session key under the password-derived key.
  let rep;
  try { rep = parseAsRep(reply).value; } catch (e) { return failed('SEC_E_INVALID_TOKEN', { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text: `The AS-REP is malformed: ${(e as Error).message}` }); }
  let part;
  try { part = parseEncKdcRepPart(open(rep.encPart, userKey, KEY_USAGE.AS_REP_ENC_PART)).value; } catch {
    return failed('SEC_E_LOGON_DENIED', { code: 0x8009030c, name: 'SEC_E_LOGON_DENIED', text: 'The AS-REP does not decrypt with the password-derived key.' });
  }
  if (part.nonce !== nonce && nonce !== 0) {
    return failed('SEC_E_LOGON_DENIED', { code: 0x8009030c, name: 'SEC_E_LOGON_DENIED', text: 'The AS-REP does not answer this request (nonce mismatch).' });
  }
  const tgt = cacheEntry(`${rep.cname.nameString.join('/')}@${rep.crealm}`, part, buildTicket(rep.ticket), rep.ticket.encPart.kvno);
  yield { kind: 'key', key: { name: sessionKeyName(`krbtgt/${realm}`, part.key.keytype), key: part.key.keyvalue, etype: part.key.keytype, principal: `krbtgt/${realm}@${realm}` } };
  env.logonSession.tickets.push(tgt);
  return { ok: true, value: tgt };
}
