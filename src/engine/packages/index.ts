// The package registry: every Security Support Provider the engine has built, each contributing
// everything about itself from its folder (provider.ts: the SSP, its services on other nodes, its
// hooks; meta.ts: info, parameters, suggestions, narration, display, how its tokens travel).
// A new package adds one line to PROVIDERS (and its meta to metas.ts).
import type { SecurityPackage } from '../sspi/package';
import type { AuthorityService, PackageProvider } from '../sspi/provider';
import type { NodeRole, PackageName } from '../trace';
import { PACKAGE_NAMES } from '../sspi/packageInfo';
import { KERBEROS_PROVIDER } from './kerberos/provider';
import { NTLM_PROVIDER } from './ntlm/provider';
import { NEGOTIATE_PROVIDER } from './negotiate/provider';
import { SCHANNEL_PROVIDER } from './schannel/provider';
import { DIGEST_PROVIDER } from './digest/provider';
import { NEGOEXTS_PROVIDER } from './negoexts/provider';
import { PKU2U_PROVIDER } from './pku2u/provider';

const BUILT: readonly PackageProvider[] = [KERBEROS_PROVIDER, NTLM_PROVIDER, NEGOTIATE_PROVIDER, DIGEST_PROVIDER, SCHANNEL_PROVIDER, NEGOEXTS_PROVIDER, PKU2U_PROVIDER];

/** In the order of PACKAGE_NAMES. */
export const PROVIDERS: readonly PackageProvider[] = PACKAGE_NAMES.flatMap((n) => BUILT.filter((p) => p.meta.name === n));

/** The SSPs by name (what PackageEnv.packages holds). */
export const PACKAGES: Partial<Record<PackageName, SecurityPackage<unknown>>> = {};
for (const p of PROVIDERS) PACKAGES[p.meta.name] = p.create((name) => PACKAGES[name]);

/** The services registry: what runs on a node of a role, by protocol (dc + Kerberos = the KDC). */
const SERVICES = new Map<string, AuthorityService>();
for (const p of PROVIDERS) for (const s of p.services ?? []) {
  const key = `${s.role}/${s.protocol}`;
  if (SERVICES.has(key)) throw new Error(`two providers register the service ${key}`);
  SERVICES.set(key, s);
}

export function serviceFor(role: NodeRole, protocol: string): AuthorityService | undefined {
  return SERVICES.get(`${role}/${protocol}`);
}
