// Which side of the SSPI exchange a node's card speaks for: the client, or the machine it connects to
// (a server, or in a peer-to-peer scenario the peer). Parameters name their node by side ('client',
// 'server', 'dc'); the toggles and the store's package lists are per side.
import type { NodeRole } from '../../engine/trace';

export type Side = 'client' | 'server' | 'dc';

export function sideOf(role: NodeRole): Side | null {
  if (role === 'client') return 'client';
  if (role === 'server' || role === 'peer') return 'server';
  if (role === 'dc') return 'dc';
  return null;
}
