// What every carrier builder returns: the trace's Carrier (bytes + field tree, for the inspector),
// the wire bytes (for the capture) and the flow (which transport and server port carry it).
import type { Carrier, CarrierId } from '../../trace';

export type { CarrierId };

/** Known carrier ids; one file per carrier under network/carriers/ (ldap.ts and rdp.ts slot in later). */
export const CARRIER_IDS = ['http', 'smb2', 'tcp/88', 'udp/88', 'ldap', 'rdp', 'tls', 'dtls'] as const;
export type KnownCarrierId = (typeof CARRIER_IDS)[number];

export type Transport = 'tcp' | 'udp';

/** How a carrier reaches the server: the transport and the server's well-known port. */
export interface Flow {
  transport: Transport;
  serverPort: number;
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

/** The flow of each carrier (the capture export asks this when it only has a carrier id). */
export const CARRIER_FLOWS: Record<KnownCarrierId, Flow> = {
  http: { transport: 'tcp', serverPort: 80 },
  smb2: { transport: 'tcp', serverPort: 445 },
  'tcp/88': { transport: 'tcp', serverPort: 88 },
  'udp/88': { transport: 'udp', serverPort: 88 },
  ldap: { transport: 'tcp', serverPort: 389 },
  rdp: { transport: 'tcp', serverPort: 3389 },
  /** HTTPS: TLS records straight on TCP 443. */
  tls: { transport: 'tcp', serverPort: 443 },
  /** DTLS datagrams (UDP 4433). */
  dtls: { transport: 'udp', serverPort: 4433 },
};

/** The flow of a carrier id, or null for carriers that never reach the capture (e.g. `netlogon` summaries). */
export function carrierFlow(id: CarrierId): Flow | null {
  return (CARRIER_FLOWS as Record<string, Flow>)[id] ?? null;
}
