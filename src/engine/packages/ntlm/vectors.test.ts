// Ground truth: every vector of MS-NLMP 4.2 (as transcribed in test-data/fidelity) and the
// chromium EPA/MIC vectors, reproduced by the encoders and the crypto of this package.
import { describe, expect, it } from 'vitest';
import { loadVectors, type Vector } from '../../testing/fidelity';
import { concat, fromHex, hex, utf16le, utf8 } from '../../bytes';
import { uncovered } from '../../encoding/fields';
import { md4 } from '../../crypto/md4';
import * as C from './crypto';
import { NTLMSSP } from './messages/flags';
import { buildChallenge, parseChallenge } from './messages/challenge';
import { buildAuthenticate, parseAuthenticate, withMic } from './messages/authenticate';
import { buildAvPairs, avString, AV, clientAvPairs, AV_FLAG } from './messages/avPairs';
import { parseNegotiate } from './messages/negotiate';
import type { Version } from './messages/version';

const file = loadVectors('ms-nlmp-4.2-ntlm.json');
const byId = new Map(file.vectors.map((v) => [v.id, v]));
const inp = byId.get('common-inputs')!.inputs as Record<string, string>;
const s = (v: Vector, k: string) => v.expected[k] as string;
const H = (h: string) => fromHex(h);

const USER = inp.user, DOMAIN = inp.user_domain, PASSWORD = inp.password, SERVER = inp.server_name, WS = inp.workstation_name;
const RSK = H(inp.random_session_key_hex);
const TIME = H(inp.time_hex);
const CC = H(inp.client_challenge_hex);
const SC = H(inp.server_challenge_hex);
const V6: Version = { major: 6, minor: 0, build: 6000, revision: 15 };
const V51: Version = { major: 5, minor: 1, build: 2600, revision: 15 };
const flagsOf = (h: string) => parseInt(h, 16) >>> 0;
const NTOWF = C.ntowfv1(PASSWORD);
const LMOWF = C.lmowfv1(PASSWORD);
const NTOWF2 = C.ntowfv2(PASSWORD, USER, DOMAIN);
const AVPAIRS = [avString(AV.MsvAvNbDomainName, DOMAIN), avString(AV.MsvAvNbComputerName, SERVER)];

function checkCoverage(bytes: Uint8Array, fields: Parameters<typeof uncovered>[0]) {
  expect(uncovered(fields, bytes.length)).toEqual([]);
}

