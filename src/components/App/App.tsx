// The app shell: header (picker, views, presenter, downloads), goal + outcome, topology over the
// sequence diagram, inspector and node state on the right, step controls and narration below.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useApp } from '../../store/context';
import { selectEngineLoaded, selectInspectorCollapsed, selectPresenter, selectView } from '../../store/selectors';
import { Picker } from '../Picker/Picker';
import { Goal } from '../Goal/Goal';
import { Outcome } from '../Outcome/Outcome';
import { Notices } from '../Notices/Notices';
import { Controls } from '../Controls/Controls';
import { Narration } from '../Narration/Narration';
import { Diagram } from '../Diagram/Diagram';
import { StepTable } from '../Diagram/StepTable';
import { Topology } from '../Topology/Topology';
import { NodeState } from '../NodeState/NodeState';
import { Downloads } from '../Downloads/Downloads';
import { ViewSwitches } from '../Header/ViewSwitches';
import { useKeyboard } from './useKeyboard';
import { usePlayback } from './usePlayback';

const Inspector = lazy(() => import('../Inspector/Inspector'));

export function App({ onReady }: { onReady?: () => void } = {}) {
  const view = useApp(selectView);
  const presenter = useApp(selectPresenter);
  const collapsed = useApp(selectInspectorCollapsed);
  const loaded = useApp(selectEngineLoaded);
  const [ready, setReady] = useState(false);
  useKeyboard();
  usePlayback();

  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  useEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);

  return (
    <div
      data-testid={ready ? 'app-ready' : 'app-loading'}
      data-engine={loaded ? 'ready' : 'loading'}
      className="flex h-full min-h-0 flex-col overflow-hidden bg-[var(--bg)] text-[var(--ink)]"
    >
      <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-[var(--line)] bg-[var(--panel)] px-3 py-1.5">
        <h1 className="text-base font-bold tracking-tight whitespace-nowrap">SSPI Lab</h1>
        <Picker />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <ViewSwitches />
          <Downloads />
        </div>
      </header>
      <Notices />
      <section aria-label="Scenario goal and outcome" className="flex shrink-0 items-stretch gap-3 border-b border-[var(--line)] px-3 py-1.5">
        <Goal />
        <Outcome />
      </section>
      <main
        className={`grid min-h-0 flex-1 ${collapsed ? 'grid-cols-[minmax(0,1fr)_2.5rem]' : 'grid-cols-[minmax(0,1fr)_400px] 2xl:grid-cols-[minmax(0,1fr)_540px]'}`}
      >
        <div className="flex min-h-0 min-w-0 flex-col">
          <Topology />
          <div className="flex min-h-[12rem] flex-1 flex-col">
            {view === 'table' ? <StepTable /> : <Diagram onReady={() => setReady(true)} />}
          </div>
          {view === 'table' && <ReadyNow onReady={() => setReady(true)} />}
        </div>
        <aside aria-label="Message details and node state" className="flex min-h-0 min-w-0 flex-col border-l border-[var(--line)] bg-[var(--panel)]">
          <Suspense fallback={<section data-testid="inspector" aria-label="Inspector" className="min-h-0 flex-1 p-3 text-sm text-[var(--muted)]">Loading the inspector…</section>}>
            <Inspector />
          </Suspense>
          {!collapsed && !presenter && <NodeState />}
        </aside>
      </main>
      <footer className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-t border-[var(--line)] bg-[var(--panel)] px-3 py-1.5">
        <Controls />
        <Narration />
      </footer>
    </div>
  );
}

function ReadyNow({ onReady }: { onReady: () => void }) {
  useEffect(() => onReady(), [onReady]);
  return null;
}
