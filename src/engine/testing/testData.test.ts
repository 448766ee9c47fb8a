// test-data/README.md lists every file of test-data/fidelity (where it comes from, what it is for),
// and the licences the sources ask for travel with their files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIDELITY_DIR } from './fidelity';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

describe('test-data', () => {
  const readme = readFileSync(join(FIDELITY_DIR, '..', 'README.md'), 'utf8');
  const all = files(FIDELITY_DIR).map((f) => relative(FIDELITY_DIR, f));

  it('the README names every data file', () => {
    const own = new Set(['captures/openssl/README.md', 'captures/zeek/COPYING', 'captures/pyspnego-tokens/LICENSE']);
    const unnamed = all.filter((f) => !own.has(f)).filter((f) => {
      const base = f.split('/').pop()!;
      return !readme.includes(base) && !readme.includes(base.replace(/\.[a-z]+$/, ''));
    });
    expect(unnamed).toEqual([]);
  });

  it('copied data carries its licence: zeek (BSD) and pyspnego (MIT)', () => {
    expect(readFileSync(join(FIDELITY_DIR, 'captures/zeek/COPYING'), 'utf8')).toMatch(/Regents of the University of California/);
    expect(readFileSync(join(FIDELITY_DIR, 'captures/pyspnego-tokens/LICENSE'), 'utf8')).toMatch(/MIT License[\s\S]*Jordan Borean/);
  });

  it('nothing in it sends readers to a folder outside the repository', () => {
    for (const f of all.filter((x) => /\.(md|json)$/.test(x))) expect(readFileSync(join(FIDELITY_DIR, f), 'utf8'), f).not.toMatch(/shared\/fidelity|\.\.\/shared|do not copy/i);
  });
});
