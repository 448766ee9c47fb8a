// One entry point for any SPNEGO token: 0x60 → the GSS-framed first token (NegTokenInit or, with
// negHints / a [4] MIC, NegTokenInit2); 0xa1 → a bare NegTokenResp.
import { DecodeError } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import type { InnerToken } from './inner';
import { parseInitToken } from './initBody';
import { parseNegTokenResp } from './negTokenResp';
import type { NegTokenInit, NegTokenInit2, NegTokenResp } from './types';

export type SpnegoMessage =
  | { name: 'NegTokenInit'; value: NegTokenInit; fields: Field[]; inner?: InnerToken }
  | { name: 'NegTokenInit2'; value: NegTokenInit2; fields: Field[]; inner?: InnerToken }
  | { name: 'NegTokenResp'; value: NegTokenResp; fields: Field[]; inner?: InnerToken };

/** Decode any SPNEGO token. `mechOid`: the mechanism already agreed, to label a later responseToken. Throws DecodeError. */
export function parseSpnego(b: Uint8Array, mechOid?: string): SpnegoMessage {
  if (b.length === 0) throw new DecodeError('empty token', 0);
  if (b[0] === 0x60) {
    const r = parseInitToken(b, 'auto');
    const base = { fields: r.fields, ...(r.inner ? { inner: r.inner } : {}) };
    if (r.variant === 'NegTokenInit') return { name: 'NegTokenInit', value: { ...r.value, mechTypes: r.value.mechTypes ?? [] }, ...base };
    return { name: 'NegTokenInit2', value: r.value, ...base };
  }
  if (b[0] === 0xa1) return { name: 'NegTokenResp', ...parseNegTokenResp(b, mechOid) };
  throw new DecodeError(`not a SPNEGO token: starts with 0x${b[0].toString(16).padStart(2, '0')} (expected 0x60 or 0xa1)`, 0);
}
