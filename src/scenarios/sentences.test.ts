// Issue 17: sentences that were wrong or misleading, each pinned in its corrected form. Every test
// runs the real engine with the parameters that showed the wrong sentence and checks what it says now.
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import type { ParamValue } from '../engine/params';
import { steps, type DecisionEvent, type MessageEvent, type Trace } from '../engine/trace';
import { getScenario } from '.';
import { DEFAULT_CHALLENGE_LIFETIME_SECONDS } from '../engine/packages/ntlm';
import { PARAMETERS } from '../engine/params';

function run(id: string, params: Record<string, ParamValue> = {}): Trace {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return simulate(s, { params });
}
const decisions = (t: Trace) => t.events.filter((e): e is DecisionEvent => e.type === 'decision');
const messages = (t: Trace) => t.events.filter((e): e is MessageEvent => e.type === 'message');
const allText = (t: Trace) => [t.scenario.goal, ...t.events.map((e) => e.narration), ...messages(t).map((m) => m.explain)].join('\n');

describe('1. Negotiate stops after a fallback-worthy Kerberos failure only because NTLM is off', () => {
  it.each<[string, Record<string, ParamValue>]>([
    ['kdcReachable=false', { kdcReachable: false }],
    ['duplicateSpn=true', { duplicateSpn: true }],
    ['serviceEnctypes=none', { serviceEnctypes: 'none' }],
    ['target=<ip> tryIpSpn=true', { target: '10.0.0.21', tryIpSpn: true }],
  ])('%s', (_name, params) => {
    const t = run('negotiate-no-common-protocol', params);
    expect(allText(t) + JSON.stringify(decisions(t))).not.toMatch(/not a reason to use NTLM/);
    // With TryIPSPN and the IP SPN registered, Kerberos works: the server, which has it off, rejects.
    if (params.tryIpSpn) { expect(decisions(t).some((d) => d.condition === 'noCommonProtocol')).toBe(true); return; }
    const last = decisions(t).find((d) => d.node === 'client' && /Kerberos failed/.test(d.decision));
    expect(last, 'the client decides after Kerberos fails').toBeTruthy();
    expect(last!.condition).toBe('noFallbackMechanism');
    expect(last!.because).toMatch(/would drop Kerberos and offer NTLM/);
    expect(last!.because).toMatch(/NTLM is switched off on/);
    expect(last!.because).not.toMatch(/not a reason to use NTLM/);
  });
  it('a wrong password still says it is no reason for NTLM', () => {
    const t = run('negotiate-kerberos-http', { password: 'wrong' });
    const d = decisions(t).find((x) => x.condition === 'kerberosHardFailure');
    expect(d?.because).toMatch(/not a reason to use NTLM/);
  });
});

