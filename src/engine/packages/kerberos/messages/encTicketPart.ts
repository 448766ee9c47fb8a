// EncTicketPart ::= [APPLICATION 3] SEQUENCE (RFC 4120 §5.3): the inside of a ticket, readable only
// with the service's long-term key: the session key, the client's name, the times and the PAC.
import { SeqReader, application, explicit, flags32, opt, pFlags, readDer, seq } from '../../../encoding/der';
import { encAuthorizationData, pAuthorizationData } from './authData';
import {
  type KParser, R, encEncryptionKey, encHostAddresses, encPrincipalName, encTransited, guard, kStr, kTime, messageField, pApplication,
  pEncryptionKey, pHostAddresses, pPrincipalName, pRealm, pTransited, principalText,
} from './common';
import { TICKET_FLAGS } from './constants';
import { pTime } from '../../../encoding/der';
import type { Decoded, EncTicketPart, ParseOptions } from './types';

export function buildEncTicketPart(v: EncTicketPart): Uint8Array {
  return application(3, seq(
    explicit(0, flags32(v.flags)),
    explicit(1, encEncryptionKey(v.key)),
    explicit(2, kStr(v.crealm)),
    explicit(3, encPrincipalName(v.cname)),
    explicit(4, encTransited(v.transited)),
    explicit(5, kTime(v.authtime)),
    opt(6, v.starttime, kTime),
    explicit(7, kTime(v.endtime)),
    opt(8, v.renewTill, kTime),
    opt(9, v.caddr, encHostAddresses),
    opt(10, v.authorizationData, encAuthorizationData),
  ));
}

const body: KParser<EncTicketPart> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'EncTicketPart', ctx);
  const flags = s.req(0, 'flags', pFlags(TICKET_FLAGS), 'the ticket\'s flags (forwardable, renewable, initial, pre-authent...)', R.ticket);
  const key = s.req(1, 'key', pEncryptionKey, 'the session key: the client got the same key in the KDC reply', R.ticket);
  const crealm = s.req(2, 'crealm', pRealm, 'the client\'s realm', R.ticket);
  const cname = s.req(3, 'cname', pPrincipalName, 'the client\'s name: who this ticket vouches for', R.ticket);
  const transited = s.req(4, 'transited', pTransited, 'the realms crossed to issue this ticket', R.ticket);
  const authtime = s.req(5, 'authtime', pTime, 'when the client first logged on (got its TGT)', R.ticket);
  const starttime = s.opt(6, 'starttime', pTime, 'when the ticket becomes valid', R.ticket);
  const endtime = s.req(7, 'endtime', pTime, 'when the ticket expires', R.ticket);
  const renewTill = s.opt(8, 'renew-till', pTime, 'the latest time the ticket can be renewed to', R.ticket);
  const caddr = s.opt(9, 'caddr', pHostAddresses, 'the addresses the ticket may be used from', R.ticket);
  const authorizationData = s.opt(10, 'authorization-data', pAuthorizationData, 'authorization data: on Windows the PAC (the user\'s groups), in AD-IF-RELEVANT', R.ticket);
  const value: EncTicketPart = { flags, key, crealm, cname, transited, authtime, endtime };
  if (starttime) value.starttime = starttime;
  if (renewTill) value.renewTill = renewTill;
  if (caddr) value.caddr = caddr;
  if (authorizationData) value.authorizationData = authorizationData;
  return { value, children: s.finish(), display: `${principalText(cname)}@${crealm}` };
};

export const pEncTicketPart: KParser<EncTicketPart> = pApplication(3, 'EncTicketPart', body);

export function parseEncTicketPart(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<EncTicketPart> {
  return guard('EncTicketPart', () => {
    const top = readDer(bytes);
    const p = pEncTicketPart(bytes, top, opts);
    return { value: p.value, fields: [messageField('EncTicketPart', [top], p, 'the decrypted inside of a ticket', R.ticket)] };
  });
}
