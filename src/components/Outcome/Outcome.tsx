// The outcome banner: how the run ends, and what the last toggle changed.
import { useApp } from '../../store/context';
import { selectChange, selectOutcomeVisible, selectTrace } from '../../store/selectors';

export function Outcome() {
  const trace = useApp(selectTrace);
  const visible = useApp(selectOutcomeVisible);
  const change = useApp(selectChange);
  const o = trace?.outcome;
  const ok = o?.result === 'authenticated';
  const tone = !o || !visible ? 'border-[var(--line)]' : ok ? 'border-emerald-600 bg-emerald-50 dark:bg-emerald-950' : 'border-red-600 bg-red-50 dark:bg-red-950';
  return (
    <section data-testid="outcome" aria-label="Outcome" aria-live="polite" className={`w-[26rem] max-w-[40%] shrink-0 rounded border px-2 py-1 text-sm leading-snug ${tone}`}>
      {!o && <p className="text-[var(--muted)]">No run yet.</p>}
      {o && !visible && <p data-testid="outcome.hidden" className="text-[var(--muted)]">Outcome hidden until the last step: what will happen?</p>}
      {o && visible && (
        <>
          <p data-testid="outcome.result" className="font-semibold">
            {ok ? '✔ Authenticated' : '✘ Failed'} · {o.package}{o.mechanism && o.mechanism !== o.package ? ` → ${o.mechanism}` : ''} · <code className="text-xs">{o.status}</code>
          </p>
          {change
            ? <p data-testid="outcome.change" className="line-clamp-2 font-medium text-[var(--accent)]" title={`${change}\n\n${o.reason}`}>{change}</p>
            : <p className="line-clamp-2 text-[var(--muted)]" title={o.reason}>{o.reason}</p>}
        </>
      )}
    </section>
  );
}
