// The one SSPI-shaped interface every Security Support Provider implements.
//
// Packages are sans-I/O state machines written as synchronous generators: when a package needs an
// authority (the KDC for Kerberos, the DC's Netlogon for NTLM pass-through) it *yields* a request
// and the runner delivers it, records the legs as trace events, and resumes the package with the
// reply. Packages also yield decisions (Negotiate's choice) and keys (so the inspector can decrypt).
import type { Field } from '../encoding/fields';
import type { CarrierId, MessageProtocol, NodeRole, PackageName, TraceError } from '../trace';
import type { SecPkgInfo } from './packageInfo';
import type { SecStatus } from './status';

/** A user's credentials: what AcquireCredentialsHandle gets (typed by the user, or the logged-on user's). */
export interface Identity {
  user: string;
  /** NetBIOS domain name, or the machine name for a local account. */
  domain: string;
  password: string;
  /** The DNS realm for Kerberos (upper case), null for a local account. */
  realm: string | null;
}

export interface Credential {
  handle: string;
  package: PackageName;
  use: 'inbound' | 'outbound';
  /** Outbound: the identity; inbound: the service's own identity (its account), if any. */
  identity: Identity | null;
  /** "logged-on" = single sign-on with the logged-on user's credentials; "supplied" = typed in; "impersonated" = a
   *  service acting as a user it authenticated (after ImpersonateSecurityContext), with no password of hers. */
  source: 'logged-on' | 'supplied' | 'service' | 'impersonated';
  /** For "impersonated": the user's service ticket to this service the server context kept (the evidence S4U2Proxy
   *  presents), or null when the user did not sign in with Kerberos (then S4U2Self gets one: protocol transition). */
  evidence?: Uint8Array | null;
}

/** A seeded byte stream (one per node and purpose). */
export interface Rng {
  bytes(n: number): Uint8Array;
}

/** A local account database (a server's SAM, or the DC's directory for NTLM pass-through). */
export interface LocalAccount {
  user: string;
  password: string;
  rid: number;
}

/** What a package may read about the node it runs on. Nothing here does I/O. */
export interface PackageEnv {
  nodeId: string;
  /** NetBIOS computer name, upper case. */
  computerName: string;
  /** DNS host name (fully qualified when joined). */
  dnsHostName: string;
  /** The domain the machine is joined to, or null (workgroup). */
  domain: { dnsName: string; netbiosName: string; sid: string } | null;
  /** This node's clock (reference time plus the node's offset). */
  now(): Date;
  rng: Rng;
  /** A separate seeded stream for a named purpose (a package, the KDC...), so that one package's
   *  randomness does not shift when another package runs or not. */
  rngFor(purpose: string): Rng;
  /** The machine's own local accounts (used when a server verifies a local account itself). */
  localAccounts: LocalAccount[];
  /** Scenario parameters, already validated and typed by the parameter registry. */
  params: Readonly<Record<string, string | number | boolean>>;
  /** Packages enabled on this node (Negotiate consults it). */
  enabledPackages: readonly PackageName[];
  /** The LSA logon session of this node: the Kerberos ticket cache and other per-logon state packages keep. */
  logonSession: LogonSession;
  /** Server side: the account the service runs as (its long-term keys decrypt Kerberos tickets). The password is
   *  what the server holds, which differs from the directory's when the scenario makes the service key stale. */
  serviceAccount: { name: string; password: string; kvno: number; spns: string[]; enctypes: number[] } | null;
  /** Other packages, for Negotiate (and later CredSSP/NEGOEX) that run one inside another. */
  packages: Partial<Record<PackageName, SecurityPackage<unknown>>>;
}

/** A cached Kerberos ticket as the LSA holds it (what `klist` lists). */
export interface CachedTicket {
  client: string;
  server: string;
  realm: string;
  etype: number;
  flags: string[];
  start: string;
  end: string;
  renewUntil?: string;
  sessionKey: Uint8Array;
  /** The Ticket DER as the KDC issued it. */
  ticket: Uint8Array;
  kvno?: number;
}

export interface LogonSession {
  tickets: CachedTicket[];
  /** Other per-logon state (e.g. the KDC's time learnt from a KRB_AP_ERR_SKEW). */
  data: Record<string, unknown>;
}

export interface RequestFlags {
  /** ISC_REQ_* / ASC_REQ_* bit mask. */
  flags: number;
  /** The target name as the application gave it (SPN such as HTTP/web.contoso.local, or a host, or an IP). */
  target?: string;
  /** gss_channel_bindings_struct hash input (application data, e.g. tls-server-end-point), if any. */
  channelBindings?: Uint8Array;
  /** Server side: the application requires the client's channel binding (IIS Extended Protection "Required",
   *  MS-NLMP's ApplicationRequiresCBT): a missing or all-zero binding fails too, not only a wrong one. */
  channelBindingsRequired?: boolean;
  /** SECBUFFER_PKG_PARAMS: the application request the token is for (HTTP method and URI); Digest hashes them. */
  request?: { method: string; uri: string };
}

