// Issue 10 item 6: truths found checking the bytes against real tools.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { getScenario } from '../scenarios';

describe('a failed interactive logon does not go on to open the share', () => {
  it('kerberos-smb with a wrong password: the logon fails, no SMB2 message follows, the outcome is the logon\'s status', () => {
    const trace = simulate(getScenario('kerberos-smb')!, { params: { password: 'wrong' } });
    const logon = trace.events.find((e) => e.type === 'sspi-return' && e.call === 'LsaLogonUser' && e.layer === 'app');
    expect(logon && logon.type === 'sspi-return' && logon.status).not.toBe('SEC_E_OK');
    expect(trace.events.some((e) => e.type === 'message' && e.carrier.id === 'smb2')).toBe(false);
    expect(trace.outcome.result).toBe('failed');
    expect(trace.outcome.status).toBe(logon && logon.type === 'sspi-return' ? logon.status : '');
  });
  it('with the right password the share opens', () => {
    const trace = simulate(getScenario('kerberos-smb')!);
    expect(trace.events.some((e) => e.type === 'message' && e.carrier.id === 'smb2')).toBe(true);
  });
});
