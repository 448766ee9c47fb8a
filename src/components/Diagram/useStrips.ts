// The diagram's glossary strips and the focus kept inside the diagram across steps.
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { Step } from '../../store/steps';
import { useContent } from '../Glossary/useContent';
import type { DiagramLayout } from './layout';
import { labelWords } from './labels';
import { labelTerms, withStrips, type LabelTerm, type Strip } from './strips';

/** The layout with a glossary strip under the current step's label and under the selected one. */
export function useStrips(base: DiagramLayout | null, current: Step | null, selectedId: string | null, visibleSeq: number, scale: number, view: number): { layout: DiagramLayout | null; strips: Strip[] } {
  const content = useContent();
  const wanted = useMemo(() => {
    const m = new Map<string, LabelTerm[]>();
    if (!content || !base) return m;
    for (const id of [current?.id, selectedId]) {
      const row = id ? base.rowByEvent.get(id) : undefined;
      if (row && row.event.seq <= visibleSeq) m.set(row.event.id, labelTerms(labelWords(row.event), (t) => content.linkTerms(t)));
    }
    return m;
  }, [content, base, current, selectedId, visibleSeq]);
  return useMemo(() => (base ? withStrips(base, wanted, scale, view) : { layout: null, strips: [] }), [base, wanted, scale, view]);
}

/** A focused term or SSPI call that a step removes hands focus on (to the new step's first term,
 *  the last call shown, or the diagram itself) instead of dropping it on the page. Returns the
 *  diagram's focus handlers. */
export function useFocusHandoff(scrollRef: React.RefObject<HTMLElement | null>) {
  const lastFocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const was = lastFocus.current;
    const el = scrollRef.current;
    if (!was || was.isConnected || !el) return;
    lastFocus.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const kind = was.dataset.testid;
    const next = kind === 'diagram.term'
      ? el.querySelector<HTMLElement>('[data-testid="diagram.terms"][data-current] [data-testid="diagram.term"]')
      : kind === 'diagram.calllabel' ? [...el.querySelectorAll<HTMLElement>('[data-testid="diagram.calllabel"]')].pop() : null;
    (next ?? el).focus({ preventScroll: true });
  });
  return {
    onFocus: (e: React.FocusEvent<HTMLElement>) => { lastFocus.current = e.target as HTMLElement; },
    onBlur: (e: React.FocusEvent<HTMLElement>) => {
      // Focus left the diagram (not removed with its element): nothing to hand on.
      if ((e.target as HTMLElement).isConnected && !e.currentTarget.contains(e.relatedTarget)) lastFocus.current = null;
    },
  };
}
