// EncKDCRepPart (RFC 4120 §5.4.2): the part of an AS-REP/TGS-REP only the client can read: the new
// session key, the nonce it sent, the ticket's flags and times. [APPLICATION 25] EncASRepPart or
// [APPLICATION 26] EncTGSRepPart.
import { DecodeError } from '../../../bytes';
import { SeqReader, application, explicit, flags32, integer, opt, pFlags, pInt, pTime, readDer, seq } from '../../../encoding/der';
import {
  type KParser, R, encEncryptionKey, encHostAddresses, encLastReq, encPrincipalName, guard, kStr, kTime, messageField,
  pEncryptionKey, pHostAddresses, pLastReq, pPrincipalName, pRealm, principalText,
} from './common';
import { TICKET_FLAGS } from './constants';
import { encMethodData, pMethodData } from './paData';
import type { Decoded, EncKdcRepPart, ParseOptions } from './types';
import { headerLeaf } from '../../../encoding/der';

export function buildEncKdcRepPart(v: EncKdcRepPart): Uint8Array {
  return application(v.applicationTag, seq(
    explicit(0, encEncryptionKey(v.key)),
    explicit(1, encLastReq(v.lastReq)),
    explicit(2, integer(v.nonce)),
    opt(3, v.keyExpiration, kTime),
    explicit(4, flags32(v.flags)),
    explicit(5, kTime(v.authtime)),
    opt(6, v.starttime, kTime),
    explicit(7, kTime(v.endtime)),
    opt(8, v.renewTill, kTime),
    explicit(9, kStr(v.srealm)),
    explicit(10, encPrincipalName(v.sname)),
    opt(11, v.caddr, encHostAddresses),
    opt(12, v.encryptedPaData, encMethodData),
  ));
}

const body = (tag: 25 | 26): KParser<EncKdcRepPart> => (b, n, ctx) => {
  const s = new SeqReader(b, n, 'EncKDCRepPart', ctx);
  const key = s.req(0, 'key', pEncryptionKey, 'the new session key, for the client to use with the ticket', R.kdcRep);
  const lastReq = s.req(1, 'last-req', pLastReq, 'times of the client\'s last requests (often empty on Windows)', R.kdcRep);
  const nonce = s.req(2, 'nonce', pInt(), 'the nonce from the request: proves this reply answers it', R.kdcRep);
  const keyExpiration = s.opt(3, 'key-expiration', pTime, 'when the client\'s password expires', R.kdcRep);
  const flags = s.req(4, 'flags', pFlags(TICKET_FLAGS), 'the flags of the issued ticket', R.kdcRep);
  const authtime = s.req(5, 'authtime', pTime, 'when the client first logged on', R.kdcRep);
  const starttime = s.opt(6, 'starttime', pTime, 'when the ticket becomes valid', R.kdcRep);
  const endtime = s.req(7, 'endtime', pTime, 'when the ticket expires', R.kdcRep);
  const renewTill = s.opt(8, 'renew-till', pTime, 'the latest renewal time', R.kdcRep);
  const srealm = s.req(9, 'srealm', pRealm, 'the realm of the service', R.kdcRep);
  const sname = s.req(10, 'sname', pPrincipalName, 'the service the ticket is for', R.kdcRep);
  const caddr = s.opt(11, 'caddr', pHostAddresses, 'the addresses the ticket may be used from', R.kdcRep);
  const encryptedPaData = s.opt(12, 'encrypted-pa-data', pMethodData, 'pre-authentication data protected by the reply key (RFC 6806)', 'RFC 6806 §11');
  const value: EncKdcRepPart = { applicationTag: tag, key, lastReq, nonce, flags, authtime, endtime, srealm, sname };
  if (keyExpiration) value.keyExpiration = keyExpiration;
  if (starttime) value.starttime = starttime;
  if (renewTill) value.renewTill = renewTill;
  if (caddr) value.caddr = caddr;
  if (encryptedPaData) value.encryptedPaData = encryptedPaData;
  return { value, children: s.finish(), display: `ticket for ${principalText(sname)}@${srealm}` };
};

/** EncASRepPart or EncTGSRepPart (either application tag). */
export const pEncKdcRepPart: KParser<EncKdcRepPart> = (b, n, ctx) => {
  if (n.tagClass !== 1 || (n.tagNumber !== 25 && n.tagNumber !== 26) || n.children?.length !== 1) {
    throw new DecodeError('EncKDCRepPart: expected [APPLICATION 25] or [APPLICATION 26]', n.start);
  }
  const inner = n.children[0];
  const p = body(n.tagNumber as 25 | 26)(b, inner, ctx);
  return { ...p, children: [headerLeaf([inner]), ...p.children] };
};

export function parseEncKdcRepPart(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<EncKdcRepPart> {
  return guard('EncKDCRepPart', () => {
    const top = readDer(bytes);
    const p = pEncKdcRepPart(bytes, top, opts);
    const name = top.tagNumber === 25 ? 'EncASRepPart' : 'EncTGSRepPart';
    return { value: p.value, fields: [messageField(name, [top], p, 'the decrypted part of the KDC reply: session key, nonce, ticket times', R.kdcRep)] };
  });
}
