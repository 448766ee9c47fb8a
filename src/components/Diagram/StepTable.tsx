// The step list: a table alternative to the diagram (same steps, same words), for screen readers
// and for anyone who prefers reading a list.
import { useEffect, useRef } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectCursor, selectSteps, selectTrace } from '../../store/selectors';
import { messageTitle, nodeName } from './labels';

export function StepTable() {
  const trace = useApp(selectTrace);
  const steps = useApp(selectSteps);
  const cursor = useApp(selectCursor);
  const store = useAppStore();
  const currentRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => { currentRef.current?.scrollIntoView({ block: 'nearest' }); }, [cursor]);
  const nodes = trace?.nodes ?? [];
  return (
    <section data-testid="diagram" tabIndex={0} aria-label="Step list" className="min-h-0 flex-1 overflow-auto px-2">
      <table data-testid="steptable" className="w-full border-collapse text-sm">
        <caption className="py-1 text-left text-[var(--muted)]">Steps of the run ({steps.length}); the current step is marked.</caption>
        <thead className="sticky top-0 bg-[var(--bg)]">
          <tr className="border-b border-[var(--line)] text-left">
            <th scope="col" className="px-1">#</th>
            <th scope="col" className="px-1">From → to</th>
            <th scope="col" className="px-1">Step</th>
            <th scope="col" className="px-1">Carrier</th>
            <th scope="col" className="px-1">Result</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr
              key={s.id}
              ref={i === cursor ? currentRef : undefined}
              aria-current={i === cursor ? 'step' : undefined}
              className={`border-b border-[var(--line)] ${i === cursor ? 'bg-blue-100 font-semibold dark:bg-blue-950' : i > cursor ? 'text-[var(--muted)]' : ''}`}
            >
              <td className="px-1 tabular-nums">{i + 1}</td>
              <td className="px-1">{s.type === 'message' ? `${nodeName(nodes, s.from)} → ${nodeName(nodes, s.to)}` : nodeName(nodes, s.node)}</td>
              <td className="px-1">
                <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => store.getState().goTo(i)}>
                  {s.type === 'message' ? messageTitle(s) : `Decision: ${s.decision}`}
                </button>
              </td>
              <td className="px-1">{s.type === 'message' ? `${s.carrier.name}${s.modelled === 'summary' ? ' (summary)' : ''}` : '—'}</td>
              <td className="px-1">{s.error ? <span className="text-[var(--error)]">{s.error.name}</span> : s.type === 'decision' ? s.because : 'ok'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
