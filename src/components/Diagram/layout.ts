// Pure geometry of the sequence diagram: lanes (one per node, split into App / SSPI / SSP in the
// layered view) and one row per shown event, each in its own horizontal band so labels never overlap.
import type { Layer, NodeRole, Trace, TraceEvent, TraceNode } from '../../engine/trace';
import { decisionReason, decisionTitle } from '../../store/reasons';

const ROLE_ORDER: NodeRole[] = ['client', 'peer', 'attacker', 'server', 'dc', 'ca', 'idp'];

export interface Lane {
  node: TraceNode;
  x: number;
  left: number;
  right: number;
  /** x of the App / SSPI / SSP sub-lanes (layered view only). */
  sub: Record<Layer, number> | null;
}

export type RowKind = 'message' | 'decision' | 'call' | 'return';

export interface Row {
  kind: RowKind;
  event: TraceEvent;
  y: number;
  h: number;
  /** Arrow ends (message / call / return); the note's centre for a decision. */
  x1: number;
  x2: number;
  /** Arrow line y. */
  ay: number;
  /** Label box. */
  lx: number;
  lw: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  lanes: Lane[];
  rows: Row[];
  rowByEvent: Map<string, Row>;
}

export function orderNodes(nodes: TraceNode[]): TraceNode[] {
  return nodes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => (ROLE_ORDER.indexOf(a.n.role) - ROLE_ORDER.indexOf(b.n.role)) || a.i - b.i)
    .map((x) => x.n);
}

const HEADER_FREE = 8;

export function layoutDiagram(trace: Trace, opts: { width: number; layered: boolean; scale: number; minHeight?: number }): DiagramLayout {
  const s = opts.scale;
  const nodes = orderNodes(trace.nodes);
  const layeredIds = new Set<string>();
  if (opts.layered) for (const e of trace.events) if (e.type === 'sspi-call' || e.type === 'sspi-return') layeredIds.add(e.node);
  const weight = (n: TraceNode) => (layeredIds.has(n.id) ? 1.6 : 1);
  const total = nodes.reduce((a, n) => a + weight(n), 0) || 1;
  // A narrow screen (a phone) gets narrower lanes, so all of them fit without scrolling sideways.
  const narrow = opts.width < 640;
  const minUnit = (narrow ? Math.max(112, Math.floor(opts.width / total)) : 190) * s;
  const minLabel = (w: number) => Math.min(w * s, opts.width - 8);
  // Lanes may be up to a tenth narrower than their minimum before the diagram scrolls sideways: a
  // projector's 1024 px in presenter type would otherwise push the last lifeline's name just off screen.
  const need = Math.ceil(total * minUnit);
  const width = need <= opts.width * 1.1 ? opts.width : need;
  const unit = width / total;
  let acc = 0;
  const lanes: Lane[] = nodes.map((node, i) => {
    const left = acc * unit;
    acc += weight(node);
    const right = acc * unit;
    const x = (left + right) / 2;
    let sub: Lane['sub'] = null;
    if (layeredIds.has(node.id)) {
      const d = Math.min(80 * s, (right - left) * 0.3);
      // The first node faces right (App nearest its peer), the others face left.
      sub = i === 0 ? { ssp: x - d, sspi: x, app: x + d } : { app: x - d, sspi: x, ssp: x + d };
    }
    return { node, x, left, right, sub };
  });
  const laneOf = new Map(lanes.map((l) => [l.node.id, l]));
  const isAuthority = (id: string) => laneOf.get(id)?.node.role === 'dc';
  const xAt = (id: string, layer: Layer): number => {
    const l = laneOf.get(id);
    if (!l) return 0;
    return l.sub ? l.sub[layer] : l.x;
  };
  const clampLabel = (cx: number, w: number) => {
    const lw = Math.min(w, width - 8);
    return { lx: Math.max(4, Math.min(width - 4 - lw, cx - lw / 2)), lw };
  };

  const rows: Row[] = [];
  let y = HEADER_FREE;
  for (const e of trace.events) {
    if (e.type === 'message') {
      const toAuthority = isAuthority(e.to) || isAuthority(e.from);
      const layer: Layer = toAuthority ? 'ssp' : 'app';
      const x1 = xAt(e.from, layer);
      const x2 = xAt(e.to, layer);
      const h = 50 * s;
      const span = Math.abs(x2 - x1) - 12;
      const { lx, lw } = clampLabel((x1 + x2) / 2, Math.max(span, minLabel(230)));
      rows.push({ kind: 'message', event: e, y, h, x1, x2, ay: y + h - 10 * s, lx, lw });
      y += h;
    } else if (e.type === 'decision') {
      const lane = laneOf.get(e.node);
      const cx = lane ? lane.x : width / 2;
      const slot = lane ? lane.right - lane.left : width / 3;
      const { lx, lw } = clampLabel(cx, Math.min(Math.max(slot * 0.95, minLabel(220)), 460 * s));
      // Tall enough for the whole reason (never cut with "…"): lines estimated from the text's length.
      const inner = Math.max(40, lw - 18);
      const lines = (text: string, px: number) => Math.max(1, Math.ceil((text.length * px * s) / inner));
      const h = Math.max(58 * s, (16 + lines(decisionTitle(e), 7.6) * 14 + lines(decisionReason(e), 6.6) * 13) * s + 12);
      rows.push({ kind: 'decision', event: e, y, h, x1: cx, x2: cx, ay: y + h / 2, lx, lw });
      y += h;
    } else if ((e.type === 'sspi-call' || e.type === 'sspi-return') && opts.layered) {
      const l = laneOf.get(e.node);
      if (!l || !l.sub) continue;
      // `layer` names the caller: a call goes down from it (app → SSPI, SSPI → SSP), its return
      // comes back up to it.
      const below: Layer = e.layer === 'app' ? 'sspi' : 'ssp';
      const upper: Layer = e.layer === 'ssp' ? 'sspi' : e.layer;
      const from: Layer = e.type === 'sspi-call' ? upper : below;
      const to: Layer = e.type === 'sspi-call' ? below : upper;
      const x1 = l.sub[from];
      const x2 = l.sub[to];
      const h = 34 * s;
      const { lx, lw } = clampLabel((x1 + x2) / 2, minLabel(250));
      rows.push({ kind: e.type === 'sspi-call' ? 'call' : 'return', event: e, y, h, x1, x2, ay: y + h - 7 * s, lx, lw });
      y += h;
    }
  }
  return { width, height: Math.max(y + 16 * s, opts.minHeight ?? 0), lanes, rows, rowByEvent: new Map(rows.map((r) => [r.event.id, r])) };
}
