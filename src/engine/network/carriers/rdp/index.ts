// The RDP carrier (tcp/3389): the X.224 Connection Request/Confirm that negotiate the security
// protocol (MS-RDPBCGR 2.2.1.1-2.2.1.2), then, for PROTOCOL_SSL / PROTOCOL_HYBRID, the TLS records
// straight on the TCP stream (no RDP framing until the TLS handshake and CredSSP are done).
import { hex } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';
import type { CarrierMessage, CarrierSpec, Flow } from '../types';

export const RDP_FLOW: Flow = { transport: 'tcp', serverPort: 3389 };
export const RDP_CARRIER: CarrierSpec = { id: 'rdp', layer: 'RDP', protocol: 'RDP', flow: RDP_FLOW };
import { parseX224ConnectionConfirm } from './connectionConfirm';
import { parseX224ConnectionRequest } from './connectionRequest';

export * from './x224';
export * from './connectionRequest';
export * from './connectionConfirm';

/** An X.224 Connection Request or Confirm as a carrier message (it carries no SSPI token). */
export function rdpX224Carrier(wire: Uint8Array, name?: string): CarrierMessage {
  const isRequest = (wire[5] & 0xf0) === 0xe0;
  const p = isRequest ? parseX224ConnectionRequest(wire) : parseX224ConnectionConfirm(wire);
  return {
    carrier: { id: 'rdp', name: name ?? (isRequest ? 'X.224 Connection Request' : 'X.224 Connection Confirm'), hex: hex(wire), fields: p.fields },
    wire: wire.slice(),
    flow: RDP_FLOW,
  };
}

/** TLS records on the RDP connection: the TCP payload is the records themselves. */
export function rdpTlsCarrier(records: Uint8Array, name = 'TLS on TCP 3389'): CarrierMessage {
  const fields: Field[] = [
    { ...field('TLS records', 0, records.length, 'after the Connection Confirm selected PROTOCOL_SSL or PROTOCOL_HYBRID, the TLS records go straight on the TCP connection', `${records.length} bytes`, 'MS-RDPBCGR 5.4.5.1'), layer: 'TLS' },
  ];
  return { carrier: { id: 'rdp', name, hex: hex(records), fields }, wire: records.slice(), flow: RDP_FLOW, tokenRange: { start: 0, end: records.length } };
}