const handlers: Record<string, (v: Vector) => void> = {
  'common-inputs': (v) => {
    expect(hex(utf16le(v.inputs.plaintext_string as string))).toBe(v.inputs.plaintext_utf16le_hex);
  },
  'ntlmv1-owf': (v) => {
    expect(hex(C.lmowfv1(v.inputs.password as string))).toBe(s(v, 'LMOWFv1_hex'));
    expect(hex(C.ntowfv1(v.inputs.password as string))).toBe(s(v, 'NTOWFv1_hex'));
  },
  'ntlmv1-session-base-key': (v) => {
    expect(hex(md4(H(v.inputs.NTOWFv1_hex as string)))).toBe(s(v, 'SessionBaseKey_hex'));
    expect(hex(C.computeResponseV1(0, NTOWF, LMOWF, SC, CC).sessionBaseKey)).toBe(s(v, 'SessionBaseKey_hex'));
  },
  'ntlmv1-key-exchange-key': (v) => {
    const r = C.computeResponseV1(0, NTOWF, LMOWF, SC, CC);
    expect(hex(C.kxkey(0, r.sessionBaseKey, LMOWF, r.lm, SC, false).key)).toBe(s(v, 'KeyExchangeKey_default_hex'));
    expect(hex(C.kxkey(NTLMSSP.REQUEST_NON_NT_SESSION_KEY, r.sessionBaseKey, LMOWF, r.lm, SC, false).key)).toBe(s(v, 'KeyExchangeKey_non_nt_session_key_hex'));
    expect(hex(C.kxkey(NTLMSSP.NEGOTIATE_LM_KEY, r.sessionBaseKey, LMOWF, r.lm, SC, false).key)).toBe(s(v, 'KeyExchangeKey_lm_key_hex'));
  },
  'ntlmv1-responses': (v) => {
    const sc = H(v.inputs.server_challenge_hex as string);
    const r = C.computeResponseV1(0, NTOWF, LMOWF, sc, CC);
    expect(hex(r.nt)).toBe(s(v, 'NTLMv1Response_hex'));
    expect(hex(r.lm)).toBe(s(v, 'LMv1Response_hex'));
    expect(hex(C.computeResponseV1(0, NTOWF, LMOWF, sc, CC, true).lm)).toBe(s(v, 'LMv1Response_when_NoLMResponseNTLMv1_hex'));
    const esk = (f: number) => hex(C.encryptSessionKey(C.kxkey(f, r.sessionBaseKey, LMOWF, r.lm, sc, false).key, RSK));
    expect(esk(0)).toBe(s(v, 'EncryptedSessionKey_default_hex'));
    expect(esk(NTLMSSP.REQUEST_NON_NT_SESSION_KEY)).toBe(s(v, 'EncryptedSessionKey_non_nt_session_key_hex'));
    expect(esk(NTLMSSP.NEGOTIATE_LM_KEY)).toBe(s(v, 'EncryptedSessionKey_lm_key_hex'));
  },
  'ntlmv1-challenge-message': (v) => {
    const flags = flagsOf(v.inputs.NegotiateFlags_hex as string);
    const bytes = buildChallenge({ flags, targetName: SERVER, serverChallenge: SC, targetInfo: null, version: V6 });
    expect(hex(bytes)).toBe(s(v, 'CHALLENGE_MESSAGE_hex'));
    const p = parseChallenge(bytes);
    expect(p.msg.flags).toBe(flags);
    expect(p.msg.targetName).toBe(SERVER);
    checkCoverage(bytes, p.fields);
  },
  'ntlmv1-authenticate-message': (v) => {
    const flags = flagsOf(s(v, 'NegotiateFlags_hex'));
    const r = C.computeResponseV1(flags, NTOWF, LMOWF, SC, CC);
    const kx = C.kxkey(flags, r.sessionBaseKey, LMOWF, r.lm, SC, false).key;
    const bytes = buildAuthenticate({ flags, lmChallengeResponse: r.lm, ntChallengeResponse: r.nt, domain: DOMAIN, user: USER, workstation: WS, encryptedRandomSessionKey: C.encryptSessionKey(kx, RSK), version: V51, mic: null });
    expect(hex(bytes)).toBe(s(v, 'AUTHENTICATE_MESSAGE_hex'));
    expect(hex(bytes.slice(64, 72))).toBe(v.inputs.version_hex);
    const p = parseAuthenticate(bytes);
    expect([p.msg.user, p.msg.domain, p.msg.workstation, p.kind, p.micOffset]).toEqual([USER, DOMAIN, WS, 'NTLMv1', null]);
    checkCoverage(bytes, p.fields);
  },
  'ntlmv1-gss-wrap': (v) => {
    const flags = flagsOf(s(byId.get('ntlmv1-authenticate-message')!, 'NegotiateFlags_hex'));
    const key = H(v.inputs.seal_key_hex as string);
    expect(hex(C.sealKey(flags, RSK, 'client'))).toBe(hex(key));
    const out = C.seal(flags, { key, used: 0 }, C.signKey(flags, RSK, 'client'), v.inputs.seq_num as number, H(v.inputs.plaintext_utf16le_hex as string));
    expect(hex(out.sealed)).toBe(s(v, 'sealed_data_hex'));
    expect(hex(out.signature)).toBe(s(v, 'signature_hex'));
  },
  'ntlmv1-ess-responses': (v) => {
    const flags = NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY;
    const r = C.computeResponseV1(flags, NTOWF, LMOWF, H(v.inputs.server_challenge_hex as string), H(v.inputs.client_challenge_hex as string));
    expect(hex(NTOWF)).toBe(s(v, 'NTOWFv1_hex'));
    expect(hex(r.sessionBaseKey)).toBe(s(v, 'SessionBaseKey_hex'));
    expect(hex(C.kxkey(flags, r.sessionBaseKey, LMOWF, r.lm, SC, false).key)).toBe(s(v, 'KeyExchangeKey_hex'));
    expect(hex(r.lm)).toBe(s(v, 'LMv1Response_hex'));
    expect(hex(r.nt)).toBe(s(v, 'NTLMv1Response_hex'));
  },
  'ntlmv1-ess-challenge-message': (v) => {
    const flags = flagsOf(v.inputs.NegotiateFlags_hex as string);
    const bytes = buildChallenge({ flags, targetName: SERVER, serverChallenge: SC, targetInfo: null, version: V6 });
    expect(hex(bytes)).toBe(s(v, 'CHALLENGE_MESSAGE_hex'));
    checkCoverage(bytes, parseChallenge(bytes).fields);
  },
  'ntlmv1-ess-authenticate-message': (v) => {
    const flags = flagsOf(s(v, 'NegotiateFlags_hex'));
    const r = C.computeResponseV1(flags, NTOWF, LMOWF, SC, CC);
    expect(C.usesKeyExchange(flags)).toBe(false);
    const bytes = buildAuthenticate({ flags, lmChallengeResponse: r.lm, ntChallengeResponse: r.nt, domain: DOMAIN, user: USER, workstation: WS, encryptedRandomSessionKey: new Uint8Array(0), version: V51, mic: null });
    expect(hex(bytes)).toBe(s(v, 'AUTHENTICATE_MESSAGE_hex'));
    const p = parseAuthenticate(bytes);
    expect(p.kind).toBe('NTLMv1-ESS');
    checkCoverage(bytes, p.fields);
  },
  'ntlmv1-ess-gss-wrap': (v) => {
    const flags = flagsOf(s(byId.get('ntlmv1-ess-authenticate-message')!, 'NegotiateFlags_hex'));
    const r = C.computeResponseV1(flags, NTOWF, LMOWF, SC, CC);
    const exported = C.kxkey(flags, r.sessionBaseKey, LMOWF, r.lm, SC, false).key; // no KEY_EXCH: ExportedSessionKey = KeyExchangeKey
    const sealK = C.sealKey(flags, exported, 'client');
    const signK = C.signKey(flags, exported, 'client')!;
    expect(hex(sealK)).toBe(s(v, 'SealingKey_hex'));
    expect(hex(signK)).toBe(s(v, 'SigningKey_hex'));
    const out = C.seal(flags, { key: sealK, used: 0 }, signK, v.inputs.seq_num as number, H(v.inputs.plaintext_utf16le_hex as string));
    expect(hex(out.sealed)).toBe(s(v, 'sealed_data_hex'));
    expect(hex(out.signature)).toBe(s(v, 'signature_hex'));
  },
  'ntlmv2-owf-and-keys': (v) => {
    const k = C.ntowfv2(v.inputs.password as string, v.inputs.user as string, v.inputs.user_domain as string);
    expect(hex(k)).toBe(s(v, 'NTOWFv2_hex'));
    expect(hex(k)).toBe(s(v, 'LMOWFv2_hex'));
    expect(hex(k)).toBe(s(v, 'ResponseKeyNT_hex'));
    const temp = C.ntlmv2Temp(TIME, CC, buildAvPairs(AVPAIRS));
    const r = C.computeResponseV2(k, SC, CC, temp);
    expect(hex(r.sessionBaseKey)).toBe(s(v, 'SessionBaseKey_hex'));
    expect(hex(C.kxkey(0xe2888235, r.sessionBaseKey, LMOWF, r.lm, SC, true).key)).toBe(s(v, 'KeyExchangeKey_hex'));
  },
  'ntlmv2-temp': (v) => {
    const av = buildAvPairs(AVPAIRS);
    expect(hex(av)).toBe(v.inputs['AvPairs(ServerName)_hex']);
    expect(hex(C.ntlmv2Temp(H(v.inputs.time_hex as string), H(v.inputs.client_challenge_hex as string), av))).toBe(s(v, 'temp_hex'));
  },
  'ntlmv2-responses': (v) => {
    const temp = C.ntlmv2Temp(TIME, CC, buildAvPairs(AVPAIRS));
    const r = C.computeResponseV2(NTOWF2, SC, CC, temp);
    expect(hex(r.lm)).toBe(s(v, 'LMv2Response_hex'));
    expect(hex(r.ntProofStr)).toBe(s(v, 'NTProofStr_hex'));
    expect(hex(r.nt)).toBe(s(v, 'NTLMv2Response_hex'));
    expect(hex(C.encryptSessionKey(r.sessionBaseKey, RSK))).toBe(s(v, 'EncryptedSessionKey_hex'));
  },
  'ntlmv2-challenge-message': (v) => {
    const flags = flagsOf(v.inputs.NegotiateFlags_hex as string);
    const bytes = buildChallenge({ flags, targetName: SERVER, serverChallenge: SC, targetInfo: AVPAIRS, version: V6 });
    expect(hex(bytes)).toBe(s(v, 'CHALLENGE_MESSAGE_hex'));
    const p = parseChallenge(bytes);
    expect(hex(p.targetInfoBytes)).toBe(s(v, 'TargetInfo_hex'));
    expect(p.msg.targetInfo!.map((x) => x.id)).toEqual([AV.MsvAvNbDomainName, AV.MsvAvNbComputerName]);
    checkCoverage(bytes, p.fields);
  },
  'ntlmv2-authenticate-message': (v) => {
    const flags = flagsOf(s(v, 'NegotiateFlags_hex'));
    const temp = C.ntlmv2Temp(TIME, CC, buildAvPairs(AVPAIRS));
    const r = C.computeResponseV2(NTOWF2, SC, CC, temp);
    const bytes = buildAuthenticate({ flags, lmChallengeResponse: r.lm, ntChallengeResponse: r.nt, domain: DOMAIN, user: USER, workstation: WS, encryptedRandomSessionKey: C.encryptSessionKey(r.sessionBaseKey, RSK), version: V51, mic: null });
    expect(hex(bytes)).toBe(s(v, 'AUTHENTICATE_MESSAGE_hex'));
    const p = parseAuthenticate(bytes);
    expect(p.kind).toBe('NTLMv2');
    expect(p.micOffset).toBeNull();
    expect(hex(p.ntlmv2!.ntProofStr)).toBe(hex(r.ntProofStr));
    checkCoverage(bytes, p.fields);
  },
  'ntlmv2-gss-wrap': (v) => {
    const flags = flagsOf(s(byId.get('ntlmv2-authenticate-message')!, 'NegotiateFlags_hex'));
    const exported = H(v.inputs.ExportedSessionKey_hex as string);
    const sealK = C.sealKey(flags, exported, 'client');
    const signK = C.signKey(flags, exported, 'client')!;
    expect(hex(sealK)).toBe(s(v, 'client_SealingKey_hex'));
    expect(hex(signK)).toBe(s(v, 'client_SigningKey_hex'));
    expect(hex(C.sealKey(flags, exported, 'server'))).toBe(s(v, 'server_SealingKey_hex(not in spec; computed)'));
    expect(hex(C.signKey(flags, exported, 'server')!)).toBe(s(v, 'server_SigningKey_hex(not in spec; computed)'));
    const out = C.seal(flags, { key: sealK, used: 0 }, signK, v.inputs.seq_num as number, H(v.inputs.plaintext_utf16le_hex as string));
    expect(hex(out.sealed)).toBe(s(v, 'sealed_data_hex'));
    expect(hex(out.signature)).toBe(s(v, 'signature_hex'));
  },
};

