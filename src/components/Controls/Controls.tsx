// Step controls: first / back / play-pause / next / last, speed, and a scrubber with marks for
// decisions (amber diamonds) and errors (red dots), explained by a legend. Play is the one filled
// button with a word on it; back and next are chevrons. With "Hide outcome" the marks (which would
// tell where it goes wrong) appear only at the last step.
import { useId } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectCursor, selectOutcomeVisible, selectPlaying, selectSpeed, selectSteps } from '../../store/selectors';
import { SPEEDS } from '../../store/types';
import { stepTitle } from '../Diagram/labels';

const btn = 'inline-flex h-8 w-8 items-center justify-center rounded border border-[var(--line)] bg-[var(--panel)] hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800';

const play = 'inline-flex h-8 min-w-[5.2rem] items-center justify-center gap-1 rounded bg-[var(--accent-strong)] px-2 text-sm font-semibold text-white hover:brightness-110 disabled:opacity-40';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path d={d} fill="currentColor" /></svg>
  );
}

const ICONS = {
  first: 'M6 5h2v14H6zM20 5v14L9 12z',
  play: 'M7 5v14l12-7z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  back: 'M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z',
  next: 'M8.6 5.4 10 4l8 8-8 8-1.4-1.4 6.6-6.6z',
  last: 'M16 5h2v14h-2zM4 5v14l11-7z',
};

export function Controls() {
  const steps = useApp(selectSteps);
  const cursor = useApp(selectCursor);
  const playing = useApp(selectPlaying);
  const speed = useApp(selectSpeed);
  const { first, back, next, last, togglePlay, goTo, setSpeed, setPlaying } = useAppStore().getState();
  const n = steps.length;
  const atStart = cursor <= 0;
  const atEnd = n === 0 || cursor >= n - 1;
  const speedId = useId();
  const scrubId = useId();
  const current = steps[cursor];
  const marksShown = useApp(selectOutcomeVisible);
  const legendId = useId();
  const hasDecision = steps.some((s) => s.type === 'decision');
  const hasError = steps.some((s) => !!s.error);
  return (
    <div data-testid="controls" role="group" aria-label="Step controls" className="flex flex-wrap items-center gap-1.5">
      <button type="button" className={btn} data-testid="controls.first" aria-label="First step (Home)" title="First step (Home)" disabled={atStart} onClick={() => { setPlaying(false); first(); }}><Icon d={ICONS.first} /></button>
      <button type="button" className={btn} data-testid="controls.back" aria-label="Previous step (←)" title="Previous step (← or Page Up)" disabled={atStart} onClick={() => { setPlaying(false); back(); }}><Icon d={ICONS.back} /></button>
      <button type="button" className={play} data-testid="controls.play" aria-label={playing ? 'Pause (Space)' : 'Play (Space)'} title={playing ? 'Pause (Space)' : 'Play: one step after another (Space)'} aria-pressed={playing} disabled={n === 0} onClick={togglePlay}>
        <Icon d={playing ? ICONS.pause : ICONS.play} /><span aria-hidden="true">{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button type="button" className={btn} data-testid="controls.next" aria-label="Next step (→)" title="Next step (→ or Page Down)" disabled={atEnd} onClick={() => { setPlaying(false); next(); }}><Icon d={ICONS.next} /></button>
      <button type="button" className={btn} data-testid="controls.last" aria-label="Last step (End)" title="Last step (End)" disabled={atEnd} onClick={() => { setPlaying(false); last(); }}><Icon d={ICONS.last} /></button>
      <label htmlFor={speedId} className="ml-2 text-xs text-[var(--muted)]">Speed</label>
      <select id={speedId} data-testid="controls.speed" className="rounded border border-[var(--line)] bg-[var(--panel)] px-1 py-1 text-sm" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
      </select>
      <div className="relative ml-2 flex w-[clamp(9rem,18vw,22rem)] flex-col max-sm:order-last max-sm:ml-0 max-sm:w-full">
        <label htmlFor={scrubId} className="sr-only">Step</label>
        <input
          id={scrubId}
          data-testid="controls.scrubber"
          type="range"
          min={1}
          max={Math.max(1, n)}
          step={1}
          value={Math.max(1, cursor + 1)}
          disabled={n === 0}
          aria-valuetext={current ? `Step ${cursor + 1} of ${n}: ${stepTitle(current)}` : 'No step'}
          aria-describedby={marksShown && (hasDecision || hasError) ? legendId : undefined}
          onChange={(e) => { setPlaying(false); goTo(Number(e.target.value) - 1); }}
          className="w-full accent-[var(--current)]"
        />
        <div data-testid="controls.marks" className="pointer-events-none relative h-2">
          {marksShown && n > 1 && steps.map((s, i) => (s.type === 'decision' || s.error) ? (
            <span
              key={s.id}
              role="img"
              aria-label={`Step ${i + 1}: ${s.error ? 'error' : 'decision'}, ${stepTitle(s)}`}
              title={`Step ${i + 1}: ${s.error ? 'error' : 'decision'} — ${stepTitle(s)}`}
              data-testid={s.error ? 'controls.marker.error' : 'controls.marker.decision'}
              className={`pointer-events-auto absolute top-0 -translate-x-1/2 ${s.error ? 'h-2 w-2 rounded-full bg-red-600' : 'h-2 w-2 rotate-45 bg-amber-500'}`}
              style={{ left: `calc(8px + (100% - 16px) * ${i / (n - 1)})` }}
            />
          ) : null)}
        </div>
      </div>
      {marksShown && (hasDecision || hasError) && (
        <p id={legendId} data-testid="controls.legend" className="flex items-center gap-2 text-xs text-[var(--muted)]">
          <span className="sr-only">Marks on the scrubber:</span>
          {hasDecision && <span className="inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block h-2 w-2 rotate-45 bg-amber-500" />decision</span>}
          {hasError && <span className="inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block h-2 w-2 rounded-full bg-red-600" />error</span>}
        </p>
      )}
      <span data-testid="controls.position" className="ml-1 text-sm tabular-nums whitespace-nowrap" aria-live="off">{n ? `${cursor + 1} / ${n}` : '0 / 0'}</span>
    </div>
  );
}
