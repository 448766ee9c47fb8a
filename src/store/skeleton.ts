// A trace without its field trees: what the first diagram needs (arrows, notes, narration, node
// state, bytes), a tenth of the size. The field trees arrive with the engine.
import type { Trace } from '../engine/trace';

export function skeleton(trace: Trace): Trace {
  return {
    ...trace,
    // Keys for the downloads arrive with the engine too (they are not needed to draw).
    exports: {},
    events: trace.events.map((e) => (e.type === 'message' ? { ...e, fields: [], carrier: { ...e.carrier, fields: [] } } : e)),
  };
}
