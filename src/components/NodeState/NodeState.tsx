// What each node holds after the current step: its clock, its ticket cache as `klist` lists it,
// and its security contexts (state, flags, keys).
import { useMemo } from 'react';
import type { NodeState as NodeStateT, TraceNode } from '../../engine/trace';
import { useApp } from '../../store/context';
import { selectCursor, selectSteps, selectTrace } from '../../store/selectors';
import { snapshotAt } from '../../store/steps';
import { orderNodes } from '../Diagram/layout';

export function klist(state: NodeStateT): string {
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

function clockOffset(n: TraceNode): string {
  const s = n.clockOffsetSeconds;
  if (!s) return '';
  const m = Math.round(Math.abs(s) / 60);
  return ` (${s > 0 ? '+' : '−'}${m ? `${m} min` : `${Math.abs(s)} s`})`;
}

export function NodeState() {
  const trace = useApp(selectTrace);
  const steps = useApp(selectSteps);
  const cursor = useApp(selectCursor);
  const snap = useMemo(() => (trace ? snapshotAt(trace, steps, cursor) : null), [trace, steps, cursor]);
  const nodes = useMemo(() => (trace ? orderNodes(trace.nodes) : []), [trace]);
  return (
    <section data-testid="nodestate" aria-label="Node state" className="max-h-[40%] min-h-[6rem] shrink-0 overflow-auto border-t border-[var(--line)] px-3 py-2 text-xs">
      <h2 className="mb-1 text-sm font-semibold">Node state <span className="font-normal text-[var(--muted)]">after this step</span></h2>
      {!trace && <p className="text-[var(--muted)]">No run yet.</p>}
      {trace && nodes.map((n) => {
        const st = snap?.nodes[n.id];
        return (
          <details key={n.id} data-testid={`nodestate.${n.id}`} open className="mb-1.5">
            <summary className="cursor-pointer">
              <span className="font-semibold">{n.hostName}</span> <span className="text-[var(--muted)]">{n.role}</span>
              {st && <span className="ml-1 font-mono text-[0.68rem]">clock {st.clock.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}{clockOffset(n)}</span>}
            </summary>
            {!st && <p className="ml-3 text-[var(--muted)]">Nothing held yet.</p>}
            {st && (
              <div className="ml-3">
                {(st.tickets.length > 0 || n.role === 'client') && (
                  <pre data-testid="nodestate.klist" className="my-0.5 overflow-x-auto rounded bg-slate-100 p-1 font-mono text-[0.66rem] leading-snug dark:bg-slate-900" tabIndex={0} aria-label={`Ticket cache of ${n.hostName}`}>{klist(st)}</pre>
                )}
                {st.contexts.map((c) => (
                  <div key={c.handle} data-testid="nodestate.context" className="my-0.5 rounded border border-[var(--line)] p-1">
                    <div><span className="font-semibold">{c.package}</span> context <code>{c.handle}</code>: {c.state}</div>
                    {c.flags.length > 0 && <div className="break-words text-[var(--muted)]">{c.flags.join(' ')}</div>}
                    {c.keys.map((k) => (
                      <div key={k.name} className="break-all font-mono text-[0.66rem]"><span className="font-sans">{k.name}:</span> {k.hex}</div>
                    ))}
                  </div>
                ))}
                {!st.tickets.length && !st.contexts.length && n.role !== 'client' && <p className="text-[var(--muted)]">No ticket, no context.</p>}
              </div>
            )}
          </details>
        );
      })}
    </section>
  );
}
