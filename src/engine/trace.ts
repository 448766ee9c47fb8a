// The trace: the contract between the engine, the screen, the CLI, the capture export and the tests.
// A run of a scenario produces one Trace; everything the user sees is rendered from it.
import type { Field } from './encoding/fields';
import type { PackageName } from './sspi/packageInfo';

export type { PackageName };

export type NodeRole = 'client' | 'server' | 'dc' | 'ca' | 'idp' | 'peer' | 'attacker';

export type MessageProtocol =
  | 'Kerberos' | 'NTLM' | 'SPNEGO' | 'Digest' | 'TLS' | 'CredSSP' | 'NEGOEX' | 'PKU2U' | 'Netlogon'
  | 'HTTP' | 'SMB2' | 'LDAP' | 'RDP' | 'Application';

/** e.g. `http`, `smb2`, `ldap`, `rdp`, `udp/88`, `tcp/88`, `netlogon` */
export type CarrierId = string;

export interface TraceNode {
  id: string;
  role: NodeRole;
  hostName: string;
  address: string;
  /** DNS domain the machine is joined to, or null for a workgroup machine. */
  domain: string | null;
  enabledPackages: PackageName[];
  /** Seconds this node's clock is ahead (+) or behind (-) the simulated reference clock. */
  clockOffsetSeconds: number;
  /** Short words shown on the node card: "member server", "domain controller (KDC)". */
  description: string;
}

export interface TraceError {
  /** Numeric code: a KRB-ERROR code, an NTSTATUS or a SEC_E_* HRESULT. */
  code: number;
  /** Symbolic name: KDC_ERR_PREAUTH_FAILED, STATUS_LOGON_FAILURE, SEC_E_LOGON_DENIED. */
  name: string;
  text: string;
}

export interface EventBase {
  /** Stable id, e.g. "e7". */
  id: string;
  seq: number;
  /** The sender's (or acting node's) clock, ISO 8601. */
  time: string;
  narration: string;
  error?: TraceError;
}

export type SspiCallName =
  | 'AcquireCredentialsHandle' | 'InitializeSecurityContext' | 'AcceptSecurityContext'
  | 'MakeSignature' | 'VerifySignature' | 'EncryptMessage' | 'DecryptMessage' | 'QueryContextAttributes'
  /** The application asks SSPI which packages the machine has (SecPkgInfo records); names no package. */
  | 'EnumerateSecurityPackages'
  /** Not SSPI proper: the interactive logon (Winlogon → LSA) that gets the Kerberos TGT before any application runs. */
  | 'LsaLogonUser';

export type Layer = 'app' | 'sspi' | 'ssp';

export interface SspiCallEvent extends EventBase {
  type: 'sspi-call';
  node: string;
  /** Which layer calls (the application calls SSPI; SSPI calls the SSP). */
  layer: Layer;
  call: SspiCallName;
  package: PackageName;
  /** Requested flags by name (ISC_REQ_* / ASC_REQ_*). */
  flags: string[];
  target?: string;
  inputTokenLength: number;
}

export interface SspiReturnEvent extends EventBase {
  type: 'sspi-return';
  node: string;
  layer: Layer;
  call: SspiCallName;
  package: PackageName;
  /** SEC_E_OK, SEC_I_CONTINUE_NEEDED, SEC_E_LOGON_DENIED, ... */
  status: string;
  statusCode: number;
  /** Returned context attributes by name (ISC_RET_* / ASC_RET_*). */
  flags: string[];
  outputTokenLength: number;
}

export interface Carrier {
  /** Carrier id: http, smb2, ldap, rdp, udp/88, tcp/88, netlogon. */
  id: CarrierId;
  /** Label for the arrow: "HTTP 401", "SMB2 SESSION_SETUP", "TCP 88". */
  name: string;
  /** The carrier's own bytes around the token (HTTP message, SMB2 header+body, record mark), hex. */
  hex: string;
  fields: Field[];
}

