// Test helper: a built-in Kerberos scenario by id, or a clear failure while it is not registered.
import type { Scenario } from '../scenario';
import { getScenario } from '../../scenarios';

export function kerberosScenario(id: string): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`scenario ${id} is not registered in src/scenarios/index.ts (SCENARIOS): the interop tests need it`);
  if (s.domain?.dnsName.toUpperCase() !== 'CONTOSO.LOCAL') throw new Error(`scenario ${id} is not in the CONTOSO.LOCAL realm (${s.domain?.dnsName ?? 'no domain'})`);
  return s;
}
