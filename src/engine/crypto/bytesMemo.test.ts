import { describe, expect, it } from 'vitest';
import { BytesMemo } from './bytesMemo';

describe('BytesMemo', () => {
  it('computes once per distinct inputs and tag, and tells apart inputs that differ in one byte or in how they are split', () => {
    const memo = new BytesMemo<number>(4);
    let calls = 0;
    const f = (tag: string, parts: number[][]) => memo.get(tag, parts.map((p) => new Uint8Array(p)), () => ++calls);
    expect(f('a', [[1, 2], [3]])).toBe(1);
    expect(f('a', [[1, 2], [3]])).toBe(1);
    expect(f('a', [[1, 2], [4]])).toBe(2);
    expect(f('a', [[1], [2, 3]])).toBe(3);
    expect(f('b', [[1, 2], [3]])).toBe(4);
    expect(calls).toBe(4);
  });
  it('keeps its own copy of the inputs (a caller changing its buffer afterwards does not poison the memo) and forgets the oldest past its size', () => {
    const memo = new BytesMemo<string>(2);
    const buf = new Uint8Array([9, 9]);
    expect(memo.get('t', [buf], () => 'first')).toBe('first');
    buf[0] = 1;
    expect(memo.get('t', [buf], () => 'changed')).toBe('changed');
    expect(memo.get('t', [new Uint8Array([9, 9])], () => 'again')).toBe('first');
    memo.get('t', [new Uint8Array([5])], () => 'third');
    expect(memo.get('t', [new Uint8Array([9, 9])], () => 'recomputed')).toBe('recomputed');
  });
});
