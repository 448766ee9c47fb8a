// The glossary: every term, searchable, in a side panel. Opened from the header's Glossary button
// or from a definition's "Show in the glossary".
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Linked } from './Linked';
import { useContent } from './useContent';
import { useWords } from './words';

export function GlossaryButton() {
  const open = useWords((s) => s.glossaryOpen);
  return (
    <button
      type="button"
      data-testid="glossary.open"
      aria-expanded={open}
      aria-controls="glossary-panel"
      className={`rounded border px-2 py-1 text-sm ${open ? 'border-[var(--current)] bg-blue-50 dark:bg-blue-950' : 'border-[var(--line)]'}`}
      onClick={() => (open ? useWords.getState().closeGlossary() : useWords.getState().openGlossary())}
    >
      Glossary
    </button>
  );
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\w$/ -]/g, '');

export function GlossaryPanel() {
  const open = useWords((s) => s.glossaryOpen);
  const focus = useWords((s) => s.glossaryFocus);
  const c = useContent();
  const [q, setQ] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    if (focus && list.current) {
      const el = list.current.querySelector<HTMLElement>(`[data-term-entry="${focus}"]`);
      el?.scrollIntoView({ block: 'start' });
      el?.focus();
    } else input.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !useWords.getState().popover) {
        e.stopPropagation();
        useWords.getState().closeGlossary();
        document.querySelector<HTMLElement>('[data-testid="glossary.open"]')?.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [open, focus, c]);

  const terms = useMemo(() => {
    if (!c) return [];
    const n = norm(q.trim());
    const all = [...c.GLOSSARY].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
    if (!n) return all;
    return all.filter((t) => norm(t.term).includes(n) || t.match.some((m) => typeof m === 'string' && norm(m).includes(n)) || norm(t.def).includes(n));
  }, [c, q]);

  if (!open) return null;
  return (
    <div
      id="glossary-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="glossary"
      data-keys="local"
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-[28rem] flex-col border-l border-[var(--line)] bg-[var(--panel)] text-[var(--ink)] shadow-2xl"
    >
      <div className="flex items-center gap-2 border-b border-[var(--line)] px-3 py-2">
        <h2 id={titleId} className="flex-1 text-base font-semibold">Glossary</h2>
        <button type="button" data-testid="glossary.close" aria-label="Close the glossary" className="h-8 w-8 rounded text-lg hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => { useWords.getState().closeGlossary(); document.querySelector<HTMLElement>('[data-testid="glossary.open"]')?.focus(); }}>×</button>
      </div>
      <div className="border-b border-[var(--line)] px-3 py-2">
        <label className="block text-xs text-[var(--muted)]" htmlFor="glossary-search">Search the glossary</label>
        <input
          id="glossary-search"
          ref={input}
          type="search"
          data-testid="glossary.search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="KDC, session key, NTLM…"
          className="mt-1 w-full rounded border border-[var(--line)] bg-[var(--bg)] px-2 py-1 text-sm"
        />
        <p className="mt-1 text-xs text-[var(--muted)]" aria-live="polite" data-testid="glossary.count">{c ? `${terms.length} of ${c.GLOSSARY.length} terms` : 'Loading…'}</p>
      </div>
      <div ref={list} className="min-h-0 flex-1 overflow-y-auto px-3 py-2" data-testid="glossary.list">
        {terms.map((t) => (
          <article key={t.id} data-testid="glossary.entry" data-term-entry={t.id} tabIndex={-1} className={`mb-3 rounded p-1 outline-none focus:ring-2 focus:ring-[var(--current)] ${focus === t.id ? 'bg-blue-50 dark:bg-blue-950' : ''}`}>
            <h3 className="text-sm font-semibold">{t.term}</h3>
            <p className="text-sm leading-snug"><Linked text={t.def} seen={new Set([t.id])} /></p>
            <p className="text-xs text-[var(--muted)]">Source: {t.source}</p>
          </article>
        ))}
        {c && terms.length === 0 && <p className="text-sm text-[var(--muted)]">No term matches “{q}”.</p>}
      </div>
    </div>
  );
}
