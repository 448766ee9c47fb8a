// The logon session's Kerberos ticket cache as Windows' `klist` lists it (the node-state panel's view).
import type { NodeState } from '../../trace';

export function klistText(state: Pick<NodeState, 'tickets'>): string {
  if (!state.tickets.length) return 'Cached Tickets: (0)';
  const lines = [`Cached Tickets: (${state.tickets.length})`, ''];
  state.tickets.forEach((t, i) => {
    lines.push(
      `#${i}>\tClient: ${t.client}`,
      `\tServer: ${t.server}`,
      `\tKerbTicket Encryption Type: ${t.etype}`,
      `\tTicket Flags -> ${t.flags.join(' ')}`,
      `\tStart Time: ${t.start}`,
      `\tEnd Time:   ${t.end}`,
      `\tSession Key: ${t.sessionKeyHex}`,
      '',
    );
  });
  return lines.join('\n').trimEnd();
}
