// The scenario's learning goal, one paragraph.
import { useApp } from '../../store/context';
import { selectPresenter, selectScenarioInfo, selectTrace } from '../../store/selectors';

export function Goal() {
  const info = useApp(selectScenarioInfo);
  const trace = useApp(selectTrace);
  const presenter = useApp(selectPresenter);
  const goal = trace?.scenario.goal ?? info?.goal;
  return (
    <section data-testid="goal" aria-label="Goal" className="min-w-0 flex-1 text-sm leading-snug">
      <h2 className="sr-only">Goal</h2>
      {goal ? (
        <p className={presenter ? 'line-clamp-1' : 'line-clamp-2'} title={goal}><span className="font-semibold">Goal: </span>{goal}</p>
      ) : (
        <p className="text-[var(--muted)]">Pick a scenario to watch Windows authentication happen, message by message.</p>
      )}
    </section>
  );
}
