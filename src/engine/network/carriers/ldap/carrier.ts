// The LDAP carrier (RFC 4511 on tcp/389): the SSP's tokens ride in bindRequest SASL credentials and
// bindResponse serverSaslCreds; after a bind that negotiated signing or sealing, every LDAP message
// rides in a SASL buffer (4-byte length, then the wrapped message). Builders return the carrier
// message with its field tree (every byte) and where the token sits.
import { hex } from '../../../bytes';
import type { CarrierMessage, CarrierSpec, Flow } from '../types';
import { buildLdapMessage, opName, parseLdapMessage, type LdapMessage } from './message';
import { buildSaslBuffer, parseSaslBuffer } from './saslBuffer';
import type { LengthStyle } from './ber';
import { RESULT_CODES } from './result';

export const LDAP_FLOW: Flow = { transport: 'tcp', serverPort: 389 };

export const LDAP_CARRIER: CarrierSpec = { id: 'ldap', layer: 'LDAP', protocol: 'LDAP', flow: LDAP_FLOW };

function label(m: LdapMessage): string {
  const op = m.op;
  const base = `LDAP ${opName(op)}(${m.messageId})`;
  if (op.op === 'bindRequest') return `${base} ${op.auth.kind === 'sasl' ? `SASL ${op.auth.mechanism}` : op.auth.kind}`;
  if (op.op === 'bindResponse' || op.op === 'searchResDone') return `${base} ${RESULT_CODES[op.resultCode] ?? `result ${op.resultCode}`}`;
  if (op.op === 'searchRequest') return `${base} "${op.baseObject}"`;
  if (op.op === 'searchResEntry') return `${base} "${op.objectName}"`;
  return base;
}

/** One LDAPMessage as a carrier message; a client writes minimal lengths, a Windows server the 4-byte form. */
export function buildLdap(m: LdapMessage, style: LengthStyle = 'minimal', layerHint?: string): CarrierMessage {
  const wire = buildLdapMessage(m, style);
  const p = parseLdapMessage(wire, layerHint);
  return { carrier: { id: 'ldap', name: label(m), hex: hex(wire), fields: p.fields }, wire, flow: LDAP_FLOW, tokenRange: p.token ? { start: p.token.start, end: p.token.end } : undefined };
}

/** A protected LDAP message: the SASL buffer around the wrapped bytes (`what` names the LDAP message inside). */
export function buildLdapSasl(wrapped: Uint8Array, what: string, layer: string): CarrierMessage {
  const wire = buildSaslBuffer(wrapped);
  const p = parseSaslBuffer(wire, layer);
  return { carrier: { id: 'ldap', name: `LDAP SASL buffer (${what}, sealed)`, hex: hex(wire), fields: p.fields }, wire, flow: LDAP_FLOW, tokenRange: { start: 4, end: wire.length } };
}
