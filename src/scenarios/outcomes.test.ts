// Each lesson's outcome in the words a trainer would check on the screen: the result, the mechanism
// that ran and the step that decides it.
import { describe, expect, it } from 'vitest';
import { getScenario } from '.';
import { simulate } from '../engine/simulate';
import { steps, type DecisionEvent, type MessageEvent, type Trace } from '../engine/trace';

function run(id: string, params = {}): Trace {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return simulate(s, { params });
}
const decisions = (t: Trace) => t.events.filter((e): e is DecisionEvent => e.type === 'decision');
const messages = (t: Trace) => t.events.filter((e): e is MessageEvent => e.type === 'message');

describe('sspi-architecture-tour', () => {
  const t = run('sspi-architecture-tour');
  it('every machine first lists its packages (EnumerateSecurityPackages, with each SecPkgInfo\'s capabilities), then Negotiate picks Kerberos and the site opens', () => {
    const listed = decisions(t).filter((d) => d.condition === 'enumerateSecurityPackages');
    expect(listed.map((d) => d.node)).toEqual(['client', 'server', 'dc']);
    expect(steps(t).slice(0, 3).map((s) => s.id)).toEqual(listed.map((d) => d.id));
    for (const d of listed) {
      expect(d.because).toMatch(/Kerberos 0x000f3bbf, NTLM 0x00082b37/);
      expect(d.narration).toMatch(/Negotiate \(lsasrv\.dll\): .*Negotiate may choose it|Kerberos \(kerberos\.dll\): signing, sealing/);
    }
    expect(t.events.filter((e) => e.type === 'sspi-call' && e.call === 'EnumerateSecurityPackages')).toHaveLength(3);
    const ret = t.events.find((e) => e.type === 'sspi-return' && e.call === 'EnumerateSecurityPackages')!;
    expect(ret.narration).toMatch(/Kerberos: fCapabilities SECPKG_FLAG_INTEGRITY \| SECPKG_FLAG_PRIVACY.*cbMaxToken 48000/);
    expect(t.outcome).toMatchObject({ result: 'authenticated', package: 'Negotiate', mechanism: 'Kerberos', status: 'SEC_E_OK' });
  });
  it('the logon comes first (AS exchange before any HTTP), and the application carries the AP-REQ as an opaque Negotiate header', () => {
    const ms = messages(t);
    expect(ms.findIndex((m) => m.name === 'AS-REP')).toBeLessThan(ms.findIndex((m) => m.carrier.id === 'http'));
    const ap = ms.find((m) => m.name === 'AP-REQ')!;
    expect(ap.layers[0]).toBe('HTTP');
    expect(ap.layers[1]).toMatch(/^SPNEGO/);
    expect(ap.carrier.name).toMatch(/Authorization: Negotiate/);
  });
});

describe('windows-2016-vs-2025', () => {
  it('from a 2016 client the old TLS 1.0/1.1 server works with TLS 1.1; from a 2025 client the same connection fails with protocol_version, because TLS 1.0 and 1.1 are off by default', () => {
    const old = run('windows-2016-vs-2025');
    expect(old.outcome).toMatchObject({ result: 'authenticated', mechanism: 'Schannel' });
    expect(decisions(old).find((d) => d.condition === 'bestCommonVersion')?.decision).toBe('Use TLS 1.1');
    const now = run('windows-2016-vs-2025', { windowsRelease: '2025' });
    expect(now.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_ALGORITHM_MISMATCH' });
    expect(decisions(now).some((d) => d.condition === 'noCommonVersion')).toBe(true);
    expect(messages(now).find((m) => m.name === 'Alert')?.explain).toMatch(/protocol_version/);
  });
  it('with TLS 1.2 on the server, both profiles connect (2016 with TLS 1.2, 2025 with TLS 1.2: the server has no TLS 1.3)', () => {
    for (const windowsRelease of ['2016', '2025']) {
      const t = run('windows-2016-vs-2025', { windowsRelease, serverTls12: 'on' });
      expect(t.outcome.result).toBe('authenticated');
      expect(decisions(t).find((d) => d.condition === 'bestCommonVersion')?.decision).toBe('Use TLS 1.2');
    }
  });
});

describe('ntlm-relay-and-epa', () => {
  it('the attacker passes Alice\'s NTLM tokens through unchanged, FS01 accepts them (MIC intact) and connects the share for the attacker; with signing required the first unsigned request gets STATUS_ACCESS_DENIED', () => {
    const t = run('ntlm-relay-and-epa');
    const ntlm = messages(t).filter((m) => m.protocol === 'NTLM');
    for (const name of ['NEGOTIATE_MESSAGE', 'CHALLENGE_MESSAGE', 'AUTHENTICATE_MESSAGE']) {
      const legs = ntlm.filter((m) => m.name === name);
      expect(legs.map((m) => `${m.from}>${m.to}`)).toEqual(name === 'CHALLENGE_MESSAGE' ? ['server>attacker', 'attacker>client'] : ['client>attacker', 'attacker>server']);
      expect(legs[0].hex).toBe(legs[1].hex);
    }
    expect(ntlm.find((m) => m.name === 'AUTHENTICATE_MESSAGE')!.explain).toMatch(/A MIC protects all three messages/);
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'NTLM' });
    expect(messages(t).at(-1)!.carrier.name).toBe('SMB2 TREE_CONNECT response (STATUS_SUCCESS)');
    const signed = run('ntlm-relay-and-epa', { smbSigningRequired: true });
    expect(signed.outcome).toMatchObject({ result: 'failed', status: 'STATUS_ACCESS_DENIED' });
    expect(decisions(signed).some((d) => d.condition === 'smbSigningRequired')).toBe(true);
    expect(messages(signed).some((m) => m.carrier.name === 'SMB2 SESSION_SETUP response (STATUS_SUCCESS)' && m.to === 'attacker')).toBe(true);
  });
});
