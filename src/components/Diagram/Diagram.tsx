// The sequence diagram: a lifeline per node, an arrow per message (travelling on step forward,
// retracting on step back), decisions as notes, and in the layered view the App / SSPI / SSP calls.
import { Fragment, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageEvent, SspiCallEvent, SspiReturnEvent, DecisionEvent } from '../../engine/trace';
import { useApp, useAppStore } from '../../store/context';
import {
  selectCursor, selectDirection, selectLayered, selectPending, selectPresenter, selectSelectedEventId, selectSteps, selectTrace,
} from '../../store/selectors';
import { layoutDiagram, type DiagramLayout, type Row } from './layout';
import { messageHeadline as stepTitleOf } from '../../store/reasons';
import { viewportEstimate } from '../../store/hydration';
import { callLabel, carrierText, labelWords, messageLabelName, protocolColour, stepSentence } from './labels';
import { decisionReason, decisionTitle, errorSentence } from '../../store/reasons';
import { useWords } from '../Glossary/words';
import { TermStrip } from './TermStrip';
import { useFocusHandoff, useStrips } from './useStrips';

const HEADER_H = 52;

/** A number per run shown (data-run on the diagram), so tests and the benchmark see a redraw. */
const runIds = new WeakMap<object, number>();
let runCount = 0;
function runId(trace: object): number {
  let id = runIds.get(trace);
  if (id === undefined) { id = ++runCount; runIds.set(trace, id); }
  return id;
}

/** The scroller's size, from a ResizeObserver only (a synchronous read during the first commit
 * would force an extra layout of the whole page). Starts from an estimate of the window. */
