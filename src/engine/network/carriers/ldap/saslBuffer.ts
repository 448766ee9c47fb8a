// The SASL security layer on LDAP (RFC 4422 §3.7, RFC 4752 §3.3 for GSSAPI, MS-ADTS for GSS-SPNEGO):
// once a bind negotiated signing or sealing, every LDAP PDU travels as a 4-byte big-endian length
// followed by the mechanism's wrapped message (a GSS Wrap token, an NTLM-sealed buffer, ...).
import { DecodeError, concat, readU32be, u32be } from '../../../bytes';
import { field, type Field } from '../../../encoding/fields';

export const buildSaslBuffer = (wrapped: Uint8Array): Uint8Array => concat(u32be(wrapped.length), wrapped);

export interface ParsedSaslBuffer { wrapped: Uint8Array; fields: Field[]; token: { start: number; end: number; layer: string } }

export function parseSaslBuffer(b: Uint8Array, layer = 'GSS-API'): ParsedSaslBuffer {
  const len = readU32be(b, 0);
  if (len + 4 !== b.length) throw new DecodeError(`SASL buffer says ${len} bytes but ${b.length - 4} follow`, 0);
  return {
    wrapped: b.subarray(4),
    fields: [
      field('length', 0, 4, 'Length of the wrapped message that follows (4 bytes, big-endian).', len, 'RFC 4422 §3.7'),
      { ...field('wrapped', 4, b.length, `The LDAP message protected by the security layer (${layer}): signed, and sealed when confidentiality was negotiated.`, `${len} bytes`, 'RFC 4752 §3.3'), layer },
    ],
    token: { start: 4, end: b.length, layer },
  };
}
