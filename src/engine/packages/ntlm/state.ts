// The NTLM context: an explicit state union and plain data (no live objects), so contexts can be
// snapshotted and the same run replays byte for byte.
import type { SealHandle } from './crypto';
import type { ResponseKind } from './messages/ntlmResponse';

export type NtlmState = 'initial' | 'negotiate-sent' | 'challenge-sent' | 'established' | 'failed';

export interface NtlmKeys {
  sessionBaseKey?: Uint8Array;
  keyExchangeKey?: Uint8Array;
  exportedSessionKey?: Uint8Array;
  clientSigningKey?: Uint8Array;
  clientSealingKey?: Uint8Array;
  serverSigningKey?: Uint8Array;
  serverSealingKey?: Uint8Array;
}

/** One direction of message protection: its sequence number, signing key and RC4 handle. */
export interface Direction { seq: number; signingKey: Uint8Array | null; handle: SealHandle | null }

export interface NtlmContext {
  role: 'client' | 'server';
  state: NtlmState;
  /** The flags as far as they are known: requested (client, before the challenge), then negotiated. */
  flags: number;
  negotiate: Uint8Array | null;
  challenge: Uint8Array | null;
  authenticate: Uint8Array | null;
  serverChallenge: Uint8Array | null;
  /** When the server issued its challenge (its own clock, ISO 8601). */
  challengeIssuedAt: string | null;
  user: string | null;
  domain: string | null;
  workstation: string | null;
  target: string | null;
  responseKind: ResponseKind | null;
  /** Tag that ties the keys to this exchange in the key ring ("nt-response:<hex>"). */
  keyTag: string | null;
  keys: NtlmKeys;
  send: Direction;
  recv: Direction;
  /** ISC_RET_* / ASC_RET_* bits. */
  attributes: number;
}

export function newContext(role: 'client' | 'server'): NtlmContext {
  return {
    role, state: 'initial', flags: 0, negotiate: null, challenge: null, authenticate: null, serverChallenge: null, challengeIssuedAt: null,
    user: null, domain: null, workstation: null, target: null, responseKind: null, keyTag: null, keys: {},
    send: { seq: 0, signingKey: null, handle: null }, recv: { seq: 0, signingKey: null, handle: null }, attributes: 0,
  };
}
