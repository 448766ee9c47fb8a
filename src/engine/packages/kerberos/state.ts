// The Kerberos security context: an explicit state union for each side of the GSS-API exchange
// (RFC 4121 §4.1): the client sends an AP-REQ and, for mutual authentication, waits for the AP-REP;
// the server accepts the AP-REQ in one call.
import type { TraceError } from '../../trace';

export interface ContextKey { etype: number; key: Uint8Array }

interface Common {
  side: 'client' | 'server';
  /** ISC_RET_* (client) or ASC_RET_* (server) bits granted so far. */
  attributes: number;
  /** GSS flags of the 0x8003 checksum (RFC 4121 §4.1.1.1). */
  gssFlags: number;
  /** client principal (alice@CONTOSO.LOCAL) and target (HTTP/web.contoso.local@CONTOSO.LOCAL) */
  client?: string;
  server?: string;
  /** The service ticket's session key, and the subkeys of the AP-REQ authenticator and of the AP-REP. */
  sessionKey?: ContextKey;
  initiatorSubkey?: ContextKey;
  acceptorSubkey?: ContextKey;
  /** Next sequence number this side sends, and the one it expects from the peer. */
  sendSeq: number;
  recvSeq: number;
  /** The authenticator's time (the AP-REP must echo it). */
  ctime?: Date;
  cusec?: number;
  /** Server side: the client's service ticket (DER), kept as the evidence for constrained delegation (MS-SFU 3.1.5.2). */
  ticket?: Uint8Array;
  /** Seed for the confounders of this context's Wrap tokens (from the node's seeded RNG when the context was made). */
  wrapSeed?: Uint8Array;
}

export type KerberosContext =
  | (Common & { state: 'initial' })
  | (Common & { state: 'awaiting-ap-rep' })
  | (Common & { state: 'established' })
  | (Common & { state: 'failed'; error?: TraceError });

export type KerberosState = KerberosContext['state'];

export function newContext(side: 'client' | 'server'): KerberosContext {
  return { state: 'initial', side, attributes: 0, gssFlags: 0, sendSeq: 0, recvSeq: 0 };
}

/** The key per-message tokens use: the acceptor's subkey, else the initiator's, else the session key (RFC 4121 §2). */
export function protectionKey(ctx: KerberosContext): ContextKey | undefined {
  return ctx.acceptorSubkey ?? ctx.initiatorSubkey ?? ctx.sessionKey;
}
