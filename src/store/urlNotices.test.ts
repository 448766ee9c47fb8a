// A link's unknown parameters make one notice however many there are, and a garbage startTime gets
// the notice every bad value gets (issue 9 item 8). Uses the real parameter registry.
import { describe, expect, it } from 'vitest';
import { PARAMETERS, parseParam } from '../engine/params';
import type { EngineApi } from './engine';
import { parseQuery } from './url';

const engine = {
  listScenarios: () => [{ id: 'ntlm-workgroup', title: '', group: 'NTLM', level: 'beginner', goal: '' }],
  run: () => { throw new Error('not used'); },
  parameters: PARAMETERS,
  parseParam,
} as unknown as EngineApi;

describe('URL notices', () => {
  it('30 unknown parameters: one notice naming a few of them', () => {
    const q = parseQuery(Array.from({ length: 30 }, (_, i) => `junk${i}=1`).join('&'), engine);
    expect(q.notices).toHaveLength(1);
    expect(q.notices[0]).toMatch(/30 parameters that are not known \("junk0", "junk1", "junk2", "junk3", "junk4", and 25 more\)/);
    expect(q.notices[0].length).toBeLessThan(200);
  });
  it('one unknown parameter: a notice naming it', () => {
    expect(parseQuery('colour=red', engine).notices).toEqual(['The link sets "colour", which is not a known parameter; it was ignored.']);
  });
  for (const raw of ['-1', '1', '<b>x</b>', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z']) {
    it(`startTime=${raw}: the bad-value notice, and the scenario's start is kept`, () => {
      const q = parseQuery(`startTime=${encodeURIComponent(raw)}`, engine);
      expect(q.params).toEqual({});
      expect(q.notices).toHaveLength(1);
      expect(q.notices[0]).toMatch(/^The link sets startTime=.*, which is not valid \(.*ISO 8601.*\); the scenario's value is used\.$/);
    });
  }
});
