// The server side (RFC 4120 §3.2.3, RFC 4121 §4.1, MS-KILE 3.4.5): decrypt the ticket with the
// service's own long-term key, check the authenticator and the clocks, verify the PAC's server
// signature, and answer with an AP-REP when the client asked for mutual authentication. A refusal
// is a KRB-ERROR in the GSS framing (TOK_ID 03 00), as Windows sends it back.
import { equal } from '../../../bytes';
import { etypeName } from '../../../crypto/kerberos';
import { ASC_RET } from '../../../sspi/flags';
import type { PackageEnv, PackageYield, RequestFlags } from '../../../sspi/package';
import type { SecStatusName } from '../../../sspi/status';
import type { TraceError } from '../../../trace';
import {
  buildTicket, ERROR, GSS_CHECKSUM_TYPE, GSS_FLAGS, KEY_USAGE, TOK_ID, bit, buildApRep, buildEncApRepPart, buildKrbError, channelBindingHash, encKerbErrorData, findPac,
  parseAuthenticator, parseEncTicketPart, parseGssChecksum, parseGssToken, wrapApRep, wrapKrbError, type ApReq, type PrincipalName,
} from '../messages';
import { keyName, kerberosNow, longTermKey, open, random31, randomKey, saltFor, seal } from '../keys';
import { MAX_SKEW_MS } from '../kdc/as';
import { verifyPacSignature } from '../kdc/pacBuild';
import { krbTraceError, serverStatusOf } from '../client/errors';
import type { KerberosContext } from '../state';

export interface AcceptOutcome {
  ctx: KerberosContext;
  status: SecStatusName;
  output: Uint8Array | null;
  error?: TraceError;
  attributes: number;
}

/** GSS flags → ASC_RET_* bits (PKU2U's acceptor uses it too). */
export function ascRet(g: number): number {
  let r = ASC_RET.CONNECTION;
  if (g & GSS_FLAGS.MUTUAL) r |= ASC_RET.MUTUAL_AUTH;
  if (g & GSS_FLAGS.REPLAY) r |= ASC_RET.REPLAY_DETECT;
  if (g & GSS_FLAGS.SEQUENCE) r |= ASC_RET.SEQUENCE_DETECT;
  if (g & GSS_FLAGS.CONF) r |= ASC_RET.CONFIDENTIALITY;
  if (g & GSS_FLAGS.INTEG) r |= ASC_RET.INTEGRITY;
  return r >>> 0;
}

function refuse(env: PackageEnv, ctx: KerberosContext, code: number, sname: PrincipalName, realm: string, why: string): AcceptOutcome {
  const now = kerberosNow(env.now());
  // MS-KILE 3.4.5: a clock skew error carries KERB-ERROR-DATA of type KERB_AP_ERR_TYPE_SKEW_RECOVERY (2, MS-KILE 2.2.2),
  // with the server's time in stime/susec so the client can correct for it.
  const eData = code === ERROR.KRB_AP_ERR_SKEW ? encKerbErrorData({ dataType: 2 }) : undefined;
  const err = buildKrbError({ stime: now.time, susec: now.usec, errorCode: code, realm, sname, eData });
  const error = krbTraceError(code, why);
  return { ctx: { ...ctx, state: 'failed', error }, status: serverStatusOf(code), output: wrapKrbError(err), error, attributes: 0 };
}

