// KRB_AP_REP ::= [APPLICATION 15] SEQUENCE (RFC 4120 §5.5.2): the server's answer for mutual
// authentication, an EncAPRepPart encrypted in the session key.
import { SeqReader, application, explicit, integer, pInt, seq } from '../../../encoding/der';
import { type ByteRange, R, encEncryptedData, guard, messageField, pEncryptedData, unwrapApplication } from './common';
import { KEY_USAGE, MSG_TYPE, MSG_TYPE_NAMES } from './constants';
import type { ApRep, Decoded, EncryptedData, ParseOptions } from './types';

export function buildApRep(v: { encPart: EncryptedData; pvno?: number }): Uint8Array {
  return application(15, seq(explicit(0, integer(v.pvno ?? 5)), explicit(1, integer(MSG_TYPE.AP_REP)), explicit(2, encEncryptedData(v.encPart))));
}

export function parseApRep(bytes: Uint8Array, opts: ParseOptions = {}, range?: ByteRange): Decoded<ApRep> {
  return guard('AP-REP', () => {
    const { chain, seqNode } = unwrapApplication(bytes, 15, 'AP-REP', range);
    const s = new SeqReader(bytes, seqNode, 'AP-REP', opts);
    const pvno = s.req(0, 'pvno', pInt(), 'Kerberos protocol version: 5', R.apRep);
    const msgType = s.req(1, 'msg-type', pInt(MSG_TYPE_NAMES), 'message type 15: KRB_AP_REP', R.apRep);
    const encPart = s.req(2, 'enc-part', pEncryptedData({ usages: [KEY_USAGE.AP_REP_ENC_PART], plaintext: 'EncAPRepPart', what: 'AP-REP enc-part (session key)' }),
      'EncAPRepPart encrypted in the session key: the server proves it read the authenticator', R.apRep);
    const p = { value: { pvno, msgType, encPart }, children: s.finish() };
    return { value: p.value, fields: [messageField('AP-REP', chain, p, 'KRB_AP_REP: the server proves its identity (mutual authentication)', R.apRep)] };
  });
}
