// Scenario picker, grouped by provider, ordered by level within a group.
import { useId, useMemo, useRef } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectOutcomeVisible, selectScenarioId, selectScenarioValue, selectScenarios } from '../../store/selectors';
import type { Level, ScenarioInfo } from '../../store/engine';

const LEVELS: Level[] = ['basic', 'intermediate', 'advanced'];

export function groupScenarios(list: ScenarioInfo[]): [string, ScenarioInfo[]][] {
  const groups = new Map<string, ScenarioInfo[]>();
  for (const s of list) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return [...groups.entries()].map(([g, l]) => [g, l.slice().sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))]);
}

export function Picker() {
  const scenarios = useApp(selectScenarios);
  const current = useApp(selectScenarioId);
  const opened = useApp(selectScenarioValue);
  const store = useAppStore();
  const selectScenario = store.getState().selectScenario;
  const file = useRef<HTMLInputElement>(null);
  // "Hide outcome": the current scenario's title (which tells what happens) waits for the last step.
  const titleShown = useApp(selectOutcomeVisible);
  const groups = useMemo(() => groupScenarios(scenarios), [scenarios]);
  const id = useId();
  return (
    <div data-testid="picker" className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="text-sm text-[var(--muted)]">Scenario</label>
      <select
        id={id}
        data-testid="picker.select"
        className="max-w-[22rem] 2xl:max-w-[36rem] min-w-0 rounded border border-[var(--line)] bg-[var(--panel)] px-2 py-1 text-sm"
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
        {groups.map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((s) => (
              <option key={s.id} value={s.id}>{s.id === current && !titleShown ? `${group} scenario (${s.level}): title hidden until the last step` : `${s.title} (${s.level})`}</option>
            ))}
          </optgroup>
        ))}
      </select>
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
    </div>
  );
}
