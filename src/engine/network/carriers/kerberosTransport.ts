// Kerberos transport (RFC 4120 §7.2): over TCP 88 each message is preceded by a 4-byte big-endian
// record mark (its length, high bit reserved); over UDP 88 the message is sent bare, one datagram.
import { DecodeError, concat, hex, readU32be, u32be } from '../../bytes';
import { field, type Field } from '../../encoding/fields';
import type { CarrierMessage, CarrierSpec, Flow } from './types';

const TCP_88: Flow = { transport: 'tcp', serverPort: 88, perExchange: true };
const UDP_88: Flow = { transport: 'udp', serverPort: 88, perExchange: true };

/** A Kerberos message over TCP 88 with its record mark. `name` labels the arrow (default "TCP 88"). */
export function buildKerberosTcp(message: Uint8Array, name = 'TCP 88', layer = 'Kerberos'): CarrierMessage {
  if (message.length >= 0x80000000) throw new Error('Kerberos message too large for the TCP record mark');
  const wire = concat(u32be(message.length), message);
  const fields: Field[] = [
    field('Record mark', 0, 4, 'Length of the Kerberos message that follows, 4 bytes big-endian (the top bit is reserved and 0): TCP is a byte stream, so the receiver needs it to find the end.', message.length, 'RFC 4120 §7.2.2'),
    { ...field('Kerberos message', 4, wire.length, 'The Kerberos message itself (DER), exactly as over UDP.', `${message.length} bytes`, 'RFC 4120 §5'), layer },
  ];
  return { carrier: { id: 'tcp/88', name, hex: hex(wire), fields }, wire, flow: TCP_88, tokenRange: { start: 4, end: wire.length } };
}

/** A Kerberos message over UDP 88: the datagram is the message, nothing added. */
export function buildKerberosUdp(message: Uint8Array, name = 'UDP 88', layer = 'Kerberos'): CarrierMessage {
  const wire: Uint8Array = message.slice();
  const fields: Field[] = [
    { ...field('Kerberos message', 0, wire.length, 'Over UDP the datagram is the Kerberos message: no length prefix (the datagram has its own length).', `${message.length} bytes`, 'RFC 4120 §7.2.1'), layer },
  ];
  return { carrier: { id: 'udp/88', name, hex: hex(wire), fields }, wire, flow: UDP_88, tokenRange: { start: 0, end: wire.length } };
}

/** The Kerberos message inside a TCP 88 record (checks the record mark). */
export function parseKerberosTcp(wire: Uint8Array): Uint8Array {
  const len = readU32be(wire, 0);
  if (len & 0x80000000) throw new DecodeError('record mark has the reserved high bit set', 0);
  if (len !== wire.length - 4) throw new DecodeError(`record mark says ${len} bytes but ${wire.length - 4} follow`, 0);
  return wire.subarray(4);
}

export const KERBEROS_TCP_CARRIER: CarrierSpec = { id: 'tcp/88', layer: 'TCP 88', protocol: 'Kerberos', flow: TCP_88, frame: (t) => buildKerberosTcp(t) };
export const KERBEROS_UDP_CARRIER: CarrierSpec = { id: 'udp/88', layer: 'UDP 88', protocol: 'Kerberos', flow: UDP_88, frame: (t) => buildKerberosUdp(t) };
