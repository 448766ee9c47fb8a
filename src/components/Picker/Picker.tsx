// Scenario picker: a select grouped by provider and level (each entry with its level and
// minutes), a search over the words a person would type, and the "start here" path for a
// beginner (offered once on a first visit; progress remembered in the browser).
import { startTransition, useEffect, useId, useMemo, useRef, useState } from 'react';
import { whenInputIdle } from '../App/inputIdle';
import { useApp, useAppStore } from '../../store/context';
import { selectOutcomeVisible, selectPresenter, selectScenarioId, selectScenarioValue, selectScenarios } from '../../store/selectors';
import type { Level, ScenarioInfo } from '../../store/engine';
import { searchScenarios } from './search';
import { PathOffer, offerVisible, useProgress } from './PathOffer';

export const LEVELS: Level[] = ['beginner', 'intermediate', 'advanced'];

/** The picker's groups: by provider (in the registry's order), and within a provider by level, one group
 *  each ("Kerberos · beginner", "Kerberos · intermediate"...), so both are read from the list at a glance. */
export function groupScenarios(list: ScenarioInfo[]): [string, ScenarioInfo[]][] {
  const providers = [...new Set(list.map((s) => s.group))];
  return providers.flatMap((g) => LEVELS.map((lv) => [`${g} · ${lv}`, list.filter((s) => s.group === g && s.level === lv)] as [string, ScenarioInfo[]]))
    .filter(([, l]) => l.length > 0);
}

export function byLevel(list: ScenarioInfo[]): [Level, ScenarioInfo[]][] {
  return LEVELS.map((lv) => [lv, list.filter((s) => s.level === lv)] as [Level, ScenarioInfo[]]).filter(([, l]) => l.length > 0);
}

export const describe = (s: ScenarioInfo) => `${s.level}${s.minutes ? ` · ${s.minutes} min` : ''}`;

