// The "start here" path for a beginner, as data: the architecture (Negotiate choosing Kerberos over
// HTTP, the layered view), then NTLM, then Kerberos, then Negotiate and its fallbacks, then the
// confusions and the other lessons. Only ids of scenarios that exist are listed (a test checks); the
// architecture tour is the first lesson.
export interface PathStage {
  title: string;
  ids: string[];
}

export const START_HERE: readonly PathStage[] = [
  { title: 'How SSPI chooses a protocol', ids: ['sspi-architecture-tour', 'negotiate-kerberos-http'] },
  { title: 'NTLM', ids: ['ntlm-workgroup', 'ntlm-domain'] },
  { title: 'Kerberos', ids: ['kerberos-smb', 'kerberos-wrong-password'] },
  { title: 'Negotiate and its fallbacks', ids: ['negotiate-fallback-ip', 'negotiate-fallback-no-spn', 'negotiate-fallback-kdc-down', 'single-kerberos-client-ntlm-only', 'negotiate-no-common-protocol'] },
  { title: 'When things go wrong', ids: ['kerberos-clock-skew', 'kerberos-duplicate-spn', 'kerberos-stale-service-key', 'kerberos-udp-too-big', 'ntlm-blocked-by-policy', 'ntlmv1-vs-ntlmv2'] },
  { title: 'The other providers', ids: ['schannel-tls12', 'schannel-untrusted-cert', 'schannel-client-cert', 'digest-http', 'kerberos-ldap-bind', 'credssp-rdp', 'pku2u-peer'] },
];

/** The path's ids in order, keeping only those in `known` (so a missing scenario never breaks it). */
export function pathIds(known?: ReadonlySet<string>): string[] {
  const all = START_HERE.flatMap((s) => s.ids);
  return known ? all.filter((id) => known.has(id)) : all;
}

/** The first lesson of the path not finished yet, or null when all are. */
export function nextOnPath(ids: readonly string[], finished: ReadonlySet<string>): string | null {
  return ids.find((id) => !finished.has(id)) ?? null;
}
