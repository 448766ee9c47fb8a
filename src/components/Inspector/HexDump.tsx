// Hex dump with offsets and an ASCII column. Bytes of the selected field are highlighted, those of
// the hovered field lightly; clicking a byte selects the deepest field that holds it.
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';

type Range = [number, number] | null;

interface Props {
  bytes: Uint8Array;
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

const ascii = (x: number) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.');

const HexRow = memo(function HexRow({ start, all, perRow, sel, hov, digits }: { start: number; all: Uint8Array; perRow: number; sel: Range; hov: Range; digits: number }) {
  const bytes = all.subarray(start, start + perRow);
  const cells: React.ReactNode[] = [];
  const chars: React.ReactNode[] = [];
  for (let i = 0; i < perRow; i++) {
    const o = start + i;
    if (i < bytes.length) {
      const inSel = !!sel && o >= sel[0] && o < sel[1];
      const inHov = !inSel && !!hov && o >= hov[0] && o < hov[1];
      const cls = inSel ? 'bg-[var(--hl)] font-semibold' : inHov ? 'bg-[var(--hl-hover)]' : '';
      cells.push(<span key={o} data-offset={o} data-selected={inSel || undefined} className={`cursor-pointer px-[0.2em] ${cls} ${i === perRow / 2 ? 'ml-[0.5em]' : ''}`}>{bytes[i].toString(16).padStart(2, '0')}</span>);
      chars.push(<span key={o} data-offset={o} className={`cursor-pointer ${cls}`}>{ascii(bytes[i])}</span>);
    }
  }
  return (
    <div className="flex whitespace-pre" data-row={start}>
      <span className="mr-2 text-[var(--muted)] select-none" aria-hidden="true">{start.toString(16).padStart(digits, '0')}</span>
      <span className="shrink-0" style={{ width: `${perRow * 1.6 + 0.6}em` }}>{cells}</span>
      <span className="ml-2 border-l border-[var(--line)] pl-2">{chars}</span>
    </div>
  );
});

export function HexDump({ bytes, selected, hovered, onPick, onHover, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [perRow, setPerRow] = useState(16);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setPerRow(el.clientWidth / (parseFloat(getComputedStyle(el).fontSize) || 11.5) >= 42 ? 16 : 8);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const digits = bytes.length > 0xffff ? 6 : 4;
  const rows = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i += perRow) out.push(i);
    return out;
  }, [bytes, perRow]);

  // Bring the selected bytes into view.
  useLayoutEffect(() => {
    if (!selected || !ref.current) return;
    const row = ref.current.querySelector(`[data-row="${selected[0] - (selected[0] % perRow)}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, perRow]);

  const offsetOf = (t: EventTarget | null): number | null => {
    const el = t instanceof HTMLElement ? t.closest('[data-offset]') : null;
    return el ? Number(el.getAttribute('data-offset')) : null;
  };

  return (
    <div
      ref={ref}
      data-testid="inspector.hex"
      data-keys="local"
      aria-label={label}
      role="region"
      tabIndex={0}
      className="min-h-0 flex-1 overflow-auto px-2 py-1 font-mono text-[0.72rem] leading-[1.35]"
      onClick={(e) => { const o = offsetOf(e.target); if (o !== null) onPick(o); }}
      onMouseOver={(e) => onHover(offsetOf(e.target))}
      onMouseLeave={() => onHover(null)}
    >
      {bytes.length === 0 && <p className="font-sans text-[var(--muted)]">No bytes: this step carries no token.</p>}
      {rows.map((r) => (
        <HexRow key={r} start={r} all={bytes} perRow={perRow} sel={clip(selected, r, r + perRow)} hov={clip(hovered, r, r + perRow)} digits={digits} />
      ))}
    </div>
  );
}
