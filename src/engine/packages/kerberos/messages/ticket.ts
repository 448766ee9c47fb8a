// Ticket ::= [APPLICATION 1] SEQUENCE (RFC 4120 §5.3): the service's ticket, encrypted in its long-term key.
import { application, explicit, integer, pInt, readDer, seq } from '../../../encoding/der';
import { type KParser, R, encEncryptedData, encPrincipalName, guard, kStr, messageField, pApplication, pEncryptedData, pPrincipalName, pRealm, principalText } from './common';
import { KEY_USAGE } from './constants';
import { SeqReader } from '../../../encoding/der';
import type { Decoded, ParseOptions, Ticket } from './types';

export function buildTicket(t: Ticket): Uint8Array {
  return application(1, seq(
    explicit(0, integer(t.tktVno)),
    explicit(1, kStr(t.realm)),
    explicit(2, encPrincipalName(t.sname)),
    explicit(3, encEncryptedData(t.encPart)),
  ));
}

const pTicketBody: KParser<Ticket> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'Ticket', ctx);
  const tktVno = s.req(0, 'tkt-vno', pInt(), 'ticket format version: always 5', R.ticket);
  const realm = s.req(1, 'realm', pRealm, 'the realm of the service (and of the KDC that issued the ticket)', R.ticket);
  const sname = s.req(2, 'sname', pPrincipalName, 'the service the ticket is for', R.ticket);
  const encPart = s.req(3, 'enc-part', pEncryptedData({
    usages: [KEY_USAGE.TICKET], plaintext: 'EncTicketPart', what: `ticket for ${principalText(sname)} (its long-term key)`, sname, realm,
  }), 'EncTicketPart encrypted in the service\'s long-term key: only the service (and the KDC) can read it', R.ticket);
  return { value: { tktVno, realm, sname, encPart }, children: s.finish(), display: `${principalText(sname)}@${realm}` };
};

/** Ticket as a component of another message ([APPLICATION 1] node). */
export const pTicket: KParser<Ticket> = pApplication(1, 'Ticket', pTicketBody);

export function parseTicket(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<Ticket> {
  return guard('Ticket', () => {
    const top = readDer(bytes);
    const p = pTicket(bytes, top, opts);
    return { value: p.value, fields: [messageField('Ticket', [top], p, 'a Kerberos ticket: who it is for, and an encrypted part only that service can open', R.ticket)] };
  });
}
