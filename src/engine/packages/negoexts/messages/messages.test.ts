// Every NEGOEX message of test-data/fidelity/vectors/ms-negoex-pku2u.json (a captured Windows
// acceptor reply from Samba's torture data, and picky-rs's PKU2U conversation) decodes with every
// byte covered, matches the vector's fields and re-encodes byte for byte; the builders make every
// message type; the VERIFY checksum is the RFC 3961 checksum of the transcript.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, concat, fromHex, hex } from '../../../bytes';
import { checksumTypeFor } from '../../../crypto/kerberos';
import { leaves, uncovered } from '../../../encoding/fields';
import { loadVectors } from '../../../testing/fidelity';
import {
  ALERT_TYPE_PULSE, AUTH_SCHEME, CHECKSUM_SCHEME_RFC3961, KEY_USAGE, MESSAGE_TYPE, MESSAGE_TYPE_NAMES, NEGOEX_OID, type NegoexMessage,
  buildMessage, buildToken, describeToken, guidBytes, guidText, parseMessage, parseToken, transcriptChecksum, verifyNoKeyPulse, verifyTranscript,
} from './index';

const file = loadVectors('ms-negoex-pku2u.json');
const byId = new Map(file.vectors.map((v) => [v.id, v]));
interface VMsg {
  signature: string; message_type: number; message_type_name: string; sequence_number: number; cbHeaderLength: number; cbMessageLength: number;
  conversation_id: string; message_hex: string; random_hex?: string; protocol_version?: number; auth_schemes?: string[]; extension_count?: number;
  auth_scheme?: string; exchange_hex?: string; checksum?: { cbHeaderLength: number; ChecksumScheme: number; ChecksumType: number; value_hex: string };
}

function checkAgainstVector(m: NegoexMessage, v: VMsg): void {
  expect(MESSAGE_TYPE_NAMES[m.messageType]).toBe(v.message_type_name);
  expect(m.messageType).toBe(v.message_type);
  expect(m.sequenceNum).toBe(v.sequence_number);
  expect(m.conversationId).toBe(v.conversation_id);
  const b = fromHex(v.message_hex);
  expect(b[16] | (b[17] << 8)).toBe(v.cbHeaderLength);
  expect(b.length).toBe(v.cbMessageLength);
  if (m.kind === 'nego') {
    expect(hex(m.random)).toBe(v.random_hex);
    expect(Number(m.protocolVersion)).toBe(v.protocol_version);
    expect(m.authSchemes).toEqual(v.auth_schemes);
    expect(m.extensions.length).toBe(v.extension_count);
  } else if (m.kind === 'exchange') {
    expect(m.authScheme).toBe(v.auth_scheme);
    expect(hex(m.exchange)).toBe(v.exchange_hex);
  } else if (m.kind === 'verify') {
    expect(m.authScheme).toBe(v.auth_scheme);
    expect(m.checksum.scheme).toBe(v.checksum!.ChecksumScheme);
    expect(m.checksum.checksumType).toBe(v.checksum!.ChecksumType);
    expect(hex(m.checksum.value)).toBe(v.checksum!.value_hex);
  }
}

