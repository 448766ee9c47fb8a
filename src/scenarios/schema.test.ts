import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '.';
import { parseScenarioText, validateScenario } from './schema';

describe('scenario schema', () => {
  it('accepts every built-in scenario (they are the same shape as a user file)', () => {
    for (const s of SCENARIOS) {
      const r = validateScenario(JSON.parse(JSON.stringify(s)));
      expect(r.ok ? [] : r.errors, s.id).toEqual([]);
    }
  });
  it('rejects unknown fields, wrong roles and bad parameters with their paths', () => {
    const s = JSON.parse(JSON.stringify(SCENARIOS.find((x) => x.application.protocol === 'smb2')));
    s.nodes[0].colour = 'blue';
    s.nodes[2].role = 'kdc';
    s.params = { kdcReachable: 'yes', nosuch: 1 };
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith('nodes[0]') && e.includes('colour'))).toBe(true);
    expect(r.errors.some((e) => e.startsWith('nodes[2].role'))).toBe(true);
    expect(r.errors).toContain('params.kdcReachable: parameter "kdcReachable" must be true or false');
    expect(r.errors).toContain('params.nosuch: unknown parameter "nosuch"');
  });
  it('requires SMB2 scenarios to go through Negotiate', () => {
    const s = JSON.parse(JSON.stringify(SCENARIOS.find((x) => x.application.protocol === 'smb2')));
    s.application.package = 'NTLM';
    const r = validateScenario(s);
    expect(r.ok ? [] : r.errors).toContain('application.package: SMB2 always authenticates through Negotiate (SPNEGO); use "Negotiate"');
  });
  it('never throws on garbage', () => {
    for (const t of ['', 'null', '[]', '42', '{"id":1}', '{', '{"nodes":[{}]}']) {
      expect(() => parseScenarioText(t)).not.toThrow();
      expect(parseScenarioText(t).ok).toBe(false);
    }
  });
});
