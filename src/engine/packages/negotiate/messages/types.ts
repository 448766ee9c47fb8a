// Value types of the SPNEGO messages (RFC 4178 §4.2, MS-SPNG 2.2.1). OIDs are dotted strings
// (see ../oids.ts for the known ones); tokens and MICs are raw bytes.
import type { Field } from '../../../encoding/fields';
import type { InnerToken } from './inner';
import type { ContextFlag } from './mechTypes';

export type { ContextFlag } from './mechTypes';
export type { InnerLayer, InnerToken } from './inner';

/** NegTokenInit (RFC 4178 §4.2.1): the client's first token. */
export interface NegTokenInit {
  /** Mechanism OIDs, most preferred first. */
  mechTypes: string[];
  reqFlags?: ContextFlag[];
  /** The optimistic token of mechTypes[0]. */
  mechToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

/** NegHints (MS-SPNG 2.2.1). Windows sends only hintName = WINDOWS_HINT_NAME. */
export interface NegHints {
  hintName?: string;
  hintAddress?: Uint8Array;
}

/** NegTokenInit2 (MS-SPNG 2.2.1): the server-initiated offer (SMB2 NEGOTIATE response). */
export interface NegTokenInit2 {
  mechTypes?: string[];
  reqFlags?: ContextFlag[];
  mechToken?: Uint8Array;
  negHints?: NegHints;
  mechListMIC?: Uint8Array;
}

export const NEG_STATES = ['accept-completed', 'accept-incomplete', 'reject', 'request-mic'] as const;
/** negState by name; the wire value is its index (0..3), RFC 4178 §4.2.2. */
export type NegState = (typeof NEG_STATES)[number];

/** NegTokenResp (RFC 4178 §4.2.2): every token after the first, both directions. */
export interface NegTokenResp {
  negState?: NegState;
  supportedMech?: string;
  responseToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

/** What every parse function returns. `fields` covers every byte of the token. */
export interface Parsed<V> {
  value: V;
  fields: Field[];
  /** Where the carried mechanism token is, if there is one. */
  inner?: InnerToken;
}

/** The hint a Windows server puts in NegTokenInit2 (MS-SPNG 3.2.5.2). */
export const WINDOWS_HINT_NAME = 'not_defined_in_RFC4178@please_ignore';
