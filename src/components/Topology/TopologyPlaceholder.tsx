// The topology before React Flow is loaded: the same cards, without links or toggles.
import { useApp } from '../../store/context';
import { selectTrace } from '../../store/selectors';
import { orderNodes } from '../Diagram/layout';

export function TopologyPlaceholder() {
  const trace = useApp(selectTrace);
  const nodes = trace ? orderNodes(trace.nodes) : [];
  return (
    <div aria-busy="true" className="flex h-[134px] shrink-0 items-start justify-around pt-1">
      {nodes.length === 0 && <p className="p-3 text-sm text-[var(--muted)]">The nodes of the scenario appear here.</p>}
      {nodes.map((n) => (
        <div key={n.id} className="w-[min(30%,300px)] rounded-md border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-[0.75rem] shadow-sm">
          <div className="truncate text-[0.8125rem] font-semibold">{n.hostName} <span className="text-[0.625rem] font-medium uppercase text-[var(--muted)]">{n.role}</span></div>
          <div className="truncate text-[0.6875rem] text-[var(--muted)]">{n.address} · {n.domain ?? 'workgroup'}</div>
          <div className="mt-0.5 truncate text-[0.6875rem]">{n.enabledPackages.join(' · ')}</div>
        </div>
      ))}
    </div>
  );
}
