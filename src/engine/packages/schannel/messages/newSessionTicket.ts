// NewSessionTicket (RFC 5077 §3.3 for TLS 1.2; RFC 8446 §4.6.1 for TLS 1.3).
import { Cursor } from './cursor';
import { parseExtensions } from './extensions';

export function parseNewSessionTicket(c: Cursor, tls13: boolean): void {
  c.uint(4, 'ticket_lifetime', 'Seconds the ticket may be used', (v) => `${v} s`);
  if (tls13) {
    c.uint(4, 'ticket_age_add', 'Obfuscates the ticket age the client reports');
    c.opaque(1, 'ticket_nonce', 'Makes each ticket\'s PSK unique');
  }
  c.opaque(2, 'ticket', 'The ticket, opaque to the client (encrypted under the server\'s ticket key)');
  if (tls13) parseExtensions(c, 'encrypted_extensions');
}
