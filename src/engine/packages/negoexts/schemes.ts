// The auth schemes NEGOEX can negotiate, registered by the packages that bring them when their code
// loads (PKU2U's provider registers its scheme): NegoExtender itself stays light, in the first chunk.
import type { NegoexScheme } from './scheme';

const SCHEMES: NegoexScheme[] = [];

export function registerNegoexScheme(s: NegoexScheme): void {
  if (!SCHEMES.some((x) => x.guid === s.guid)) SCHEMES.push(s);
}

/** The schemes whose code is loaded, in registration order. */
export function negoexSchemes(): readonly NegoexScheme[] {
  return SCHEMES;
}
