// The screen's view of the engine beyond the trace (engine/trace), the parameter registry
// (engine/params) and the exporters (engine/export/traceExport): the names and tables it shows.
// A lint rule (eslint.config.js) keeps src/components to these four modules.
import { PACKAGE_NAMES, type PackageName } from './sspi/packageInfo';
import { PACKAGE_METAS, packageMeta } from './packages/metas';
import type { NodeRole, NodeState } from './trace';
import { ETYPE_NAMES } from './packages/kerberos/messages/constants';

export type { Field } from './encoding/fields';
export { PACKAGE_NAMES as ALL_PACKAGES };

/** What a node card calls a package before its folder exists (a built package's meta says it itself). */
const SHORT_UNBUILT: Partial<Record<PackageName, string>> = { NegoExtender: 'NegoExts' };

/** The package's short name on a node card ("NegoExts" for NegoExtender). */
export function packageShortName(p: PackageName): string {
  return packageMeta(p)?.display.short ?? SHORT_UNBUILT[p] ?? p;
}

/** A Kerberos encryption type's name (RFC 3961 / IANA), e.g. 18 → "aes256-cts-hmac-sha1-96". */
export function etypeName(etype: number): string {
  return ETYPE_NAMES[etype] ?? `etype ${etype}`;
}

/** The caches a node holds after a step, each as its package shows it (Kerberos: klist's ticket cache). */
export function cacheViews(state: NodeState, role: NodeRole): { pkg: string; title: string; text: string }[] {
  return PACKAGE_METAS.flatMap((m) => {
    const c = m.display.cache;
    if (!c) return [];
    return c.holds(state) || c.showEmptyOn?.includes(role) ? [{ pkg: m.name, title: c.title, text: c.text(state) }] : [];
  });
}