function useSize(ref: React.RefObject<HTMLElement | null>): { w: number; h: number } {
  const [size, setSize] = useState(() => {
    const vp = viewportEstimate();
    const aside = vp.w >= 1536 ? 540 : vp.w >= 1280 ? 400 : vp.w >= 1024 ? 360 : 0;
    return { w: vp.w - aside - 1, h: Math.max(200, vp.h - 330) };
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width);
      const h = Math.round(entry.contentRect.height);
      setSize((old) => (old.w === w && old.h === h ? old : { w, h }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}

export function Diagram({ onReady }: { onReady?: () => void }) {
  const trace = useApp(selectTrace);
  const steps = useApp(selectSteps);
  const cursor = useApp(selectCursor);
  const direction = useApp(selectDirection);
  const layered = useApp(selectLayered);
  const presenter = useApp(selectPresenter);
  const selectedId = useApp(selectSelectedEventId);
  const pending = useApp(selectPending);
  const store = useAppStore();
  const scrollRef = useRef<HTMLElement>(null);
  const { w: width, h: height } = useSize(scrollRef);
  const scale = presenter ? 1.3 : 1;

  const base = useMemo(
    () => (trace ? layoutDiagram(trace, { width: Math.max(320, width || 900), layered, scale, minHeight: height - HEADER_H * scale - 1 }) : null),
    [trace, width, height, layered, scale],
  );

  const onPick = useCallback((id: string) => {
    const s = store.getState();
    s.selectEvent(s.steps[s.cursor]?.id === id ? null : id);
  }, [store]);
  const current = steps[cursor] ?? null;
  const atLast = steps.length > 0 && cursor >= steps.length - 1;
  const visibleSeq = !current ? -1 : atLast ? Infinity : current.seq;

  // The glossary terms of the current step's label and of the selected one, in a strip under each.
  // (On a diagram wider than the screen, a strip wraps within the screen's width.)
  const { layout, strips } = useStrips(base, current, selectedId, visibleSeq, scale, Math.max(320, width || 900));
  const currentStrip = current ? strips.find((x) => x.id === current.id) : undefined;
  const motion = !prefersReducedMotion();
  const ghost = direction === -1 && motion ? steps[cursor + 1] : undefined;
  const currentRow = current ? layout?.rowByEvent.get(current.id) : undefined;
  // The step just undone retracts where it was drawn: below the current row, without its strip.
  const ghostBase = ghost ? base?.rowByEvent.get(ghost.id) : undefined;
  const shiftAbove = currentRow && current ? currentRow.y - base!.rowByEvent.get(current.id)!.y : 0;
  const ghostRow = ghostBase && shiftAbove ? { ...ghostBase, y: ghostBase.y + shiftAbove, ay: ghostBase.ay + shiftAbove } : ghostBase;
  // A lost message does not travel: it is drawn stopping half way (RowGraphic).
  const travelling = motion && direction === 1 && currentRow?.kind === 'message' && !(currentRow.event as MessageEvent).lost ? currentRow : undefined;

  // What each message or decision says to a screen reader (computed once per layout, not per step).
  const sentences = useMemo(() => {
    const m = new Map<string, string>();
    if (trace && base) {
      for (const r of base.rows) {
        if (r.kind === 'message') m.set(r.event.id, messageLabelName(r.event as MessageEvent, trace.nodes));
        else if (r.kind === 'decision') m.set(r.event.id, stepSentence(r.event as DecisionEvent, trace.nodes));
      }
    }
    return m;
  }, [trace, base]);

  useEffect(() => {
    if (onReady && (layout || (trace === null && !pending && width > 0))) onReady();
  }, [onReady, layout, trace, width, pending]);

  // Keep the current step in view, in the step's own frame. Positions come from the layout and the
  // offset this component last scrolled to; the element's offset is read (a layout) only after the
  // person scrolled it themselves, and the scroll events of an instant scroll of ours are not theirs.
  const scrollTop = useRef(0);
  const scrolledByHand = useRef(false);
  const ownEvents = useRef(0);
  const lastScroll = useRef(-Infinity);
  const onScroll = useCallback(() => {
    if (ownEvents.current > 0) ownEvents.current--;
    else scrolledByHand.current = true;
  }, []);
  // (From the layout without strips: a step clears the selection, so no strip is above the current
  // row then; and picking a label, which adds its strip, must not scroll the diagram away from it.)
  const stripH = currentStrip?.h ?? 0;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !base || !current) return;
    const row = base.rowByEvent.get(current.id);
    if (!row) return;
    const frame = requestAnimationFrame(() => {
      if (scrolledByHand.current) { scrollTop.current = el.scrollTop; scrolledByHand.current = false; }
      const top = row.y;
      const bottom = row.y + row.h + stripH + HEADER_H * scale;
      let target: number | null = null;
      if (bottom > scrollTop.current + height - 8) target = bottom - height + 24;
      else if (top < scrollTop.current) target = Math.max(0, top - 8);
      if (target === null) return;
      target = Math.min(target, Math.max(0, HEADER_H * scale + Math.max(base.height, row.y + row.h + stripH + 16 * scale) - height));
      if (target === scrollTop.current) return;
      scrollTop.current = target;
      // Smooth when stepping at a reading pace; instant when steps come fast (held key, 4× play).
      const now = performance.now();
      const instant = prefersReducedMotion() || now - lastScroll.current < 400;
      lastScroll.current = now;
      if (instant) ownEvents.current = 1;
      else scrolledByHand.current = true; // a smooth scroll may end short of the target: read it next time
      el.scrollTo({ top: target, behavior: instant ? 'auto' : 'smooth' });
    });
    return () => cancelAnimationFrame(frame);
  }, [base, current, stripH, scale, height]);

  const focusHandlers = useFocusHandoff(scrollRef);

  if (!trace || !layout) {
    return (
      <section ref={scrollRef} id="diagram" tabIndex={-1} data-testid="diagram" aria-label="Sequence diagram" className="min-h-0 flex-1 overflow-auto p-4 text-sm text-[var(--muted)]">
        {pending ? 'Loading the simulator…' : 'No scenario to show: the simulator has no scenario loaded.'}
      </section>
    );
  }

  const visibleRows = layout.rows.filter((r) => r.event.seq <= visibleSeq);

  return (
    <section
      ref={scrollRef}
      id="diagram"
      data-testid="diagram"
      data-run={runId(trace)}
      tabIndex={0}
      onScroll={onScroll}
      {...focusHandlers}
      aria-label={`Sequence diagram, step ${cursor + 1} of ${steps.length}`}
      className="relative min-h-0 flex-1 overflow-auto [contain:layout_paint]"
    >
      <div className="relative" style={{ width: layout.width }}>
        <LaneHeaders layout={layout} scale={scale} />
        <div className="relative" style={{ height: layout.height }}>
          <svg width={layout.width} height={layout.height} className="absolute inset-0" aria-hidden="true">
            <Lifelines layout={layout} />
            {currentRow && <CurrentBand row={currentRow} extra={currentStrip?.h ?? 0} width={layout.width} />}
            {visibleRows.map((r) => (
              <RowGraphic
                key={r.event.id + (current?.id === r.event.id ? `@${cursor}` : '')}
                row={r}
                current={current?.id === r.event.id}
                travelling={travelling === r}
                selected={selectedId === r.event.id}
                scale={scale}
                lanes={layout.lanes}
              />
            ))}
          </svg>
          {travelling && <Travel key={`travel-${cursor}`} row={travelling} colour={(travelling.event as MessageEvent).error ? 'var(--error)' : 'var(--current)'} width={3.5 * scale} dashed={(travelling.event as MessageEvent).modelled === 'summary'} />}
          {ghost && ghost.type === 'message' && ghostRow && (
            <Travel key={`ghost-${cursor}`} back row={ghostRow} colour={protocolColour(ghost as MessageEvent)} width={3 * scale} dashed={false} />
          )}
          {visibleRows.map((r) => {
            // A strip follows its label in the focus order: Tab goes from a picked call to its terms.
            const strip = strips.find((x) => x.id === r.event.id);
            return (
              <Fragment key={r.event.id}>
                <RowLabel
                  row={r}
                  current={current?.id === r.event.id}
                  selected={selectedId === r.event.id}
                  onPick={onPick}
                  describe={sentences.get(r.event.id) ?? ''}
                />
                {strip && <TermStrip strip={strip} current={strip.id === current?.id} label={sentences.get(strip.id) ?? labelWords(r.event)} />}
              </Fragment>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function LaneHeaders({ layout, scale }: { layout: DiagramLayout; scale: number }) {
  return (
    <div className="sticky top-0 z-10 border-b border-[var(--line)] bg-[var(--bg)]" style={{ height: HEADER_H * scale }}>
      {layout.lanes.map((l) => {
        const w = Math.min(l.right - l.left - 8, 300 * scale);
        return (
          <div
            key={l.node.id}
            data-testid="diagram.lifeline"
            data-node={l.node.id}
            className="absolute top-1 text-center leading-tight"
            style={{ left: l.x - w / 2, width: w }}
          >
            <div className="truncate text-sm font-semibold" title={l.node.hostName}>{l.node.hostName}</div>
            <div className="truncate text-xs text-[var(--muted)]" title={`${l.node.description} · ${l.node.address}`}>
              {l.node.role} · {l.node.address}
            </div>
            {l.sub && (
              <div className="relative h-4 text-[10px] font-medium uppercase tracking-wide text-[var(--muted)]">
                {(['app', 'sspi', 'ssp'] as const).map((k) => (
                  <button
                    key={k}
                    type="button"
                    data-testid="diagram.lane"
                    data-lane={k}
                    aria-haspopup="dialog"
                    aria-label={`What the ${k === 'app' ? 'application' : k.toUpperCase()} lane of ${l.node.hostName} does`}
                    className="term-link absolute -translate-x-1/2 uppercase"
                    style={{ left: l.sub![k] - (l.x - w / 2) }}
                    onClick={(e) => useWords.getState().open({ kind: 'lane', id: k, anchor: e.currentTarget })}
                  >
                    {k === 'app' ? 'App' : k.toUpperCase()}
                  </button>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

const Lifelines = memo(function Lifelines({ layout }: { layout: DiagramLayout }) {
  return (
    <g>
      {layout.lanes.map((l) =>
        l.sub ? (
          (['app', 'sspi', 'ssp'] as const).map((k) => (
            <line key={`${l.node.id}-${k}`} x1={l.sub![k]} x2={l.sub![k]} y1={0} y2={layout.height} stroke="var(--lifeline)" strokeWidth={k === 'app' ? 2 : 1} strokeDasharray={k === 'app' ? undefined : '4 4'} />
          ))
        ) : (
          <line key={l.node.id} x1={l.x} x2={l.x} y1={0} y2={layout.height} stroke="var(--lifeline)" strokeWidth={2} />
        ),
      )}
    </g>
  );
});

function CurrentBand({ row, extra, width }: { row: Row; extra: number; width: number }) {
  return <rect x={0} y={row.y} width={width} height={row.h + extra} fill="var(--current)" opacity={0.08} />;
}

function Arrow({ row, colour, width, dashed }: { row: Row; colour: string; width: number; dashed: boolean }) {
  const { x1, x2, ay } = row;
  const dir = x2 >= x1 ? 1 : -1;
  const hs = 5 + width * 1.5;
  return (
    <>
      <path d={`M ${x1} ${ay} H ${x2 - dir * hs * 0.6}`} stroke={colour} strokeWidth={width} fill="none" strokeDasharray={dashed ? '7 5' : undefined} />
      <polygon points={`${x2},${ay} ${x2 - dir * hs},${ay - hs * 0.6} ${x2 - dir * hs},${ay + hs * 0.6}`} fill={colour} />
    </>
  );
}

/** A message nobody received: a dotted line that stops half way to the next lifeline, crossed out
 *  (never on a lifeline, where it would look delivered). */
function LostArrow({ row, colour, width, lanes }: { row: Row; colour: string; width: number; lanes: DiagramLayout['lanes'] }) {
  const { x1, x2, ay } = row;
  const dir = x2 >= x1 ? 1 : -1;
  const next = lanes.map((l) => l.x).filter((x) => (x - x1) * dir > 1).sort((a, b) => (a - b) * dir)[0] ?? x2;
  const mid = x1 + (next - x1) * 0.5;
  const r = 5 + width * 1.5;
  return (
    <>
      <path d={`M ${x1} ${ay} H ${mid}`} stroke={colour} strokeWidth={width} fill="none" strokeDasharray="3 5" />
      <path d={`M ${mid - r} ${ay - r} L ${mid + r} ${ay + r} M ${mid - r} ${ay + r} L ${mid + r} ${ay - r}`} stroke="var(--error)" strokeWidth={Math.max(2, width)} strokeLinecap="round" />
    </>
  );
}

/** The current message travelling (or, `back`, retracting on a step back), drawn over the diagram
 * as HTML whose animations are transforms and opacity only: the compositor runs them, so the main
 * thread draws no frame while an arrow travels. Once there, it stays until the next step. */
function Travel({ row, colour, width, dashed, back = false }: { row: Row; colour: string; width: number; dashed: boolean; back?: boolean }) {
  const { x1, x2, ay } = row;
  const dir = x2 >= x1 ? 1 : -1;
  const hs = 5 + width * 1.5;
  const len = Math.max(0, Math.abs(x2 - x1) - hs * 0.6);
  const tip = dir > 0 ? `${hs},${hs * 0.6} 0,0 0,${hs * 1.2}` : `0,${hs * 0.6} ${hs},0 ${hs},${hs * 1.2}`;
  return (
    <div data-testid={back ? 'diagram.ghost' : 'diagram.travel'} aria-hidden="true" className={`pointer-events-none absolute top-0 left-0 h-0 w-0 ${back ? 'travel-fade' : ''}`}>
      <div
        className={back ? 'line-shrink' : 'line-grow'}
        style={{
          position: 'absolute', left: dir > 0 ? x1 : x1 - len, top: ay - width / 2, width: len, height: width,
          background: dashed ? `repeating-linear-gradient(90deg, ${colour} 0 7px, transparent 7px 12px)` : colour,
          transformOrigin: dir > 0 ? 'left center' : 'right center',
        }}
      />
      <svg
        className={back ? 'head-back' : 'head-go'}
        width={hs}
        height={hs * 1.2}
        style={{ position: 'absolute', left: dir > 0 ? x1 - hs : x1, top: ay - hs * 0.6, ['--dx' as string]: `${x2 - x1}px` }}
      >
        <polygon points={tip} fill={colour} />
      </svg>
    </div>
  );
}

const RowGraphic = memo(function RowGraphic({ row, current, travelling, selected, scale, lanes }: { row: Row; current: boolean; travelling: boolean; selected: boolean; scale: number; lanes: DiagramLayout['lanes'] }) {
  const e = row.event;
  if (row.kind === 'message') {
    const m = e as MessageEvent;
    const colour = current ? (m.error ? 'var(--error)' : 'var(--current)') : protocolColour(m);
    const w = (current ? 3.5 : selected ? 3 : 2) * scale;
    return (
      <g data-testid="diagram.arrow" data-event={m.id} data-current={current || undefined} data-error={m.error ? 'true' : undefined} data-summary={m.modelled === 'summary' || undefined} data-lost={m.lost || undefined} opacity={travelling ? 0 : undefined}>
        {m.lost ? <LostArrow row={row} colour={colour} width={w} lanes={lanes} /> : <Arrow row={row} colour={colour} width={w} dashed={m.modelled === 'summary'} />}
      </g>
    );
  }
  if (row.kind === 'decision') {
    return <line x1={row.x1} x2={row.x1} y1={row.y + 4} y2={row.y + row.h - 4} stroke="var(--decision-line)" strokeWidth={6 * scale} strokeLinecap="round" opacity={0.5} />;
  }
  const c = e as SspiCallEvent | SspiReturnEvent;
  const failed = c.type === 'sspi-return' && c.status.startsWith('SEC_E_') && c.status !== 'SEC_E_OK';
  return (
    <g data-testid={c.type === 'sspi-call' ? 'diagram.call' : 'diagram.return'}>
      <Arrow row={row} colour={failed ? 'var(--error)' : 'var(--muted)'} width={1.5 * scale} dashed={c.type === 'sspi-return'} />
    </g>
  );
});

const RowLabel = memo(function RowLabel({ row, current, selected, onPick, describe }: { row: Row; current: boolean; selected: boolean; onPick: (id: string) => void; describe: string }) {
  const e = row.event;
  const ring = selected ? 'ring-2 ring-[var(--current)]' : '';
  if (row.kind === 'message') {
    const m = e as MessageEvent;
    return (
      <button
        type="button"
        tabIndex={-1}
        data-testid="diagram.label"
        data-label=""
        data-event={m.id}
        aria-label={describe}
        title={`${describe}${m.error ? `. ${errorSentence(m)}` : ''}`}
        onClick={() => onPick(m.id)}
        className={`absolute flex flex-col items-center overflow-hidden rounded px-1 text-center leading-tight ${ring} ${current ? 'font-semibold' : ''}`}
        style={{ left: row.lx, top: row.y + 1, width: row.lw }}
      >
        <span className={`max-w-full truncate text-[0.8rem] ${m.error ? 'text-[var(--error)]' : ''}`} style={{ color: m.error ? undefined : current ? 'var(--current)' : protocolColour(m) }}>
          {stepTitleOf(m)}
        </span>
        <span className="flex max-w-full items-center gap-1 truncate text-[0.7rem] text-[var(--muted)]">
          <span className="truncate">{carrierText(m)}</span>
          {m.modelled === 'summary' && <span data-testid="diagram.summary" className="rounded border border-[var(--line)] px-1 text-[0.65rem] uppercase">summary</span>}
          {m.lost && <span data-testid="diagram.lost" className="rounded border border-[var(--error)] px-1 text-[0.65rem] uppercase text-[var(--error)]">lost</span>}
        </span>
      </button>
    );
  }
  if (row.kind === 'decision') {
    const d = e as DecisionEvent;
    return (
      <button
        type="button"
        tabIndex={-1}
        onClick={() => onPick(d.id)}
        aria-label={describe}
        data-testid="diagram.decision"
        data-label=""
        data-event={d.id}
        className={`absolute overflow-hidden rounded border border-[var(--decision-line)] bg-[var(--decision-bg)] px-2 py-0.5 text-left text-[var(--decision-ink)] ${current || selected ? 'ring-2 ring-[var(--current)]' : ''}`}
        style={{ left: row.lx, top: row.y + 4, width: row.lw, height: row.h - 8 }}
      >
        <div className="text-[0.8rem] leading-tight font-semibold"><span aria-hidden="true">◆ </span>{decisionTitle(d)}</div>
        <div className="text-[0.7rem] leading-tight">{decisionReason(d)}</div>
      </button>
    );
  }
  const c = e as SspiCallEvent | SspiReturnEvent;
  const failed = c.type === 'sspi-return' && c.status.startsWith('SEC_E_') && c.status !== 'SEC_E_OK';
  const text = c.type === 'sspi-call'
    ? `${callLabel(c)}${c.inputTokenLength ? ` · in ${c.inputTokenLength} B` : ''}`
    : `${callLabel(c)}${c.outputTokenLength ? ` · out ${c.outputTokenLength} B` : ''}`;
  return (
    <button
      type="button"
      data-testid="diagram.calllabel"
      data-label=""
      data-event={c.id}
      onClick={() => onPick(c.id)}
      aria-label={`${c.call} (${c.package}) on ${c.node}${c.type === 'sspi-return' ? ` returned ${c.status}` : ''}: show its parameters, flags and status`}
      className={`absolute truncate rounded text-center font-mono text-[0.68rem] leading-tight ${failed ? 'text-[var(--error)]' : 'text-[var(--muted)]'} ${ring}`}
      style={{ left: row.lx, top: row.y + 2, width: row.lw }}
    >
      {text}
    </button>
  );
});
