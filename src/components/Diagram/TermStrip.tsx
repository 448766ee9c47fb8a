// The glossary terms of the current (or selected) step's label, as small buttons under it: each
// opens its definition in place, like the narration's linked terms (click, tap, Enter, Space).
import { useEffect, useRef } from 'react';
import { TermButton } from '../Glossary/Linked';
import { STRIP_LEAD, type Strip } from './strips';

export function TermStrip({ strip, current, label }: { strip: Strip; current: boolean; label: string }) {
  // A picked label's strip opens under it: bring it into view (the current step's is kept in view
  // by the diagram's own scrolling).
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!current) ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <div
      ref={ref}
      role="group"
      aria-label={`Glossary terms in ${label}`}
      data-testid="diagram.terms"
      data-event={strip.id}
      data-current={current || undefined}
      className="absolute flex flex-wrap content-start items-center justify-center gap-x-1 gap-y-1.5 pt-1 text-[0.72rem] leading-tight"
      style={{ left: strip.x, top: strip.y, width: strip.w, height: strip.h }}
    >
      <span aria-hidden="true" className="text-[var(--muted)]">{STRIP_LEAD}</span>
      {strip.terms.map((t) => <TermButton key={t.id} id={t.id} text={t.text} chip testId="diagram.term" />)}
    </div>
  );
}
