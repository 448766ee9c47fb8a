// What every carrier builder returns: the trace's Carrier (bytes + field tree, for the inspector),
// the wire bytes (for the capture) and the flow (which transport and server port carry it).
import type { Carrier, CarrierId, MessageProtocol } from '../../trace';

export type { CarrierId };

export type Transport = 'tcp' | 'udp';

/** How a carrier reaches the server: the transport and the server's well-known port. */
export interface Flow {
  transport: Transport;
  serverPort: number;
  /** Each request/reply exchange opens its own connection (Windows does so for every KDC exchange); otherwise
   *  one connection per client/server pair carries every message. */
  perExchange?: boolean;
}

/** The output of a carrier builder. */
export interface CarrierMessage {
  /** For MessageEvent.carrier: `hex` is the whole carrier message (token included), `fields` cover every byte of it. */
  carrier: Carrier;
  /** The application bytes as they go on the wire (the same bytes as carrier.hex). */
  wire: Uint8Array;
  flow: Flow;
  /** Where the token sits inside `wire` (absent when the message carries no token). For HTTP the token is base64 text,
   *  so this range covers the base64 characters, not the raw token bytes. */
  tokenRange?: { start: number; end: number };
}

/** @deprecated The well-known ports of the first carriers, kept so older code builds; the capture reads each
 *  carrier's `CarrierSpec.flow` from carriers/registry.ts, which is what a new carrier adds. */
export const CARRIER_FLOWS = {
  http: { transport: 'tcp', serverPort: 80 },
  smb2: { transport: 'tcp', serverPort: 445 },
  'tcp/88': { transport: 'tcp', serverPort: 88, perExchange: true },
  'udp/88': { transport: 'udp', serverPort: 88, perExchange: true },
  ldap: { transport: 'tcp', serverPort: 389 },
  rdp: { transport: 'tcp', serverPort: 3389 },
} as const satisfies Record<string, Flow>;

/** A carrier in the registry (carriers/registry.ts): how its messages show and travel. */
export interface CarrierSpec {
  id: CarrierId;
  /** The outermost layer's name in a message's `layers` (HTTP, SMB2, TCP 88). */
  layer: string;
  /** The protocol shown for a message of this carrier that holds no token (a bare HTTP 401, SMB2 NEGOTIATE). */
  protocol: MessageProtocol;
  /** Transport and server port in a capture; null for legs that never reach the capture (summaries). */
  flow: Flow | null;
  /** Why this carrier leaves an SSP's token out when it does (a message built with no tokenRange). */
  tokenNotSent?: string;
  /** For authority legs: frames a token as this carrier sends it (TCP 88 record mark, bare UDP datagram). */
  frame?(token: Uint8Array): CarrierMessage;
}
