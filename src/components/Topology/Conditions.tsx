// The scenario's conditions (named parameters from the engine's registry) as controls. Those that
// belong to a node sit on its card; the others sit in this strip under the topology.
import { useId, useMemo, useState } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectEngineParameters, selectParams, selectToggleClient, selectToggleServer, selectTrace } from '../../store/selectors';
import type { ParamSpec, ParamValue } from '../../store/engine';

export interface ShownParam { name: string; spec: ParamSpec; value: ParamValue; changed: boolean }

/** The parameters this scenario uses, with their values in the current run. */
export function useShownParams(): ShownParam[] {
  const trace = useApp(selectTrace);
  const specs = useApp(selectEngineParameters);
  const overrides = useApp(selectParams);
  return useMemo(() => {
    if (!trace) return [];
    const own = trace.scenario.params ?? {};
    const names = Object.keys(own);
    const list = names.length ? specs.filter((s) => names.includes(s.name)) : specs;
    return list.map((spec) => ({
      name: spec.name,
      spec,
      value: overrides[spec.name] ?? own[spec.name] ?? spec.default,
      changed: spec.name in overrides,
    }));
  }, [trace, specs, overrides]);
}

export function ParamControl({ item }: { item: ShownParam }) {
  const store = useAppStore();
  const id = useId();
  const { spec, value } = item;
  const set = (v: ParamValue) => store.getState().setParam(spec.name, v);
  const mark = item.changed ? 'font-semibold text-[var(--accent)]' : '';
  if (spec.type === 'boolean') {
    return (
      <label className={`inline-flex cursor-pointer items-center gap-1 text-[0.68rem] ${mark}`} title={spec.meaning}>
        <input type="checkbox" className="h-3 w-3" data-testid={`param.${spec.name}`} checked={value === true} onChange={(e) => set(e.target.checked)} />
        {spec.label}
      </label>
    );
  }
  if (spec.type === 'enum' && spec.values) {
    return (
      <span className={`inline-flex items-center gap-1 text-[0.68rem] ${mark}`} title={spec.meaning}>
        <label htmlFor={id}>{spec.label}</label>
        <select
          id={id}
          data-testid={`param.${spec.name}`}
          className="max-w-[9rem] rounded border border-[var(--line)] bg-[var(--panel)] text-[0.68rem]"
          value={String(value)}
          onChange={(e) => set(spec.values!.find((v) => String(v) === e.target.value) ?? e.target.value)}
        >
          {spec.values.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
        </select>
      </span>
    );
  }
  return <TextParam item={item} id={id} mark={mark} onCommit={set} />;
}

function TextParam({ item, id, mark, onCommit }: { item: ShownParam; id: string; mark: string; onCommit: (v: ParamValue) => void }) {
  const store = useAppStore();
  const { spec, value } = item;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const r = store.getState().engine.parseParam(spec.name, draft);
    if (r.ok) { setError(null); setDraft(null); onCommit(r.value); } else setError(r.error);
  };
  return (
    <span className={`inline-flex items-center gap-1 text-[0.68rem] ${mark}`} title={spec.meaning}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        data-testid={`param.${spec.name}`}
        type={spec.type === 'number' ? 'number' : 'text'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        className={`rounded border bg-[var(--panel)] px-1 text-[0.68rem] ${spec.type === 'number' ? 'w-14' : 'w-28'} ${error ? 'border-red-600' : 'border-[var(--line)]'}`}
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
  const specs = useApp(selectEngineParameters);
  const overrides = useApp(selectParams);
  const store = useAppStore();
  const free = shown.filter((p) => !specs.find((s) => s.name === p.name)?.node);
  const client = useApp(selectToggleClient);
  const server = useApp(selectToggleServer);
  const changed = Object.keys(overrides).length > 0 || client !== null || server !== null;
  if (!free.length && !changed) return null;
  return (
    <div data-testid="conditions" className="flex flex-wrap items-center gap-x-3 gap-y-0.5 px-3 pb-1 text-xs">
      {free.length > 0 && <span className="font-semibold text-[var(--muted)]">Conditions</span>}
      {free.map((p) => <ParamControl key={p.name} item={p} />)}
      {changed && (
        <button type="button" data-testid="toggles.reset" className="ml-auto rounded border border-[var(--line)] px-2 text-xs" onClick={() => store.getState().resetToggles()}>
          Reset to the scenario's settings
        </button>
      )}
    </div>
  );
}
