// The picker groups the library by provider and by level, each entry showing its level and minutes.
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../../scenarios';
import { LEVELS, describe as entryText, groupScenarios } from './Picker';

describe('picker groups', () => {
  const list = listScenarios();
  const groups = groupScenarios(list);
  it('hold every scenario once, under "<provider> · <level>", providers in the registry\'s order and levels from beginner up', () => {
    expect(groups.flatMap(([, l]) => l.map((s) => s.id)).sort()).toEqual(list.map((s) => s.id).sort());
    for (const [label, l] of groups) for (const s of l) expect(label).toBe(`${s.group} · ${s.level}`);
    const providers = [...new Set(groups.map(([label]) => label.split(' · ')[0]))];
    expect(providers).toEqual([...new Set(list.map((s) => s.group))]);
    for (const p of providers) {
      const levels = groups.filter(([label]) => label.startsWith(`${p} · `)).map(([label]) => LEVELS.indexOf(label.split(' · ')[1] as never));
      expect(levels).toEqual([...levels].sort((a, b) => a - b));
    }
  });
  it('show each entry\'s level and minutes', () => {
    for (const s of list) expect(entryText(s)).toBe(`${s.level} · ${s.minutes} min`);
  });
});
