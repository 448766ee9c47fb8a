// KDC-REQ (RFC 4120 §5.4.1): the common shape of AS-REQ [APPLICATION 10] and TGS-REQ [APPLICATION 12],
// and KDC-REQ-BODY (whose exact bytes the PA-TGS-REQ authenticator's checksum covers).
import { SeqReader, application, explicit, flags32, integer, opt, pFlags, pInt, pSeqOf, pTime, seq, seqOf } from '../../../encoding/der';
import {
  type KParser, R, encEncryptedData, encHostAddresses, encPrincipalName, etypeName, guard, kStr, kTime, messageField, pEncryptedData,
  pEtype, pHostAddresses, pPrincipalName, pRealm, principalText, unwrapApplication,
} from './common';
import { KDC_OPTIONS, KEY_USAGE, MSG_TYPE_NAMES } from './constants';
import { encMethodData, pMethodData } from './paData';
import { buildTicket, pTicket } from './ticket';
import type { Decoded, KdcReq, KdcReqBody, ParseOptions, ParsedKdcReq } from './types';

export function buildKdcReqBody(v: KdcReqBody): Uint8Array {
  return seq(
    explicit(0, flags32(v.kdcOptions)),
    opt(1, v.cname, encPrincipalName),
    explicit(2, kStr(v.realm)),
    opt(3, v.sname, encPrincipalName),
    opt(4, v.from, kTime),
    explicit(5, kTime(v.till)),
    opt(6, v.rtime, kTime),
    explicit(7, integer(v.nonce)),
    explicit(8, seqOf(v.etype.map((e) => integer(e)))),
    opt(9, v.addresses, encHostAddresses),
    opt(10, v.encAuthorizationData, encEncryptedData),
    opt(11, v.additionalTickets, (ts) => seqOf(ts.map(buildTicket))),
  );
}

/**
 * Build a KDC-REQ. `reqBodyBytes` may pass the already-encoded KDC-REQ-BODY (the one the
 * PA-TGS-REQ checksum was computed over) so it is not encoded twice.
 */
export function buildKdcReq(v: KdcReq, reqBodyBytes?: Uint8Array): Uint8Array {
  return application(v.msgType, seq(
    explicit(1, integer(v.pvno)),
    explicit(2, integer(v.msgType)),
    opt(3, v.padata, encMethodData),
    explicit(4, reqBodyBytes ?? buildKdcReqBody(v.reqBody)),
  ));
}

export const pKdcReqBody: KParser<KdcReqBody> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'KDC-REQ-BODY', ctx);
  const kdcOptions = s.req(0, 'kdc-options', pFlags(KDC_OPTIONS), 'the ticket options the client asks for (forwardable, renewable, canonicalize...)', R.kdcReq);
  const cname = s.opt(1, 'cname', pPrincipalName, 'the client\'s name (AS-REQ only)', R.kdcReq);
  const realm = s.req(2, 'realm', pRealm, 'the realm: the client\'s in an AS-REQ, the service\'s in a TGS-REQ', R.kdcReq);
  const sname = s.opt(3, 'sname', pPrincipalName, 'the service a ticket is asked for (krbtgt/REALM for a TGT)', R.kdcReq);
  const from = s.opt(4, 'from', pTime, 'the requested start time (postdated tickets)', R.kdcReq);
  const till = s.req(5, 'till', pTime, 'the requested expiry time (Windows asks for 2037-09-13 or 1970: "as long as allowed")', R.kdcReq);
  const rtime = s.opt(6, 'rtime', pTime, 'the requested renew-till time', R.kdcReq);
  const nonce = s.req(7, 'nonce', pInt(), 'a random number the reply must echo (it ties the reply to this request)', R.kdcReq);
  const etype = s.req(8, 'etype', pSeqOf(pEtype, (i) => `etype[${i}]`, 'an encryption type the client supports', R.kdcReq, (vs) => vs.map(etypeName).join(', ')),
    'the encryption types the client supports, most preferred first', R.kdcReq);
  const addresses = s.opt(9, 'addresses', pHostAddresses, 'the client\'s addresses (Windows sends its NetBIOS name)', R.kdcReq);
  const encAuthorizationData = s.opt(10, 'enc-authorization-data', pEncryptedData({
    usages: [KEY_USAGE.TGS_REQ_AD_SUBKEY, KEY_USAGE.TGS_REQ_AD_SESSION], plaintext: 'AuthorizationData', what: 'TGS-REQ authorization data',
  }), 'authorization data to add to the ticket, encrypted', R.kdcReq);
  const additionalTickets = s.opt(11, 'additional-tickets', pSeqOf(pTicket, (i) => `ticket[${i}]`, 'an additional ticket (user-to-user, S4U2Proxy)', R.kdcReq),
    'extra tickets: for user-to-user or constrained delegation', R.kdcReq);
  const value: KdcReqBody = { kdcOptions, realm, till, nonce, etype };
  if (cname) value.cname = cname;
  if (sname) value.sname = sname;
  if (from) value.from = from;
  if (rtime) value.rtime = rtime;
  if (addresses) value.addresses = addresses;
  if (encAuthorizationData) value.encAuthorizationData = encAuthorizationData;
  if (additionalTickets) value.additionalTickets = additionalTickets;
  const who = cname ? `${principalText(cname)} → ` : '';
  return { value, children: s.finish(), display: `${who}${sname ? principalText(sname) : '(no sname)'}@${realm}` };
};

/** Parse an AS-REQ (app 10) or TGS-REQ (app 12); the bare SEQUENCE is accepted too. */
export function parseKdcReq(bytes: Uint8Array, app: 10 | 12, opts: ParseOptions = {}): Decoded<ParsedKdcReq> {
  const name = app === 10 ? 'AS-REQ' : 'TGS-REQ';
  return guard(name, () => {
    const { chain, seqNode } = unwrapApplication(bytes, app, name);
    const s = new SeqReader(bytes, seqNode, name, opts);
    const pvno = s.req(1, 'pvno', pInt(), 'Kerberos protocol version: 5', R.kdcReq);
    const msgType = s.req(2, 'msg-type', pInt(MSG_TYPE_NAMES), app === 10 ? 'message type 10: KRB_AS_REQ' : 'message type 12: KRB_TGS_REQ', R.kdcReq);
    const padata = s.opt(3, 'padata', pMethodData, app === 10 ? 'pre-authentication: the encrypted time stamp, PAC request...' : 'PA-TGS-REQ: the TGT and an authenticator', R.kdcReq);
    const reqBody = s.req(4, 'req-body', pKdcReqBody, 'what is asked: client, service, times, nonce and encryption types', R.kdcReq);
    const bodyNode = s.raw(4)!;
    const value: ParsedKdcReq = { pvno, msgType, reqBody, reqBodyBytes: bytes.slice(bodyNode.start, bodyNode.end) };
    if (padata) value.padata = padata;
    if (msgType !== app) throw new Error(`msg-type ${msgType} does not match ${name}`);
    const p = { value, children: s.finish(), display: `${reqBody.cname ? principalText(reqBody.cname) + ' → ' : ''}${reqBody.sname ? principalText(reqBody.sname) : ''}` };
    return {
      value, fields: [messageField(name, chain, p, app === 10
        ? 'KRB_AS_REQ: the client asks the KDC for a ticket-granting ticket (logon)'
        : 'KRB_TGS_REQ: the client shows its TGT and asks for a service ticket', R.kdcReq)],
    };
  });
}
