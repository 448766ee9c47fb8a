// The inspector switched off (presenter mode, or the Inspector box unticked): a narrow column with one
// button to bring it back. Its own small module, so the shell can show it before the inspector's code loads.
import { useAppStore } from '../../store/context';

export function CollapsedInspector() {
  const store = useAppStore();
  return (
    <section data-testid="inspector" aria-label="Inspector (collapsed)" className="flex min-h-0 flex-1 justify-center pt-2">
      <button
        type="button"
        className="rounded border border-[var(--line)] px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800 [writing-mode:vertical-rl]"
        onClick={() => store.getState().set({ inspectorCollapsed: false })}
      >
        Show inspector
      </button>
    </section>
  );
}