export function Picker() {
  const scenarios = useApp(selectScenarios);
  const current = useApp(selectScenarioId);
  const opened = useApp(selectScenarioValue);
  const store = useAppStore();
  const selectScenario = store.getState().selectScenario;
  const file = useRef<HTMLInputElement>(null);
  // "Hide outcome": the current scenario's title (which tells what happens) waits for the last step.
  const titleShown = useApp(selectOutcomeVisible);
  const presenter = useApp(selectPresenter);
  const groups = useMemo(() => groupScenarios(scenarios), [scenarios]);
  const [query, setQuery] = useState('');
  const results = useMemo(() => (query.trim() ? searchScenarios(scenarios, query) : []), [scenarios, query]);
  const progress = useProgress();
  const id = useId();
  const searchId = useId();
  const resultsId = useId();
  const finished = new Set(progress.progress.finished);
  const offerShown = offerVisible(progress);
  // The first screen's select holds only the current scenario: its forty-odd options would double the
  // first layout and hydration. The list is filled in a quiet moment after, or at once when the select
  // is reached (focus, pointer or key: before its list opens).
  const [full, setFull] = useState(false);
  useEffect(() => (full ? undefined : whenInputIdle(() => startTransition(() => setFull(true)), 400)), [full]);
  const fill = () => { if (!full) setFull(true); };
  const shown = full ? groups : groups.map(([g, l]) => [g, l.filter((s) => s.id === current)] as [string, ScenarioInfo[]]).filter(([, l]) => l.length > 0);
  return (
    <div data-testid="picker" className="relative flex min-w-0 flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-sm text-[var(--muted)]">Scenario</label>
      <select
        id={id}
        data-testid="picker.select"
        data-options={full ? 'all' : 'current'}
        onFocus={fill}
        onPointerDown={fill}
        onKeyDown={fill}
        className="w-[22rem] 2xl:w-[36rem] max-w-full min-w-0 rounded border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-sm"
        value={current ?? ''}
        disabled={scenarios.length === 0}
        onChange={(e) => selectScenario(e.target.value)}
      >
        {scenarios.length === 0 && <option value="">No scenario available yet</option>}
        {opened && !scenarios.some((s) => s.id === opened.id) && (
          <optgroup label="Opened file">
            <option value={opened.id}>{`${opened.title} (${opened.level})`}</option>
          </optgroup>
        )}
        {shown.map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((s) => (
              <option key={s.id} value={s.id}>{s.id === current && !titleShown ? `${s.group} scenario (${s.level}): title hidden until the last step` : `${finished.has(s.id) ? '✓ ' : ''}${s.title} (${describe(s)})`}</option>
            ))}
          </optgroup>
        ))}
      </select>
      {/* Presenter mode keeps the projector's header to the picker: the trainer leaves it to search or open a file. */}
      {!presenter && (<>
      <button type="button" data-testid="picker.open" className="rounded border border-[var(--line)] px-2 py-1 text-sm" onClick={() => file.current?.click()}>
        Open file…
      </button>
      <input
        ref={file} type="file" accept=".json,application/json" className="hidden" data-testid="picker.file" aria-label="Open a scenario file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void f.text().then((text) => store.getState().openScenarioFile(text, f.name));
        }}
      />
      <div className="relative min-w-0">
      <label htmlFor={searchId} className="sr-only">Search scenarios</label>
      <input
        id={searchId}
        type="search"
        data-testid="picker.search"
        placeholder="Search: double hop, RDP, clock skew…"
        className="w-[14rem] min-w-0 max-w-full rounded border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-sm"
        value={query}
        aria-controls={query.trim() ? resultsId : undefined}
        aria-describedby={`${resultsId}-count`}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
          if (e.key === 'Enter' && results[0]) { selectScenario(results[0].id); setQuery(''); }
        }}
      />
      {query.trim() && (
        <div
          id={resultsId}
          data-testid="picker.results"
          className="absolute left-0 top-full z-30 mt-1 max-h-[70vh] w-[min(32rem,calc(100vw-1.5rem))] max-sm:fixed max-sm:inset-x-3 max-sm:top-auto max-sm:w-auto overflow-y-auto rounded border border-[var(--line)] bg-[var(--panel)] p-2 shadow-lg"
        >
          <ResultList results={results} query={query} finished={finished} groupId={resultsId} onPick={(sid) => { selectScenario(sid); setQuery(''); }} />
        </div>
      )}
      </div>
      {!offerShown && <button
        type="button"
        data-testid="picker.path"
        className="rounded border border-[var(--line)] px-2 py-1 text-sm"
        onClick={() => { const next = progress.next(); if (next) selectScenario(next); }}
        title="The beginner's path: the next lesson not finished yet"
      >
        {progress.doneCount === 0 ? 'Start here' : progress.remaining ? `Next lesson (${progress.doneCount}/${progress.total})` : `Path done (${progress.total}/${progress.total})`}
      </button>}
      </>)}
      <p id={`${resultsId}-count`} role="status" className="sr-only">
        {query.trim() ? `${results.length} scenario${results.length === 1 ? '' : 's'} match` : ''}
      </p>
      {/* A trainer presenting does not want the newcomer's offer on the projector. */}
      {!presenter && <PathOffer progress={progress} onStart={(first) => selectScenario(first)} />}
    </div>
  );
}

function ResultList({ results, query, finished, groupId, onPick }: { results: ScenarioInfo[]; query: string; finished: Set<string>; groupId: string; onPick(id: string): void }) {
  return (
    <>
          {results.length === 0 && <p className="text-sm text-[var(--muted)]">No scenario matches “{query.trim()}”.</p>}
          {byLevel(results).map(([lv, list]) => (
            <section key={lv}>
              <p id={`${groupId}-${lv}`} className="mt-1 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">{lv}</p>
              <ul aria-labelledby={`${groupId}-${lv}`} className="m-0 list-none p-0">
                {list.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      data-testid="picker.result"
                      data-id={s.id}
                      className="w-full rounded px-2 py-1 text-left text-sm hover:bg-[var(--line)] focus-visible:bg-[var(--line)]"
                      onClick={() => { onPick(s.id); }}
                    >
                      <span className="font-medium">{finished.has(s.id) ? '✓ ' : ''}{s.title}</span>
                      <span className="block text-xs text-[var(--muted)]">{s.group} · {describe(s)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
    </>
  );
}