describe('MS-NLMP 4.2 vectors (ms-nlmp-4.2-ntlm.json)', () => {
  const exercised = new Set<string>();
  for (const v of file.vectors) {
    it(`${v.id} (${v.source})`, () => {
      const h = handlers[v.id];
      expect(h, `no test for vector ${v.id}`).toBeDefined();
      h(v);
      exercised.add(v.id);
    });
  }
  it('exercises every vector of the file', () => {
    expect(file.vectors.length).toBe(18);
    expect(exercised.size).toBe(file.vectors.length);
    expect(Object.keys(handlers).sort()).toEqual(file.vectors.map((v) => v.id).sort());
  });
  it('uses the 56-bit and 40-bit SEALKEY variants as the spec defines them', () => {
    const ess56 = NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY | NTLMSSP.NEGOTIATE_56;
    expect(hex(C.sealKey(ess56, RSK, 'client'))).toBe(hex(C.md5(concat(RSK.slice(0, 7), utf8('session key to client-to-server sealing key magic constant\0')))));
    expect(hex(C.sealKey(NTLMSSP.NEGOTIATE_EXTENDED_SESSIONSECURITY, RSK, 'client'))).toBe(hex(C.md5(concat(RSK.slice(0, 5), utf8('session key to client-to-server sealing key magic constant\0')))));
    expect(hex(C.sealKey(NTLMSSP.NEGOTIATE_LM_KEY | NTLMSSP.NEGOTIATE_56, RSK, 'client'))).toBe('55555555555555a0');
    expect(hex(C.sealKey(NTLMSSP.NEGOTIATE_LM_KEY, RSK, 'client'))).toBe('5555555555e538b0');
  });
});

