// The app shell: header (picker, views, presenter, downloads), goal + outcome, topology over the
// sequence diagram, inspector and node state on the right, step controls and narration below.
import { lazy, startTransition, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useApp, useAppStore } from '../../store/context';
import {
  selectHasTrace, selectInspectorCollapsed, selectNodeStateOpen, selectPresenter, selectTab, selectTheme, selectTopologyCollapsed, selectTrace, selectView,
} from '../../store/selectors';
import { TABS, type Tab } from '../../store/types';
import { orderNodes } from '../Diagram/layout';
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
import { CollapsedInspector } from '../Inspector/Collapsed';
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
  const nodeStateOpen = useApp(selectNodeStateOpen);
  const tab = useApp(selectTab);
  const phone = useMedia(PHONE);
  const [ready, setReady] = useState(false);
  const root = useEngineState();
  // Interactive as soon as a run is drawn (the precomputed default one is, in the very first render);
  // `ready` covers the screens without a run (no scenario, the step table).
  const drawn = useApp(selectHasTrace);
  useReadyMark(root, ready || drawn);
  useKeyboard();
  usePlayback();
  useTheme();

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

  const diagram = (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col">
      {view === 'table' ? <StepTable /> : <Diagram onReady={() => setReady(true)} />}
      {view === 'table' && <ReadyNow onReady={() => setReady(true)} />}
    </div>
  );
  const topology = <TopologyPanel loaded={stage >= 2} open={phone} />;
  const inspector = stage >= 1 ? (
    <Suspense fallback={<InspectorPlaceholder collapsed={collapsed} />}>
      <Inspector />
    </Suspense>
  ) : <InspectorPlaceholder collapsed={collapsed} />;

  return (
    <div
      ref={root}
      data-deferred={stage >= 2 ? 'loaded' : 'waiting'}
      data-layout={phone ? 'phone' : 'wide'}
      className="flex h-full min-h-0 flex-col overflow-hidden bg-[var(--bg)] text-[var(--ink)]"
    >
      <header className="relative flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-[var(--line)] bg-[var(--panel)] px-3 py-1.5">
        {(!phone || tab === 'diagram') && <a href="#diagram" data-testid="skip.diagram" className={SKIP} onClick={focusDiagram}>Skip to the diagram</a>}
        <h1 className="text-base font-bold tracking-tight whitespace-nowrap">SSPI Lab</h1>
        <Picker />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {phone ? (
            <details data-testid="view.menu" className="relative">
              <summary className="cursor-pointer rounded border border-[var(--line)] px-2 py-1 text-sm">View</summary>
              <div className="absolute right-0 z-40 mt-1 flex w-[min(22rem,90vw)] flex-col items-start gap-2 rounded-md border border-[var(--line)] bg-[var(--panel)] p-2 shadow-lg">
                <ViewSwitches />
                <GlossaryButton />
                <Downloads />
              </div>
            </details>
          ) : <>
            <ViewSwitches />
            <GlossaryButton />
            {!presenter && <Downloads />}
          </>}
        </div>
      </header>
      <Notices />
      <section aria-label="Scenario goal and outcome" className="flex shrink-0 flex-col items-stretch gap-x-3 gap-y-1 border-b border-[var(--line)] px-3 py-1.5 sm:flex-row">
        <Goal />
        <Outcome />
      </section>
      {phone ? (
        <main className="flex min-h-0 flex-1 flex-col">
          <PhoneTabs />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="flex min-h-0 flex-1 flex-col overflow-hidden">
            {tab === 'diagram' && diagram}
            {tab === 'inspector' && <div className="flex min-h-0 flex-1 flex-col bg-[var(--panel)]">{inspector}</div>}
            {tab === 'state' && <div className="flex min-h-0 flex-1 flex-col overflow-auto bg-[var(--panel)]"><NodeState fill /></div>}
            {tab === 'setup' && <div className="min-h-0 flex-1 overflow-auto">{topology}</div>}
          </div>
        </main>
      ) : (
        <main
          className={`grid min-h-0 flex-1 ${collapsed
            ? 'grid-cols-[minmax(0,1fr)_2.75rem]'
            : 'grid-rows-[minmax(0,1fr)_minmax(0,42%)] lg:grid-rows-1 lg:grid-cols-[minmax(0,1fr)_360px] xl:grid-cols-[minmax(0,1fr)_400px] 2xl:grid-cols-[minmax(0,1fr)_540px]'}`}
        >
          <div className="flex min-h-0 min-w-0 flex-col">
            {topology}
            {diagram}
          </div>
          <aside aria-label="Message details and node state" className={`flex min-h-0 min-w-0 flex-col border-[var(--line)] bg-[var(--panel)] ${collapsed ? 'border-l' : 'border-t lg:border-t-0 lg:border-l'}`}>
            {inspector}
            {!collapsed && (nodeStateOpen || !presenter) && <NodeState />}
          </aside>
        </main>
      )}
      <footer className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-t border-[var(--line)] bg-[var(--panel)] px-3 py-1.5">
        <Controls />
        <Narration />
      </footer>
      <GlossaryPanel />
      <WordsPopover />
    </div>
  );
}

const SKIP = 'sr-only focus:not-sr-only focus:absolute focus:top-1 focus:left-1 focus:z-50 focus:rounded focus:bg-[var(--panel)] focus:px-3 focus:py-2 focus:text-sm focus:shadow-lg';

