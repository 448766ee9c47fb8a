// The definition or "Why?" card, opened in place next to the button that asked for it: by click,
// tap or keyboard (no hover). Focus moves into it; Escape, the close button or a tap elsewhere
// closes it and gives focus back to the button.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useApp } from '../../store/context';
import { selectCursor } from '../../store/selectors';
import { Linked } from './Linked';
import { useContent } from './useContent';
import { useWords } from './words';

export function WordsPopover() {
  const pop = useWords((s) => s.popover);
  const c = useContent();
  const ref = useRef<HTMLDivElement>(null);
  const cursor = useApp(selectCursor);

  // A step changes the text the card belongs to: close it.
  const lastCursor = useRef(cursor);
  useEffect(() => {
    if (lastCursor.current !== cursor) { lastCursor.current = cursor; useWords.getState().close(); }
  }, [cursor]);

  // Placed next to its button (measured on open and on resize only, never during a step).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!pop || !el) return;
    const place = () => {
      const r = pop.anchor.getBoundingClientRect();
      const vw = window.innerWidth, vh = window.innerHeight;
      const width = Math.min(vw - 16, pop.kind === 'why' ? 416 : 368);
      const left = Math.max(8, Math.min(r.left, vw - width - 8));
      el.style.width = `${width}px`;
      const h = el.offsetHeight;
      // Below the button when it fits, else above it, else at the top of the screen.
      const top = r.bottom + 6 + h <= vh - 8 ? r.bottom + 6 : Math.max(8, r.top - 6 - h);
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
      el.style.visibility = 'visible';
    };
    place();
    const id = requestAnimationFrame(place);
    window.addEventListener('resize', place);
    return () => { cancelAnimationFrame(id); window.removeEventListener('resize', place); };
  }, [pop, c]);

  useEffect(() => {
    if (!pop) return;
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const anchor = pop.anchor;
    const close = (refocus: boolean) => {
      useWords.getState().close();
      if (refocus && anchor.isConnected) anchor.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.stopPropagation(); e.preventDefault(); close(true); }
    };
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (ref.current?.contains(t) || anchor.contains(t)) return;
      close(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown, true);
    return () => { document.removeEventListener('keydown', onKey, true); document.removeEventListener('pointerdown', onDown, true); };
  }, [pop]);

  if (!pop || !c) return null;
  let heading: string, body: string, source: string, self: string | null = null;
  if (pop.kind === 'term') {
    const t = c.TERM_BY_ID.get(pop.id);
    if (!t) return null;
    heading = t.term; body = t.def; source = t.source; self = t.id;
  } else if (pop.kind === 'lane') {
    const l = c.LANE_TEXT[pop.id];
    heading = `${l.title} lane`; body = l.text; source = 'Microsoft, "Security Support Provider Interface Architecture"';
  } else {
    const w = c.WHY_TEXTS.find((x) => x.id === pop.id);
    if (!w) return null;
    heading = w.title; body = w.text; source = w.ref;
  }
  const headingId = `words-popover-${pop.kind}-${pop.id}`;
  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      data-testid={pop.kind === 'term' ? 'definition' : pop.kind === 'lane' ? 'lane.panel' : 'why.panel'}
      data-id={pop.id}
      className="fixed z-50 rounded-lg border border-[var(--line)] bg-[var(--panel)] p-3 text-sm leading-snug text-[var(--ink)] shadow-xl"
      data-keys="local"
      style={{ left: 8, top: 8, width: 368, visibility: 'hidden' }}
    >
      <div className="flex items-start gap-2">
        <h2 id={headingId} tabIndex={-1} data-autofocus="" className="flex-1 text-base font-semibold leading-tight outline-none">{heading}</h2>
        <button type="button" data-testid="words.close" aria-label="Close" className="-mt-1 -mr-1 h-8 w-8 shrink-0 rounded text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => { const a = pop.anchor; useWords.getState().close(); if (a.isConnected) a.focus(); }}>×</button>
      </div>
      <p className="mt-1"><Linked text={body} seen={new Set(self ? [self] : [])} /></p>
      <p className="mt-1 text-xs text-[var(--muted)]">Source: {source}</p>
      {pop.kind === 'term' && (
        <button type="button" data-testid="definition.glossary" className="mt-2 rounded border border-[var(--line)] px-2 py-1 text-xs" onClick={() => useWords.getState().openGlossary(pop.id)}>
          Show in the glossary
        </button>
      )}
    </div>
  );
}
