// Step controls: first / back / play-pause / next / last, speed, and a scrubber with markers for
// decisions (amber) and errors (red).
import { useId } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectCursor, selectPlaying, selectSpeed, selectSteps } from '../../store/selectors';
import { SPEEDS } from '../../store/types';
import { stepTitle } from '../Diagram/labels';

const btn = 'inline-flex h-8 w-8 items-center justify-center rounded border border-[var(--line)] bg-[var(--panel)] hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path d={d} fill="currentColor" /></svg>
  );
}

const ICONS = {
  first: 'M6 5h2v14H6zM20 5v14L9 12z',
  back: 'M18 5v14L7 12z',
  play: 'M7 5v14l12-7z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  next: 'M6 5v14l11-7z',
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
  return (
    <div data-testid="controls" role="group" aria-label="Step controls" className="flex items-center gap-1.5">
      <button type="button" className={btn} data-testid="controls.first" aria-label="First step (Home)" title="First step (Home)" disabled={atStart} onClick={() => { setPlaying(false); first(); }}><Icon d={ICONS.first} /></button>
      <button type="button" className={btn} data-testid="controls.back" aria-label="Previous step (←)" title="Previous step (← or Page Up)" disabled={atStart} onClick={() => { setPlaying(false); back(); }}><Icon d={ICONS.back} /></button>
      <button type="button" className={btn} data-testid="controls.play" aria-label={playing ? 'Pause (Space)' : 'Play (Space)'} title={playing ? 'Pause (Space)' : 'Play (Space)'} aria-pressed={playing} disabled={n === 0} onClick={togglePlay}><Icon d={playing ? ICONS.pause : ICONS.play} /></button>
      <button type="button" className={btn} data-testid="controls.next" aria-label="Next step (→)" title="Next step (→ or Page Down)" disabled={atEnd} onClick={() => { setPlaying(false); next(); }}><Icon d={ICONS.next} /></button>
      <button type="button" className={btn} data-testid="controls.last" aria-label="Last step (End)" title="Last step (End)" disabled={atEnd} onClick={() => { setPlaying(false); last(); }}><Icon d={ICONS.last} /></button>
      <label htmlFor={speedId} className="ml-2 text-xs text-[var(--muted)]">Speed</label>
      <select id={speedId} data-testid="controls.speed" className="rounded border border-[var(--line)] bg-[var(--panel)] px-1 py-1 text-sm" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
      </select>
      <div className="relative ml-2 flex w-[clamp(9rem,18vw,22rem)] flex-col">
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
          onChange={(e) => { setPlaying(false); goTo(Number(e.target.value) - 1); }}
          className="w-full accent-[var(--current)]"
        />
        <div aria-hidden="true" className="pointer-events-none relative h-1.5">
          {n > 1 && steps.map((s, i) => (s.type === 'decision' || s.error) ? (
            <span
              key={s.id}
              data-testid={s.error ? 'controls.marker.error' : 'controls.marker.decision'}
              className={`absolute top-0 h-1.5 w-1.5 -translate-x-1/2 rounded-full ${s.error ? 'bg-red-600' : 'bg-amber-500'}`}
              style={{ left: `calc(8px + (100% - 16px) * ${i / (n - 1)})` }}
            />
          ) : null)}
        </div>
      </div>
      <span data-testid="controls.position" className="ml-1 text-sm tabular-nums whitespace-nowrap" aria-live="off">{n ? `${cursor + 1} / ${n}` : '0 / 0'}</span>
    </div>
  );
}
