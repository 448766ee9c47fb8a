import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, REACT_CHUNK, hintEntryChunks } from './firstLoad';

const chunk = (fileName: string, isEntry: boolean, code: string) => ({ type: 'chunk' as const, fileName, isEntry, code, map: { mappings: 'AAAA;AACA' } });

describe('the first load: compile hint and React chunk', () => {
  it('puts the hint on the first line of entry chunks only, and moves their source maps down one line', () => {
    const bundle = {
      'assets/index.js': chunk('assets/index.js', true, 'const a=1;\nexport{a};'),
      'assets/index.js.map': { type: 'asset' as const, fileName: 'assets/index.js.map', source: JSON.stringify({ version: 3, mappings: 'AAAA;AACA' }) },
      'assets/Inspector.js': chunk('assets/Inspector.js', false, 'export const b=2;'),
    };
    expect(hintEntryChunks(bundle)).toEqual(['assets/index.js']);
    expect(bundle['assets/index.js'].code).toBe(`${COMPILE_HINT}\nconst a=1;\nexport{a};`);
    expect(bundle['assets/index.js'].map.mappings).toBe(';AAAA;AACA');
    expect(JSON.parse(bundle['assets/index.js.map'].source).mappings).toBe(';AAAA;AACA');
    expect(bundle['assets/Inspector.js'].code).toBe('export const b=2;');
    expect(bundle['assets/Inspector.js'].map.mappings).toBe('AAAA;AACA');
  });

  it('hints a chunk once, however often it runs', () => {
    const bundle = { 'i.js': chunk('i.js', true, 'x()') };
    hintEntryChunks(bundle);
    expect(hintEntryChunks(bundle)).toEqual([]);
    expect(bundle['i.js'].code).toBe(`${COMPILE_HINT}\nx()`);
  });

  it('groups React, React DOM and the scheduler, and nothing else', () => {
    for (const id of ['/p/node_modules/react/index.js', '/p/node_modules/react-dom/client.js', 'C:\\p\\node_modules\\scheduler\\index.js']) expect(REACT_CHUNK.test.test(id)).toBe(true);
    for (const id of ['/p/node_modules/@xyflow/react/dist/index.js', '/p/node_modules/react-is/index.js', '/p/src/components/App/App.tsx']) expect(REACT_CHUNK.test.test(id)).toBe(false);
  });
});
