// The carriers registry: every carrier a message can ride (application protocols' own carriers and
// the authority legs' transports), with how it shows (layer, protocol of a bare message) and travels
// (transport and port in the capture, connection per exchange or kept). A new carrier adds its
// spec (exported by its own file) here.
import type { CarrierId } from '../../trace';
import type { CarrierSpec, Flow } from './types';
import { HTTP_CARRIER } from './http';
import { SMB2_CARRIER } from './smb2/header';
import { KERBEROS_TCP_CARRIER, KERBEROS_UDP_CARRIER } from './kerberosTransport';
import { LDAP_CARRIER } from './ldap';
import { RDP_CARRIER } from './rdp';
import { TLS_CARRIER, DTLS_CARRIER } from '../../packages/schannel/carrier';

/** Summary legs of the Netlogon secure channel (DCE/RPC not modelled: never in the capture). */
export const NETLOGON_CARRIER: CarrierSpec = { id: 'netlogon', layer: 'NETLOGON', protocol: 'Netlogon', flow: null };

/** Summary legs of a device's sign-in to its identity provider (HTTPS/OAuth not modelled: never in the capture). */
export const IDP_SIGNIN_CARRIER: CarrierSpec = { id: 'idp-signin', layer: 'HTTPS', protocol: 'HTTP', flow: null };

export const CARRIERS: readonly CarrierSpec[] = [HTTP_CARRIER, SMB2_CARRIER, KERBEROS_TCP_CARRIER, KERBEROS_UDP_CARRIER, NETLOGON_CARRIER, IDP_SIGNIN_CARRIER, RDP_CARRIER, TLS_CARRIER, DTLS_CARRIER, LDAP_CARRIER];

const BY_ID = new Map(CARRIERS.map((c) => [c.id, c]));

export function carrierSpec(id: CarrierId): CarrierSpec | undefined {
  return BY_ID.get(id);
}

/** The flow of a carrier id, or null for carriers that never reach the capture (e.g. `netlogon` summaries). */
export function carrierFlow(id: CarrierId): Flow | null {
  return BY_ID.get(id)?.flow ?? null;
}
