// Real tokens (pyspnego's test data, a Windows DC's CHALLENGE and the matching AUTHENTICATE) decode
// to the right fields with every byte covered; build/parse round-trips; decoders fail only with DecodeError.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadVectors, readFidelity } from '../../../testing/fidelity';
import { DecodeError, fromHex, hex } from '../../../bytes';
import { leaves, uncovered, type Field } from '../../../encoding/fields';
import * as C from '../crypto';
import { parseNegotiate, buildNegotiate } from './negotiate';
import { parseChallenge, buildChallenge } from './challenge';
import { parseAuthenticate, buildAuthenticate } from './authenticate';
import { AV, avString, avU32 } from './avPairs';
import { NTLMSSP, flagNamesOf } from './flags';
import { WINDOWS_2016 } from './version';

const tokens = loadVectors('real-tokens-pyspnego.json');
const check = tokens.vectors.find((v) => v.id === 'real-ntlmv2-exchange-check')!;
const tok = (name: string) => readFidelity(`captures/pyspnego-tokens/${name}`);
const find = (fs: Field[], name: string): Field | undefined => {
  for (const f of fs) { if (f.name === name) return f; const c = f.children && find(f.children, name); if (c) return c; }
  return undefined;
};

describe('real NTLM tokens (pyspnego tests/data)', () => {
  it('the files match the hex in real-tokens-pyspnego.json', () => {
    for (const id of ['ntlm_negotiate', 'ntlm_challenge', 'ntlm_authenticate', 'ntlm_authenticate_no_sign_seal']) {
      expect(hex(tok(id))).toBe((tokens.vectors.find((v) => v.id === id) as unknown as { hex: string }).hex);
    }
  });

  it('decodes the NEGOTIATE_MESSAGE (flags 0xe20882b7, version 10.0.17763)', () => {
    const b = tok('ntlm_negotiate');
    const p = parseNegotiate(b);
    expect(p.msg.flags).toBe(0xe20882b7);
    expect(p.msg.version).toEqual({ major: 10, minor: 0, build: 17763, revision: 15 });
    expect(flagNamesOf(p.msg.flags)).toContain('NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY');
    expect(uncovered(p.fields, b.length)).toEqual([]);
  });

  it('decodes the CHALLENGE_MESSAGE of a Windows DC (DOMAIN, DC01, domain.local)', () => {
    const b = tok('ntlm_challenge');
    const p = parseChallenge(b);
    expect(p.msg.targetName).toBe('DOMAIN');
    expect(hex(p.msg.serverChallenge)).toBe(check.inputs.server_challenge_hex);
    const ti = Object.fromEntries(p.msg.targetInfo!.map((x) => [x.id, x.id === AV.MsvAvTimestamp ? hex(x.value) : String.fromCharCode(...Array.from({ length: x.value.length / 2 }, (_, i) => x.value[2 * i]))]));
    expect(ti[AV.MsvAvNbDomainName]).toBe('DOMAIN');
    expect(ti[AV.MsvAvNbComputerName]).toBe('DC01');
    expect(ti[AV.MsvAvDnsDomainName]).toBe('domain.local');
    expect(ti[AV.MsvAvDnsComputerName]).toBe('DC01.domain.local');
    expect(ti[AV.MsvAvDnsTreeName]).toBe('domain.local');
    expect(ti[AV.MsvAvTimestamp]).toBe('f8819288991ed601');
    expect(uncovered(p.fields, b.length)).toEqual([]);
  });

  it('decodes the AUTHENTICATE_MESSAGE and its NTProofStr recomputes from the password VagrantPass1', () => {
    const b = tok('ntlm_authenticate');
    const p = parseAuthenticate(b);
    const e = check.expected as Record<string, string>;
    expect(p.msg.user).toBe(check.inputs.user_as_sent);
    expect(p.msg.user).toBe('vagrant-domain@DOMAIN.LOCAL');
    expect(p.msg.domain).toBe(check.inputs.domain_as_sent);
    expect(p.msg.workstation).toBe('JBOREAN-LINUX');
    expect(p.kind).toBe('NTLMv2');
    expect(p.micOffset).toBeNull(); // MsvAvFlags = 0 in this blob: no MIC, payload starts at 72
    expect(uncovered(p.fields, b.length)).toEqual([]);
    const sc = fromHex(check.inputs.server_challenge_hex as string);
    const key = C.ntowfv2(check.inputs.password as string, p.msg.user, p.msg.domain);
    expect(hex(key)).toBe(e.ResponseKeyNT_hex);
    const r = C.computeResponseV2(key, sc, p.ntlmv2!.clientChallenge, p.ntlmv2!.temp);
    expect(hex(r.ntProofStr)).toBe(hex(p.ntlmv2!.ntProofStr));
    expect(hex(r.ntProofStr)).toBe(e.NTProofStr_hex);
    expect(hex(r.sessionBaseKey)).toBe(e.SessionBaseKey_hex);
    expect(hex(p.msg.encryptedRandomSessionKey)).toBe(e.EncryptedRandomSessionKey_hex);
    expect(hex(C.decryptSessionKey(r.sessionBaseKey, p.msg.encryptedRandomSessionKey))).toBe(e.ExportedSessionKey_hex);
    expect(find(p.fields, 'NTProofStr')!.explain).toMatch(/HMAC_MD5\(NTOWFv2, ServerChallenge \|\| blob\)/);
  });

  it('finds the MIC in the no-sign/seal AUTHENTICATE_MESSAGE (MsvAvFlags 0x2)', () => {
    const b = tok('ntlm_authenticate_no_sign_seal');
    const p = parseAuthenticate(b);
    expect(p.micOffset).toBe(72);
    expect(hex(p.msg.mic!)).toBe('fe935dc88b782a1c01ae3965cf77627d');
    expect(p.msg.user).toBe('vagrant');
    expect(p.msg.workstation).toBe('JBOREAN-LINUX');
    expect(p.msg.flags & NTLMSSP.NEGOTIATE_SEAL).toBe(0);
    expect(find(p.fields, 'MsvAvTargetName')!.value).toBe('HOST/192.168.121.229');
    expect(uncovered(p.fields, b.length)).toEqual([]);
    // leaves are in order and inside the message
    for (const l of leaves(p.fields)) { expect(l.start).toBeGreaterThanOrEqual(0); expect(l.end).toBeLessThanOrEqual(b.length); }
  });
});

