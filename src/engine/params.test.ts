import { describe, expect, it } from 'vitest';
import { PARAMETERS, parseParam, defaults } from './params';

describe('parameter registry', () => {
  it('parses every parameter\'s default back to itself', () => {
    for (const p of PARAMETERS) {
      const r = parseParam(p.name, String(p.default));
      expect(r, p.name).toEqual({ ok: true, value: p.default });
    }
  });
  it('names are unique and documented', () => {
    expect(new Set(PARAMETERS.map((p) => p.name)).size).toBe(PARAMETERS.length);
    for (const p of PARAMETERS) expect(p.meaning.length, p.name).toBeGreaterThan(20);
    expect(Object.keys(defaults())).toHaveLength(PARAMETERS.length);
  });
  it('rejects bad values with a reason', () => {
    expect(parseParam('startTime', 'yesterday')).toMatchObject({ ok: false });
    expect(parseParam('startTime', 'now')).toEqual({ ok: true, value: 'now' });
    expect(parseParam('target', '10.0.0.20')).toEqual({ ok: true, value: '10.0.0.20' });
    expect(parseParam('target', 'a b')).toMatchObject({ ok: false });
    expect(parseParam('restrictNtlm', 'sometimes')).toMatchObject({ ok: false });
  });
});
