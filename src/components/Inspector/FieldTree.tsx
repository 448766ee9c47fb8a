// The field tree (a WAI-ARIA tree): expand / collapse, arrow-key navigation, hover and select.
import { useMemo, useRef } from 'react';
import type { Field } from '../../engine/public';
import { annotateRids } from '../../content/sids';

export const keyOf = (p: number[]) => p.join('.');

interface Item { f: Field; path: number[]; depth: number; kids: boolean; open: boolean }

function flatten(fields: Field[], expanded: Set<string>): Item[] {
  const out: Item[] = [];
  const walk = (list: Field[], prefix: number[], depth: number) => {
    list.forEach((f, i) => {
      const path = [...prefix, i];
      const kids = !!f.children && f.children.length > 0;
      const open = kids && expanded.has(keyOf(path));
      out.push({ f, path, depth, kids, open });
      if (open) walk(f.children!, path, depth + 1);
    });
  };
  walk(fields, [], 0);
  return out;
}

interface Props {
  fields: Field[];
  selected: number[] | null;
  expanded: Set<string>;
  onToggle(path: number[], open?: boolean): void;
  onSelect(path: number[]): void;
  onHover(path: number[] | null): void;
  label: string;
  /** The directory's names by RID, shown beside the RIDs a PAC carries. */
  names?: Readonly<Record<string, string>>;
}

export function FieldTree({ fields, selected, expanded, onToggle, onSelect, onHover, label, names }: Props) {
  const items = useMemo(() => flatten(fields, expanded), [fields, expanded]);
  const ref = useRef<HTMLDivElement>(null);
  const selKey = selected ? keyOf(selected) : null;
  const focusIndex = Math.max(0, items.findIndex((it) => keyOf(it.path) === selKey));

  const focusAt = (i: number) => {
    const it = items[Math.max(0, Math.min(items.length - 1, i))];
    if (!it) return;
    onSelect(it.path);
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>(`[data-path="${keyOf(it.path)}"]`)?.focus());
  };

  const onKey = (e: React.KeyboardEvent) => {
    const i = focusIndex;
    const it = items[i];
    if (!it) return;
    switch (e.key) {
      case 'ArrowDown': focusAt(i + 1); break;
      case 'ArrowUp': focusAt(i - 1); break;
      case 'Home': focusAt(0); break;
      case 'End': focusAt(items.length - 1); break;
      case 'ArrowRight':
        if (it.kids && !it.open) onToggle(it.path, true);
        else if (it.open) focusAt(i + 1);
        break;
      case 'ArrowLeft':
        if (it.open) onToggle(it.path, false);
        else if (it.path.length > 1) {
          const parent = keyOf(it.path.slice(0, -1));
          focusAt(items.findIndex((x) => keyOf(x.path) === parent));
        }
        break;
      case 'Enter': case ' ':
        if (it.kids) onToggle(it.path);
        break;
      default: return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      role="tree"
      aria-label={label}
      data-testid="inspector.fields"
      data-keys="local"
      className="min-h-0 flex-1 overflow-auto py-1 text-[0.78rem]"
      onKeyDown={onKey}
      onMouseLeave={() => onHover(null)}
    >
      {items.length === 0 && <p className="px-2 text-[var(--muted)]">No fields.</p>}
      {items.map((it, i) => {
        const k = keyOf(it.path);
        const isSel = k === selKey;
        return (
          <div
            key={k}
            role="treeitem"
            aria-level={it.depth + 1}
            aria-expanded={it.kids ? it.open : undefined}
            aria-selected={isSel}
            tabIndex={i === focusIndex ? 0 : -1}
            data-testid="inspector.field"
            data-path={k}
            data-start={it.f.start}
            data-end={it.f.end}
            data-name={it.f.name}
            className={`treerow flex cursor-pointer items-baseline gap-1 pr-2 leading-snug ${isSel ? 'bg-[var(--hl)]' : 'hover:bg-[var(--hl-hover)]'}`}
            style={{ paddingLeft: `${0.4 + it.depth * 0.9}rem` }}
            onClick={() => onSelect(it.path)}
            onMouseEnter={() => onHover(it.path)}
          >
            <span
              aria-hidden="true"
              className="inline-block w-3 shrink-0 text-center text-[var(--muted)]"
              onClick={(e) => { if (it.kids) { e.stopPropagation(); onToggle(it.path); } }}
            >
              {it.kids ? (it.open ? '▾' : '▸') : ''}
            </span>
            <span className="shrink-0 font-medium">{it.f.name}</span>
            {it.f.layer && <span className="shrink-0 rounded bg-violet-100 px-1 text-[0.65rem] text-violet-900 dark:bg-violet-900 dark:text-violet-100">{it.f.layer}</span>}
            {it.f.decrypted && <span className="shrink-0 rounded bg-emerald-100 px-1 text-[0.65rem] text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">encrypted</span>}
            {it.f.value !== undefined && <span className="min-w-0 truncate font-mono text-[0.72rem] text-[var(--muted)]" title={it.f.value}>{annotateRids(it.f.name, it.f.value, names)}</span>}
          </div>
        );
      })}
    </div>
  );
}
