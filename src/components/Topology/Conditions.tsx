// The scenario's conditions (named parameters from the engine's registry) as controls. Those that
// belong to a node sit on its card; the others sit in this strip under the topology.
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { sideOf } from './side';
import { useApp, useAppStore } from '../../store/context';
import { selectBase, selectEngineLoaded, selectEngineParameters, selectParams, selectScenarioId, selectScenarioValue, selectScenarios, selectToggleClient, selectToggleServer, selectTrace } from '../../store/selectors';
import type { ParamSpec, ParamValue } from '../../store/engine';
import { isApplied, scenarioSuggestions, suggestions, type TryThis as TryThisItem } from '../../store/suggest';
import { conditionSpecs } from '../../store/conditions';
import { orderNodes } from '../Diagram/layout';
import { Check } from '../Check/Check';

export interface ShownParam { name: string; spec: ParamSpec; value: ParamValue; changed: boolean; base: ParamValue }

/** The parameters that matter for this run (by the providers it uses), with their current values. */
export function useShownParams(): ShownParam[] {
  const trace = useApp(selectTrace);
  const specs = useApp(selectEngineParameters);
  const overrides = useApp(selectParams);
  const base = useApp(selectBase);
  return useMemo(() => {
    if (!trace) return [];
    const list = conditionSpecs(trace, specs);
    const own = trace.scenario.params ?? {};
    return list.map((spec) => ({
      name: spec.name,
      spec,
      value: overrides[spec.name] ?? own[spec.name] ?? spec.default,
      changed: spec.name in overrides,
      base: base?.params[spec.name] ?? spec.default,
    }));
  }, [trace, specs, overrides, base]);
}

export function ParamControl({ item }: { item: ShownParam }) {
  const store = useAppStore();
  const id = useId();
  const { spec, value } = item;
  const set = (v: ParamValue) => store.getState().setParam(spec.name, v);
  const loaded = useApp(selectEngineLoaded);
  const mark = item.changed ? 'font-semibold text-[var(--accent)]' : '';
  if (spec.type === 'boolean') {
    return (
      <Check className={`text-[0.75rem] ${mark}`} title={spec.meaning} data-testid={`param.${spec.name}`} disabled={!loaded} checked={value === true} onChange={(e) => set(e.target.checked)}>
        {spec.label}
      </Check>
    );
  }
  if (spec.type === 'enum' && spec.values) {
    return (
      <span className={`inline-flex items-center gap-1 text-[0.75rem] ${mark}`} title={spec.meaning}>
        <label htmlFor={id}>{spec.label}</label>
        <select
          id={id}
          data-testid={`param.${spec.name}`}
          className="max-w-[9rem] rounded border border-[var(--line)] bg-[var(--panel)] text-[0.75rem]"
          value={String(value)}
          disabled={!loaded}
          onChange={(e) => set(spec.values!.find((v) => String(v) === e.target.value) ?? e.target.value)}
        >
          {spec.values.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
        </select>
      </span>
    );
  }
  return <TextParam item={item} id={id} mark={mark} onCommit={set} disabled={!loaded} />;
}

function TextParam({ item, id, mark, onCommit, disabled }: { item: ShownParam; id: string; mark: string; onCommit: (v: ParamValue) => void; disabled: boolean }) {
  const store = useAppStore();
  const { spec, value } = item;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const r = store.getState().catalog.parseParam(spec.name, draft);
    if (r.ok) { setError(null); setDraft(null); onCommit(r.value); } else setError(r.error);
  };
  return (
    <span className={`inline-flex items-center gap-1 text-[0.75rem] ${mark}`} title={spec.meaning}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        data-testid={`param.${spec.name}`}
        type={spec.type === 'number' ? 'number' : 'text'}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        className={`rounded border bg-[var(--panel)] px-1 text-[0.75rem] ${spec.type === 'number' ? 'w-14' : 'w-28'} ${error ? 'border-red-600' : 'border-[var(--line)]'}`}
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') { setDraft(null); setError(null); } }}
      />
      {error && <span id={`${id}-err`} role="alert" className="text-red-700 dark:text-red-300">{error}</span>}
    </span>
  );
}

