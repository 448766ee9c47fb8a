// What is happening at this step and why; announced to screen readers as the step changes.
// In presenter mode it is shown as a large caption.
import { useApp } from '../../store/context';
import { selectCurrentStep, selectCursor, selectPresenter, selectStepCount, selectTrace } from '../../store/selectors';
import { stepSentence } from '../Diagram/labels';
import { Linked } from '../Glossary/Linked';
import { WhyButtons } from '../Glossary/WhyButtons';

export function Narration() {
  const step = useApp(selectCurrentStep);
  const cursor = useApp(selectCursor);
  const n = useApp(selectStepCount);
  const trace = useApp(selectTrace);
  const presenter = useApp(selectPresenter);
  return (
    <section
      data-testid="narration"
      aria-label="Narration"
      tabIndex={0}
      className={`min-w-[16rem] flex-1 overflow-y-auto ${presenter ? 'order-first max-h-[5.4rem] basis-full text-xl leading-[1.8rem]' : 'max-h-[3.9rem] text-sm leading-[1.3rem]'}`}
    >
      <div aria-live="polite" aria-atomic="true">
        {step && trace ? (
          <p>
            <span className="sr-only">{`Step ${cursor + 1} of ${n}: ${stepSentence(step, trace.nodes)}. `}</span>
            <span aria-hidden="true" className="mr-1 font-semibold text-[var(--muted)]">{cursor + 1}/{n}</span>
            <WhyButtons trace={trace} step={step} className="mr-1" />
            <Linked text={step.narration} />
          </p>
        ) : (
          <p className="text-[var(--muted)]">Step through the run to read what happens and why.</p>
        )}
      </div>
    </section>
  );
}