describe('ms-negoex-pku2u.json', () => {
  it('has the 5 vectors this test knows', () => {
    expect(file.vectors.map((v) => v.id).sort()).toEqual([
      'negoex-acceptor-nego-plus-meta-data', 'negoex-constants', 'negoex-pku2u-conversation-picky', 'pku2u-nego-rep', 'pku2u-nego-req',
    ]);
  });

  it('negoex-acceptor-nego-plus-meta-data: a captured Windows token of two messages', () => {
    const v = byId.get('negoex-acceptor-nego-plus-meta-data')!;
    const token = fromHex(v.expected.message_array_hex as string);
    const p = parseToken(token);
    const vms = v.expected.messages as VMsg[];
    expect(p.messages.length).toBe(2);
    p.messages.forEach((m, i) => checkAgainstVector(m, vms[i]));
    expect(uncovered(p.fields, token.length)).toEqual([]);
    expect(hex(buildToken(p.messages))).toBe(hex(token));
    p.ranges.forEach((r, i) => expect(hex(token.subarray(r.start, r.end))).toBe(vms[i].message_hex));
    expect(describeToken(p.messages)).toBe('ACCEPTOR_NEGO + ACCEPTOR_META_DATA');
  });

  it('negoex-pku2u-conversation-picky: every message decodes, every byte covered, re-encodes byte for byte', () => {
    const v = byId.get('negoex-pku2u-conversation-picky')!;
    const vms = v.expected.messages as VMsg[];
    expect(vms.length).toBe(4);
    for (const vm of vms) {
      const b = fromHex(vm.message_hex);
      const p = parseMessage(b);
      expect(p.end).toBe(b.length);
      checkAgainstVector(p.value, vm);
      expect(uncovered([p.field], b.length)).toEqual([]);
      expect(hex(buildMessage(p.value))).toBe(vm.message_hex);
      for (const l of leaves([p.field])) expect(l.explain.length, `${vm.message_type_name}/${l.name}`).toBeGreaterThan(3);
    }
  });

  it('the VERIFY header: 40 + 16 AuthScheme + 20 CHECKSUM + 4 padding = 80, checksum value at 80', () => {
    const vm = (byId.get('negoex-pku2u-conversation-picky')!.expected.messages as VMsg[]).find((m) => m.message_type_name === 'VERIFY')!;
    const p = parseMessage(fromHex(vm.message_hex));
    const ls = leaves([p.field]);
    expect(ls.find((l) => l.name === 'padding')).toMatchObject({ start: 76, end: 80 });
    expect(ls.find((l) => l.name === 'checksum value')).toMatchObject({ start: 80, end: 92 });
  });

  it('pku2u-nego-req / pku2u-nego-rep are the exchange payloads of the META_DATA messages', () => {
    const vms = byId.get('negoex-pku2u-conversation-picky')!.expected.messages as VMsg[];
    expect(vms.find((m) => m.message_type_name === 'INITIATOR_META_DATA')!.exchange_hex).toBe(byId.get('pku2u-nego-req')!.expected.der_hex);
    expect(vms.find((m) => m.message_type_name === 'ACCEPTOR_META_DATA')!.exchange_hex).toBe(byId.get('pku2u-nego-rep')!.expected.der_hex);
  });

  it('negoex-constants agree with the engine', () => {
    const k = byId.get('negoex-constants')!.expected as Record<string, unknown>;
    for (const [n, name] of Object.entries(k.message_types as Record<string, string>)) expect(MESSAGE_TYPE_NAMES[Number(n)]).toBe(name);
    expect(k.CHECKSUM_SCHEME_RFC3961).toBe(CHECKSUM_SCHEME_RFC3961);
    const ku = k['NEGOEX key usages (MS-NEGOEX 3.1.5.4)'] as Record<string, number>;
    expect([ku['initiator checksum'], ku['acceptor checksum']]).toEqual([KEY_USAGE.INITIATOR_CHECKSUM, KEY_USAGE.ACCEPTOR_CHECKSUM]);
    expect(String(k.MESSAGE_SIGNATURE)).toContain('0x535458454f47454e');
    // GUID byte order as the notes state
    expect(hex(guidBytes(AUTH_SCHEME.PKU2U))).toBe('5c33530deaf90d4db2ec4ae3786ec308');
    expect(guidText(fromHex('5c33530deaf90d4db2ec4ae3786ec308'))).toBe(AUTH_SCHEME.PKU2U);
    expect(NEGOEX_OID).toBe('1.3.6.1.4.1.311.2.2.30');
  });
});

