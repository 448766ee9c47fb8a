// Each lesson's outcome in the words a trainer would check on the screen: the result, the mechanism
// that ran and the step that decides it.
import { describe, expect, it } from 'vitest';
import { getScenario } from '.';
import { simulate } from '../engine/simulate';
import { outcomeWhy } from '../store/reasons';
import { steps, type DecisionEvent, type MessageEvent, type Trace } from '../engine/trace';
import { concat, fromHex, hex, u32le, utf8 } from '../engine/bytes';
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

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
  const ntlmOf = (t: Trace) => messages(t).filter((m) => m.protocol === 'NTLM');
  const avPair = (m: MessageEvent, name: string): string | undefined => {
    let found: string | undefined;
    const walk = (fs: MessageEvent['fields']) => { for (const f of fs) { if (f.name === name && f.value) found ??= f.value; if (f.children) walk(f.children); } };
    walk(m.fields);
    return found;
  };

  it('over HTTPS with Extended Protection off: ROGUE passes Alice\'s three NTLM messages to FS01 unchanged inside its own TLS connection, FS01 accepts them and serves /certsrv/ to the attacker as Alice', () => {
    const t = run('ntlm-relay-and-epa');
    for (const name of ['NEGOTIATE_MESSAGE', 'CHALLENGE_MESSAGE', 'AUTHENTICATE_MESSAGE']) {
      const legs = ntlmOf(t).filter((m) => m.name === name);
      expect(legs.map((m) => `${m.from}>${m.to}`)).toEqual(name === 'CHALLENGE_MESSAGE' ? ['server>attacker', 'attacker>client'] : ['client>attacker', 'attacker>server']);
      expect(legs[0].hex).toBe(legs[1].hex);
      expect(legs.every((m) => m.carrier.id === 'tls' && m.layers.join('/') === 'TCP 443/TLS/HTTP/NTLMSSP')).toBe(true);
    }
    // Two TLS handshakes: the browser with ROGUE (CN=rogue), ROGUE with FS01.
    expect(decisions(t).filter((d) => d.condition === 'schannelEstablished').map((d) => d.node)).toEqual(['client', 'attacker']);
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'NTLM', status: 'SEC_E_OK' });
    expect(t.outcome.reason).toMatch(/rogue is logged on to https:\/\/fs01\.contoso\.local\/certsrv\/ as CONTOSO\\alice/);
    expect(messages(t).filter((m) => m.from === 'server').at(-1)!.carrier.name).toBe('HTTPS 200 OK');
    expect(decisions(t).at(-1)).toMatchObject({ node: 'server', condition: 'extendedProtection', decision: 'Accept the relayed logon: Extended Protection is off' });
    expect(outcomeWhy(t).title).toBe('Accept the relayed logon: Extended Protection is off');
  });

  it('the browser\'s AUTHENTICATE_MESSAGE carries MsvAvChannelBindings = MD5(gss_channel_bindings_struct over "tls-server-end-point:" + SHA-256 of ROGUE\'s certificate), MsvAvFlags announcing the MIC, and the MIC itself', () => {
    const t = run('ntlm-relay-and-epa');
    const auth = ntlmOf(t).find((m) => m.name === 'AUTHENTICATE_MESSAGE')!;
    const rogueCert = messages(t).find((m) => m.from === 'attacker' && m.to === 'client' && /Certificate/.test(m.name))!;
    const certHex = /3082[0-9a-f]{4}/.exec(rogueCert.hex)!;
    // The first certificate of the flight (a DER SEQUENCE with a two-byte length) is ROGUE's.
    const len = parseInt(certHex[0].slice(4), 16) + 4;
    const der = fromHex(rogueCert.hex.slice(certHex.index, certHex.index + 2 * len));
    const appData = concat(utf8('tls-server-end-point:'), sha256(der));
    const expected = hex(md5(concat(new Uint8Array(16), u32le(appData.length), appData)));
    expect(avPair(auth, 'MsvAvChannelBindings')).toBe(expected);
    expect(avPair(auth, 'MsvAvFlags')).toMatch(/MIC/);
    expect(t.events.some((e) => e.type === 'sspi-return' && e.call === 'QueryContextAttributes' && e.node === 'client' && /tls-server-end-point/.test(e.narration))).toBe(true);
  });

  it('with Extended Protection Required (and Accept: the browser sent a binding), FS01 compares the hash of its own channel and refuses: SEC_E_BAD_BINDINGS, 401, the relay gets nothing', () => {
    for (const extendedProtection of ['required', 'accept']) {
      const t = run('ntlm-relay-and-epa', { extendedProtection });
      expect(t.outcome).toMatchObject({ result: 'failed', mechanism: 'NTLM', status: 'SEC_E_BAD_BINDINGS' });
      const d = decisions(t).find((x) => x.condition === 'extendedProtection')!;
      expect(d.node).toBe('server');
      const sent = avPair(ntlmOf(t).find((m) => m.name === 'AUTHENTICATE_MESSAGE')!, 'MsvAvChannelBindings')!;
      expect(d.narration).toContain(`MsvAvChannelBindings ${sent} (from rogue's certificate`);
      expect(d.narration).toMatch(/\(from fs01\.contoso\.local's certificate\)/);
      const refusal = messages(t).find((m) => m.from === 'server' && m.error)!;
      expect(refusal.carrier.name).toBe('HTTPS 401 Unauthorized (NTLM)');
      expect(refusal.error!.name).toBe('SEC_E_BAD_BINDINGS');
      // The DC did validate Alice's answer: only the binding is wrong.
      expect(messages(t).some((m) => m.name === 'NetrLogonSamLogonWithFlags reply')).toBe(true);
    }
  });

  it('a client that binds nothing (MsvAvChannelBindings all zero) gets through "Accept" — the relay works — and only "Required" refuses it', () => {
    const accept = run('ntlm-relay-and-epa', { channelBindings: false, extendedProtection: 'accept' });
    expect(avPair(ntlmOf(accept).find((m) => m.name === 'AUTHENTICATE_MESSAGE')!, 'MsvAvChannelBindings')).toMatch(/^0{32}/);
    expect(accept.outcome).toMatchObject({ result: 'authenticated', mechanism: 'NTLM' });
    expect(accept.events.some((e) => e.type === 'note' && e.anchor === 'ntlm-channel-binding-absent')).toBe(true);
    const required = run('ntlm-relay-and-epa', { channelBindings: false, extendedProtection: 'required' });
    expect(required.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_BAD_BINDINGS' });
    expect(decisions(required).find((d) => d.condition === 'extendedProtection')!.decision).toBe('Refuse the logon: it carries no channel binding');
  });

  it('when the relay clears NTLMSSP_NEGOTIATE_SIGN in the AUTHENTICATE_MESSAGE, the MIC no longer matches: SEC_E_MESSAGE_ALTERED over HTTPS and over SMB', () => {
    for (const relayTarget of ['https', 'smb']) {
      const t = run('ntlm-relay-and-epa', { relayTampers: true, relayTarget });
      const [mine, forwarded] = ntlmOf(t).filter((m) => m.name === 'AUTHENTICATE_MESSAGE');
      expect(mine.hex).not.toBe(forwarded.hex);
      expect(forwarded.narration).toMatch(/NegotiateFlags 0xe2888235 → 0xe2880225/);
      expect(decisions(t).some((d) => d.condition === 'micMismatch')).toBe(true);
      expect(t.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_MESSAGE_ALTERED' });
    }
  });

  it('relayed to the SMB file share: FS01 accepts the logon (MIC intact) and connects the share; with signing required the first unsigned request gets STATUS_ACCESS_DENIED', () => {
    const t = run('ntlm-relay-and-epa', { relayTarget: 'smb' });
    for (const name of ['NEGOTIATE_MESSAGE', 'CHALLENGE_MESSAGE', 'AUTHENTICATE_MESSAGE']) {
      const legs = ntlmOf(t).filter((m) => m.name === name);
      expect(legs.map((m) => `${m.from}>${m.to}`)).toEqual(name === 'CHALLENGE_MESSAGE' ? ['server>attacker', 'attacker>client'] : ['client>attacker', 'attacker>server']);
      expect(legs[0].hex).toBe(legs[1].hex);
    }
    expect(ntlmOf(t).find((m) => m.name === 'AUTHENTICATE_MESSAGE')!.explain).toMatch(/A MIC protects all three messages/);
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'NTLM' });
    expect(messages(t).at(-1)!.carrier.name).toBe('SMB2 TREE_CONNECT response (STATUS_SUCCESS)');
    const signed = run('ntlm-relay-and-epa', { relayTarget: 'smb', smbSigningRequired: true });
    expect(signed.outcome).toMatchObject({ result: 'failed', status: 'STATUS_ACCESS_DENIED' });
    expect(decisions(signed).some((d) => d.condition === 'smbSigningRequired')).toBe(true);
    expect(messages(signed).some((m) => m.carrier.name === 'SMB2 SESSION_SETUP response (STATUS_SUCCESS)' && m.to === 'attacker')).toBe(true);
  });
});

