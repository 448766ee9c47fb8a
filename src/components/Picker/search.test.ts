import { describe, expect, it } from 'vitest';
import { listScenarios } from '../../scenarios';
import { normalize, scoreScenario, searchScenarios } from './search';

const list = listScenarios();
const top = (q: string) => searchScenarios(list, q).map((s) => s.id);

describe('picker search', () => {
  it('normalizes error names and punctuation', () => {
    expect(normalize('KDC_ERR_S_PRINCIPAL_UNKNOWN')).toBe('kdc err s principal unknown');
    expect(normalize('  Clock-Skew!! ')).toBe('clock skew');
  });
  it('finds what a person would type', () => {
    expect(top('clock skew')[0]).toBe('kerberos-clock-skew');
    expect(top('wrong password')[0]).toBe('kerberos-wrong-password');
    expect(top('KDC_ERR_S_PRINCIPAL_UNKNOWN')).toEqual(expect.arrayContaining(['negotiate-fallback-no-spn', 'kerberos-duplicate-spn']));
    expect(top('kdc_err_s_principal_unknown').slice(0, 2).sort()).toEqual(['kerberos-duplicate-spn', 'negotiate-fallback-no-spn']);
    expect(top('duplicate spn')[0]).toBe('kerberos-duplicate-spn');
    expect(top('KRB_AP_ERR_MODIFIED')[0]).toBe('kerberos-stale-service-key');
    expect(top('MS-NLMP')).toContain('ntlm-workgroup');
    expect(top('KB244474')).toEqual(['kerberos-udp-too-big']);
    expect(top('ip address')[0]).toMatch(/negotiate-fallback-ip|ntlm-blocked-by-policy/);
    expect(top('why ntlm').length).toBeGreaterThan(2);
  });
  it('needs every word; an empty query or unknown words match nothing', () => {
    expect(top('')).toEqual([]);
    expect(top('   ')).toEqual([]);
    expect(top('zebra kerberos')).toEqual([]);
    expect(top('double hop zebra')).toEqual([]);
  });
  it('finds the lessons by the words people search for', () => {
    expect(top('double hop')[0]).toBe('kerberos-double-hop');
    expect(top('RDP')).toContain('credssp-rdp');
    expect(top('KDC_ERR_S_PRINCIPAL_UNKNOWN')).toContain('kerberos-duplicate-spn');
  });
  it('ranks a title or keyword match above a mention in the goal', () => {
    const skew = list.find((s) => s.id === 'kerberos-clock-skew')!;
    const smb = list.find((s) => s.id === 'kerberos-smb')!;
    expect(scoreScenario(skew, 'skew')).toBeGreaterThan(0);
    expect(scoreScenario(smb, 'skew')).toBe(0);
    expect(scoreScenario(skew, 'clock')).toBeGreaterThan(scoreScenario({ ...skew, title: 'x', keywords: [] }, 'clock'));
  });
});
