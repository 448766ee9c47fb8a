// The app shell: header (picker, views, presenter, downloads), goal + outcome, topology over the
// sequence diagram, inspector and node state on the right, step controls and narration below.
import { lazy, startTransition, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useApp, useAppStore } from '../../store/context';
import { selectHasTrace, selectInspectorCollapsed, selectPresenter, selectView } from '../../store/selectors';
import { Picker } from '../Picker/Picker';
import { Goal } from '../Goal/Goal';
import { Outcome } from '../Outcome/Outcome';
import { Notices } from '../Notices/Notices';
import { Controls } from '../Controls/Controls';
import { Narration } from '../Narration/Narration';
import { Diagram } from '../Diagram/Diagram';
import { StepTable } from '../Diagram/StepTable';
import { TopologyPlaceholder } from '../Topology/TopologyPlaceholder';
import { NodeState } from '../NodeState/NodeState';
import { Downloads } from '../Downloads/Downloads';
import { ViewSwitches } from '../Header/ViewSwitches';
import { GlossaryButton, GlossaryPanel } from '../Glossary/GlossaryPanel';
import { WordsPopover } from '../Glossary/WordsPopover';
import { useKeyboard } from './useKeyboard';
import { usePlayback } from './usePlayback';
import { whenInputIdle } from './inputIdle';

const Inspector = lazy(() => import('../Inspector/Inspector'));
// React Flow is loaded once the first diagram is interactive; until then the nodes show as plain cards.
const Topology = lazy(() => import('../Topology/Topology'));

export function App({ onReady }: { onReady?: () => void } = {}) {
  const view = useApp(selectView);
  const presenter = useApp(selectPresenter);
  const collapsed = useApp(selectInspectorCollapsed);
  const [ready, setReady] = useState(false);
  const root = useEngineState();
  // Interactive as soon as a run is drawn (the precomputed default one is, in the very first render);
  // `ready` covers the screens without a run (no scenario, the step table).
  const drawn = useApp(selectHasTrace);
  useKeyboard();
  usePlayback();

  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  useEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);
  // What the first diagram does not need is fetched and mounted just after it, one piece per quiet
  // moment (no key pressed for a while, then an idle period): the inspector's code, then React Flow.
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (!ready || stage >= 2) return;
    // A transition: React renders the new piece in slices, so loading it never makes one long task.
    return whenInputIdle(() => startTransition(() => setStage((s) => s + 1)), stage === 0 ? 300 : 500);
  }, [ready, stage]);

  return (
    <div
      ref={root}
      data-testid={ready || drawn ? 'app-ready' : 'app-loading'}
      data-deferred={stage >= 2 ? 'loaded' : 'waiting'}
      className="flex h-full min-h-0 flex-col overflow-hidden bg-[var(--bg)] text-[var(--ink)]"
    >
      <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-[var(--line)] bg-[var(--panel)] px-3 py-1.5">
        <h1 className="text-base font-bold tracking-tight whitespace-nowrap">SSPI Lab</h1>
        <Picker />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <ViewSwitches />
          <GlossaryButton />
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
          {stage >= 2 ? (
            <Suspense fallback={<TopologyPlaceholder />}>
              <Topology />
            </Suspense>
          ) : <TopologyPlaceholder />}
          <div className="flex min-h-[12rem] flex-1 flex-col">
            {view === 'table' ? <StepTable /> : <Diagram onReady={() => setReady(true)} />}
          </div>
          {view === 'table' && <ReadyNow onReady={() => setReady(true)} />}
        </div>
        <aside aria-label="Message details and node state" className="flex min-h-0 min-w-0 flex-col border-l border-[var(--line)] bg-[var(--panel)]">
          {stage >= 1 ? (
            <Suspense fallback={<InspectorPlaceholder />}>
              <Inspector />
            </Suspense>
          ) : <InspectorPlaceholder />}
          {!collapsed && !presenter && <NodeState />}
        </aside>
      </main>
      <footer className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-t border-[var(--line)] bg-[var(--panel)] px-3 py-1.5">
        <Controls />
        <Narration />
      </footer>
      <GlossaryPanel />
      <WordsPopover />
    </div>
  );
}

/** data-engine="ready" on the shell once the simulator is loaded and the run has its field trees
 * (tests wait for it). Set on the element from a store subscription: the shell does not re-render
 * (nor, with it, the whole screen) when a run is completed. */
function useEngineState() {
  const store = useAppStore();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const sync = () => {
      const s = store.getState();
      const state = s.engine !== null && !s.partial ? 'ready' : 'loading';
      if (el.dataset.engine !== state) el.dataset.engine = state;
    };
    sync();
    return store.subscribe(sync);
  }, [store]);
  return ref;
}

function InspectorPlaceholder() {
  return <section data-testid="inspector" aria-label="Inspector" aria-busy="true" className="min-h-0 flex-1 p-3 text-sm text-[var(--muted)]">Loading the inspector…</section>;
}

function ReadyNow({ onReady }: { onReady: () => void }) {
  useEffect(() => onReady(), [onReady]);
  return null;
}
