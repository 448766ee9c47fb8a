import { describe, expect, it } from 'vitest';
import type { EngineApi } from './engine';
import { parseQuery, toQuery } from './url';

// A registry-only engine: it lists two scenario ids and two parameters, and never runs anything.
const registry: EngineApi = {
  listScenarios: () => [
    { id: 'ntlm-workgroup', title: 'NTLM in a workgroup', group: 'NTLM', level: 'beginner', goal: '' },
    { id: 'negotiate-kerberos-http', title: 'Negotiate over HTTP', group: 'Negotiate', level: 'beginner', goal: '' },
  ],
  run: () => { throw new Error('not used'); },
  parameters: [
    { name: 'kdcReachable', label: 'KDC reachable', type: 'boolean', default: true, meaning: '' },
    { name: 'clockSkewMinutes', label: 'Clock skew', type: 'number', default: 0, meaning: '' },
  ],
  parseParam(name, raw) {
    if (name === 'kdcReachable') return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : { ok: false, error: 'expected true or false' };
    if (name === 'clockSkewMinutes') return /^-?\d+$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false, error: 'expected a whole number' };
    return { ok: false, error: 'unknown' };
  },
};

describe('URL query', () => {
  it('keeps the view a trainer prepares: presenter, hide outcome and the panels closed', () => {
    const q = parseQuery('?scenario=ntlm-workgroup&presenter=1&hideOutcome=1&closed=topology,inspector&tab=state', registry);
    expect(q.view).toEqual({ presenter: true, hideOutcome: true, layered: false, view: 'diagram', closed: ['topology', 'inspector'], tab: 'state' });
    expect(q.params).toEqual({});
    const settings = { presenter: true, hideOutcome: true, layered: false, view: 'diagram' as const, inspectorCollapsed: true, topologyCollapsed: true, nodeStateOpen: true, tab: 'state' as const, panelDefaults: [] };
    expect(toQuery({ scenarioId: 'ntlm-workgroup', cursor: 0, client: null, server: null, params: {}, settings }))
      .toBe('scenario=ntlm-workgroup&step=1&presenter=1&hideOutcome=1&closed=topology,inspector&tab=state');
    expect(toQuery({ scenarioId: 'ntlm-workgroup', cursor: 0, client: null, server: null, params: {}, settings: { ...settings, presenter: false, hideOutcome: false, inspectorCollapsed: false, topologyCollapsed: false, tab: 'diagram', panelDefaults: ['state'] } }))
      .toBe('scenario=ntlm-workgroup&step=1&closed=-');
  });

  it('parses scenario, step, packages and parameters', () => {
    const q = parseQuery('?scenario=negotiate-kerberos-http&step=7&server=ntlm,Negotiate&kdcReachable=false&clockSkewMinutes=7', registry);
    expect(q).toEqual({
      scenarioId: 'negotiate-kerberos-http', step: 7, client: null, server: ['NTLM', 'Negotiate'],
      params: { kdcReachable: false, clockSkewMinutes: 7 }, notices: [],
      view: { presenter: false, hideOutcome: false, layered: false, view: 'diagram', closed: null, tab: 'diagram' },
    });
  });

  it('turns every bad value into a notice, never a throw', () => {
    const q = parseQuery('scenario=nope&step=x&client=Kerberos,Bogus&kdcReachable=maybe&color=red', registry);
    expect(q.scenarioId).toBeNull();
    expect(q.step).toBeNull();
    expect(q.client).toEqual(['Kerberos']);
    expect(q.params).toEqual({});
    expect(q.notices).toHaveLength(5);
    expect(q.notices.join('\n')).toMatch(/nope/);
    expect(q.notices.join('\n')).toMatch(/step=x/);
    expect(q.notices.join('\n')).toMatch(/Bogus/);
    expect(q.notices.join('\n')).toMatch(/kdcReachable=maybe/);
    expect(q.notices.join('\n')).toMatch(/color/);
  });

  it('round-trips a state, with an empty package list written as "-"', () => {
    const state = { scenarioId: 'ntlm-workgroup', cursor: 2, client: [], server: ['NTLM' as const], params: { clockSkewMinutes: -3 } };
    const s = toQuery(state);
    expect(s).toBe('scenario=ntlm-workgroup&step=3&client=-&server=NTLM&clockSkewMinutes=-3');
    const back = parseQuery(s, registry);
    expect(back).toMatchObject({ scenarioId: 'ntlm-workgroup', step: 3, client: [], server: ['NTLM'], params: { clockSkewMinutes: -3 }, notices: [] });
  });
});