const name = fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x'));
const uname = fc.string({ maxLength: 20, unit: 'binary' }).map((s) => s.replace(/[\ud800-\udfff]/g, '?'));

describe('round trips and robustness (fast-check)', () => {
  it('NEGOTIATE: parse(build(x)) == x', () => {
    fc.assert(fc.property(name, name, fc.boolean(), fc.integer({ min: 0, max: 0xffffffff }), (domain, workstation, withVersion, flags) => {
      const m = { flags, domain, workstation, version: withVersion ? WINDOWS_2016 : null };
      const b = buildNegotiate(m);
      const p = parseNegotiate(b);
      expect(p.msg).toEqual(m);
      expect(uncovered(p.fields, b.length)).toEqual([]);
    }));
  });
  it('CHALLENGE: parse(build(x)) == x', () => {
    fc.assert(fc.property(uname, uname, fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.boolean(), (target, dns, sc, ti) => {
      const flags = NTLMSSP.NEGOTIATE_UNICODE | NTLMSSP.NEGOTIATE_TARGET_INFO | NTLMSSP.NEGOTIATE_VERSION;
      const targetInfo = ti ? [avString(AV.MsvAvNbDomainName, target), avString(AV.MsvAvDnsComputerName, dns), avU32(AV.MsvAvFlags, 2)] : null;
      const m = { flags, targetName: target, serverChallenge: sc, reserved: new Uint8Array(8), targetInfo, version: WINDOWS_2016 };
      const b = buildChallenge(m);
      const p = parseChallenge(b);
      expect(p.msg).toEqual(m);
      expect(uncovered(p.fields, b.length)).toEqual([]);
    }));
  });
  it('AUTHENTICATE: parse(build(x)) == x for random user/domain/workstation', () => {
    fc.assert(fc.property(uname, uname, uname, fc.boolean(), fc.uint8Array({ minLength: 24, maxLength: 24 }), (user, domain, workstation, unicode, nt) => {
      const flags = (unicode ? NTLMSSP.NEGOTIATE_UNICODE : NTLMSSP.NEGOTIATE_OEM) | NTLMSSP.NEGOTIATE_VERSION | NTLMSSP.NEGOTIATE_KEY_EXCH | NTLMSSP.NEGOTIATE_SIGN;
      const enc = (s: string) => unicode ? s : Array.from(s, (ch) => (ch.charCodeAt(0) < 0x100 ? ch : '?')).join('');
      const m = { flags, lmChallengeResponse: new Uint8Array(24), ntChallengeResponse: nt, domain: enc(domain), user: enc(user), workstation: enc(workstation), encryptedRandomSessionKey: new Uint8Array(16).fill(7), version: WINDOWS_2016, mic: null };
      const b = buildAuthenticate(m);
      const p = parseAuthenticate(b);
      expect(p.msg).toEqual(m);
      expect(uncovered(p.fields, b.length)).toEqual([]);
    }));
  });
  const onlyDecodeErrors = (f: (b: Uint8Array) => unknown) => (b: Uint8Array) => {
    try { f(b); } catch (e) { if (!(e instanceof DecodeError)) throw e; }
  };
  const parsers = [parseNegotiate, parseChallenge, parseAuthenticate];
  it('random bytes never throw anything but DecodeError', () => {
    for (const parse of parsers) {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), onlyDecodeErrors(parse)));
      // random bytes behind a valid signature and type
      fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const t = parsers.indexOf(parse) + 1;
        const b = new Uint8Array(12 + tail.length);
        b.set([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0, t, 0, 0, 0]);
        b.set(tail, 12);
        onlyDecodeErrors(parse)(b);
      }));
    }
  });
  it('truncations and one-byte mutations of the real tokens never throw anything but DecodeError', () => {
    const real: [string, (b: Uint8Array) => unknown][] = [['ntlm_negotiate', parseNegotiate], ['ntlm_challenge', parseChallenge], ['ntlm_authenticate', parseAuthenticate], ['ntlm_authenticate_no_sign_seal', parseAuthenticate]];
    for (const [id, parse] of real) {
      const b = tok(id);
      for (let n = 0; n < b.length; n++) onlyDecodeErrors(parse)(b.slice(0, n));
      fc.assert(fc.property(fc.integer({ min: 0, max: b.length - 1 }), fc.integer({ min: 0, max: 255 }), (i, x) => {
        const m = b.slice(); m[i] = x;
        onlyDecodeErrors(parse)(m);
      }));
    }
  });
});