/** Moves focus to the diagram (a skip link's target; the hash alone does not move focus everywhere). */
export function focusDiagram(e?: { preventDefault(): void }) {
  const el = document.getElementById('diagram');
  if (!el) return;
  e?.preventDefault();
  el.focus();
}

const PHONE = '(max-width: 639px)';

/** Whether a media query matches, following it as the window changes. */
function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.(query).matches);
  // (While hydrating the first render matches the prerendered wide layout: main.tsx hydrates only then.)
  useEffect(() => {
    const m = window.matchMedia?.(query);
    if (!m) return;
    const sync = () => setOn(m.matches);
    sync();
    m.addEventListener('change', sync);
    return () => m.removeEventListener('change', sync);
  }, [query]);
  return on;
}

/** Light, dark or the system's: a class on <html> (the CSS and Tailwind's dark: variant follow it),
 * remembered in localStorage. */
function useTheme() {
  const theme = useApp(selectTheme);
  useEffect(() => {
    const m = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && !!m?.matches);
      const html = document.documentElement;
      html.classList.toggle('dark', dark);
      html.classList.toggle('light', !dark);
    };
    apply();
    try { if (theme === 'system') localStorage.removeItem(THEME_KEY); else localStorage.setItem(THEME_KEY, theme); } catch { /* private mode */ }
    if (theme !== 'system' || !m) return;
    m.addEventListener('change', apply);
    return () => m.removeEventListener('change', apply);
  }, [theme]);
}

export const THEME_KEY = 'sspi-lab-theme';

const TAB_LABEL: Record<Tab, string> = { diagram: 'Diagram', inspector: 'Message', state: 'Node state', setup: 'Setup' };

/** On a phone: the diagram first, the other panels as tabs (arrow keys move between them). */
function PhoneTabs() {
  const tab = useApp(selectTab);
  const store = useAppStore();
  const pick = (t: Tab) => store.getState().set({ tab: t });
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const i = TABS.indexOf(tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    pick(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Panels" data-keys="local" className="flex shrink-0 border-b border-[var(--line)] bg-[var(--panel)]" onKeyDown={onKey}>
      {TABS.map((t) => (
        <button
          key={t}
          id={`tab-${t}`}
          type="button"
          role="tab"
          data-testid={`tab.${t}`}
          aria-selected={tab === t}
          aria-controls={`panel-${t}`}
          tabIndex={tab === t ? 0 : -1}
          className={`min-h-11 flex-1 border-b-2 px-1 text-sm ${tab === t ? 'border-[var(--current)] font-semibold' : 'border-transparent text-[var(--muted)]'}`}
          onClick={() => pick(t)}
        >
          {TAB_LABEL[t]}
        </button>
      ))}
    </div>
  );
}

/** The topology, collapsible to one line (presenter mode starts with it collapsed), with a skip link
 * past its provider toggles and conditions. */
function TopologyPanel({ loaded, open = false }: { loaded: boolean; open?: boolean }) {
  const collapsedTopo = useApp(selectTopologyCollapsed) && !open;
  const trace = useApp(selectTrace);
  const store = useAppStore();
  const nodes = trace ? orderNodes(trace.nodes) : [];
  return (
    <section data-testid="topology" aria-label="Topology" className="flex shrink-0 flex-col border-b border-[var(--line)]">
      <div className="flex items-center gap-2 px-2 text-xs">
        {!open && <button
          type="button"
          data-testid="topology.toggle"
          aria-expanded={!collapsedTopo}
          className="rounded px-1 py-0.5 font-semibold text-[var(--muted)] hover:underline"
          onClick={() => store.getState().set({ topologyCollapsed: !collapsedTopo })}
        >
          {collapsedTopo ? '▸' : '▾'} Topology
        </button>}
        {collapsedTopo
          ? <span className="min-w-0 flex-1 truncate text-[var(--muted)]">{nodes.map((n) => `${n.hostName} (${n.role})`).join(' · ')}</span>
          : !open && <a href="#diagram" data-testid="skip.toggles" className={SKIP} onClick={focusDiagram}>Skip the providers and conditions</a>}
      </div>
      {!collapsedTopo && (loaded ? (
        <Suspense fallback={<TopologyPlaceholder />}>
          <Topology />
        </Suspense>
      ) : <TopologyPlaceholder />)}
    </section>
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

/** data-testid="app-ready" (tests and the benchmark wait for it), set once React runs the page: the
 * prerendered HTML, not interactive yet, does not have it. */
function useReadyMark(ref: React.RefObject<HTMLDivElement | null>, ready: boolean) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.dataset.testid = ready ? 'app-ready' : 'app-loading';
  }, [ref, ready]);
}

function InspectorPlaceholder({ collapsed }: { collapsed: boolean }) {
  // Collapsed (presenter mode, or switched off): its button at once; "Loading the inspector…" would not fit.
  if (collapsed) return <CollapsedInspector />;
  return <section data-testid="inspector" aria-label="Inspector" aria-busy="true" className="min-h-0 flex-1 p-3 text-sm text-[var(--muted)]">Loading the inspector…</section>;
}

function ReadyNow({ onReady }: { onReady: () => void }) {
  useEffect(() => onReady(), [onReady]);
  return null;
}
