// The scenario file format, as a zod schema: a user's JSON file and the built-in scenarios have
// this shape. validateScenario() returns the scenario or one readable line per problem, each
// naming the field path (e.g. `nodes[1].address: not an IPv4 address`).
import { z } from 'zod';
import { ALL_PACKAGES, type PackageName } from '../engine/sspi/packageInfo';
import { checkParam } from '../engine/params';
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
const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), 'not an ISO 8601 time (e.g. 2016-10-12T09:00:00Z)');

const node = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  role: z.enum(['client', 'server', 'dc', 'ca', 'idp', 'peer']),
  hostName,
  address: ipv4,
  joined: z.boolean(),
  packages: z.array(pkg),
  clockOffsetSeconds: z.number().int().optional(),
  logon: z.object({ user: z.string().min(1), domain: z.string().min(1), password: z.string(), typed: z.boolean().optional() }).strict().optional(),
  localAccounts: z.array(z.object({ user: z.string().min(1), password: z.string(), rid: z.number().int().positive() }).strict()).optional(),
  serviceAccount: z.string().optional(),
}).strict();

const account = z.object({
  name: z.string().min(1),
  kind: z.enum(['user', 'computer', 'service', 'krbtgt']),
  password: z.string(),
  rid: z.number().int().positive(),
  spns: z.array(z.string().regex(/^[A-Za-z]+\/[^\s/]+(\/[^\s]+)?$/, 'an SPN looks like service/host')).optional(),
  enctypes: z.array(z.union([z.literal(17), z.literal(18), z.literal(23)])).optional(),
  fullName: z.string().optional(),
  groups: z.array(z.number().int().positive()).optional(),
  kvno: z.number().int().positive().optional(),
}).strict();

export const scenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  title: z.string().min(1),
  group: pkg,
  level: z.enum(['basic', 'intermediate', 'advanced']),
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
    target: z.string().min(1),
    resource: z.string().optional(),
    serverOffers: z.array(builtPkg).optional(),
  }).strict(),
  nodes: z.array(node).min(2),
  accounts: z.array(account),
  groups: z.array(z.object({ rid: z.number().int().positive(), name: z.string().min(1) }).strict()).optional(),
  logonFirst: z.boolean().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).superRefine((ps, ctx) => {
    for (const [k, v] of Object.entries(ps)) {
      const r = checkParam(k, v);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [k], message: r.error });
    }
  }).optional(),
  narration: z.object({ intro: z.string().optional(), steps: z.record(z.string(), z.string()).optional() }).strict().optional(),
}).strict().superRefine((s, ctx) => {
  const roles = s.nodes.map((n) => n.role);
  if (!roles.includes('client')) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'needs a node with role "client"' });
  if (!roles.includes('server')) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'needs a node with role "server"' });
  const ids = new Set<string>();
  s.nodes.forEach((n, i) => {
    if (ids.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id "${n.id}"` });
    ids.add(n.id);
    if (n.joined && !s.domain) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'joined'], message: 'a node cannot be joined when the scenario has no domain' });
    if (n.role === 'client' && !n.logon) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'logon'], message: 'the client needs a logon (user, domain, password)' });
  });
  const app = application(s.application.protocol);
  const travels = (p: string) => !!packageMeta(p as PackageName)?.travel.encoding[app!.carrier];
  if (app && BUILT_PACKAGES.includes(s.application.package as PackageName) && !travels(s.application.package)) {
    const can = BUILT_PACKAGES.filter(travels).map((p) => `"${p}"`).join(' or ');
    ctx.addIssue({ code: 'custom', path: ['application', 'package'], message: `${app.packagesNote ?? `${s.application.package} cannot travel over ${app.id}`}; use ${can}` });
  }
  if (s.domain && !s.accounts.some((a) => a.kind === 'krbtgt')) ctx.addIssue({ code: 'custom', path: ['accounts'], message: 'a domain needs its krbtgt account' });
});

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

function pathText(path: PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(top level)';
}

/** Validate parsed JSON. Never throws. */
export function validateScenario(data: unknown): ValidationResult {
  const r = scenarioSchema.safeParse(data);
  if (r.success) return { ok: true, scenario: r.data as Scenario };
  return { ok: false, errors: r.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`) };
}

/** Parse a scenario file's text: JSON syntax errors say the line and column. */
export function parseScenarioText(text: string, source = 'scenario file'): ValidationResult {
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
