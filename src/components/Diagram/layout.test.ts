// The sequence diagram's geometry over every scenario's trace, in both views and at the sizes the
// screen uses: every step gets a row, rows and labels never overlap, everything stays inside the
// diagram. (The browser suite then only walks a sample of scenarios.)
import { describe, expect, it } from 'vitest';
import { engine } from '../../store/run';
import type { Trace } from '../../engine/trace';
import { layoutDiagram, orderNodes, type DiagramLayout, type Row } from './layout';

const traces: [string, Trace][] = engine.listScenarios().map((s) => [s.id, engine.run(s.id, {})]);
const SIZES = [{ width: 640, scale: 1 }, { width: 1280, scale: 1 }, { width: 1920, scale: 1.5 }];
const ROLE_ORDER = ['client', 'peer', 'attacker', 'server', 'dc', 'ca', 'idp'];

function overlap(a: Row, b: Row): boolean {
  const ax2 = a.lx + a.lw, bx2 = b.lx + b.lw;
  return a.lx < bx2 && b.lx < ax2 && a.y < b.y + b.h && b.y < a.y + a.h;
}

function check(t: Trace, l: DiagramLayout, layered: boolean, requested: number) {
  // lanes: one per node, role order, side by side, covering the width
  expect(l.lanes.map((x) => x.node.id).sort()).toEqual(t.nodes.map((n) => n.id).sort());
  const roles = l.lanes.map((x) => ROLE_ORDER.indexOf(x.node.role));
  expect(roles).toEqual([...roles].sort((a, b) => a - b));
  expect(l.width).toBeGreaterThanOrEqual(requested);
  expect(l.lanes[0].left).toBeCloseTo(0);
  expect(l.lanes[l.lanes.length - 1].right).toBeCloseTo(l.width);
  for (const [i, lane] of l.lanes.entries()) {
    if (i > 0) expect(lane.left).toBeCloseTo(l.lanes[i - 1].right);
    expect(lane.x).toBeGreaterThan(lane.left);
    expect(lane.x).toBeLessThan(lane.right);
    if (lane.sub) for (const x of Object.values(lane.sub)) { expect(x).toBeGreaterThan(lane.left); expect(x).toBeLessThan(lane.right); }
  }

  // rows: every message and decision (and, in the layered view, every SSPI call and return)
  const shown = t.events.filter((e) => e.type === 'message' || e.type === 'decision' || (layered && (e.type === 'sspi-call' || e.type === 'sspi-return')));
  expect(l.rows.map((r) => r.event.id)).toEqual(shown.map((e) => e.id));
  for (const e of shown) expect(l.rowByEvent.get(e.id)?.event).toBe(e);
  if (!layered) expect(l.rows.some((r) => r.kind === 'call' || r.kind === 'return')).toBe(false);

  const laneOf = new Map(l.lanes.map((x) => [x.node.id, x]));
  for (const [i, r] of l.rows.entries()) {
    expect(r.h).toBeGreaterThan(0);
    if (i > 0) expect(r.y).toBeGreaterThanOrEqual(l.rows[i - 1].y + l.rows[i - 1].h);
    expect(r.ay).toBeGreaterThanOrEqual(r.y);
    expect(r.ay).toBeLessThanOrEqual(r.y + r.h);
    expect(r.lw).toBeGreaterThan(0);
    expect(r.lx).toBeGreaterThanOrEqual(0);
    expect(r.lx + r.lw).toBeLessThanOrEqual(l.width);
    for (const x of [r.x1, r.x2]) { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThanOrEqual(l.width); }
    const e = r.event;
    if (e.type === 'message') {
      // the arrow runs from the sender's lane to the receiver's
      const from = laneOf.get(e.from)!, to = laneOf.get(e.to)!;
      expect(r.x1 >= from.left && r.x1 <= from.right, `${e.id} starts in ${e.from}'s lane`).toBe(true);
      expect(r.x2 >= to.left && r.x2 <= to.right, `${e.id} ends in ${e.to}'s lane`).toBe(true);
      if (e.from !== e.to) expect(r.x1).not.toBe(r.x2);
    }
    if (e.type === 'decision') { const lane = laneOf.get(e.node)!; expect(r.x1).toBe(lane.x); }
  }
  const overlapping: string[] = [];
  for (let i = 0; i < l.rows.length; i++) for (let j = i + 1; j < l.rows.length; j++) {
    if (overlap(l.rows[i], l.rows[j])) overlapping.push(`${l.rows[i].event.id} / ${l.rows[j].event.id}`);
  }
  expect(overlapping, 'labels that overlap').toEqual([]);
  const last = l.rows[l.rows.length - 1];
  expect(l.height).toBeGreaterThanOrEqual(last.y + last.h);
}

describe('diagram layout over every scenario', () => {
  it('has scenarios to lay out', () => expect(traces.length).toBeGreaterThan(0));
  for (const [id, t] of traces) {
    it(id, () => {
      for (const layered of [false, true]) for (const { width, scale } of SIZES) {
        check(t, layoutDiagram(t, { width, layered, scale }), layered, width);
      }
    });
  }

  it('keeps a requested minimum height, and orders nodes client, server, DC whatever their order in the trace', () => {
    const [, t] = traces[0];
    expect(layoutDiagram(t, { width: 800, layered: false, scale: 1, minHeight: 5000 }).height).toBe(5000);
    const reversed = orderNodes([...t.nodes].reverse()).map((n) => ROLE_ORDER.indexOf(n.role));
    expect(reversed).toEqual([...reversed].sort((a, b) => a - b));
  });
});
