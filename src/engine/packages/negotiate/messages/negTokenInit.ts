// NegTokenInit (RFC 4178 §4.2.1): the client's first SPNEGO token, inside the GSS-API framing.
// A Windows client lists MS-KRB5, KRB5, NEGOEX, NTLMSSP (those enabled) and sends the optimistic
// token of its first choice (a Kerberos AP-REQ, or an NTLM NEGOTIATE_MESSAGE) in mechToken.
import { DecodeError } from '../../../bytes';
import { buildInitToken, parseInitToken } from './initBody';
import type { NegTokenInit, Parsed } from './types';

/** The whole first token: 0x60 { SPNEGO OID, [0] { NegTokenInit } }. */
export function buildNegTokenInit(v: NegTokenInit): Uint8Array {
  return buildInitToken(v, 'NegTokenInit');
}

/** Parse a GSS-framed NegTokenInit. Throws DecodeError (also for a NegTokenInit2 with negHints). */
export function parseNegTokenInit(b: Uint8Array): Parsed<NegTokenInit> {
  const r = parseInitToken(b, 'NegTokenInit');
  const { mechTypes, reqFlags, mechToken, mechListMIC } = r.value;
  if (!mechTypes) throw new DecodeError('NegTokenInit must carry mechTypes', 0);
  const value: NegTokenInit = { mechTypes };
  if (reqFlags) value.reqFlags = reqFlags;
  if (mechToken) value.mechToken = mechToken;
  if (mechListMIC) value.mechListMIC = mechListMIC;
  return { value, fields: r.fields, ...(r.inner ? { inner: r.inner } : {}) };
}
