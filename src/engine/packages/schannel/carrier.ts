// Schannel's carriers: TLS records straight on a TCP connection to port 443 (HTTPS), and DTLS records
// in UDP datagrams (port 4433). The records are the whole payload: no wrapper around the token.
import type { CarrierSpec } from '../../network/carriers/types';

export const TLS_CARRIER: CarrierSpec = { id: 'tls', layer: 'TCP 443', protocol: 'TLS', flow: { transport: 'tcp', serverPort: 443 } };
export const DTLS_CARRIER: CarrierSpec = { id: 'dtls', layer: 'UDP 4433', protocol: 'TLS', flow: { transport: 'udp', serverPort: 4433 } };
