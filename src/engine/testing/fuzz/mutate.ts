// Mutations of real tokens, as fast-check arbitraries (so every failure shrinks and replays from its
// seed): bit flips, byte values at the edges of length and tag encodings, cuts, insertions, deletions,
// duplicated runs and splices of two seeds; now and then plain random bytes.
import fc from 'fast-check';
import { concat } from '../../bytes';

export type Op =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'cut'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; n: number }
  | { op: 'repeat'; at: number; n: number; times: number }
  | { op: 'splice'; at: number; other: number; from: number };

const EDGE = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x88, 0xfe, 0xff];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...EDGE), fc.integer({ min: 0, max: 255 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 16 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }), times: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat() }) },
);

export function apply(seed: Uint8Array, ops: Op[], others: readonly Uint8Array[]): Uint8Array {
  let b = seed;
  for (const o of ops) {
    const at = b.length ? o.at % (b.length + (o.op === 'insert' ? 1 : 0)) : 0;
    switch (o.op) {
      case 'flip': if (b.length) { b = b.slice(); b[at] ^= 1 << o.bit; } break;
      case 'set': if (b.length) { b = b.slice(); b[at] = o.value; } break;
      case 'cut': b = b.slice(0, at); break;
      case 'insert': b = concat(b.subarray(0, at), o.bytes, b.subarray(at)); break;
      case 'delete': b = concat(b.subarray(0, at), b.subarray(at + o.n)); break;
      case 'repeat': { const run = b.subarray(at, at + o.n); b = concat(b.subarray(0, at), ...Array(o.times).fill(run), b.subarray(at)); break; }
      case 'splice': { const x = others[o.other % others.length]; b = concat(b.subarray(0, at), x.subarray(x.length ? o.from % x.length : 0)); break; }
    }
  }
  return b;
}

export const opsArb = fc.array(opArb, { minLength: 1, maxLength: 3 });

/** Inputs for a decoder: mostly a mutated seed of its own kinds, sometimes another seed's, sometimes random bytes. */
export function inputs(own: readonly Uint8Array[], all: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const pool = own.length ? own : all;
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.nat(pool.length - 1), opsArb).map(([i, ops]) => apply(pool[i], ops, all)) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(all.length - 1), opsArb).map(([i, ops]) => apply(all[i], ops, all)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  );
}

/** The first byte where two arrays differ (the length of the shorter when one is a prefix of the other). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
