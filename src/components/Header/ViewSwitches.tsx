// View switches in the header: layered App/SSPI/SSP view, step table, hide outcome, inspector,
// presenter mode and the colour theme. All but the theme are kept in the URL.
import { useId } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectHideOutcome, selectInspectorCollapsed, selectLayered, selectPresenter, selectTheme, selectView } from '../../store/selectors';
import type { Theme } from '../../store/types';

const pill = 'inline-flex min-h-7 items-center gap-1.5 rounded border border-[var(--line)] px-2 py-1 text-sm cursor-pointer select-none has-[:checked]:border-[var(--current)] has-[:checked]:bg-blue-50 dark:has-[:checked]:bg-blue-950';

/** Presenter mode on or off, full screen when the browser allows it. */
export async function setPresenterMode(set: (on: boolean) => void, on: boolean) {
  set(on);
  try {
    if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen?.();
    if (!on && document.fullscreenElement) await document.exitFullscreen?.();
  } catch {
    // Full screen needs a user gesture and permission; presenter mode works without it.
  }
}

export function ViewSwitches() {
  const store = useAppStore();
  const layered = useApp(selectLayered);
  const view = useApp(selectView);
  const presenter = useApp(selectPresenter);
  const hideOutcome = useApp(selectHideOutcome);
  const collapsed = useApp(selectInspectorCollapsed);
  const theme = useApp(selectTheme);
  const themeId = useId();
  const { set, setPresenter } = store.getState();
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
      <label className={pill} title="Hide the title, the goal and the outcome until the last step, so the room can guess first">
        <input type="checkbox" data-testid="view.hideoutcome" checked={hideOutcome} onChange={(e) => set({ hideOutcome: e.target.checked })} />
        Hide outcome
      </label>
      <label className={`${pill} max-sm:hidden`} title="Show or hide the inspector (the selected message's bytes explained)">
        <input type="checkbox" data-testid="view.inspector" checked={!collapsed} onChange={(e) => set({ inspectorCollapsed: !e.target.checked })} />
        Inspector
      </label>
      {!presenter && (
        <span className="inline-flex items-center text-sm">
          <label htmlFor={themeId} className="sr-only">Theme</label>
          <select id={themeId} data-testid="view.theme" value={theme} title="Colour theme" className="min-h-7 rounded border border-[var(--line)] bg-[var(--panel)] px-1 text-sm" onChange={(e) => set({ theme: e.target.value as Theme })}>
            <option value="system">◐ System theme</option>
            <option value="light">☀ Light</option>
            <option value="dark">☾ Dark</option>
          </select>
        </span>
      )}
      <button
        type="button"
        data-testid="view.presenter"
        aria-pressed={presenter}
        title={presenter ? 'Leave presenter mode (Escape)' : 'Presenter mode: the diagram fills the screen, in larger type'}
        className={`min-h-7 rounded border px-2 py-1 text-sm ${presenter ? 'border-[var(--current)] bg-blue-50 dark:bg-blue-950' : 'border-[var(--line)]'}`}
        onClick={() => setPresenterMode((on) => setPresenter(on), !presenter)}
      >
        {presenter ? 'Exit presenter' : 'Presenter'}
      </button>
    </div>
  );
}