export function* acceptApReq(env: PackageEnv, ctx: KerberosContext, input: Uint8Array, req: RequestFlags): Generator<PackageYield, AcceptOutcome, unknown> {
  const bad = (text: string): AcceptOutcome => ({ ctx: { ...ctx, state: 'failed' }, status: 'SEC_E_INVALID_TOKEN', output: null, attributes: 0, error: { code: 0x80090308, name: 'SEC_E_INVALID_TOKEN', text } });
  let tok;
  try { tok = parseGssToken(input).value; } catch (e) { return bad(`The client's Kerberos token is malformed: ${(e as Error).message}`); }
  if (tok.tokId !== TOK_ID.AP_REQ || tok.message.kind !== 'AP-REQ') return bad('Expected a GSS-API KRB_AP_REQ token (TOK_ID 01 00).');
  const apReq: ApReq = tok.message.message;
  const sname = apReq.ticket.sname;
  const realm = apReq.ticket.realm;
  const svc = env.serviceAccount;
  if (!svc) return refuse(env, ctx, ERROR.KRB_AP_ERR_NOKEY, sname, realm, `${env.computerName} has no key for ${sname.nameString.join('/')}`);

  // The ticket: only the service's long-term key opens it.
  const etype = apReq.ticket.encPart.etype;
  const principal = `${svc.name}@${realm}`;
  let key: Uint8Array;
  try { key = longTermKey(etype, svc.password, saltFor(svc.name, undefined, realm)); } catch {
    return refuse(env, ctx, ERROR.KDC_ERR_ETYPE_NOSUPP, sname, realm, `${env.computerName} has no ${etypeName(etype)} key`);
  }
  yield { kind: 'key', key: { name: keyName(principal, etype, svc.kvno), key, etype, kvno: svc.kvno, principal } };
  let ticket;
  try { ticket = parseEncTicketPart(open(apReq.ticket.encPart, key, KEY_USAGE.TICKET)).value; } catch {
    return refuse(env, ctx, ERROR.KRB_AP_ERR_MODIFIED, sname, realm,
      `${env.computerName} cannot decrypt the ticket with the key it holds for ${svc.name} (kvno ${svc.kvno}; the ticket says kvno ${apReq.ticket.encPart.kvno ?? '?'})`);
  }
  const sk = ticket.key;
  let auth;
  try { auth = parseAuthenticator(open(apReq.authenticator, sk.keyvalue, KEY_USAGE.AP_REQ_AUTHENTICATOR)).value; } catch {
    return refuse(env, ctx, ERROR.KRB_AP_ERR_BAD_INTEGRITY, sname, realm, 'The authenticator does not decrypt with the ticket\'s session key');
  }
  if (auth.cname.nameString.join('/').toLowerCase() !== ticket.cname.nameString.join('/').toLowerCase() || auth.crealm.toUpperCase() !== ticket.crealm.toUpperCase()) {
    return refuse(env, ctx, ERROR.KRB_AP_ERR_BADMATCH, sname, realm, 'The authenticator names another client than the ticket');
  }
  const now = env.now();
  if (Math.abs(auth.ctime.getTime() - now.getTime()) > MAX_SKEW_MS) {
    const mins = Math.round(Math.abs(auth.ctime.getTime() - now.getTime()) / 60000);
    return refuse(env, ctx, ERROR.KRB_AP_ERR_SKEW, sname, realm, `The authenticator's time is ${mins} minutes away from ${env.computerName}'s clock (the limit is 5)`);
  }
  if (ticket.endtime.getTime() + MAX_SKEW_MS < now.getTime()) return refuse(env, ctx, ERROR.KRB_AP_ERR_TKT_EXPIRED, sname, realm, 'The ticket has expired');
  if ((ticket.starttime ?? ticket.authtime).getTime() - MAX_SKEW_MS > now.getTime()) return refuse(env, ctx, ERROR.KRB_AP_ERR_TKT_NYV, sname, realm, 'The ticket is not valid yet');
  const pac = findPac(ticket.authorizationData);
  if (pac && !verifyPacSignature(pac, 'server', key)) return refuse(env, ctx, ERROR.KRB_AP_ERR_MODIFIED, sname, realm, 'The PAC\'s server signature does not verify');

  // The GSS checksum: the flags, and the channel bindings when the server has a TLS channel.
  let gssFlags = 0;
  if (auth.cksum && auth.cksum.cksumtype === GSS_CHECKSUM_TYPE) {
    const g = parseGssChecksum(auth.cksum.checksum).value;
    gssFlags = g.flags;
    const zero = g.bnd.every((x) => x === 0);
    if (req.channelBindings && !zero && !equal(g.bnd, channelBindingHash(req.channelBindings))) {
      return refuse(env, ctx, ERROR.KRB_AP_ERR_MODIFIED, sname, realm, 'The channel-binding hash does not match this TLS channel');
    }
  }
  const client = `${auth.cname.nameString.join('/')}@${auth.crealm}`;
  const base: KerberosContext = {
    ...ctx, state: 'established', side: 'server', attributes: ascRet(gssFlags), gssFlags, client, server: `${sname.nameString.join('/')}@${realm}`,
    sessionKey: { etype: sk.keytype, key: sk.keyvalue }, recvSeq: auth.seqNumber ?? 0, sendSeq: 0, ctime: auth.ctime, cusec: auth.cusec,
    ticket: buildTicket(apReq.ticket),
  };
  if (auth.subkey) base.initiatorSubkey = { etype: auth.subkey.keytype, key: auth.subkey.keyvalue };
  const mutual = (apReq.apOptions & bit(2)) !== 0;
  if (!mutual) return { ctx: base, status: 'SEC_E_OK', output: null, attributes: base.attributes };

  // Mutual authentication: the AP-REP echoes the client's time, with the server's subkey and sequence number.
  const subEtype = auth.subkey?.keytype ?? sk.keytype;
  const acceptorSubkey = randomKey(subEtype, env.rng);
  const seq = random31(env.rng);
  yield { kind: 'key', key: { name: `acceptor subkey (AP-REP, ${etypeName(subEtype)})`, key: acceptorSubkey, etype: subEtype } };
  const encPart = buildEncApRepPart({ ctime: auth.ctime, cusec: auth.cusec, subkey: { keytype: subEtype, keyvalue: acceptorSubkey }, seqNumber: seq });
  const apRep = buildApRep({ encPart: seal(sk.keytype, sk.keyvalue, KEY_USAGE.AP_REP_ENC_PART, encPart, env.rng) });
  const done: KerberosContext = { ...base, acceptorSubkey: { etype: subEtype, key: acceptorSubkey }, sendSeq: seq };
  return { ctx: done, status: 'SEC_E_OK', output: wrapApRep(apRep), attributes: done.attributes };
}

