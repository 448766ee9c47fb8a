// Hex dump with offsets and an ASCII column. Bytes of the selected field are highlighted, those of
// the hovered field lightly; clicking a byte selects the deepest field that holds it.
// Each row is a handful of text runs (not one element per byte): a step to a message of a few
// kilobytes stays cheap. The byte under the pointer is found from the character under it.
import { memo, useEffect, useRef, useState } from 'react';

type Range = [number, number] | null;

interface Props {
  bytes: Uint8Array;
  /** Bytes per row (16, or 8 in a narrow inspector), measured by the inspector. */
  perRow: number;
  selected: Range;
  hovered: Range;
  onPick(offset: number): void;
  onHover(offset: number | null): void;
  label: string;
}

function clip(r: Range, a: number, b: number): Range {
  if (!r) return null;
  const s = Math.max(r[0], a);
  const e = Math.min(r[1], b);
  return s < e ? [s, e] : null;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ascii = (x: number) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.');

/** Characters byte i of a row takes in the hex column ("xx " plus one more space at the half). */
const hexWidth = (i: number, perRow: number) => (perRow === 16 && i === 7 ? 4 : 3);

type Kind = 0 | 1 | 2; // plain, hovered, selected

interface Run { start: number; end: number; kind: Kind }

function runs(start: number, end: number, sel: Range, hov: Range): Run[] {
  const kindAt = (o: number): Kind => (sel && o >= sel[0] && o < sel[1] ? 2 : hov && o >= hov[0] && o < hov[1] ? 1 : 0);
  const out: Run[] = [];
  for (let o = start; o < end; o++) {
    const k = kindAt(o);
    const last = out[out.length - 1];
    if (last && last.kind === k) last.end = o + 1;
    else out.push({ start: o, end: o + 1, kind: k });
  }
  return out;
}

const CLS = ['', 'bg-[var(--hl-hover)]', 'bg-[var(--hl)] font-semibold'];

const HexRow = memo(function HexRow({ start, all, perRow, sel, hov, digits }: { start: number; all: Uint8Array; perRow: number; sel: Range; hov: Range; digits: number }) {
  const end = Math.min(all.length, start + perRow);
  const rs = runs(start, end, sel, hov);
  return (
    <div className="flex whitespace-pre" style={{ height: HEX_ROW_PX, lineHeight: `${HEX_ROW_PX}px` }} data-row={start}>
      <span className="mr-2 text-[var(--muted)] select-none" aria-hidden="true">{start.toString(16).padStart(digits, '0')}</span>
      <span className="shrink-0" style={{ width: `${perRow * 3 + (perRow === 16 ? 1 : 0)}ch` }}>
        {rs.map((r) => {
          let t = '';
          for (let o = r.start; o < r.end; o++) t += HEX[all[o]] + (hexWidth(o - start, perRow) === 4 ? '  ' : ' ');
          return <span key={r.start} data-kind="hex" data-start={r.start} data-end={r.end} data-selected={r.kind === 2 || undefined} className={CLS[r.kind]}>{t}</span>;
        })}
      </span>
      <span className="border-l border-[var(--line)] pl-2">
        {rs.map((r) => {
          let t = '';
          for (let o = r.start; o < r.end; o++) t += ascii(all[o]);
          return <span key={r.start} data-kind="ascii" data-start={r.start} data-end={r.end} className={CLS[r.kind]}>{t}</span>;
        })}
      </span>
    </div>
  );
});

/** The byte under a point: the character under it, mapped back through its run. */
export function byteAtPoint(x: number, y: number, perRow: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  let node: Node | null = null;
  let offset = 0;
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    if (p) { node = p.offsetNode; offset = p.offset; }
  } else if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(x, y);
    if (r) { node = r.startContainer; offset = r.startOffset; }
  }
  const span = node?.parentElement?.closest<HTMLElement>('[data-kind]');
  if (!span) return null;
  const start = Number(span.dataset.start);
  const end = Number(span.dataset.end);
  // The caret may sit just after the character hit: use the character's own box to decide.
  const text = node!.textContent ?? '';
  const range = document.createRange();
  const hit = (i: number) => {
    if (i < 0 || i >= text.length) return false;
    range.setStart(node!, i);
    range.setEnd(node!, i + 1);
    const b = range.getBoundingClientRect();
    return x >= b.left && x < b.right;
  };
  const ch = hit(offset) ? offset : hit(offset - 1) ? offset - 1 : Math.min(offset, text.length - 1);
  if (span.dataset.kind === 'ascii') return Math.min(end - 1, start + ch);
  const row = Number(span.closest<HTMLElement>('[data-row]')?.dataset.row ?? 0);
  let c = 0;
  for (let o = start; o < end; o++) {
    c += hexWidth(o - row, perRow);
    if (ch < c) return o;
  }
  return end - 1;
}

