// KDC-REP (RFC 4120 §5.4.2): AS-REP [APPLICATION 11] and TGS-REP [APPLICATION 13]: the ticket, and
// an enc-part (EncKDCRepPart) only the client can read.
import { SeqReader, application, explicit, integer, opt, pInt, seq } from '../../../encoding/der';
import {
  R, encEncryptedData, encPrincipalName, guard, kStr, messageField, pEncryptedData, pPrincipalName, pRealm, principalText, unwrapApplication,
} from './common';
import { KEY_USAGE, MSG_TYPE_NAMES } from './constants';
import { encMethodData, pMethodData } from './paData';
import { buildTicket, pTicket } from './ticket';
import type { Decoded, KdcRep, ParseOptions } from './types';

export interface KdcRepInput extends Omit<KdcRep, 'ticket'> { ticket: KdcRep['ticket'] | Uint8Array }

export function buildKdcRep(v: KdcRepInput): Uint8Array {
  return application(v.msgType, seq(
    explicit(0, integer(v.pvno)),
    explicit(1, integer(v.msgType)),
    opt(2, v.padata, encMethodData),
    explicit(3, kStr(v.crealm)),
    explicit(4, encPrincipalName(v.cname)),
    explicit(5, v.ticket instanceof Uint8Array ? v.ticket : buildTicket(v.ticket)),
    explicit(6, encEncryptedData(v.encPart)),
  ));
}

export function parseKdcRep(bytes: Uint8Array, app: 11 | 13, opts: ParseOptions = {}): Decoded<KdcRep> {
  const name = app === 11 ? 'AS-REP' : 'TGS-REP';
  return guard(name, () => {
    const { chain, seqNode } = unwrapApplication(bytes, app, name);
    const s = new SeqReader(bytes, seqNode, name, opts);
    const pvno = s.req(0, 'pvno', pInt(), 'Kerberos protocol version: 5', R.kdcRep);
    const msgType = s.req(1, 'msg-type', pInt(MSG_TYPE_NAMES), app === 11 ? 'message type 11: KRB_AS_REP' : 'message type 13: KRB_TGS_REP', R.kdcRep);
    if (msgType !== app) throw new Error(`msg-type ${msgType} does not match ${name}`);
    const padata = s.opt(2, 'padata', pMethodData, 'pre-authentication data for the client (e.g. ETYPE-INFO2: the salt used for its key)', R.kdcRep);
    const crealm = s.req(3, 'crealm', pRealm, 'the client\'s realm', R.kdcRep);
    const cname = s.req(4, 'cname', pPrincipalName, 'the client\'s name', R.kdcRep);
    const ticket = s.req(5, 'ticket', pTicket, app === 11 ? 'the TGT: a ticket for krbtgt, the client cannot read it' : 'the service ticket, for the client to present in an AP-REQ', R.kdcRep);
    const encPart = s.req(6, 'enc-part', pEncryptedData(app === 11
      ? { usages: [KEY_USAGE.AS_REP_ENC_PART], plaintext: 'EncASRepPart', what: `AS-REP enc-part (${principalText(cname)}'s password key)` }
      : { usages: [KEY_USAGE.TGS_REP_ENC_PART_SESSION, KEY_USAGE.TGS_REP_ENC_PART_SUBKEY], plaintext: 'EncTGSRepPart', what: 'TGS-REP enc-part (TGT session key or authenticator subkey)' }),
    app === 11 ? 'EncASRepPart, encrypted in the client\'s password-derived key: holds the TGT session key'
      : 'EncTGSRepPart, encrypted in the TGT session key (or the subkey): holds the service session key', R.kdcRep);
    const value: KdcRep = { pvno, msgType, crealm, cname, ticket, encPart };
    if (padata) value.padata = padata;
    const p = { value, children: s.finish() };
    return {
      value, fields: [messageField(name, chain, p, app === 11
        ? 'KRB_AS_REP: the KDC\'s answer to a logon: a TGT and its session key for the client'
        : 'KRB_TGS_REP: the KDC\'s answer: a service ticket and its session key', R.kdcRep)],
    };
  });
}