export function Conditions() {
  const shown = useShownParams();
  const trace = useApp(selectTrace);
  const overrides = useApp(selectParams);
  const client = useApp(selectToggleClient);
  const server = useApp(selectToggleServer);
  const store = useAppStore();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  // The open panel ends above the step controls (the page's footer), whatever the window's height:
  // a trainer keeps Next and Play in reach while changing conditions.
  const panel = useRef<HTMLDivElement>(null);
  const [maxH, setMaxH] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    if (!open || !panel.current) return;
    const fit = () => {
      const top = panel.current?.getBoundingClientRect().top ?? 0;
      const footer = document.querySelector('footer')?.getBoundingClientRect().top ?? window.innerHeight;
      setMaxH(Math.max(120, Math.min(22 * 16, footer - top - 8)));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [open]);
  if (!trace) return null;
  const changed = Object.keys(overrides).length > 0 || client !== null || server !== null;
  // A "try this" change keeps the suggestions on the strip (the applied one pressed, with what to watch for).
  const own = scenarioSuggestions(store.getState());
  const tryApplied = !!own?.some((sug) => isApplied({ trace, params: overrides, client, server }, sug));
  const nodes = orderNodes(trace.nodes);
  const groups = [
    ...nodes.map((n) => ({ key: n.id, title: `${n.hostName} (${n.role})`, items: shown.filter((p) => p.spec.node === sideOf(n.role)) })),
    { key: '_general', title: 'General', items: shown.filter((p) => !p.spec.node || !nodes.some((n) => sideOf(n.role) === p.spec.node)) },
  ].filter((g) => g.items.length > 0);
  return (
    <div data-testid="conditions" className="relative px-3 pb-1 text-xs" onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); setOpen(false); } }}>
      <div className="flex items-center gap-2">
        <button
          type="button"
          data-testid="conditions.toggle"
          aria-expanded={open}
          aria-controls={panelId}
          className="rounded px-1 font-semibold text-[var(--muted)] hover:underline"
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} Conditions ({shown.length})
        </button>
        {!open && (Object.keys(overrides).length > 0 && !tryApplied ? (
          <span className="min-w-0 flex-1 truncate text-[var(--muted)]">
            {`changed: ${Object.entries(overrides).map(([k, v]) => `${shown.find((p) => p.name === k)?.spec.label ?? k} = ${String(v)}`).join(', ')}`}
          </span>
        ) : <TryThis />)}
        {changed && (
          <button type="button" data-testid="toggles.reset" className="ml-auto rounded border border-[var(--line)] px-2 text-xs" onClick={() => store.getState().resetToggles()}>
            Reset to the scenario's settings
          </button>
        )}
      </div>
      {open && (
        <div
          id={panelId}
          ref={panel}
          style={maxH ? { maxHeight: maxH } : undefined}
          data-testid="conditions.panel"
          role="group"
          aria-label="Conditions of this scenario"
          className="absolute top-full right-2 left-2 z-30 max-h-[min(22rem,55vh)] overflow-auto rounded-md border border-[var(--line)] bg-[var(--panel)] p-2 text-[0.75rem] shadow-lg"
        >
          <div className="mb-1 flex items-center gap-2">
            <p className="flex-1 text-[var(--muted)]">Change a condition: the simulator re-runs at once and the outcome says what changed. Hover a name for what it means.</p>
            <button type="button" className="rounded border border-[var(--line)] px-2" onClick={() => setOpen(false)}>Close</button>
          </div>
          <div className="grid gap-x-4 gap-y-1" style={{ gridTemplateColumns: `repeat(${groups.length}, minmax(0, 1fr))` }}>
            {groups.map((g) => (
              <fieldset key={g.key} className="flex min-w-0 flex-col items-start gap-1">
                <legend className="mb-0.5 font-semibold">{g.title}</legend>
                {g.items.map((p) => <ParamControl key={p.name} item={p} />)}
              </fieldset>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

/** "Try this": the scenario's own one-click changes, each with what to watch for (a scenario file without
 *  them gets the packages' rules). A click runs the scenario as written with that one change; a second
 *  click on it goes back to the scenario as written. */
function TryThis() {
  const trace = useApp(selectTrace);
  const specs = useApp(selectEngineParameters);
  const loaded = useApp(selectEngineLoaded);
  const scenarios = useApp(selectScenarios);
  const scenarioId = useApp(selectScenarioId);
  const scenarioValue = useApp(selectScenarioValue);
  const params = useApp(selectParams);
  const client = useApp(selectToggleClient);
  const server = useApp(selectToggleServer);
  const store = useAppStore();
  const list: (TryThisItem | ReturnType<typeof suggestions>[number])[] = useMemo(
    () => scenarioSuggestions({ scenarioId, scenarios, scenarioValue }) ?? (trace ? suggestions(trace, specs) : []),
    [trace, specs, scenarioId, scenarios, scenarioValue],
  );
  const applied = list.find((sug) => isApplied({ trace, params, client, server }, sug));
  if (!list.length) return <span className="min-w-0 flex-1 truncate text-[var(--muted)]">as the scenario sets them — open to change one and see what happens</span>;
  return (
    <span className="flex min-w-0 flex-1 items-center gap-1 overflow-hidden" role="group" aria-label="Try this">
      <span className="shrink-0 text-[var(--muted)]">Try:</span>
      {list.map((sug, i) => {
        const on = isApplied({ trace, params, client, server }, sug);
        const watch = 'watch' in sug ? sug.watch : undefined;
        return (
          <button
            key={sug.label}
            type="button"
            data-testid={`try.${i}`}
            disabled={!loaded}
            aria-pressed={on}
            title={watch ? `${on ? 'Applied — click again for the scenario as written. ' : ''}Watch: ${watch}` : undefined}
            className={`shrink-0 truncate rounded-full border px-2 hover:border-[var(--current)] disabled:opacity-50 ${on ? 'border-[var(--current)] font-semibold' : 'border-[var(--line)]'}`}
            onClick={() => store.getState().trySuggestion(sug)}
          >
            {sug.label}
          </button>
        );
      })}
      {applied && 'watch' in applied && (
        <span data-testid="try.watch" className="min-w-0 truncate text-[var(--muted)]" title={applied.watch}>Watch: {applied.watch}</span>
      )}
    </span>
  );
}
