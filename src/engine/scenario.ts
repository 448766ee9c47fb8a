// The scenario: plain data describing the machines, accounts, application and conditions of one
// run. Built-in scenarios (src/scenarios) and a user's JSON file have exactly this shape; the zod
// schema in src/scenarios/schema.ts validates files against it.
import type { PackageName, NodeRole } from './trace';
import type { ParamValue } from './params';
import type { Suggestion } from './sspi/meta';

/** An application protocol id from the registry (network/applications.ts): http, smb2, later ldap, rdp... */
export type AppProtocol = string;

export interface ScenarioNode {
  id: string;
  role: NodeRole;
  /** Short (NetBIOS-style) host name, e.g. "WEB01". */
  hostName: string;
  /** IPv4 address. */
  address: string;
  /** Joined to the scenario's domain? */
  joined: boolean;
  /** Packages enabled on this machine (the toggles). */
  packages: PackageName[];
  /** Seconds ahead (+) or behind (−) the reference clock. */
  clockOffsetSeconds?: number;
  /** Client: who is logged on (or whose credentials are typed). */
  logon?: { user: string; domain: string; password: string; typed?: boolean };
  /** The machine's own local accounts (its SAM). */
  localAccounts?: { user: string; password: string; rid: number }[];
  /** Server: the account the service runs as (its SPNs live on that account in the directory). */
  serviceAccount?: string;
  /** The DNS name of the domain the node is joined to when it is another domain of the forest (one of the
   *  scenario's `trusts`); absent means the scenario's own domain. */
  domain?: string;
}

/** Another domain of the forest, trusted both ways by the scenario's domain (a parent-child trust): its
 *  directory, and the trust password both domains derive the inter-realm keys from. */
export interface TrustedDomain {
  domain: { dnsName: string; netbiosName: string; sid: string };
  accounts: DirectoryAccount[];
  groups?: { rid: number; name: string }[];
  trustPassword: string;
}

export interface DirectoryAccount {
  /** sAMAccountName: "alice", "WEB01$", "svc-web", "krbtgt". */
  name: string;
  kind: 'user' | 'computer' | 'service' | 'krbtgt';
  password: string;
  rid: number;
  spns?: string[];
  /** msDS-SupportedEncryptionTypes as etype numbers (17, 18, 23). */
  enctypes?: number[];
  fullName?: string;
  groups?: number[];
  kvno?: number;
  /** userAccountControl DONT_REQ_PREAUTH ("Do not require Kerberos preauthentication"): the KDC answers an AS-REQ
   *  without pre-authentication (the parameter requirePreauth overrides it). */
  dontRequirePreauth?: boolean;
  /** msDS-AllowedToDelegateTo: the SPNs this service may reach as a user (Kerberos constrained delegation, MS-SFU);
   *  in effect when the parameter delegation is "constrained" or "constrained-any". */
  allowedToDelegateTo?: string[];
  /** msDS-AllowedToActOnBehalfOfOtherIdentity, as account names: the services that may reach this one as a user
   *  (resource-based constrained delegation); in effect when the parameter delegation is "resource-based". */
  allowedToActOnBehalfOf?: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** The provider the scenario is about (the picker groups by it). */
  group: PackageName;
  level: 'beginner' | 'intermediate' | 'advanced';
  /** Estimated minutes to work through the lesson (every built-in scenario has it). */
  minutes?: number;
  /** The documents it draws on: RFCs, MS-* sections, KB articles (every built-in scenario has them). */
  references?: string[];
  /** Words a person would type to find it (error names, symptoms), for the picker's search. */
  keywords?: string[];
  /** One paragraph: what the learner should take away. */
  goal: string;
  seed: number;
  /** ISO 8601 start of the simulated clock. */
  startTime: string;
  domain: { dnsName: string; netbiosName: string; sid: string } | null;
  application: {
    protocol: AppProtocol;
    /** The package the application asks SSPI for (Negotiate, NTLM, Kerberos...). */
    package: PackageName;
    /** The name the client uses for the server (host name, FQDN or IP address). */
    target: string;
    /** HTTP: the path; SMB2: the share. */
    resource?: string;
    /** What the server offers (HTTP WWW-Authenticate schemes), in order; defaults to the application package. */
    serverOffers?: PackageName[];
  };
  nodes: ScenarioNode[];
  /** The domain's directory (on the DC). */
  accounts: DirectoryAccount[];
  /** Other domains of the forest that trust the scenario's domain and are trusted by it (their DCs and members are
   *  nodes whose `domain` names them). */
  trusts?: TrustedDomain[];
  /** The domain's groups by RID (for names beside the RIDs a PAC carries), e.g. { rid: 1105, name: "Engineering" }. */
  groups?: { rid: number; name: string }[];
  /** The client's user logs on to the domain first (interactive logon: the Kerberos AS exchange happens before the application runs). */
  logonFirst?: boolean;
  /** Before anything else, an application on each machine calls EnumerateSecurityPackages (the architecture lesson). */
  enumeratePackages?: boolean;
  /** Overrides of the parameter registry's defaults. */
  params?: Record<string, ParamValue>;
  /** Narration the scenario adds: an introduction and per-step texts keyed by event: a decision's condition, a
   *  message as `<protocol> <name>` or `<protocol> <name>#<n>` (its n-th occurrence, e.g. `Kerberos AS-REQ#2`), or
   *  a bare message name (every occurrence). Overrides the packages' own catalogs (meta.narration). */
  narration?: { intro?: string; steps?: Record<string, string> };
  /** "Try this": 2–4 one-click changes worth trying, each with what to watch for and a claim a test checks. */
  tryThis?: TryThis[];
}

/** A domain of the scenario's forest with its directory: the scenario's own, or one of its trusts. */
export interface ForestDomain {
  domain: { dnsName: string; netbiosName: string; sid: string };
  accounts: DirectoryAccount[];
  groups: { rid: number; name: string }[];
}

/** Every domain of the scenario: its own first, then its trusts. */
export function forestDomains(s: Scenario): ForestDomain[] {
  const own = s.domain ? [{ domain: s.domain, accounts: s.accounts, groups: s.groups ?? [] }] : [];
  return [...own, ...(s.trusts ?? []).map((t) => ({ domain: t.domain, accounts: t.accounts, groups: t.groups ?? [] }))];
}

/** The domain a node is joined to (its `domain`, else the scenario's own), or null for a workgroup machine. */
export function nodeDomain(s: Scenario, n: Pick<ScenarioNode, 'joined' | 'domain'>): ForestDomain | null {
  if (!n.joined || !s.domain) return null;
  const all = forestDomains(s);
  return (n.domain ? all.find((d) => d.domain.dnsName.toLowerCase() === n.domain!.toLowerCase()) : all[0]) ?? null;
}

/** What a "try this" change does to the run, checked by a test against the scenario as written:
 *  `outcome` and `mechanism` (the SSP that ran, or "none") of the changed run; `decisive`, a regular expression
 *  (source text, case-insensitive) that matches a step of the changed run (see `stepLines`) and none of the
 *  scenario's own run; `absent`, one that matches a step of the scenario's own run and none of the changed run (what
 *  the change makes go away). At least one of them differs from the scenario as written. */
export interface TryExpect {
  outcome?: 'success' | 'failure';
  mechanism?: string;
  decisive?: string;
  absent?: string;
}

/** One "try this" suggestion of a scenario: the change (a package toggle or a parameter), what to watch for, the claim. */
export type TryThis = Suggestion & { watch: string; expect: TryExpect };
