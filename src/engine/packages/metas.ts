// The light registry: what every built package says about itself (its folder's meta.ts), without its
// code. The parameter registry, the schema, the CLI and the screen read it; a new package adds one line.
import type { PackageMeta, Suggestion, SuggestionView } from '../sspi/meta';
import { PACKAGE_NAMES, type PackageName } from '../sspi/packageInfo';
import { KERBEROS_META } from './kerberos/meta';
import { NTLM_META } from './ntlm/meta';
import { NEGOTIATE_META } from './negotiate/meta';
import { SCHANNEL_META } from './schannel/meta';
import { DIGEST_META } from './digest/meta';
import { CREDSSP_META } from './credssp/meta';
import { NEGOEXTS_META } from './negoexts/meta';
import { PKU2U_META } from './pku2u/meta';

/** Every built package's meta, one line each. */
const BUILT: readonly PackageMeta[] = [KERBEROS_META, NTLM_META, NEGOTIATE_META, DIGEST_META, SCHANNEL_META, CREDSSP_META, NEGOEXTS_META, PKU2U_META];

/** In the order of PACKAGE_NAMES (the registry order everything else follows). */
export const PACKAGE_METAS: readonly PackageMeta[] = PACKAGE_NAMES.flatMap((n) => BUILT.filter((m) => m.name === n));

const BY_NAME = new Map(PACKAGE_METAS.map((m) => [m.name, m]));

export function packageMeta(name: PackageName): PackageMeta | undefined {
  return BY_NAME.get(name);
}

/** The built packages' names (a scenario may use only these). */
export const BUILT_PACKAGES: readonly PackageName[] = PACKAGE_METAS.map((m) => m.name);

/** A package and every package that runs it inside itself (NTLM → NTLM, Negotiate). */
export function packagesRunning(name: PackageName): PackageName[] {
  const out: PackageName[] = [name];
  for (let i = 0; i < out.length; i++) for (const m of PACKAGE_METAS) if (m.runs?.includes(out[i]) && !out.includes(m.name)) out.push(m.name);
  return out;
}

/** "Try this" for a run: every package's rules, by rank. */
export function packageSuggestions(view: SuggestionView): Suggestion[] {
  return PACKAGE_METAS.flatMap((m) => m.suggestions ?? []).sort((a, b) => a.rank - b.rank).flatMap((r) => r.suggest(view));
}

/** Default narration of every package, by event key (a scenario's own narration overrides it). */
export function packageNarration(): Record<string, string> {
  return Object.assign({}, ...PACKAGE_METAS.map((m) => m.narration ?? {}));
}
