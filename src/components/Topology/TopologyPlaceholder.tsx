// The topology before React Flow is loaded: the same cards, without links or toggles.
import { useApp } from '../../store/context';
import { selectTrace } from '../../store/selectors';
import { orderNodes } from '../Diagram/layout';

export function TopologyPlaceholder() {
  const trace = useApp(selectTrace);
  const nodes = trace ? orderNodes(trace.nodes) : [];
  return (
    <section data-testid="topology" aria-label="Topology" aria-busy="true" className="flex h-[134px] shrink-0 items-start justify-around border-b border-[var(--line)] pt-1">
      {nodes.length === 0 && <p className="p-3 text-sm text-[var(--muted)]">The nodes of the scenario appear here.</p>}
      {nodes.map((n) => (
        <div key={n.id} className="w-[min(30%,300px)] rounded-md border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-[12px] shadow-sm">
          <div className="truncate text-[13px] font-semibold">{n.hostName} <span className="text-[10px] font-medium uppercase text-[var(--muted)]">{n.role}</span></div>
          <div className="truncate text-[11px] text-[var(--muted)]">{n.address} · {n.domain ?? 'workgroup'}</div>
          <div className="mt-0.5 truncate text-[11px]">{n.enabledPackages.join(' · ')}</div>
        </div>
      ))}
    </section>
  );
}
