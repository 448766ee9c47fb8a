// The one registry of named scenario parameters. It feeds the CLI's --set, the URL's query
// parameters, the condition toggles on the node cards and the "try this" suggestions. Packages
// contribute their own parameters from their folder (meta.ts); this file composes them.
import { PACKAGE_METAS, packagesRunning } from './packages/metas';
import { parseIsoTime } from './isoTime';


export type ParamValue = string | number | boolean;

export interface ParamSpec {
  name: string;
  /** Short label for a toggle on screen. */
  label: string;
  type: 'boolean' | 'number' | 'string' | 'enum';
  default: ParamValue;
  /** For enums: the allowed values. */
  values?: readonly string[];
  min?: number;
  max?: number;
  /** What it means, in plain words (shown as help, and by `sim --help`). */
  meaning: string;
  /** The node whose card shows the toggle. */
  node?: 'client' | 'server' | 'dc';
  /** Which providers it matters for (the screen shows it only when the scenario uses one of them). */
  packages?: readonly string[];
  /** Shown only when the run has this step: 'interactive-logon' = a Windows logon (LsaLogonUser) first;
   *  'attacker' = a machine in the middle (a relay). */
  shownWith?: 'interactive-logon' | 'attacker';
}

/** Parameters of every run, whatever the packages. */
const GENERAL: readonly ParamSpec[] = [
  { name: 'windowsRelease', label: 'Windows release', type: 'enum', values: ['2016', '2025'], default: '2016', meaning: 'Baseline profile: "2016" = Windows Server 2016 / Windows 10 (the era of Microsoft\'s SSPI architecture document); "2025" = Windows Server 2025 / Windows 11 24H2 (NTLMv1 removed, old TLS off).' },
  { name: 'password', label: 'Password typed', type: 'string', default: '', meaning: 'The password the client uses; empty means the account\'s real password. Any other value is a wrong password.', node: 'client' },
  { name: 'user', label: 'User name', type: 'string', default: '', meaning: 'The user name the client uses; empty means the scenario\'s user. A name the server or domain does not know is an unknown user.', node: 'client' },
  { name: 'target', label: 'Target name', type: 'string', default: '', meaning: 'How the client names the server: empty means the scenario\'s host name; an IP address (e.g. 10.0.0.20) means no SPN can be built.', node: 'client' },
  { name: 'signSeal', label: 'Sign and seal', type: 'boolean', default: true, meaning: 'The application asks for integrity and confidentiality, then sends one protected message with the session key.', node: 'client' },
  { name: 'smbSigningRequired', label: 'SMB signing required', type: 'boolean', default: false, meaning: 'The file server requires SMB signing ("Microsoft network server: Digitally sign communications (always)"): after SESSION_SETUP every request must carry a signature made with the session key.', node: 'server', shownWith: 'attacker' },
  { name: 'relayTarget', label: 'Relay target', type: 'enum', values: ['https', 'smb'], default: 'https', meaning: 'Where the machine in the middle relays the victim\'s NTLM logon: the server\'s HTTPS site (IIS with Windows Authentication; the victim reached the attacker over HTTPS too) or its SMB file share (the victim opened a share on the attacker).', shownWith: 'attacker' },
  { name: 'extendedProtection', label: 'Extended Protection', type: 'enum', values: ['off', 'accept', 'required'], default: 'off', meaning: 'Extended Protection for Authentication on the server\'s HTTPS site (IIS Windows Authentication, tokenChecking None / Allow / Require): "accept" checks a channel binding when the client sent one; "required" also refuses a logon without one.', node: 'server', shownWith: 'attacker' },
  { name: 'relayTampers', label: 'Relay clears the signing flag', type: 'boolean', default: false, meaning: 'The machine in the middle clears NTLMSSP_NEGOTIATE_SIGN in the AUTHENTICATE_MESSAGE it forwards (what a cross-protocol relay does so that the target does not expect signing); the MIC covers those flags.', shownWith: 'attacker' },
  { name: 'channelBindings', label: 'Channel binding', type: 'boolean', default: false, meaning: 'The client binds the authentication to the TLS channel (Extended Protection for Authentication).', node: 'client',
    packages: [...new Set(PACKAGE_METAS.filter((m) => m.channelBindings).flatMap((m) => packagesRunning(m.name)))] },
];

