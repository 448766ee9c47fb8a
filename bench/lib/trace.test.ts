// The step cost read from a Chromium trace: the key's task plus every task up to the one that paints,
// idle gaps left out; other threads and tasks after the paint are not counted.
import { describe, expect, it } from 'vitest';
import { stepCosts, toggleLatencies } from './trace';

const MAIN = { pid: 1, tid: 10 };
const task = (ts: number, dur: number, where = MAIN) => ({ name: 'RunTask', ph: 'X', ts: ts * 1000, dur: dur * 1000, tdur: dur * 800, ...where });
const inside = (name: string, ts: number, dur: number, type?: string) => ({ name, ph: 'X', ts: ts * 1000, dur: dur * 1000, ...MAIN, args: type ? { data: { type } } : {} });

describe('stepCosts', () => {
  it('sums the key task and the tasks up to the painting frame, not the gaps or what follows', () => {
    const events = [
      task(0, 4), inside('EventDispatch', 1, 2, 'keydown'),
      task(10, 3), // e.g. a timer the handler set
      task(20, 6), inside('Paint', 24, 1),
      task(40, 9), inside('Paint', 45, 1), // after-paint work and its frame: not the step's
      task(5, 50, { pid: 1, tid: 11 }), // a worker thread
      task(100, 2), inside('EventDispatch', 100.5, 1, 'keydown'), inside('Paint', 101, 0.5), // paints in its own task
    ];
    const costs = stepCosts(JSON.stringify({ traceEvents: events }));
    expect(costs).toHaveLength(2);
    expect(costs[0].busy).toBeCloseTo(13);
    expect(costs[0].cpu).toBeCloseTo(13 * 0.8);
    expect(costs[0].tasks).toBe(3);
    expect(costs[1].busy).toBeCloseTo(2);
    expect(costs[1].tasks).toBe(1);
  });

  it('returns nothing for a trace without key events', () => {
    expect(stepCosts(JSON.stringify({ traceEvents: [task(0, 5)] }))).toEqual([]);
  });
});

describe('toggleLatencies', () => {
  it('runs from the click to the end of the first painting frame after the new run is in the DOM', () => {
    const events = [
      task(0, 3), inside('EventDispatch', 0.5, 2, 'click'),
      task(5, 4), inside('Paint', 7, 1), // the checkbox repaint, before the answer: not it
      task(40, 20), { name: 'bench:toggle-drawn', ph: 'R', ts: 59000, pid: 1, tid: 10 }, // the run arrives, React draws it
      task(70, 8), inside('Paint', 75, 1), // the frame that shows it
      task(200, 2), inside('EventDispatch', 200.5, 1, 'click'), // a click whose answer never came
    ];
    expect(toggleLatencies(JSON.stringify({ traceEvents: events }))).toEqual([77.5]);
  });
});
