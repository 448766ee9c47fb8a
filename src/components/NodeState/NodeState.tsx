// What each node holds after the current step: its clock, its ticket cache as `klist` lists it,
// and its security contexts (state, flags, keys).
import { useId, useMemo } from 'react';
import { useAppAfterPaint } from '../App/useAfterPaint';
import type { TraceNode } from '../../engine/trace';
import { cacheViews } from '../../engine/public';
import { useApp, useAppStore } from '../../store/context';
import { selectCursor, selectNodeStateOpen, selectSteps, selectTrace } from '../../store/selectors';
import { snapshotAt } from '../../store/steps';
import { orderNodes } from '../Diagram/layout';

function clockOffset(n: TraceNode): string {
  const s = n.clockOffsetSeconds;
  if (!s) return '';
  const m = Math.round(Math.abs(s) / 60);
  return ` (${s > 0 ? '+' : '−'}${m ? `${m} min` : `${Math.abs(s)} s`})`;
}

const PREFIXES = ['NTLMSSP_NEGOTIATE_', 'NTLMSSP_REQUEST_', 'ISC_REQ_', 'ISC_RET_', 'ASC_REQ_', 'ASC_RET_', 'KDC_OPT_', 'TKT_FLG_'];

/** Flags grouped by their common prefix: "NTLMSSP_NEGOTIATE_: UNICODE · SIGN · SEAL". */
export function groupFlags(flags: string[]): { prefix: string; names: string[] }[] {
  const groups: { prefix: string; names: string[] }[] = [];
  for (const f of flags) {
    const prefix = PREFIXES.find((p) => f.startsWith(p) && f.length > p.length) ?? '';
    const g = groups.find((x) => x.prefix === prefix) ?? (groups.push({ prefix, names: [] }), groups[groups.length - 1]);
    g.names.push(f.slice(prefix.length));
  }
  return groups;
}

function Flags({ flags }: { flags: string[] }) {
  return (
    <div className="text-[0.68rem] leading-snug text-[var(--muted)]" title={flags.join('\n')}>
      {groupFlags(flags).map((g) => (
        <div key={g.prefix}>{g.prefix && <span className="font-mono">{g.prefix}</span>}{g.names.join(' · ')}</div>
      ))}
    </div>
  );
}

export function NodeState({ fill = false }: { fill?: boolean }) {
  const trace = useApp(selectTrace);
  const steps = useApp(selectSteps);
  const cursor = useAppAfterPaint(selectCursor);
  const snap = useMemo(() => (trace ? snapshotAt(trace, steps, cursor) : null), [trace, steps, cursor]);
  const nodes = useMemo(() => (trace ? orderNodes(trace.nodes) : []), [trace]);
  // Open or closed is a view setting (in the URL); on a phone's tab it is always open.
  const stored = useApp(selectNodeStateOpen);
  const open = fill || stored;
  const store = useAppStore();
  const setOpen = (on: boolean) => store.getState().set({ nodeStateOpen: on });
  const bodyId = useId();
  return (
    <section data-testid="nodestate" aria-label="Node state" tabIndex={open ? 0 : undefined} className={`border-t border-[var(--line)] px-3 py-1.5 text-xs [contain:layout_paint] ${fill ? 'min-h-0 flex-1 overflow-auto' : `shrink-0 ${open ? 'max-h-[42%] min-h-[6rem] overflow-auto' : ''}`}`}>
      <h2 className="text-sm font-semibold">
        <button type="button" data-testid="nodestate.toggle" aria-expanded={open} aria-controls={bodyId} className="w-full truncate rounded text-left hover:underline" onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} Node state <span className="font-normal text-[var(--muted)]">after this step: clocks, tickets, keys</span>
        </button>
      </h2>
      <div id={bodyId} hidden={!open} className="mt-1">
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
                {cacheViews(st, n.role).map((c) => (
                  <pre key={c.pkg} data-testid={c.pkg === 'Kerberos' ? 'nodestate.klist' : `nodestate.cache.${c.pkg}`} className="my-0.5 overflow-x-auto rounded bg-slate-100 p-1 font-mono text-[0.66rem] leading-snug dark:bg-slate-900" tabIndex={0} aria-label={`${c.title} of ${n.hostName}`}>{c.text}</pre>
                ))}
                {st.contexts.map((c) => (
                  <div key={c.handle} data-testid="nodestate.context" className="my-0.5 rounded border border-[var(--line)] p-1">
                    <div><span className="font-semibold">{c.package}</span> context <code>{c.handle}</code>: {c.state}</div>
                    {c.flags.length > 0 && <Flags flags={c.flags} />}
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
      </div>
    </section>
  );
}
