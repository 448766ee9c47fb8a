// The scenario file format, as a zod schema: a user's JSON file and the built-in scenarios have
// this shape. validateScenario() returns the scenario or one readable line per problem, each
// naming the field path (e.g. `nodes[1].address: not an IPv4 address`).
import { z } from 'zod';
import { ALL_PACKAGES, type PackageName } from '../engine/sspi/packageInfo';
import { checkParam, hasControlChars, MAX_NAME_LENGTH, TARGET } from '../engine/params';
import { MAX_CLOCK_OFFSET_SECONDS, parseIsoTime } from '../engine/isoTime';
import { BUILT_PACKAGES, packageMeta } from '../engine/packages/metas';
import { APPLICATION_IDS, application } from '../engine/network/applications';
import type { Scenario } from '../engine/scenario';
import { jsonErrorOffset, lineColumn } from './jsonPosition';

const pkg = z.enum(ALL_PACKAGES as [string, ...string[]]);
/** A package the application asks for must be built (registered); the enum comes from the registry. */
const builtPkg = pkg.refine((p) => BUILT_PACKAGES.includes(p as PackageName), { error: (iss) => `${String(iss.input)} is not built yet (built: ${BUILT_PACKAGES.join(', ')})` });
const appProtocol = z.string().refine((p) => APPLICATION_IDS.includes(p), { error: (iss) => `application protocol "${String(iss.input)}" is not built yet (built: ${APPLICATION_IDS.join(', ')})` });
const ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'not an IPv4 address');
const hostName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/, 'a host name is 1–15 letters, digits or hyphens (NetBIOS)');
const iso = z.string().superRefine((s, ctx) => { const t = parseIsoTime(s); if (!t.ok) ctx.addIssue({ code: 'custom', message: t.error }); });
const name = (what: string) => z.string().min(1).max(MAX_NAME_LENGTH, `${what} is at most ${MAX_NAME_LENGTH} characters`);
const secret = z.string().max(MAX_NAME_LENGTH, `a password is at most ${MAX_NAME_LENGTH} characters`);

const node = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  role: z.enum(['client', 'server', 'dc', 'ca', 'idp', 'peer', 'attacker']),
  hostName,
  address: ipv4,
  joined: z.boolean(),
  packages: z.array(pkg),
  clockOffsetSeconds: z.number().int().min(-MAX_CLOCK_OFFSET_SECONDS, 'a clock is offset by at most ten years').max(MAX_CLOCK_OFFSET_SECONDS, 'a clock is offset by at most ten years').optional(),
  logon: z.object({ user: name('a user name'), domain: name('a domain name'), password: secret, typed: z.boolean().optional() }).strict().optional(),
  localAccounts: z.array(z.object({ user: name('a user name'), password: secret, rid: z.number().int().positive().max(0xffffffff) }).strict()).optional(),
  serviceAccount: z.string().optional(),
  domain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a DNS domain name such as emea.contoso.local').optional(),
}).strict();

const account = z.object({
  name: name('an account name'),
  kind: z.enum(['user', 'computer', 'service', 'krbtgt']),
  password: secret,
  rid: z.number().int().positive().max(0xffffffff, 'a RID is a 32-bit number'),
  spns: z.array(z.string().regex(/^[A-Za-z]+\/[^\s/]+(\/[^\s]+)?$/, 'an SPN looks like service/host')).optional(),
  enctypes: z.array(z.union([z.literal(17), z.literal(18), z.literal(23)])).optional(),
  fullName: z.string().optional(),
  groups: z.array(z.number().int().positive()).optional(),
  kvno: z.number().int().positive().max(0xffffffff, 'a key version number (kvno) is a 32-bit number').optional(),
  dontRequirePreauth: z.boolean().optional(),
  allowedToDelegateTo: z.array(z.string().regex(/^[A-Za-z]+\/[^\s/]+(\/[^\s]+)?$/, 'an SPN looks like service/host')).optional(),
  allowedToActOnBehalfOf: z.array(name('an account name')).optional(),
}).strict();

const regexText = z.string().min(1).refine((r) => { try { new RegExp(r, 'i'); return true; } catch { return false; } }, 'not a regular expression');
const tryExpect = z.object({
  outcome: z.enum(['success', 'failure']).optional(),
  mechanism: z.string().min(1).optional(),
  decisive: regexText.optional(),
  absent: regexText.optional(),
}).strict();
const tryCommon = { label: z.string().min(1).max(80), watch: z.string().min(1), expect: tryExpect };
/** A "try this" suggestion: one package toggle or one parameter, what to watch for, and the claim a test checks. */
const tryThis = z.union([
  z.object({ kind: z.literal('package'), side: z.enum(['client', 'server']), pkg, on: z.boolean(), ...tryCommon }).strict(),
  z.object({ kind: z.literal('param'), name: z.string().min(1), value: z.union([z.string(), z.number(), z.boolean()]), ...tryCommon }).strict()
    .superRefine((t, ctx) => { const r = checkParam(t.name, t.value); if (!r.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: r.error }); }),
]);

