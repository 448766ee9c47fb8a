// The interactive logon with no domain controller reachable (kdcReachable=false in a logon-first
// scenario): Windows logs the user on against the verifier cached at the last logon here (MS-Cache v2),
// with no TGT, and Negotiate then falls back to NTLM for the share; a wrong password, or no cached
// logon (cachedLogon=false: a first logon here, CachedLogonsCount = 0), fails at the logon screen.
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../scenarios';
import { simulate } from '../../simulate';
import type { ParamValue } from '../../params';
import type { Trace } from '../../trace';

const run = (params: Record<string, ParamValue>): Trace => simulate(getScenario('kerberos-smb')!, { params });
const logonReturn = (t: Trace) => t.events.find((e) => e.type === 'sspi-return' && e.call === 'LsaLogonUser');
const decision = (t: Trace) => t.events.find((e) => e.type === 'decision' && e.condition === 'cachedLogon');

describe('cached logon when no KDC answers', () => {
  it('the right password: logged on from the cache with no TGT, then Negotiate falls back to NTLM and FS01 asks the DC', () => {
    const t = run({ kdcReachable: false });
    expect(logonReturn(t)).toMatchObject({ status: 'SEC_E_OK' });
    expect(decision(t)).toMatchObject({ decision: 'No domain controller → log on with cached credentials' });
    const lost = t.events.filter((e) => e.type === 'message' && e.name === 'AS-REQ' && e.lost);
    expect(lost).toHaveLength(2); // the logon's, then the Kerberos SSP's own try for the share
    expect(t.events.some((e) => e.type === 'message' && e.name === 'TGS-REQ')).toBe(false);
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'NTLM' });
    expect(t.events.some((e) => e.type === 'message' && e.protocol === 'Netlogon')).toBe(true);
  });

  it('a wrong password: refused against the cached verifier, the application never runs', () => {
    const t = run({ kdcReachable: false, password: 'Winter2016!' });
    expect(logonReturn(t)).toMatchObject({ status: 'SEC_E_LOGON_DENIED', error: { name: 'STATUS_LOGON_FAILURE' } });
    expect(t.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_LOGON_DENIED' });
    expect(t.events.some((e) => e.type === 'message' && e.protocol === 'SMB2')).toBe(false);
  });

  it('no cached logon: "no logon servers available", the application never runs', () => {
    const t = run({ kdcReachable: false, cachedLogon: false });
    expect(logonReturn(t)).toMatchObject({ status: 'SEC_E_NO_AUTHENTICATING_AUTHORITY' });
    expect(decision(t)?.narration).toMatch(/has none/);
    expect(t.outcome.result).toBe('failed');
  });

  it('with the KDC reachable the cache plays no part', () => {
    const t = run({ cachedLogon: false });
    expect(decision(t)).toBeUndefined();
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'Kerberos' });
  });
});