/** Row height in px (the dump's type is in px too, so rows can be windowed). */
export const HEX_ROW_PX = 17;
const OVERSCAN = 12;

export function HexDump({ bytes, perRow, selected, hovered, onPick, onHover, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const digits = bytes.length > 0xffff ? 6 : 4;
  const rowCount = Math.ceil(bytes.length / perRow);
  // Only the rows in view (and a margin) are rendered: a step to a message of several kilobytes
  // costs the same as one of a hundred bytes.
  const [view, setView] = useState({ top: 0, height: 400 });
  const pending = useRef(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setView((v) => (v.height === entry.contentRect.height ? v : { ...v, height: entry.contentRect.height })));
    ro.observe(el);
    return () => { ro.disconnect(); cancelAnimationFrame(pending.current); };
  }, []);
  const onScroll = () => {
    if (pending.current) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = 0;
      const el = ref.current;
      if (el) setView((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop }));
    });
  };
  const first = Math.max(0, Math.floor(view.top / HEX_ROW_PX) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((view.top + view.height) / HEX_ROW_PX) + OVERSCAN);

  // Bring the selected bytes into view (from the layout, without reading the DOM).
  useEffect(() => {
    const el = ref.current;
    if (!selected || !el) return;
    const top = Math.floor(selected[0] / perRow) * HEX_ROW_PX;
    const bottom = Math.floor((selected[1] - 1) / perRow) * HEX_ROW_PX + HEX_ROW_PX;
    if (top < view.top || Math.min(bottom, top + view.height / 2) > view.top + view.height) el.scrollTop = Math.max(0, top - view.height / 3);
    // Only when the selection changes, not on every scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, perRow]);

  const lastHover = useRef<number | null>(null);
  const rows: number[] = [];
  for (let i = first; i < last; i++) rows.push(i * perRow);
  return (
    <div
      ref={ref}
      data-testid="inspector.hex"
      data-keys="local"
      data-perrow={perRow}
      data-bytes={bytes.length}
      data-selection={selected ? `${selected[0]}-${selected[1]}` : undefined}
      data-hover={hovered ? `${hovered[0]}-${hovered[1]}` : undefined}
      aria-label={label}
      role="region"
      tabIndex={0}
      className="min-h-0 flex-1 cursor-pointer overflow-auto px-2 py-1 font-mono text-[11.5px] [contain:strict]"
      onScroll={onScroll}
      onClick={(e) => { const o = byteAtPoint(e.clientX, e.clientY, perRow); if (o !== null) onPick(o); }}
      onMouseMove={(e) => {
        const o = byteAtPoint(e.clientX, e.clientY, perRow);
        if (o !== lastHover.current) { lastHover.current = o; onHover(o); }
      }}
      onMouseLeave={() => { lastHover.current = null; onHover(null); }}
    >
      {bytes.length === 0 && <p className="font-sans text-sm text-[var(--muted)]">No bytes: this step carries no token.</p>}
      {bytes.length > 0 && (
        <div className="relative" style={{ height: rowCount * HEX_ROW_PX }}>
          <div className="absolute inset-x-0" style={{ top: first * HEX_ROW_PX }}>
            {rows.map((r) => (
              <HexRow key={r} start={r} all={bytes} perRow={perRow} sel={clip(selected, r, r + perRow)} hov={clip(hovered, r, r + perRow)} digits={digits} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
