// "Try this": a few one-click changes worth trying on the current run, taken from the parameter
// registry and the providers that ran (what would make Negotiate fall back, or fail).
import type { PackageName, Trace } from '../engine/trace';
import type { ParamSpec, ParamValue } from './engine';

export type Suggestion =
  | { kind: 'package'; label: string; side: 'client' | 'server'; pkg: PackageName; on: boolean }
  | { kind: 'param'; label: string; name: string; value: ParamValue };

export function suggestions(trace: Trace, specs: readonly ParamSpec[], max = 3): Suggestion[] {
  const has = (name: string) => specs.some((s) => s.name === name);
  const value = (name: string) => trace.scenario.params[name] ?? specs.find((s) => s.name === name)?.default;
  const ran = new Set<string>(trace.events.filter((e) => e.type === 'message').map((e) => (e.type === 'message' ? e.protocol : '')));
  const server = trace.nodes.find((n) => n.role === 'server');
  const out: Suggestion[] = [];
  // Kerberos suggestions only where Kerberos actually authenticated (a fallback run already shows one).
  const kerberos = ran.has('Kerberos') && trace.outcome.mechanism === 'Kerberos' && trace.outcome.result === 'authenticated';
  const ntlm = ran.has('NTLM') && trace.outcome.mechanism === 'NTLM' && trace.outcome.result === 'authenticated';
  const negotiate = trace.outcome.package === 'Negotiate';
  if (kerberos && server?.enabledPackages.includes('Kerberos')) out.push({ kind: 'package', label: 'Kerberos off on the server', side: 'server', pkg: 'Kerberos', on: false });
  if (kerberos && has('kdcReachable') && value('kdcReachable') === true) out.push({ kind: 'param', label: 'KDC unreachable', name: 'kdcReachable', value: false });
  if (kerberos && has('target') && server && value('target') !== server.address) out.push({ kind: 'param', label: `Name the server by IP (${server.address})`, name: 'target', value: server.address });
  if (kerberos && has('clockSkewMinutes') && value('clockSkewMinutes') === 0) out.push({ kind: 'param', label: 'Client clock 7 min ahead', name: 'clockSkewMinutes', value: 7 });
  if (ntlm && negotiate && has('restrictNtlm') && value('restrictNtlm') !== 'deny') out.push({ kind: 'param', label: 'Restrict NTLM: deny', name: 'restrictNtlm', value: 'deny' });
  if (ntlm && has('password')) out.push({ kind: 'param', label: 'Type a wrong password', name: 'password', value: 'Not-the-password-1' });
  if (ntlm && !negotiate && server?.enabledPackages.includes('NTLM')) out.push({ kind: 'package', label: 'NTLM off on the server', side: 'server', pkg: 'NTLM', on: false });
  if (!kerberos && negotiate && has('kdcReachable') && value('kdcReachable') === false) out.push({ kind: 'param', label: 'KDC reachable again', name: 'kdcReachable', value: true });
  return out.slice(0, max);
}