export interface MessageEvent extends EventBase {
  type: 'message';
  from: string;
  to: string;
  carrier: Carrier;
  /** The innermost message's protocol and name. */
  protocol: MessageProtocol;
  name: string;
  /** The wrappers from outside in, e.g. ["HTTP", "SPNEGO", "GSS-API", "Kerberos AP-REQ"]. */
  layers: string[];
  /** The protocol token itself, hex (empty for a step that carries no token). */
  hex: string;
  fields: Field[];
  /** The SSP produced this token (in `hex`) but the carrier did not send it: e.g. an SMB2 ERROR response
   *  carries only the NTSTATUS (MS-SMB2 3.3.5.5.3). The carrier's bytes are what went on the wire. */
  tokenNotSent?: true;
  /** The message never reached its receiver: its connection was not answered (a firewall dropping the port).
   *  The sender built the token (in `hex`); the wire holds only the unanswered SYN and its retransmissions. */
  lost?: true;
  /** Present only on the legs that are shown but not byte-accurate (Netlogon pass-through). */
  modelled?: 'summary';
  /** Plain-language explanation of the message, for the inspector. */
  explain: string;
  /** Defining document of the message. */
  ref?: string;
}

export interface DecisionEvent extends EventBase {
  type: 'decision';
  node: string;
  /** What was decided, e.g. "Use NTLM". */
  decision: string;
  /** The named condition that decided it, e.g. "targetIsIpAddress". */
  condition: string;
  /** Plain words for the condition. */
  because: string;
}

export interface NoteEvent extends EventBase {
  type: 'note';
  node?: string;
  anchor: string;
}

export type TraceEvent = SspiCallEvent | SspiReturnEvent | MessageEvent | DecisionEvent | NoteEvent;

/** What a node holds after a step (for the node-state panel). */
export interface NodeState {
  clock: string;
  /** Ticket cache as `klist` shows it. */
  tickets: { client: string; server: string; etype: string; flags: string[]; start: string; end: string; sessionKeyHex: string }[];
  /** Security contexts: package, state, flags, keys. */
  contexts: { package: PackageName; handle: string; state: string; flags: string[]; keys: { name: string; hex: string }[] }[];
}

export interface StateSnapshot {
  /** The seq of the event after which this is the state. */
  afterSeq: number;
  nodes: Record<string, NodeState>;
}

export interface Outcome {
  result: 'authenticated' | 'failed';
  /** The package the application asked for. */
  package: PackageName;
  /** The package that actually ran (e.g. NTLM under Negotiate), or null if none started. */
  mechanism: PackageName | null;
  status: string;
  reason: string;
}

/** A long-term Kerberos key, as a keytab entry (hex key). */
export interface ExportedKerberosKey {
  principal: string[];
  realm: string;
  kvno: number;
  etype: number;
  keyHex: string;
  /** ISO 8601: when the key was written. */
  timestamp: string;
}

/** One line of an NSS key log (what Wireshark's "(Pre)-Master-Secret log" reads). */
export interface ExportedTlsSecret {
  /** CLIENT_RANDOM, CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_TRAFFIC_SECRET_0... */
  label: string;
  clientRandomHex: string;
  secretHex: string;
}

/** What the exports need beyond the messages: the capture, keytab and key log are made from the trace alone. */
export interface TraceExports {
  kerberosKeys?: ExportedKerberosKey[];
  tlsSecrets?: ExportedTlsSecret[];
}

export interface Trace {
  scenario: {
    id: string; title: string; goal: string; seed: number; params: Record<string, string | number | boolean>;
    /** Names of the directory's accounts and groups by RID (as a string), for the RIDs a PAC carries. */
    names?: Record<string, string>;
  };
  nodes: TraceNode[];
  outcome: Outcome;
  events: TraceEvent[];
  snapshots: StateSnapshot[];
  /** Keys and secrets for the keytab and key log exports (each package contributes its own). */
  exports: TraceExports;
}

/** Steps are the message and decision events, in order (what the step controls count). */
export function steps(trace: Trace): (MessageEvent | DecisionEvent)[] {
  return trace.events.filter((e): e is MessageEvent | DecisionEvent => e.type === 'message' || e.type === 'decision');
}
