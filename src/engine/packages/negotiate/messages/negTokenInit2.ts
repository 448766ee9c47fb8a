// NegTokenInit2 (MS-SPNG 2.2.1): Microsoft's NegTokenInit with negHints, sent by a server before
// the client has said anything (MS-SPNG 3.2.5.2), e.g. in the SMB2 NEGOTIATE response's security
// buffer. Windows lists the mechanisms it accepts and the hint "not_defined_in_RFC4178@please_ignore".
import { OID } from '../oids';
import { buildInitToken, parseInitToken } from './initBody';
import type { NegTokenInit2, Parsed } from './types';
import { WINDOWS_HINT_NAME } from './types';

/** The whole token: 0x60 { SPNEGO OID, [0] { NegTokenInit2 } }. */
export function buildNegTokenInit2(v: NegTokenInit2): Uint8Array {
  return buildInitToken(v, 'NegTokenInit2');
}

/** Parse a GSS-framed NegTokenInit2 (a NegTokenInit without negHints/MIC parses too: all its fields are optional). */
export function parseNegTokenInit2(b: Uint8Array): Parsed<NegTokenInit2> {
  const { value, fields, inner } = parseInitToken(b, 'NegTokenInit2');
  return { value, fields, ...(inner ? { inner } : {}) };
}

/** What a Windows server sends as its offer: its enabled mechanisms and the fixed hint. */
export function windowsServerOffer(mechTypes: string[] = [OID.NEGOEX, OID.MS_KRB5, OID.KRB5, OID.KRB5_U2U, OID.NTLMSSP]): NegTokenInit2 {
  return { mechTypes, negHints: { hintName: WINDOWS_HINT_NAME } };
}
