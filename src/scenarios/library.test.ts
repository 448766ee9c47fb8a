// Every built-in scenario carries the library's metadata, and the "start here" path lists only
// scenarios that exist, each once.
import { describe, expect, it } from 'vitest';
import { SCENARIOS, listScenarios } from '.';
import { START_HERE, nextOnPath, pathIds } from './path';
import { validateScenario } from './schema';

describe('scenario metadata', () => {
  it('every built-in scenario has a level, estimated minutes, documents and keywords', () => {
    const problems: string[] = [];
    for (const s of SCENARIOS) {
      if (!['beginner', 'intermediate', 'advanced'].includes(s.level)) problems.push(`${s.id}: level ${s.level}`);
      if (!s.minutes || s.minutes < 2 || s.minutes > 60) problems.push(`${s.id}: minutes ${s.minutes}`);
      if (!s.references?.length) problems.push(`${s.id}: no references`);
      for (const r of s.references ?? []) if (!/^(RFC \d+|MS-[A-Z0-9]+|KB\d{6,7}|Microsoft Learn: |draft-[a-z0-9-]+-\d\d )/.test(r)) problems.push(`${s.id}: reference "${r}" names no RFC, IETF draft, MS-* document, KB article or Microsoft Learn page`);
      if ((s.keywords?.length ?? 0) < 3) problems.push(`${s.id}: fewer than 3 keywords`);
    }
    expect(problems).toEqual([]);
  });

  it('the summary list carries the metadata to the picker', () => {
    for (const s of listScenarios()) expect(s.minutes && s.references && s.keywords).toBeTruthy();
  });

  it('a file with the old level name "basic" reads as beginner', () => {
    const json = JSON.parse(JSON.stringify(SCENARIOS.find((s) => s.level === 'beginner')));
    json.level = 'basic';
    const v = validateScenario(json);
    expect(v.ok && v.scenario.level).toBe('beginner');
    json.level = 'expert';
    expect(validateScenario(json).ok).toBe(false);
  });
});

describe('the start-here path', () => {
  const known = new Set(SCENARIOS.map((s) => s.id));
  it('lists only scenarios that exist, each once, and covers NTLM, Kerberos and Negotiate in that order', () => {
    const ids = pathIds();
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(START_HERE.map((s) => s.title)).toEqual(['How SSPI chooses a protocol', 'NTLM', 'Kerberos', 'Negotiate and its fallbacks', 'When things go wrong', 'The other providers']);
    const first = (g: string) => ids.findIndex((id) => SCENARIOS.find((s) => s.id === id)?.group === g);
    expect(first('NTLM')).toBeLessThan(first('Kerberos'));
    expect(ids.indexOf('ntlm-workgroup')).toBeLessThan(ids.indexOf('kerberos-smb'));
    expect(ids.indexOf('kerberos-smb')).toBeLessThan(ids.indexOf('negotiate-fallback-ip'));
  });
  it('starts with the architecture tour', () => {
    expect(pathIds(known)[0]).toBe('sspi-architecture-tour');
  });
  it('starts with beginner lessons', () => {
    for (const id of START_HERE[0].ids.concat(START_HERE[1].ids)) expect(SCENARIOS.find((s) => s.id === id)?.level).toBe('beginner');
  });
  it('drops ids that are not known and goes to the first lesson not finished', () => {
    expect(pathIds(new Set(['ntlm-domain', 'kerberos-smb']))).toEqual(['ntlm-domain', 'kerberos-smb']);
    const ids = pathIds(known);
    expect(nextOnPath(ids, new Set())).toBe(ids[0]);
    expect(nextOnPath(ids, new Set([ids[0], ids[2]]))).toBe(ids[1]);
    expect(nextOnPath(ids, new Set(ids))).toBeNull();
  });
});
