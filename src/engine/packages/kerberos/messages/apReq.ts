// KRB_AP_REQ ::= [APPLICATION 14] SEQUENCE (RFC 4120 §5.5.1): a ticket plus an authenticator
// encrypted in the ticket's session key. Inside a TGS-REQ (PA-TGS-REQ) it carries the TGT.
import { SeqReader, application, explicit, flags32, integer, pFlags, pInt, seq } from '../../../encoding/der';
import { type ByteRange, type KParser, R, encEncryptedData, guard, messageField, pApplication, pEncryptedData, principalText, unwrapApplication } from './common';
import { AP_OPTIONS, KEY_USAGE, MSG_TYPE, MSG_TYPE_NAMES } from './constants';
import { buildTicket, pTicket } from './ticket';
import type { ApReq, Decoded, ParseOptions, Ticket } from './types';

export interface ApReqInput { apOptions: number; ticket: Ticket | Uint8Array; authenticator: ApReq['authenticator']; pvno?: number }

/** Build an AP-REQ; the ticket may be given already encoded (as received from the KDC). */
export function buildApReq(v: ApReqInput): Uint8Array {
  return application(14, seq(
    explicit(0, integer(v.pvno ?? 5)),
    explicit(1, integer(MSG_TYPE.AP_REQ)),
    explicit(2, flags32(v.apOptions)),
    explicit(3, v.ticket instanceof Uint8Array ? v.ticket : buildTicket(v.ticket)),
    explicit(4, encEncryptedData(v.authenticator)),
  ));
}

/** The AP-REQ SEQUENCE body; `authUsage` is 11 for an application AP-REQ, 7 inside PA-TGS-REQ. */
function body(authUsage: number): KParser<ApReq> {
  return (b, n, ctx) => {
    const s = new SeqReader(b, n, 'AP-REQ', ctx);
    const pvno = s.req(0, 'pvno', pInt(), 'Kerberos protocol version: 5', R.apReq);
    const msgType = s.req(1, 'msg-type', pInt(MSG_TYPE_NAMES), 'message type 14: KRB_AP_REQ', R.apReq);
    const apOptions = s.req(2, 'ap-options', pFlags(AP_OPTIONS), 'options: mutual-required asks the server to prove itself with an AP-REP', R.apReq);
    const ticket = s.req(3, 'ticket', pTicket, authUsage === KEY_USAGE.TGS_REQ_AUTHENTICATOR ? 'the TGT' : 'the service ticket', R.apReq);
    const authenticator = s.req(4, 'authenticator', pEncryptedData({
      usages: [authUsage], plaintext: 'Authenticator', what: `authenticator (session key of the ticket for ${principalText(ticket.sname)})`, sname: ticket.sname, realm: ticket.realm,
    }), 'the authenticator, encrypted in the ticket\'s session key: proves the sender holds that key now', R.apReq);
    return { value: { pvno, msgType, apOptions, ticket, authenticator }, children: s.finish(), display: `ticket for ${principalText(ticket.sname)}@${ticket.realm}` };
  };
}

/** AP-REQ as a nested element ([APPLICATION 14] node), with the key usage of its authenticator. */
export function pApReqFor(authUsage: number): KParser<ApReq> {
  return pApplication(14, 'AP-REQ', body(authUsage));
}

export const pApReq: KParser<ApReq> = pApReqFor(KEY_USAGE.AP_REQ_AUTHENTICATOR);

export function parseApReq(bytes: Uint8Array, opts: ParseOptions = {}, authUsage: number = KEY_USAGE.AP_REQ_AUTHENTICATOR, range?: ByteRange): Decoded<ApReq> {
  return guard('AP-REQ', () => {
    const { chain, seqNode } = unwrapApplication(bytes, 14, 'AP-REQ', range);
    const p = body(authUsage)(bytes, seqNode, opts);
    return { value: p.value, fields: [messageField('AP-REQ', chain, p, 'KRB_AP_REQ: a ticket and a fresh authenticator, presented to a service', R.apReq)] };
  });
}
