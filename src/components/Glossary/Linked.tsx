// Text with its glossary terms as buttons: the first use of each term in a block (or on a screen,
// when the caller shares `seen` between blocks) opens the term's definition in place.
import { useContent } from './useContent';
import { useWords } from './words';

const MARKS = /\[\[([\w-]+)(?:\|([^\]]+))?\]\]/g;

export function Linked({ text, seen }: { text: string; seen?: Set<string> }) {
  const c = useContent();
  if (!c) return <>{text.replace(MARKS, (_m, id: string, words?: string) => words ?? id)}</>;
  const segs = c.linkTerms(text, seen ?? new Set());
  return (
    <>
      {segs.map((s, i) => (typeof s === 'string' ? s : s.missing ? s.text : <TermButton key={i} id={s.id} text={s.text} />))}
    </>
  );
}

/** A term's button: a word in running text, or (`chip`) a small button of its own, as in the diagram. */
export function TermButton({ id, text, chip = false, testId = 'term' }: { id: string; text: string; chip?: boolean; testId?: string }) {
  const open = useWords((s) => s.popover?.kind === 'term' && s.popover.id === id);
  return (
    <button
      type="button"
      data-testid={testId}
      data-term={id}
      aria-haspopup="dialog"
      aria-expanded={open}
      className={chip ? 'term-chip' : 'term-link'}
      onClick={(e) => {
        const w = useWords.getState();
        if (w.popover?.kind === 'term' && w.popover.anchor === e.currentTarget) w.close();
        else w.open({ kind: 'term', id, anchor: e.currentTarget });
      }}
    >
      {text}
    </button>
  );
}
