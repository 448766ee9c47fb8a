// The GSS-API framing of a context's first token (RFC 2743 §3.1):
//   InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech MechType, innerContextToken ANY }
// A SPNEGO first token is 0x60, length, the SPNEGO OID, then the NegotiationToken. Later tokens
// (NegTokenResp) go without this framing (RFC 4178 §4.2).
import { DecodeError } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { oidDer, oidName } from '../oids';
import type { Tlv } from './der';
import { element, readOnly, readTlv, tlv } from './der';
import { parseOidElement } from './mechTypes';

/** 0x60 len { OID thisMech, inner }. `inner` goes in as is (for SPNEGO: the NegotiationToken DER). */
export function buildInitialContextToken(thisMech: string, inner: Uint8Array): Uint8Array {
  return tlv(0x60, oidDer(thisMech), inner);
}

export interface GssFrame {
  thisMech: string;
  outer: Tlv;
  /** First byte of innerContextToken. */
  innerStart: number;
  /** The thisMech OID element's field. */
  mechField: Field;
}

/** Read the InitialContextToken framing of a whole token (it must fill `b` exactly). */
export function parseInitialContextToken(b: Uint8Array): GssFrame {
  const outer = readOnly(b, 0);
  if (outer.tag !== 0x60) throw new DecodeError(`a GSS-API initial token starts with 0x60, found 0x${outer.tag.toString(16)}`, 0);
  const m = readTlv(b, outer.valueStart, outer.end);
  const { oid, field: mechField } = parseOidElement(b, m, 'thisMech', 'Which GSS-API mechanism this token is for', 'RFC 2743 §3.1');
  if (m.end >= outer.end) throw new DecodeError('InitialContextToken has no innerContextToken', m.end);
  return { thisMech: oid, outer, innerStart: m.end, mechField };
}

/** The field of the whole framing, with the inner token's field(s) after thisMech. */
export function gssField(b: Uint8Array, frame: GssFrame, inner: Field[]): Field {
  return element(b, 'InitialContextToken', frame.outer,
    `GSS-API framing of the first token: says the rest is for ${oidName(frame.thisMech)}`, [frame.mechField, ...inner],
    { ref: 'RFC 2743 §3.1', value: oidName(frame.thisMech) });
}
