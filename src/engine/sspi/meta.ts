// What a package says about itself without its code: the light half of a provider (its folder's
// meta.ts). The parameter registry, the scenario schema, the CLI and the screen read these; none of
// them names a package. The heavy half (the SSP, its services on other nodes, its run hooks) is the
// provider (sspi/provider.ts), loaded with the engine.
import type { ParamSpec, ParamValue } from '../params';
import type { PackageName, SecPkgInfo } from './packageInfo';
import type { NodeRole, NodeState, Trace } from '../trace';
import type { Scenario } from '../scenario';

/** Who sends the first token: the client (Kerberos, NTLM, Negotiate, TLS) or the server (Digest's challenge). */
export type Speaker = 'client' | 'server';

/** How a token is written inside a carrier. */
export type TokenEncoding =
  /** Base64 text after an HTTP auth scheme: `Authorization: Negotiate YIIH...` (RFC 4559, MS-N2HT). */
  | { kind: 'base64'; scheme: string; ref?: string }
  /** The token *is* the header's parameter text: `WWW-Authenticate: Digest realm="...", nonce="..."` (RFC 7616). */
  | { kind: 'params'; scheme: string; ref?: string; finalHeader?: 'Authentication-Info' }
  /** The bytes as they are: an SMB2 security buffer, LDAP SASL credentials, TLS records, a TSRequest. */
  | { kind: 'raw'; mechanism?: string };

/** How a package's tokens travel between client and server. */
export interface TokenTravel {
  firstSpeaker: Speaker;
  /** The encoding per carrier id (http, smb2, ldap, rdp...); a carrier missing here cannot carry the package. */
  encoding: Readonly<Partial<Record<string, TokenEncoding>>>;
  /** The layer name of the token inside its carrier's field tree (SPNEGO, NTLM, Kerberos, Digest, TLS). */
  layer: string;
  /** The client asks for mutual authentication (ISC_REQ_MUTUAL_AUTH) when it uses this package. */
  mutualAuth?: boolean;
  /** After authentication each later request carries a new token that MakeSignature makes on the same context and
   *  VerifySignature checks (Digest: the same nonce with the next nonce count), instead of a protected message. */
  laterRequests?: boolean;
}

/** What the screen shows of a package (no React here: plain data the components render). */
export interface PackageDisplay {
  /** Short name on a node card ("NegoExts" for NegoExtender). */
  short: string;
  /** A CSS colour for the package's arrows and badges. */
  colour: string;
  /** Files a run of this package can export from its trace (see trace `exports`). */
  exports?: readonly ExportKind[];
  /** How the package's cache shows in the node-state panel (Kerberos: the ticket cache as klist lists it). */
  cache?: { title: string; text: (state: NodeState) => string; holds: (state: NodeState) => boolean; showEmptyOn?: readonly NodeRole[] };
}

export type ExportKind = 'keytab' | 'keylog';

/** One "try this" suggestion: a one-click change worth trying on the current run. */
export type Suggestion =
  | { kind: 'package'; label: string; side: 'client' | 'server'; pkg: PackageName; on: boolean }
  | { kind: 'param'; label: string; name: string; value: ParamValue };

/** What a suggestion rule reads: the run, and a parameter's value in it (the scenario's or the default). */
export interface SuggestionView {
  trace: Trace;
  has(name: string): boolean;
  value(name: string): ParamValue | undefined;
}

/** A rule that proposes suggestions for a run; `rank` orders rules of every package together (low first). */
export interface SuggestionRule {
  rank: number;
  suggest(v: SuggestionView): Suggestion[];
}

/** Everything a package contributes without its code. */
export interface PackageMeta {
  name: PackageName;
  info: SecPkgInfo;
  /** Packages it runs inside itself (Negotiate: Kerberos, NTLM; CredSSP: Schannel, Negotiate). Their parameters
   *  and suggestions also apply to a run of this package. */
  runs?: readonly PackageName[];
  /** Reached only through another package's `runs`, it is needed (its code loaded) only when this says so
   *  (PKU2U: when a node logs on with an online identity); absent: always. */
  neededWhen?: (scenario: Pick<Scenario, 'nodes'>) => boolean;
  /** The package can bind its authentication to a TLS channel (channel binding tokens). */
  channelBindings?: boolean;
  /** Parameters the package reads (its conditions and policies); `packages` is filled in by the registry. */
  params?: readonly ParamSpec[];
  suggestions?: readonly SuggestionRule[];
  /** Default narration by event key (a decision's condition, a note's anchor, `<Protocol> <message name>`);
   *  a scenario's `narration.steps` overrides it with the same keys. */
  narration?: Readonly<Record<string, string>>;
  display: PackageDisplay;
  travel: TokenTravel;
}
