// The step list: a table alternative to the diagram (same steps, same words), for screen readers
// and for anyone who prefers reading a list.
import { useEffect, useRef } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectCursor, selectOutcomeVisible, selectSteps, selectTrace } from '../../store/selectors';
import { decisionReason, decisionTitle, messageHeadline } from '../../store/reasons';
import { nodeName } from './labels';

export function StepTable() {
  const trace = useApp(selectTrace);
  const steps = useApp(selectSteps);
  const cursor = useApp(selectCursor);
  // "Hide outcome": the rows after the current step (which tell what happens) wait for the last step.
  const all = useApp(selectOutcomeVisible);
  const shown = all ? steps : steps.slice(0, cursor + 1);
  const store = useAppStore();
  const currentRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => { currentRef.current?.scrollIntoView({ block: 'nearest' }); }, [cursor]);
  const nodes = trace?.nodes ?? [];
  return (
    <section id="diagram" data-testid="diagram" tabIndex={0} aria-label="Step list" className="min-h-0 flex-1 overflow-auto px-2">
      <table data-testid="steptable" className="w-full border-collapse text-sm">
        <caption className="py-1 text-left text-[var(--muted)]">{all ? `Steps of the run (${steps.length}); the current step is marked.` : `Steps so far (${cursor + 1} of ${steps.length}); the rest are hidden until the last step.`}</caption>
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
          {shown.map((s, i) => (
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
                  {s.type === 'message' ? messageHeadline(s) : `Decision: ${decisionTitle(s)}`}
                </button>
              </td>
              <td className="px-1">{s.type === 'message' ? `${s.carrier.name}${s.modelled === 'summary' ? ' (summary)' : ''}` : '—'}</td>
              <td className="px-1">{s.error ? <span className="text-[var(--error)]">{s.error.name}</span> : s.type === 'decision' ? decisionReason(s) : 'ok'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