const epa = loadVectors('ntlm-epa-mic-chromium.json');
describe('chromium EPA + MIC vectors (ntlm-epa-mic-chromium.json)', () => {
  it('has the two vectors', () => expect(epa.vectors.map((v) => v.id)).toEqual(['ntlm-channel-binding-hash', 'ntlmv2-with-epa-and-mic']));
  const [cbv, authv] = epa.vectors;
  const cbIn = cbv.inputs as Record<string, string>;
  const appData = concat(utf8(cbIn.application_data_ascii_prefix), H(cbIn.certificate_hash_hex));
  it('hashes the gss_channel_bindings_struct', () => {
    const st = C.channelBindingsStruct(appData);
    expect(hex(st)).toBe(cbIn.gss_channel_bindings_struct_hex);
    expect(hex(C.channelBindingsHash(st))).toBe(cbv.expected.MsvAvChannelBindings_hex);
  });
  it('builds the full AUTHENTICATE_MESSAGE with MsvAvFlags, channel bindings, target name and MIC', () => {
    const i = authv.inputs as Record<string, string>;
    const neg = H(i.NEGOTIATE_MESSAGE_hex);
    const chal = H(i.CHALLENGE_MESSAGE_hex);
    const pc = parseChallenge(chal);
    const pairs = clientAvPairs(pc.msg.targetInfo!, { flags: AV_FLAG.MIC_PRESENT, channelBindings: C.channelBindingsHash(C.channelBindingsStruct(appData)), targetName: i.spn });
    const ti = buildAvPairs(pairs);
    expect(hex(ti)).toBe(i.updated_target_info_hex);
    const key = C.ntowfv2(i.password, i.user, i.domain);
    const cc = H(i.client_challenge_hex);
    const temp = C.ntlmv2Temp(H(i.client_timestamp_filetime_le_hex), cc, ti);
    const r = C.computeResponseV2(key, pc.msg.serverChallenge, cc, temp);
    expect(hex(r.ntProofStr)).toBe(authv.expected.NTProofStr_hex);
    expect(hex(C.computeResponseV2(key, pc.msg.serverChallenge, cc, C.ntlmv2Temp(new Uint8Array(8), cc, ti)).ntProofStr)).toBe(authv.expected.NTProofStr_with_timestamp_zero_hex);
    expect(hex(r.sessionBaseKey)).toBe(authv.expected.SessionBaseKey_hex);
    const flags = 0x00088203;
    const msg = { flags, lmChallengeResponse: new Uint8Array(24), ntChallengeResponse: r.nt, domain: i.domain, user: i.user, workstation: i.workstation, encryptedRandomSessionKey: new Uint8Array(0), version: null, mic: new Uint8Array(16) };
    const layout = { order: ['sessionKey', 'lm', 'nt', 'domain', 'user', 'workstation'] as const };
    const zeroed = buildAuthenticate(msg, { order: [...layout.order] });
    const exported = C.kxkey(flags, r.sessionBaseKey, new Uint8Array(16), msg.lmChallengeResponse, pc.msg.serverChallenge, true).key;
    const mic = C.computeMic(exported, neg, chal, zeroed);
    expect(hex(mic)).toBe(authv.expected.MIC_hex);
    const full = withMic(zeroed, mic);
    expect(hex(full)).toBe(authv.expected.AUTHENTICATE_MESSAGE_hex);
    const p = parseAuthenticate(full);
    expect(p.micOffset).toBe(72);
    expect(p.msg.version).toBeNull();
    expect(hex(p.msg.mic!)).toBe(authv.expected.MIC_hex);
    checkCoverage(full, p.fields);
    const pn = parseNegotiate(neg);
    expect(pn.msg.flags).toBe(0x00088207);
    checkCoverage(neg, pn.fields);
  });
});