/** A round trip to an authority: a service that runs on a node of another role (the DC's KDC or Netlogon, a CA,
 *  an identity provider, a peer), found in the services registry by `to` + `protocol`. `token` is the real
 *  message (empty for a summary leg, whose content is `payload`). */
export interface AuthorityRequest {
  kind: 'request';
  /** The role of the node that answers. */
  to: NodeRole;
  /** The service's protocol on that node: 'Kerberos' (the KDC), 'Netlogon' (pass-through), 'DigestValidation'... */
  protocol: string;
  /** AS-REQ, TGS-REQ, NetrLogonSamLogonWithFlags... */
  name: string;
  /** The carrier id of the leg (tcp/88, udp/88, netlogon...), from the carriers registry. */
  transport: CarrierId;
  token: Uint8Array;
  /** The realm whose authority must answer (a Kerberos referral sends the next TGS-REQ to the other domain's KDC);
   *  absent: the first node of the role. */
  realm?: string;
  /** For summary legs: the request's content as structured data (no bytes). */
  payload?: unknown;
}

export interface AuthorityReply {
  /** null when no reply came (the KDC is unreachable): the package times out. */
  token: Uint8Array | null;
  payload?: unknown;
}

export interface DecisionYield { kind: 'decision'; decision: string; condition: string; because: string }
export interface NoteYield { kind: 'note'; anchor: string; text: string }
/** Tells the runner about a key, so the inspector can open what it encrypts. */
export interface KeyYield { kind: 'key'; key: KeyEntry }

export type PackageYield = AuthorityRequest | DecisionYield | NoteYield | KeyYield;

export interface ContextResult<C> {
  ctx: C;
  status: SecStatus;
  output: Uint8Array | null;
  /** Set when the call failed: the protocol-level error behind the SEC_E_ status. */
  error?: TraceError;
  /** ISC_RET_* / ASC_RET_* bits. */
  attributes: number;
}

/** Generator type of initialize/accept. The runner resumes it with the authority's reply. */
export type PackageCall<C> = Generator<PackageYield, ContextResult<C>, AuthorityReply | undefined>;

export interface KeyEntry {
  /** In words: "krbtgt@CONTOSO.LOCAL long-term key", "NTLM exported session key". */
  name: string;
  key: Uint8Array;
  /** Kerberos etype when the key is a Kerberos key. */
  etype?: number;
  kvno?: number;
  principal?: string;
}

/** Everything the simulator knows about keys in this run (the inspector decrypts with it). */
export interface KeyRing {
  entries: KeyEntry[];
}

/** A decoded message: the real decoder's view of a token. */
export interface MessageView {
  protocol: MessageProtocol;
  name: string;
  layers: string[];
  fields: Field[];
  explain: string;
  ref?: string;
  /** The message is an error the protocol sends (a KRB-ERROR other than the routine PREAUTH_REQUIRED): drawn red. */
  error?: TraceError;
}

/** A protected application message (MakeSignature / EncryptMessage output). */
export interface ProtectedMessage<C> {
  ctx: C;
  /** The wire bytes (signature + data or wrap token). */
  token: Uint8Array;
  view: MessageView;
}

/** What the node-state panel shows of a context. */
export interface ContextSnapshot {
  state: string;
  /** For a package that runs another one (Negotiate): the one that actually ran. */
  mechanism?: PackageName;
  flags: string[];
  keys: { name: string; hex: string }[];
}

export interface SecurityPackage<C> {
  info: SecPkgInfo;
  initialize(env: PackageEnv, cred: Credential, ctx: C | null, input: Uint8Array | null, req: RequestFlags): PackageCall<C>;
  accept(env: PackageEnv, cred: Credential, ctx: C | null, input: Uint8Array, req: RequestFlags): PackageCall<C>;
  /** The real decoder, with field trees; `keys` lets it open encrypted parts. Throws DecodeError on malformed input. */
  describe(token: Uint8Array, keys: KeyRing): MessageView;
  /** The client's service ticket an established server context received (Kerberos keeps it as the evidence for
   *  constrained delegation); null when there is none. */
  evidenceTicket?(ctx: C): Uint8Array | null;
  /** MakeSignature/EncryptMessage on an established context (integrity, or confidentiality when `seal`). */
  protect?(ctx: C, message: Uint8Array, seal: boolean): ProtectedMessage<C>;
  /** VerifySignature/DecryptMessage on the other side. */
  unprotect?(ctx: C, token: Uint8Array, seal: boolean): { ctx: C; status: SecStatus; message: Uint8Array | null };
  snapshot(ctx: C): ContextSnapshot;
  /** QueryContextAttributes(SECPKG_ATTR_SESSION_KEY): the key applications such as SMB derive theirs from. */
  sessionKey?(ctx: C): Uint8Array | null;
  /** GSS_GetMIC / GSS_VerifyMIC over arbitrary data (SPNEGO's mechListMIC needs them). */
  getMic?(ctx: C, data: Uint8Array): { ctx: C; mic: Uint8Array };
  verifyMic?(ctx: C, data: Uint8Array, mic: Uint8Array): { ctx: C; ok: boolean };
}