const scenarioBase = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  title: z.string().min(1),
  group: pkg,
  // 'basic' is the old name of 'beginner', still read from older files.
  level: z.preprocess((v) => (v === 'basic' ? 'beginner' : v), z.enum(['beginner', 'intermediate', 'advanced'])),
  minutes: z.number().int().positive().max(240).optional(),
  references: z.array(z.string().min(1)).optional(),
  keywords: z.array(z.string().min(1)).optional(),
  goal: z.string().min(1),
  seed: z.number().int().nonnegative(),
  startTime: iso,
  domain: z.object({
    dnsName: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a DNS domain name such as contoso.local'),
    netbiosName: z.string().regex(/^[A-Za-z0-9-]{1,15}$/, 'a NetBIOS domain name (1–15 characters)'),
    sid: z.string().regex(/^S-1-5-21-\d+-\d+-\d+$/, 'a domain SID such as S-1-5-21-1-2-3'),
  }).strict().nullable(),
  application: z.object({
    protocol: appProtocol,
    package: builtPkg,
    target: z.string().regex(TARGET, 'a host name, a DNS name or an IP address (no spaces or line breaks)'),
    resource: z.string().max(2048).refine((r) => !/\s/.test(r) && !hasControlChars(r), 'no spaces or control characters (a CR/LF would inject into the request)').optional(),
    serverOffers: z.array(builtPkg).min(1, 'the server must offer at least one package').optional(),
  }).strict(),
  nodes: z.array(node).min(2),
  accounts: z.array(account),
  groups: z.array(z.object({ rid: z.number().int().positive(), name: z.string().min(1) }).strict()).optional(),
  trusts: z.array(z.object({
    domain: z.object({
      dnsName: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a DNS domain name such as emea.contoso.local'),
      netbiosName: z.string().regex(/^[A-Za-z0-9-]{1,15}$/, 'a NetBIOS domain name (1–15 characters)'),
      sid: z.string().regex(/^S-1-5-21-\d+-\d+-\d+$/, 'a domain SID such as S-1-5-21-1-2-3'),
    }).strict(),
    accounts: z.array(account),
    groups: z.array(z.object({ rid: z.number().int().positive(), name: z.string().min(1) }).strict()).optional(),
    trustPassword: secret,
  }).strict()).optional(),
  logonFirst: z.boolean().optional(),
  enumeratePackages: z.boolean().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).superRefine((ps, ctx) => {
    for (const [k, v] of Object.entries(ps)) {
      const r = checkParam(k, v);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [k], message: r.error });
    }
  }).optional(),
  narration: z.object({ intro: z.string().optional(), steps: z.record(z.string(), z.string()).optional() }).strict().optional(),
  tryThis: z.array(tryThis).max(6, 'at most six "try this" suggestions').optional(),
}).strict();