/** Parameters of the run itself, last. */
const RUN: readonly ParamSpec[] = [
  { name: 'startTime', label: 'Start time', type: 'string', default: '', meaning: 'The simulated clock\'s start, ISO 8601, or "now" for the wall clock; empty means the scenario\'s own start time.' },
  { name: 'seed', label: 'Seed', type: 'number', min: 0, max: 4294967295, default: 0, meaning: 'Seed of the random numbers (challenges, nonces, keys); 0 means the scenario\'s own seed.' },
];

/** A target as an application names its server: a host name, a DNS name or an IP address (no spaces, no CR/LF). */
export const TARGET = /^[A-Za-z0-9.\-:]{1,255}$/;

/** The registry: the general parameters, then each package's own (tagged with the packages they matter for:
 *  the package and those that run it, e.g. NTLM's for NTLM and Negotiate), then the run's. */
export const PARAMETERS: readonly ParamSpec[] = [
  ...GENERAL,
  ...PACKAGE_METAS.flatMap((m) => (m.params ?? []).map((p) => ({ ...p, packages: packagesRunning(m.name) }))),
  ...RUN,
];

export const PARAM_BY_NAME: ReadonlyMap<string, ParamSpec> = new Map(PARAMETERS.map((p) => [p.name, p]));

export type ParseResult = { ok: true; value: ParamValue } | { ok: false; error: string };

/** The longest user name or password accepted (Windows: 256 characters for a password; NTLM and Kerberos carry more,
 *  but nothing longer is a name a person types). */
export const MAX_NAME_LENGTH = 256;

/** Control characters (CR, LF, NUL, DEL...): never part of a name, a target or a path a person types. */
export const hasControlChars = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A value quoted in an error message, cut to something readable. */
export const short = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Parse a raw string (CLI --set, URL query) into a typed value, or say what is wrong. */
export function parseParam(name: string, raw: string): ParseResult {
  const spec = PARAM_BY_NAME.get(name);
  if (!spec) return { ok: false, error: `unknown parameter "${name}" (known: ${PARAMETERS.map((p) => p.name).join(', ')})` };
  switch (spec.type) {
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(raw)) return { ok: true, value: true };
      if (/^(false|0|no|off)$/i.test(raw)) return { ok: true, value: false };
      return { ok: false, error: `parameter "${name}" takes true or false, not "${raw}"` };
    case 'number': {
      if (!/^-?\d+$/.test(raw.trim())) return { ok: false, error: `parameter "${name}" takes a whole number, not "${raw}"` };
      const n = Number(raw);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return { ok: false, error: `parameter "${name}" must be between ${spec.min} and ${spec.max}, not ${n}` };
      return { ok: true, value: n };
    }
    case 'enum':
      if (!spec.values!.includes(raw)) return { ok: false, error: `parameter "${name}" takes one of ${spec.values!.join(', ')}, not "${raw}"` };
      return { ok: true, value: raw };
    case 'string':
      if (name === 'startTime' && raw !== '' && raw !== 'now') {
        const t = parseIsoTime(raw);
        if (!t.ok) return { ok: false, error: `parameter "startTime" takes an ISO 8601 time or "now", not "${short(raw)}": ${t.error}` };
      }
      if ((name === 'user' || name === 'password') && raw.length > MAX_NAME_LENGTH) return { ok: false, error: `parameter "${name}" is at most ${MAX_NAME_LENGTH} characters (got ${raw.length})` };
      if (name === 'target' && raw !== '' && !TARGET.test(raw)) return { ok: false, error: `parameter "target" takes a host name or an IP address, not "${short(raw)}"` };
      if (hasControlChars(raw)) return { ok: false, error: `parameter "${name}" cannot hold control characters (CR, LF, ...)` };
      return { ok: true, value: raw };
  }
}

/** Check an already-typed value (from a scenario file). */
export function checkParam(name: string, value: unknown): ParseResult {
  const spec = PARAM_BY_NAME.get(name);
  if (!spec) return { ok: false, error: `unknown parameter "${name}"` };
  if (spec.type === 'boolean' && typeof value !== 'boolean') return { ok: false, error: `parameter "${name}" must be true or false` };
  if (spec.type === 'number' && typeof value !== 'number') return { ok: false, error: `parameter "${name}" must be a number` };
  if ((spec.type === 'string' || spec.type === 'enum') && typeof value !== 'string') return { ok: false, error: `parameter "${name}" must be a string` };
  return parseParam(name, String(value));
}

export function defaults(): Record<string, ParamValue> {
  return Object.fromEntries(PARAMETERS.map((p) => [p.name, p.default]));
}

export const isIpAddress = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || /^[0-9a-fA-F:]+:[0-9a-fA-F:]*$/.test(s);
