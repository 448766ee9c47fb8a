// View switches in the header: layered App/SSPI/SSP view, step table, presenter mode and its options.
import { useApp, useAppStore } from '../../store/context';
import { selectHideOutcome, selectInspectorCollapsed, selectLayered, selectPresenter, selectView } from '../../store/selectors';

const pill = 'inline-flex items-center gap-1.5 rounded border border-[var(--line)] px-2 py-1 text-sm cursor-pointer select-none has-[:checked]:border-[var(--current)] has-[:checked]:bg-blue-50 dark:has-[:checked]:bg-blue-950';

export function ViewSwitches() {
  const store = useAppStore();
  const layered = useApp(selectLayered);
  const view = useApp(selectView);
  const presenter = useApp(selectPresenter);
  const hideOutcome = useApp(selectHideOutcome);
  const collapsed = useApp(selectInspectorCollapsed);
  const set = store.getState().set;
  const togglePresenter = async () => {
    const on = !presenter;
    set({ presenter: on });
    try {
      if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen?.();
      if (!on && document.fullscreenElement) await document.exitFullscreen?.();
    } catch {
      // Full screen needs a user gesture and permission; presenter mode works without it.
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="View">
      {!presenter && <>
      <label className={pill} title="Split each lifeline into Application / SSPI / SSP and show the SSPI calls">
        <input type="checkbox" data-testid="view.layers" checked={layered} onChange={(e) => set({ layered: e.target.checked })} />
        Layers
      </label>
      <label className={pill} title="Show the steps as a table instead of the diagram">
        <input type="checkbox" data-testid="view.table" checked={view === 'table'} onChange={(e) => set({ view: e.target.checked ? 'table' : 'diagram' })} />
        Table
      </label>
      </>}
      <label className={pill} title="Hide the outcome until the last step, so the room can guess first">
        <input type="checkbox" data-testid="view.hideoutcome" checked={hideOutcome} onChange={(e) => set({ hideOutcome: e.target.checked })} />
        Hide outcome
      </label>
      <label className={pill} title="Show or hide the inspector (the selected message's bytes explained)">
        <input type="checkbox" data-testid="view.inspector" checked={!collapsed} onChange={(e) => set({ inspectorCollapsed: !e.target.checked })} />
        Inspector
      </label>
      <button
        type="button"
        data-testid="view.presenter"
        aria-pressed={presenter}
        className={`rounded border px-2 py-1 text-sm ${presenter ? 'border-[var(--current)] bg-blue-50 dark:bg-blue-950' : 'border-[var(--line)]'}`}
        onClick={togglePresenter}
      >
        {presenter ? 'Exit presenter' : 'Presenter'}
      </button>
    </div>
  );
}
