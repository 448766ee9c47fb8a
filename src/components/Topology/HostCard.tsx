// A node card: host, role, address, domain; its providers as toggles; its conditions.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { ALL_PACKAGES, packageShortName } from '../../engine/public';
import type { PackageName, TraceNode } from '../../engine/trace';
import { useApp, useAppStore } from '../../store/context';
import { selectBuilt, selectEngineLoaded, selectToggleClient, selectToggleServer } from '../../store/selectors';
import { Check } from '../Check/Check';
import { useShownParams } from './Conditions';
import { sideOf } from './side';

export type HostData = { node: TraceNode; width: number };

const ROLE_BADGE: Record<string, string> = {
  client: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  server: 'bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100',
  dc: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  peer: 'bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100',
  idp: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
};

export function HostCard({ data }: NodeProps<Node<HostData>>) {
  const { node, width } = data;
  const store = useAppStore();
  const params = useShownParams();
  const loaded = useApp(selectEngineLoaded);
  // The client and the machine it connects to (a server, or a peer) have provider toggles.
  const side = sideOf(node.role);
  const toggleable = side === 'client' || side === 'server';
  // What the user asked for (shown at once, before the re-run returns), else what the run has.
  const asked = useApp(side === 'server' ? selectToggleServer : selectToggleClient);
  const enabled = (toggleable && asked) || node.enabledPackages;
  // The providers the engine has built (its package registry); the others cannot be switched on yet.
  const built = useApp(selectBuilt);
  const isBuilt = (p: PackageName) => !built || built.includes(p);
  const notBuilt = ALL_PACKAGES.filter((p) => !isBuilt(p));
  const mine = params.filter((p) => p.spec.node === side && p.value !== p.spec.default);
  return (
    <div
      data-testid={`topology.node.${node.id}`}
      className="nodrag nopan rounded-md border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-left text-[0.75rem] shadow-sm"
      style={{ width }}
    >
      {(['l', 'r', 'b'] as const).flatMap((side) => (['s', 't'] as const).map((kind) => (
        <Handle
          key={`${side}-${kind}`}
          id={`${side}-${kind}`}
          type={kind === 's' ? 'source' : 'target'}
          position={side === 'l' ? Position.Left : side === 'r' ? Position.Right : Position.Bottom}
          isConnectable={false}
        />
      )))}
      <div className="flex items-center gap-1.5">
        <span className="truncate text-[0.8125rem] font-semibold" title={node.hostName}>{node.hostName}</span>
        <span className={`rounded px-1 text-[0.625rem] font-medium uppercase ${ROLE_BADGE[node.role] ?? 'bg-slate-100 dark:bg-slate-800'}`}>{node.role}</span>
      </div>
      <div className="truncate text-[0.6875rem] text-[var(--muted)]" title={`${node.description} · ${node.address} · ${node.domain ?? 'workgroup'}`}>
        {node.address} · {node.domain ?? 'workgroup'}
      </div>
      {toggleable ? (
        <>
          <fieldset className="mt-0.5 flex flex-wrap gap-x-0.5 gap-y-0">
            <legend className="sr-only">Providers enabled on {node.role} {node.hostName}</legend>
            {ALL_PACKAGES.filter(isBuilt).map((p) => {
              const on = enabled.includes(p);
              return (
                <Check
                  key={p}
                  className={`text-[0.6875rem] ${on ? '' : 'text-[var(--muted)] line-through'}`}
                  data-testid={`toggle.${side}.${p}`}
                  aria-label={`${p} on ${node.role === 'peer' ? 'peer' : side}`}
                  checked={on}
                  disabled={!loaded}
                  title={loaded ? undefined : 'Loading the simulator…'}
                  onChange={(e) => store.getState().setPackage(side as 'client' | 'server', p, e.target.checked)}
                >
                  {packageShortName(p)}
                </Check>
              );
            })}
          </fieldset>
          {notBuilt.length > 0 && (
            <p data-testid={`notbuilt.${side}`} className="text-[0.625rem] leading-tight text-[var(--muted)]" title={`Not built yet in the simulator: ${notBuilt.map(packageShortName).join(', ')}`}>
              Not built yet: {notBuilt.map(packageShortName).join(' · ')}
            </p>
          )}
        </>
      ) : (
        <div className="mt-0.5 truncate text-[0.6875rem]" title={node.description}>{node.description}</div>
      )}
      {mine.length > 0 && (
        <div className="mt-0.5 truncate text-[0.6875rem]" data-testid={`topology.conditions.${node.id}`} title={mine.map((p) => `${p.spec.label}: ${String(p.value)}`).join('; ')}>
          {mine.map((p) => (
            <span key={p.name} className={`mr-1 rounded px-1 ${p.changed ? 'bg-blue-100 font-semibold dark:bg-blue-900' : 'bg-slate-100 dark:bg-slate-800'}`}>
              {p.spec.label}: {p.value === true ? 'yes' : p.value === false ? 'no' : String(p.value)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
