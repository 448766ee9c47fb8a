// Topology (React Flow): the nodes as cards above their lifelines, each with its providers as
// toggles ("Kerberos on server") and its conditions; the link carrying the current message animates.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useApp } from '../../store/context';
import { selectCurrentStep, selectLayered, selectPresenter, selectTrace } from '../../store/selectors';
import { orderNodes } from '../Diagram/layout';
import { HostCard, type HostData } from './HostCard';
import { useAppAfterPaint } from '../App/useAfterPaint';
import { Conditions } from './Conditions';
import { LinkEdge, type LinkData } from './LinkEdge';

const nodeTypes = { host: HostCard };
const edgeTypes = { link: LinkEdge };

export default function Topology() {
  const trace = useApp(selectTrace);
  // The current link follows the step one painted frame late (the diagram is drawn first).
  const current = useAppAfterPaint(selectCurrentStep);
  const layered = useApp(selectLayered);
  const presenter = useApp(selectPresenter);
  const dark = useDarkClass();
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(() => window.innerWidth - (window.innerWidth >= 1536 ? 540 : 400) - 1);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const ordered = useMemo(() => (trace ? orderNodes(trace.nodes) : []), [trace]);
  // The link carrying the current message pulses as the step arrives (LinkEdge), unless motion is reduced.
  const motion = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  // The strip is as tall as the tallest card (their content varies with width and conditions).
  const [cardsH, setCardsH] = useState(96);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const hs = [...el.querySelectorAll<HTMLElement>('[data-testid^="topology.node."]')].map((c) => c.offsetHeight);
      if (hs.length) setCardsH(Math.max(...hs));
    };
    const id = requestAnimationFrame(measure);
    const ro = new ResizeObserver(measure);
    el.querySelectorAll('[data-testid^="topology.node."]').forEach((c) => ro.observe(c));
    return () => { cancelAnimationFrame(id); ro.disconnect(); };
  }, [ordered, width, layered, presenter]);

  const nodes = useMemo<Node<HostData>[]>(() => {
    if (!ordered.length) return [];
    const w = Math.max(320, width || 900);
    // Same slots as the diagram's lanes (a layered lane is wider), so each card sits over its lifeline.
    const weight = (role: string) => (layered && (role === 'client' || role === 'server' || role === 'peer') ? 1.6 : 1);
    const total = ordered.reduce((a, n) => a + weight(n.role), 0);
    const unit = Math.max(w, total * 190) / total;
    let acc = 0;
    return ordered.map((n) => {
      const left = acc * unit;
      acc += weight(n.role);
      const slot = acc * unit - left;
      const cardW = Math.min(slot * 0.8, presenter ? 360 : 300);
      return {
        id: n.id,
        type: 'host',
        position: { x: left + (slot - cardW) / 2, y: 4 },
        data: { node: n, width: cardW },
        draggable: false,
        selectable: false,
        focusable: false,
      };
    });
  }, [ordered, width, layered, presenter]);

  const edges = useMemo<Edge<LinkData>[]>(() => {
    if (!trace) return [];
    const index = new Map(ordered.map((n, i) => [n.id, i]));
    const pairs = new Map<string, { a: string; b: string }>();
    for (const e of trace.events) {
      if (e.type !== 'message') continue;
      const [a, b] = (index.get(e.from) ?? 0) <= (index.get(e.to) ?? 0) ? [e.from, e.to] : [e.to, e.from];
      pairs.set(`${a}--${b}`, { a, b });
    }
    const cur = current && current.type === 'message' ? current : null;
    return [...pairs.entries()].map(([id, { a, b }]) => {
      const adjacent = Math.abs((index.get(a) ?? 0) - (index.get(b) ?? 0)) === 1;
      const active = !!cur && ((cur.from === a && cur.to === b) || (cur.from === b && cur.to === a));
      const colour = active ? (cur!.error ? 'var(--error)' : 'var(--current)') : 'var(--lifeline)';
      const width = active ? (presenter ? 5 : 3.5) : 1.5;
      return {
        id,
        source: a,
        target: b,
        sourceHandle: adjacent ? 'r-s' : 'b-s',
        targetHandle: adjacent ? 'l-t' : 'b-t',
        type: 'link',
        focusable: false,
        selectable: false,
        style: { stroke: colour, strokeWidth: width },
        data: { active, curve: adjacent ? 'straight' : 'bezier', pulse: active && motion ? cur!.id : null, colour, width },
      };
    });
  }, [trace, ordered, current, presenter, motion]);

  const arcs = edges.some((e) => e.data?.curve === 'bezier');
  return (
    <div className="flex shrink-0 flex-col">
      {/* On a narrow screen (a phone's Setup tab) the cards keep their width and the strip scrolls sideways. */}
      <div ref={ref} style={{ height: `${cardsH + 8 + (arcs ? 26 : 0)}px`, minWidth: `${ordered.length * 190}px` }}>
        {trace ? (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            viewport={{ x: 0, y: 0, zoom: 1 }}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            panOnDrag={false}
            panOnScroll={false}
            zoomOnScroll={false}
            zoomOnPinch={false}
            zoomOnDoubleClick={false}
            preventScrolling={false}
            disableKeyboardA11y
            panActivationKeyCode={null}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            zoomActivationKeyCode={null}
            proOptions={{ hideAttribution: true }}
            colorMode={dark ? 'dark' : 'light'}
          />
        ) : (
          <p className="p-3 text-sm text-[var(--muted)]">The nodes of the scenario appear here.</p>
        )}
      </div>
      <Conditions />
    </div>
  );
}

/** Whether the page is dark (the theme's class on <html>), followed as it changes. */
function useDarkClass(): boolean {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'));
  useEffect(() => {
    const html = document.documentElement;
    const mo = new MutationObserver(() => setDark(html.classList.contains('dark')));
    mo.observe(html, { attributes: true, attributeFilter: ['class'] });
    return () => mo.disconnect();
  }, []);
  return dark;
}