describe('2. request-mic: NTLM is not the acceptor\'s preferred mechanism (RFC 4178 §5)', () => {
  it.each(['ntlm-domain', 'negotiate-fallback-ip', 'negotiate-fallback-no-spn', 'negotiate-fallback-kdc-down'])('%s', (id) => {
    const t = run(id);
    const text = JSON.stringify(messages(t).map((m) => m.fields));
    expect(text).toContain('request-mic (3)');
    expect(text).toMatch(/not its own \(the acceptor's\) preferred one/);
    expect(text).toContain('RFC 4178 §5');
    expect(text).not.toMatch(/first choice was not taken/);
  });
});

describe('3. An SMB2 authentication error carries only the NTSTATUS: the SSP\'s token is shown as not sent', () => {
  it.each<[string, string, Record<string, ParamValue>]>([
    ['kerberos-smb', 'staleServiceKey=true', { staleServiceKey: true }],
    ['kerberos-smb', 'serverClockSkewMinutes=7', { serverClockSkewMinutes: 7 }],
    ['ntlm-domain', 'password=wrong', { password: 'wrong' }],
  ])('%s %s', (id, _n, params) => {
    const t = run(id, params);
    const last = messages(t).filter((m) => m.carrier.id === 'smb2').pop()!;
    expect(last.carrier.name).toMatch(/STATUS_LOGON_FAILURE/);
    expect(last.tokenNotSent).toBe(true);
    expect(last.narration).toMatch(/but it is not sent/);
    expect(last.narration).toMatch(/MS-SMB2 3\.3\.5\.5\.3/);
    expect(last.narration).not.toMatch(/ inside SMB2 SESSION_SETUP response/);
    expect(last.explain).toMatch(/only the NTSTATUS/);
    // The carrier (what went on the wire) holds no token: the ERROR response is 4 + 64 + 9 bytes.
    expect(last.carrier.hex.length / 2).toBe(4 + 64 + 9);
  });
  it('tokens that do travel are not marked', () => {
    for (const m of messages(run('kerberos-smb'))) expect(m.tokenNotSent).toBeUndefined();
  });
});

describe('4. The NTLM challenge lifetime is MSV1_0_MAX_NTLM3_LIFE as from Windows XP / 2003: 129,600 s', () => {
  it('is the default', () => { expect(DEFAULT_CHALLENGE_LIFETIME_SECONDS).toBe(129_600); });
  it('a delay under 36 hours does not expire the challenge; over it does, and the text says 36 hours', () => {
    expect(run('ntlm-workgroup', { authenticateDelaySeconds: 7200 }).outcome.result).toBe('authenticated');
    const t = run('ntlm-workgroup', { authenticateDelaySeconds: 130_000 });
    expect(t.outcome.result).toBe('failed');
    expect(allText(t)).toMatch(/129600 s \(MSV1_0_MAX_NTLM3_LIFE, 36 hours since Windows XP \/ Server 2003\)/);
    expect(allText(t)).not.toMatch(/1800 s/);
  });
  it('the delay parameter can reach past 36 hours', () => {
    const p = PARAMETERS.find((x) => x.name === 'authenticateDelaySeconds')!;
    expect((p as { max?: number }).max).toBeGreaterThan(129_600);
  });
});

describe('5. ntlm-workgroup: the session key is sent, RC4-encrypted (EncryptedRandomSessionKey)', () => {
  it('goal', () => {
    const t = run('ntlm-workgroup');
    expect(t.scenario.goal).not.toMatch(/without ever sending it/);
    expect(t.scenario.goal).toMatch(/EncryptedRandomSessionKey, MS-NLMP 3\.1\.5\.1\.2/);
    expect(JSON.stringify(messages(t).map((m) => m.fields))).toContain('NTLMSSP_NEGOTIATE_KEY_EXCH');
  });
});

describe('6. A failed logon has no logon session: the account is not "the logged-on user"', () => {
  it('kerberos-smb --set user=mallory', () => {
    const t = run('kerberos-smb', { user: 'mallory' });
    // No logon session: the application never runs, so nothing calls AcquireCredentialsHandle as "the logged-on user".
    const ach = t.events.find((e) => e.type === 'sspi-call' && e.call === 'AcquireCredentialsHandle' && e.node === 'client' && e.layer === 'app');
    expect(ach).toBeUndefined();
    expect(t.events.some((e) => /mallory, the logged-on user/.test(e.narration ?? ''))).toBe(false);
    expect(t.outcome.reason).toMatch(/no session, so the application never ran/);
    const logon = t.events.find((e) => e.type === 'sspi-return' && e.call === 'LsaLogonUser')!;
    expect(logon.narration).toMatch(/No logon session is created/);
  });
  it('alice, logged on, still is the logged-on user', () => {
    const t = run('kerberos-smb');
    expect(allText(t)).toMatch(/CONTOSO\\alice, the logged-on user/);
  });
});

describe('Also', () => {
  it('no goal says "the seed document"', () => {
    for (const id of ['single-kerberos-client-ntlm-only', 'negotiate-no-common-protocol']) {
      const g = run(id).scenario.goal;
      expect(g).not.toMatch(/seed document/);
      expect(g).toMatch(/Microsoft's "Security Support Provider Interface Architecture" document/);
    }
  });
  it('NTLM over HTTP cites MS-NTHT, Negotiate over HTTP MS-N2HT', () => {
    const ntlm = steps(run('ntlm-workgroup')).find((s) => s.type === 'message' && /401/.test(s.carrier.name))!;
    expect(ntlm.narration).toMatch(/MS-NTHT/);
    expect(ntlm.narration).not.toMatch(/N2HT/);
    const nego = steps(run('negotiate-kerberos-http')).find((s) => s.type === 'message' && /401/.test(s.carrier.name))!;
    expect(nego.narration).toMatch(/MS-N2HT/);
  });
  it('an IP address: Windows can form the SPN, and uses it only with TryIPSPN', () => {
    const t = run('negotiate-fallback-ip');
    const d = decisions(t).find((x) => x.condition === 'targetIsIpAddress')!;
    expect(d.because).toMatch(/can form an SPN from it, but does not use it for Kerberos unless the TryIPSPN/);
    expect(t.scenario.goal).not.toMatch(/does not make one from an IP address/);
    expect(allText(t)).not.toMatch(/does not build a Kerberos SPN/);
  });
  it('the multipart/encrypted body is WinRM\'s (MS-WSMV), not a browser\'s', () => {
    const t = run('negotiate-kerberos-http');
    const post = messages(t).find((m) => /POST/.test(m.carrier.name))!;
    expect(post.carrier.name).toMatch(/WinRM/);
    const call = t.events.find((e) => e.type === 'sspi-call' && e.call === 'EncryptMessage')!;
    expect(call.narration).toMatch(/as WinRM does over HTTP \(MS-WSMV\), not as a browser and IIS do/);
  });
});
