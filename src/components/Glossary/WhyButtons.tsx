// "Why?" buttons for a step: each opens a short explanation in place.
import type { DecisionEvent, MessageEvent, Trace } from '../../engine/trace';
import { useContent } from './useContent';
import { useWords } from './words';

export function WhyButtons({ trace, step, className = '' }: { trace: Trace; step: MessageEvent | DecisionEvent; className?: string }) {
  const c = useContent();
  const openId = useWords((s) => (s.popover?.kind === 'why' ? s.popover.id : null));
  if (!c) return null;
  const whys = c.whyFor(trace, step);
  if (!whys.length) return null;
  return (
    <span className={`inline-flex flex-wrap gap-1 align-baseline ${className}`}>
      {whys.map((w) => (
        <button
          key={w.id}
          type="button"
          data-testid="why"
          data-why={w.id}
          aria-haspopup="dialog"
          aria-expanded={openId === w.id}
          className="why-button"
          onClick={(e) => {
            const s = useWords.getState();
            if (s.popover?.kind === 'why' && s.popover.id === w.id) s.close();
            else s.open({ kind: 'why', id: w.id, anchor: e.currentTarget });
          }}
        >
          {w.title}
        </button>
      ))}
    </span>
  );
}
