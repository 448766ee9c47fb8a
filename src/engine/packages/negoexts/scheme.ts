// What NegoExts needs from an auth scheme beyond InitializeSecurityContext / AcceptSecurityContext:
// its GUID, whether this side has credentials for it, its metadata (the META_DATA exchange, where a
// scheme that cannot run is dropped), the keys its VERIFY checksums use, and how to read its tokens.
import type { Field } from '../../encoding/fields';
import type { AuthorityReply, Credential, KeyRing, MessageView, PackageEnv, PackageYield, RequestFlags } from '../../sspi/package';
import type { PackageName } from '../../trace';

export interface SchemeKey { etype: number; key: Uint8Array }

export type MetadataCheck = { ok: true; metadata?: Uint8Array } | { ok: false; condition: string; because: string; decision: string };

export interface NegoexScheme {
  /** The AUTH_SCHEME GUID on the wire. */
  guid: string;
  /** The SSP that runs it. */
  pkg: PackageName;
  /** Its name in words. */
  name: string;
  /** Initiator: has this side credentials for the scheme (so NegoExts may offer it)? */
  canInitiate(env: PackageEnv, cred: Credential): boolean;
  /** Initiator, before the first token: what the scheme must fetch first (a certificate from an identity provider). */
  prepare?(env: PackageEnv, cred: Credential): Generator<PackageYield, { ok: true } | { ok: false; text: string }, AuthorityReply | undefined>;
  /** Initiator: its INITIATOR_META_DATA exchange bytes. */
  initiatorMetadata(env: PackageEnv, req: RequestFlags): Uint8Array;
  /** Acceptor: may it run the scheme with this initiator (given the initiator's metadata)? Its ACCEPTOR_META_DATA if so. */
  acceptorCheck(env: PackageEnv, initiatorMetadata: Uint8Array | undefined): MetadataCheck;
  /** Initiator: can it still run the scheme, given the acceptor's metadata? */
  initiatorCheck(env: PackageEnv, acceptorMetadata: Uint8Array | undefined): MetadataCheck;
  /** The key this side signs its VERIFY with, and the one the peer's VERIFY is checked with (once known). */
  verifyKeys(inner: unknown, side: 'client' | 'server'): { mine?: SchemeKey; peer?: SchemeKey };
  /** The scheme's view of a META_DATA exchange (2, 3) or a context token (4, 5). */
  describeExchange(messageType: number, exchange: Uint8Array, keys: KeyRing): { layer: string; fields: Field[]; display?: string; view?: MessageView } | undefined;
}
