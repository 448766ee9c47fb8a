// The outcome banner: how the run ends, and what the last toggle changed. At the last step it also
// says why, in full (the decision that settled it, or the error that ended it), where a student looks
// for it once the run is over. Hidden until the last step when "Hide outcome" is on.
import { useApp } from '../../store/context';
import { selectAtLast, selectChange, selectOutcomeVisible, selectPresenter, selectTrace } from '../../store/selectors';
import { outcomeWhy, sentence } from '../../store/reasons';

export function Outcome() {
  const trace = useApp(selectTrace);
  const visible = useApp(selectOutcomeVisible);
  const atLast = useApp(selectAtLast);
  const change = useApp(selectChange);
  // In presenter mode the banner is one line until the last step (the diagram gets the room).
  const presenter = useApp(selectPresenter);
  const o = trace?.outcome;
  const ok = o?.result === 'authenticated';
  const tone = !o || !visible ? 'border-[var(--line)]' : ok ? 'border-emerald-600 bg-emerald-50 dark:bg-emerald-950' : 'border-red-600 bg-red-50 dark:bg-red-950';
  const why = trace && atLast ? outcomeWhy(trace) : null;
  return (
    <section data-testid="outcome" aria-label="Outcome" aria-live="polite" className={`w-full shrink-0 rounded border px-2 py-1 text-sm leading-snug sm:w-[26rem] sm:max-w-[45%] ${atLast && visible ? 'max-h-[30vh] overflow-auto' : ''} ${tone}`}>
      {!o && <p className="text-[var(--muted)]">No run yet.</p>}
      {o && !visible && <p data-testid="outcome.hidden" className="text-[var(--muted)]">Outcome hidden until the last step: what will happen?</p>}
      {o && visible && (
        <>
          <p data-testid="outcome.result" className="font-semibold">
            {ok ? '✔ Authenticated' : '✘ Failed'} · {o.package}{o.mechanism && o.mechanism !== o.package ? ` → ${o.mechanism}` : ''} · <code className="text-xs">{o.status}</code>
          </p>
          {change && <p data-testid="outcome.change" className={`font-medium text-[var(--accent)] ${why ? '' : 'line-clamp-2'}`}>{change}</p>}
          {why
            ? <p data-testid="outcome.why"><span className="font-semibold">Why: {why.title}. </span>{why.text}</p>
            : !change && !presenter && <p className="line-clamp-2 text-[var(--muted)]">{sentence(o.reason)}</p>}
        </>
      )}
    </section>
  );
}