describe('building a whole PKU2U conversation', () => {
  const conv = '3b29075a-f391-af33-a1b4-a212249d7cb4';
  const random = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + n) & 0xff);
  const msgs: NegoexMessage[] = [
    { kind: 'nego', messageType: MESSAGE_TYPE.INITIATOR_NEGO, sequenceNum: 0, conversationId: conv, random: random(1), protocolVersion: 0n, authSchemes: [AUTH_SCHEME.PKU2U, AUTH_SCHEME.PKU2U_DOCUMENTED], extensions: [{ extensionType: 0x80000001, value: fromHex('010203') }] },
    { kind: 'exchange', messageType: MESSAGE_TYPE.INITIATOR_META_DATA, sequenceNum: 1, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex('3003020101') },
    { kind: 'nego', messageType: MESSAGE_TYPE.ACCEPTOR_NEGO, sequenceNum: 2, conversationId: conv, random: random(2), protocolVersion: 0n, authSchemes: [AUTH_SCHEME.PKU2U], extensions: [] },
    { kind: 'exchange', messageType: MESSAGE_TYPE.ACCEPTOR_META_DATA, sequenceNum: 3, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex('3003020102') },
    { kind: 'exchange', messageType: MESSAGE_TYPE.AP_REQUEST, sequenceNum: 4, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex('6009060704010203040506') },
    { kind: 'exchange', messageType: MESSAGE_TYPE.CHALLENGE, sequenceNum: 5, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex('04020000') },
    { kind: 'alert', messageType: MESSAGE_TYPE.ALERT, sequenceNum: 6, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, errorCode: 0, alerts: [verifyNoKeyPulse()] },
  ];

  it('every message type builds, parses back to the same value, every byte covered', () => {
    const token = buildToken(msgs);
    const p = parseToken(token);
    expect(p.messages).toEqual(msgs);
    expect(uncovered(p.fields, token.length)).toEqual([]);
    expect(hex(buildToken(p.messages))).toBe(hex(token));
    const alert = buildMessage(msgs[6]);
    expect(alert.length).toBe(72 + 12 + 8);
    expect(alert[40 + 16 + 4]).toBe(72); // AlertArrayOffset
    expect((msgs[6] as { alerts: { alertType: number }[] }).alerts[0].alertType).toBe(ALERT_TYPE_PULSE);
  });

  it('VERIFY: the RFC 3961 checksum of the transcript with the scheme key, usage 23 / 25', () => {
    const transcript = buildToken(msgs.slice(0, 6));
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const c = transcriptChecksum(18, key, 'initiator', transcript);
    expect(c.checksumType).toBe(checksumTypeFor(18));
    expect(c.checksumType).toBe(16);
    expect(c.value.length).toBe(12);
    expect(verifyTranscript(c, key, 'initiator', transcript)).toBe(true);
    expect(verifyTranscript(c, key, 'acceptor', transcript)).toBe(false);
    const tampered = transcript.slice();
    tampered[100] ^= 1;
    expect(verifyTranscript(c, key, 'initiator', tampered)).toBe(false);
    const verify: NegoexMessage = { kind: 'verify', messageType: MESSAGE_TYPE.VERIFY, sequenceNum: 6, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, checksum: c };
    const b = buildMessage(verify);
    expect(b.length).toBe(92);
    expect(parseMessage(b).value).toEqual(verify);
    expect(hex(concat(transcript, b)).length).toBe((transcript.length + 92) * 2);
  });

  it('malformed tokens throw only DecodeError', () => {
    const seeds = [buildToken(msgs), fromHex(byId.get('negoex-acceptor-nego-plus-meta-data')!.expected.message_array_hex as string)];
    fc.assert(fc.property(fc.nat(1), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(40), (i, at, val, cut) => {
      const b = seeds[i].slice(0, seeds[i].length - cut);
      if (b.length) b[at % b.length] = val;
      try { parseToken(b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
    }), { numRuns: 1000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      try { parseToken(b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
    }), { numRuns: 500 });
  });
});
