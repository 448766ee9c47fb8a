// A provider: everything one package brings from its folder (provider.ts there), composed by the
// registry (packages/index.ts). The runner, the store and the screen name no package: they read
// these. The light half (meta) is in sspi/meta.ts.
import type { Field } from '../encoding/fields';
import type { Scenario } from '../scenario';
import type { CarrierId, MessageProtocol, NodeRole, PackageName, TraceError, TraceEvent, TraceExports } from '../trace';
import type { PackageMeta } from './meta';
import type { ApplicationRunner } from '../network/applications';
import type { AuthorityRequest, Identity, KeyEntry, PackageEnv, PackageYield, AuthorityReply, SecurityPackage } from './package';

/** A node as a service or hook sees it. */
export interface ProviderNode {
  spec: { id: string; role: NodeRole; hostName: string; packages: readonly PackageName[] };
  trace: { hostName: string };
  env: PackageEnv;
}

/** What an authority service may use while it answers. */
export interface ServiceContext {
  /** The node the service runs on (the DC, the CA, the identity provider, the peer). */
  node: ProviderNode;
  /** The node that asked. */
  from: ProviderNode;
  scenario: Scenario;
  params: Readonly<Record<string, string | number | boolean>>;
  /** Tell the run about a key the service used (the inspector decrypts with it; the keytab export reads it). */
  addKey(key: KeyEntry): void;
}

/** One leg of a summary exchange (shown, not byte-accurate: `modelled: "summary"`, empty hex). */
export interface SummaryPart {
  fields: Field[];
  explain: string;
  error?: TraceError;
}

export type ServiceAnswer =
  /** A real reply over the request's transport (null: no reply came). */
  | { kind: 'token'; token: Uint8Array | null }
  /** A summary round trip: the two legs' content, and the payload the package resumes with. */
  | { kind: 'summary'; payload: unknown; request: SummaryPart; reply: SummaryPart };

/** No answer at all (a firewall drops the port): how long the asker waits and what the step says. */
export interface Unreachable {
  error: TraceError;
  /** The note's anchor and words once the asker gives up. */
  anchor: string;
  narration: string;
  /** The lost message's own words (what the sender tried, what the wire shows). */
  lostNarration: string;
  waitMs: number;
}

/** A service a package needs on another node, keyed by role + protocol (e.g. dc + Kerberos = the KDC). */
export interface AuthorityService {
  role: NodeRole;
  protocol: string;
  /** The package whose decoder reads this service's tokens (the KDC's: Kerberos). */
  describeWith?: PackageName;
  /** For summary services: how their legs are labelled. */
  summary?: { carrier: { id: CarrierId; name: string }; protocol: MessageProtocol; layers: string[]; ref: string };
  /** A condition under which the request gets no answer (checked before anything is sent). */
  unreachable?(ctx: ServiceContext, req: AuthorityRequest): Unreachable | null;
  answer(ctx: ServiceContext, req: AuthorityRequest): ServiceAnswer;
}

/** What a run-start hook may do: read and adjust the run's parameters, and say so in a note. */
export interface RunStartContext {
  params: Record<string, string | number | boolean>;
  client: ProviderNode;
  server: ProviderNode;
  /** The scenario being run and its effective seed (for what a package derives from the seed: certificates). */
  scenario?: Scenario;
  seed?: number;
  note(node: ProviderNode, anchor: string, narration: string): void;
}

/** What an interactive-logon hook may do (Winlogon → LsaLogonUser before the application runs). */
export interface LogonContext {
  client: ProviderNode;
  identity: Identity;
  time(): string;
  call(narration: string): void;
  /** Runs a package generator, delivering its authority requests (the runner's drive). */
  drive<R>(gen: Generator<PackageYield, R, AuthorityReply | undefined>): R;
  ret(status: string, statusCode: number, narration: string, error?: TraceError): void;
  decision(decision: string, condition: string, because: string, narration: string): void;
  /** The password whose verifier this workstation cached at the user's last logon here (the scenario's
   *  own logon), or null when it holds none for this user. */
  cachedPassword: string | null;
  snapshot(): void;
}

/** Everything one package contributes. */
export interface PackageProvider {
  meta: PackageMeta;
  /** The SSP itself. `packageOf` finds the other registered packages (for one that runs others inside it). */
  create(packageOf: (p: PackageName) => SecurityPackage<unknown> | undefined): SecurityPackage<unknown>;
  /** Services it needs on other nodes. */
  services?: readonly AuthorityService[];
  /** Policies applied before the application runs (e.g. a Windows release that removed a protocol version). */
  onRunStart?(ctx: RunStartContext): void;
  /** What this package adds to the trace's `exports` (keys for a keytab, secrets for a key log) after a run. */
  exports?(ctx: { scenario: Scenario; events: readonly TraceEvent[]; params: Readonly<Record<string, unknown>> }): TraceExports;
  /** Application flows that are this package's own code, by application protocol id (Schannel: https). */
  applications?: Readonly<Record<string, ApplicationRunner>>;
  /** The interactive logon, when this package performs it (returns false when it does not apply to this client). */
  logon?(ctx: LogonContext): boolean;
}
