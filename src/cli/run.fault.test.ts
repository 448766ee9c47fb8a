// An engine fault (the simulator throws) exits 1 with one "engine fault" message, nothing on stdout.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../engine/simulate', () => ({
  simulate: () => { throw new TypeError('boom: a bug in the engine'); },
}));

const { runCli } = await import('./run');

describe('sim CLI: engine fault', () => {
  it('exits 1 and says it is a fault of the engine', () => {
    const r = runCli(['ntlm-workgroup', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: engine fault: TypeError: boom: a bug in the engine/);
  });
});
