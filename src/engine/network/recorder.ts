// Records the trace as the run goes: numbered events, node-state snapshots and the key ring.
import type { Field } from '../encoding/fields';
import type { KeyEntry, KeyRing, MessageView } from '../sspi/package';
import type {
  Carrier, DecisionEvent, MessageEvent, NodeState, NoteEvent, SspiCallEvent, SspiReturnEvent, StateSnapshot,
  TraceError, TraceEvent,
} from '../trace';

type Omit2<T> = Omit<T, 'id' | 'seq' | 'type'>;

export class Recorder {
  readonly events: TraceEvent[] = [];
  readonly snapshots: StateSnapshot[] = [];
  readonly keys: KeyRing = { entries: [] };
  private seq = 0;

  private push<T extends TraceEvent>(e: T): T {
    this.events.push(e);
    return e;
  }
  /** The event with its id, sequence number and type first (the trace's JSON keeps that order), then the
   * caller's fields, copied with Object.assign (a spread of these many-keyed objects was among a run's
   * hottest lines). */
  private make<T extends TraceEvent>(type: T['type'], e: object): T {
    const seq = ++this.seq;
    return Object.assign({ id: `e${seq}`, seq, type }, e) as T;
  }

  call(e: Omit2<SspiCallEvent>): SspiCallEvent { return this.push(this.make<SspiCallEvent>('sspi-call', e)); }
  ret(e: Omit2<SspiReturnEvent>): SspiReturnEvent { return this.push(this.make<SspiReturnEvent>('sspi-return', e)); }
  message(e: Omit2<MessageEvent>): MessageEvent { return this.push(this.make<MessageEvent>('message', e)); }
  decision(e: Omit2<DecisionEvent>): DecisionEvent { return this.push(this.make<DecisionEvent>('decision', e)); }
  note(e: Omit2<NoteEvent>): NoteEvent { return this.push(this.make<NoteEvent>('note', e)); }

  addKey(k: KeyEntry): void {
    if (!this.keys.entries.some((x) => x.name === k.name && x.etype === k.etype && x.kvno === k.kvno)) this.keys.entries.push(k);
  }

  /** `nodes` must be the caller's fresh copy (nodeStates builds one): it is kept as it is. */
  snapshot(nodes: Record<string, NodeState>): void {
    this.snapshots.push({ afterSeq: this.seq, nodes });
  }

  lastSeq(): number { return this.seq; }
}

/** Build a message event's body from a decoded view and its carrier. */
export function messageFromView(
  view: MessageView, token: Uint8Array, carrier: Carrier, hexOf: (b: Uint8Array) => string,
): { protocol: MessageEvent['protocol']; name: string; layers: string[]; hex: string; fields: Field[]; explain: string; ref?: string } {
  const layers = [carrier.id.toUpperCase().startsWith('HTTP') ? 'HTTP' : carrierLayer(carrier.id), ...view.layers];
  return { protocol: view.protocol, name: view.name, layers, hex: hexOf(token), fields: view.fields, explain: view.explain, ref: view.ref };
}

function carrierLayer(id: string): string {
  switch (id) {
    case 'smb2': return 'SMB2';
    case 'ldap': return 'LDAP';
    case 'rdp': return 'RDP';
    case 'tcp/88': return 'TCP 88';
    case 'udp/88': return 'UDP 88';
    case 'netlogon': return 'Netlogon';
    default: return id.toUpperCase();
  }
}

export function errorOf(code: number, name: string, text: string): TraceError {
  return { code, name, text };
}