export const scenarioSchema = scenarioBase.superRefine((s, ctx) => {
  const roles = s.nodes.map((n) => n.role);
  if (!roles.includes('client')) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'needs a node with role "client"' });
  if (!roles.includes('server') && !roles.includes('peer')) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'needs a node with role "server" (or "peer", the machine a peer-to-peer client connects to)' });
  const ids = new Set<string>();
  s.nodes.forEach((n, i) => {
    if (ids.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id "${n.id}"` });
    ids.add(n.id);
    if (n.joined && !s.domain) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'joined'], message: 'a node cannot be joined when the scenario has no domain' });
    if (n.domain && n.domain.toLowerCase() !== s.domain?.dnsName.toLowerCase() && !(s.trusts ?? []).some((t) => t.domain.dnsName.toLowerCase() === n.domain!.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['nodes', i, 'domain'], message: `no domain ${n.domain} in the scenario (its own domain or one of its trusts)` });
    }
    if (n.role === 'client' && !n.logon) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'logon'], message: 'the client needs a logon (user, domain, password)' });
  });
  const app = application(s.application.protocol);
  const travels = (p: string) => !!packageMeta(p as PackageName)?.travel.encoding[app!.carrier];
  if (app && BUILT_PACKAGES.includes(s.application.package as PackageName) && !travels(s.application.package)) {
    const can = BUILT_PACKAGES.filter(travels).map((p) => `"${p}"`).join(' or ');
    ctx.addIssue({ code: 'custom', path: ['application', 'package'], message: `${app.packagesNote ?? `${s.application.package} cannot travel over ${app.id}`}; use ${can}` });
  }
  if (s.domain && !s.accounts.some((a) => a.kind === 'krbtgt')) ctx.addIssue({ code: 'custom', path: ['accounts'], message: 'a domain needs its krbtgt account' });
  checkTopology(s, ctx);
});

type Parsed = z.infer<typeof scenarioBase>;

/** What the runner needs to make sense of the machines and the directory. */
function checkTopology(s: Parsed, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  // One client, one peer, one identity provider; the first server is the one the application talks to (a later
  // one is a back end it reaches in turn); one domain controller per domain of the forest.
  for (const role of ['client', 'peer', 'idp'] as const) {
    const at = s.nodes.flatMap((n, i) => (n.role === role ? [i] : []));
    if (at.length > 1) issue(['nodes', at[1], 'role'], `one ${role} per scenario (nodes[${at[0]}] is already the ${role})`);
  }
  const dcOf = new Map<string, number>();
  s.nodes.forEach((n, i) => {
    if (n.role !== 'dc') return;
    const d = (n.domain ?? s.domain?.dnsName ?? '').toLowerCase();
    if (dcOf.has(d)) issue(['nodes', i, 'role'], `one dc per domain (nodes[${dcOf.get(d)}] is already the dc of ${d || 'the scenario'})`);
    else dcOf.set(d, i);
  });
  if (s.domain && !s.nodes.some((n) => n.role === 'dc')) issue(['nodes'], 'a scenario with a domain needs a node with role "dc" (its domain controller); to model an unreachable KDC, set params.kdcReachable to false');
  if (s.logonFirst && !s.domain) issue(['logonFirst'], 'a domain logon needs the scenario\'s domain');
  const seen = new Map<string, number>();
  s.accounts.forEach((a, i) => {
    const k = a.name.toLowerCase();
    if (seen.has(k)) issue(['accounts', i, 'name'], `duplicate account "${a.name}" (accounts[${seen.get(k)}] has that name)`);
    else seen.set(k, i);
  });
  const krbtgts = s.accounts.flatMap((a, i) => (a.kind === 'krbtgt' ? [i] : []));
  if (krbtgts.length > 1) issue(['accounts', krbtgts[1], 'kind'], `one krbtgt account per domain (accounts[${krbtgts[0]}] is already krbtgt)`);
  for (const i of krbtgts) if (s.accounts[i].enctypes?.length === 0) issue(['accounts', i, 'enctypes'], 'krbtgt needs at least one encryption type (its key seals every TGT)');
  s.nodes.forEach((n, i) => {
    const home = n.domain && n.domain.toLowerCase() !== s.domain?.dnsName.toLowerCase() ? s.trusts?.find((t) => t.domain.dnsName.toLowerCase() === n.domain!.toLowerCase())?.accounts ?? [] : s.accounts;
    if (n.serviceAccount && !home.some((a) => a.name.toLowerCase() === n.serviceAccount!.toLowerCase())) issue(['nodes', i, 'serviceAccount'], `no account "${n.serviceAccount}" in ${n.domain ? `the accounts of ${n.domain}` : 'accounts'}`);
  });
  const app = s.application;
  const offers = app.serverOffers ?? [app.package];
  if (app.protocol === 'http' && offers.length && !offers.includes(app.package) && !offers.includes('Negotiate')) {
    issue(['application', 'serverOffers'], `the application asks for ${app.package}, but the server offers only ${offers.join(', ')} (add ${app.package} or Negotiate)`);
  }
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

function pathText(path: PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(top level)';
}

/** Validate parsed JSON. Never throws. */
export function validateScenario(data: unknown): ValidationResult {
  const proto = protoKey(data, []);
  if (proto) return { ok: false, errors: [`${pathText(proto)}: not a field of a scenario (a "__proto__" key is refused)`] };
  const r = scenarioSchema.safeParse(data);
  if (r.success) return { ok: true, scenario: r.data as Scenario };
  return { ok: false, errors: r.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`) };
}

/** The path of an own "__proto__" key anywhere in parsed JSON (zod would drop it silently), or null. */
function protoKey(v: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (typeof v !== 'object' || v === null) return null;
  if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return [...path, '__proto__'];
  for (const [k, x] of Object.entries(v)) {
    const p = protoKey(x, [...path, Array.isArray(v) ? Number(k) : k]);
    if (p) return p;
  }
  return null;
}

/** Parse a scenario file's text: JSON syntax errors say the line and column. A UTF-8 byte order mark is skipped. */
export function parseScenarioText(text: string, source = 'scenario file'): ValidationResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    const why = (e as Error).message.split(',')[0].replace(/ in JSON at position \d+.*$/, '');
    if (at >= 0) {
      const { line, column } = lineColumn(text, at);
      return { ok: false, errors: [`${source}: not valid JSON at line ${line}, column ${column}: ${why}`] };
    }
    return { ok: false, errors: [`${source}: not valid JSON: ${why}`] };
  }
  const v = validateScenario(data);
  return v.ok ? v : { ok: false, errors: v.errors.map((e) => `${source}: ${e}`) };
}
