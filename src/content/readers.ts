// Who can open an encrypted part: the holders of the key, said in words, from the key's name and
// its Kerberos key usage (RFC 4120 §7.5.1). Kept apart from the lab's own power to show it
// decrypted: the simulator knows every key, the parties do not.
import type { DecryptedPart } from '../engine/encoding/fields';
import type { TraceNode } from '../engine/trace';

export const LAB_KNOWS_EVERY_KEY = 'Shown decrypted because the lab knows every key; on a real network only the holders named above could open it.';

/** "FS01$@CONTOSO.LOCAL" → the node FS01 when there is one, else the account name. */
function holder(principal: string, nodes: readonly TraceNode[]): string {
  const name = principal.split('@')[0];
  const host = name.replace(/\$$/, '');
  const node = nodes.find((n) => n.hostName.split('.')[0].toUpperCase() === host.toUpperCase());
  if (node && name.endsWith('$')) return `${node.hostName.split('.')[0].toUpperCase()} (its machine account ${name})`;
  return name;
}

/** Who holds the key that opens this part, and so who can read it. */
export function readersOf(part: Pick<DecryptedPart, 'key' | 'keyUsage'>, nodes: readonly TraceNode[]): string {
  const key = part.key;
  const u = part.keyUsage;
  const client = nodes.find((n) => n.role === 'client')?.hostName.split('.')[0].toUpperCase() ?? 'the client';
  const server = nodes.find((n) => n.role === 'server')?.hostName.split('.')[0].toUpperCase() ?? 'the server';
  let m: RegExpExecArray | null;
  if (/^krbtgt\//.test(key)) {
    return 'Only the KDC can open this: it is encrypted with the krbtgt key, which no other machine has. The client carries its TGT without being able to read it.';
  }
  if ((m = /^(\S+) long-term key/.exec(key)) && u === 2) {
    return `Only ${holder(m[1], nodes)} and the KDC hold this key: the ticket is for that service. The client cannot read its own ticket.`;
  }
  if ((m = /^(\S+) (long-term key|key from the password)/.exec(key))) {
    const who = m[1].split('@')[0];
    return `Only ${who}'s side (the key comes from ${who}'s password) and the KDC, which stores that key, can open this.`;
  }
  if (/^session key of the ticket for krbtgt\//.test(key)) {
    return `Only ${client} and the KDC share this key (the TGT's session key): nobody else on the network can open it.`;
  }
  if ((m = /^session key of the ticket for (\S+)/.exec(key))) {
    return `Only ${client} and the service ${m[1]} (${server}) share this ticket's session key; the KDC made it and could too, but nobody else can open it.`;
  }
  if (/subkey/.test(key)) return `Only ${client} and ${server} hold this subkey, agreed inside the AP exchange.`;
  if (/KeyExchangeKey/.test(key)) {
    return `Only a holder of the user's password hash can open this: ${client}, and ${server} itself for a local account or, for a domain account, the domain controller, which hands the key to ${server} after checking the answer.`;
  }
  if (/sealing key|signing key/.test(key)) return `Only ${client} and ${server} hold the NTLM session keys this comes from.`;
  return `Only the holders of this key can open it: ${key}.`;
}
