// NewSessionTicket (RFC 5077 §3.3 for TLS 1.2; RFC 8446 §4.6.1 for TLS 1.3).
import { concat } from '../../../bytes';
import { Cursor, be, vec } from './cursor';
import { parseExtensions } from './extensions';

export interface NewSessionTicket {
  lifetime: number;
  /** TLS 1.3 only. */
  ageAdd?: number;
  nonce?: Uint8Array;
  ticket: Uint8Array;
}

/** A TLS 1.3 NewSessionTicket body (no extensions: Schannel offers no early data). */
export function buildNewSessionTicket13(m: Required<NewSessionTicket>): Uint8Array {
  return concat(be(m.lifetime, 4), be(m.ageAdd >>> 0, 4), vec(1, m.nonce), vec(2, m.ticket), vec(2));
}

export function parseNewSessionTicket(c: Cursor, tls13: boolean): NewSessionTicket {
  const lifetime = c.uint(4, 'ticket_lifetime', 'Seconds the ticket may be used (at most 7 days in TLS 1.3)', (v) => `${v} s`);
  let ageAdd: number | undefined, nonce: Uint8Array | undefined;
  if (tls13) {
    ageAdd = c.uint(4, 'ticket_age_add', 'A random number the client adds to the ticket\'s age when it offers it, so an observer cannot link the connections by the age');
    nonce = c.opaque(1, 'ticket_nonce', 'Makes each ticket\'s PSK unique: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce)');
  }
  const ticket = c.opaque(2, 'ticket', 'The ticket, opaque to the client: the server\'s session state encrypted under a key only the server holds (key_name, IV, AES-256-GCM ciphertext and tag, RFC 5077 §4\'s layout)');
  if (tls13) parseExtensions(c, 'encrypted_extensions');
  return { lifetime, ageAdd, nonce, ticket };
}
