// The scenario's learning goal, one paragraph: two lines (one in presenter mode) with a button that
// shows all of it — nothing is left to a hover tooltip. With "Hide outcome" the goal (which tells
// what happens) waits for the last step.
import { useId, useState } from 'react';
import { useApp } from '../../store/context';
import { Linked } from '../Glossary/Linked';
import { selectOutcomeVisible, selectPresenter, selectScenarioInfo, selectTrace } from '../../store/selectors';

export function Goal() {
  const info = useApp(selectScenarioInfo);
  const trace = useApp(selectTrace);
  const presenter = useApp(selectPresenter);
  const visible = useApp(selectOutcomeVisible);
  const [open, setOpen] = useState(false);
  const id = useId();
  const goal = trace?.scenario.goal ?? info?.goal;
  return (
    <section data-testid="goal" aria-label="Goal" className={`flex min-w-0 flex-1 items-start gap-2 leading-snug ${presenter ? 'text-base' : 'text-sm'}`}>
      <h2 className="sr-only">Goal</h2>
      {!goal && <p className="text-[var(--muted)]">Pick a scenario to watch Windows authentication happen, message by message.</p>}
      {goal && !visible && (
        <p data-testid="goal.hidden" className="text-[var(--muted)]">
          <span className="font-semibold">Goal: </span>hidden until the last step, with the outcome. Watch, and guess what will happen.
        </p>
      )}
      {goal && visible && <>
        <p id={id} data-testid="goal.text" className={`min-w-0 flex-1 ${open ? 'max-h-[40vh] overflow-auto' : presenter ? 'line-clamp-1' : 'line-clamp-2'}`}>
          <span className="font-semibold">Goal: </span><Linked text={goal} />
        </p>
        <button
          type="button"
          data-testid="goal.more"
          aria-expanded={open}
          aria-controls={id}
          className="shrink-0 rounded border border-[var(--line)] px-1.5 text-xs text-[var(--muted)] hover:border-[var(--current)]"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Less' : 'All of it'}
        </button>
      </>}
    </section>
  );
}
