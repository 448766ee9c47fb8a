import { describe, expect, it } from 'vitest';
import { hex, readU16le } from '../../bytes';
import { uncovered, leaves } from '../../encoding/fields';
import { readFidelity } from '../../testing/fidelity';
import { decodeFrame, readPcap } from '../../export/pcap';
import {
  buildNegotiateRequest, buildNegotiateResponse, buildSessionSetupRequest, buildSessionSetupResponse, defaultNegotiateRequest,
  filetimeFromIso, guidString, isoFromFiletime, parseSmb2, STATUS_LOGON_FAILURE, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS,
  type NegotiateResponse, type ParsedSmb2,
} from './smb2';
import type { CarrierMessage } from './types';

const bytes = (n: number, from: number) => new Uint8Array(Array.from({ length: n }, (_, i) => (from + i * 13) & 0xff));

function rebuild(p: ParsedSmb2): CarrierMessage {
  switch (p.kind) {
    case 'negotiate-request': return buildNegotiateRequest(p.body);
    case 'negotiate-response': return buildNegotiateResponse(p.body);
    case 'session-setup-request': return buildSessionSetupRequest(p.body);
    case 'session-setup-response': return buildSessionSetupResponse(p.body);
  }
}

/** The NEGOTIATE / SESSION_SETUP messages of a real capture (one SMB2 message per TCP segment). */
function smbMessages(file: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const r of readPcap(readFidelity(`captures/zeek/${file}`)).records) {
    const d = decodeFrame(r.data);
    const p = d.payload;
    if (!p || p.length < 68 || p[0] !== 0 || p[4] !== 0xfe || p[5] !== 0x53) continue;
    if (((p[1] << 16) | (p[2] << 8) | p[3]) !== p.length - 4) continue;
    if (readU16le(p, 16) > 1) continue;
    out.push(p);
  }
  return out;
}

describe('SMB2 against real captures', () => {
  for (const [file, count] of [['smb_smb311.pcap', 6], ['smb_smb3.pcap', 6]] as const) {
    it(`parses and rebuilds every NEGOTIATE/SESSION_SETUP of ${file} byte for byte`, () => {
      const msgs = smbMessages(file);
      expect(msgs.length).toBe(count);
      for (const wire of msgs) {
        const built = rebuild(parseSmb2(wire));
        expect(hex(built.wire)).toBe(hex(wire));
        expect(uncovered(built.carrier.fields, built.wire.length)).toEqual([]);
      }
    });
  }

  it('reads the values Wireshark shows for smb_smb311.pcap', () => {
    const [req, resp, , challenge] = smbMessages('smb_smb311.pcap').map(parseSmb2);
    if (req.kind !== 'negotiate-request' || resp.kind !== 'negotiate-response' || challenge.kind !== 'session-setup-response') throw new Error('unexpected order');
    expect(guidString(req.body.clientGuid)).toBe('94f266b4-01dc-4143-828b-4cefaf39f64b');
    expect(req.body.dialects).toEqual([0x0311]);
    expect(guidString(resp.body.serverGuid)).toBe('9cbe294b-dd63-47b6-8d1f-3dce81383e69');
    expect(resp.body.systemTime).toBe('2019-01-10T18:44:09.6269813Z');
    expect(resp.body.serverStartTime).toBe('2018-10-26T20:38:28.9487751Z');
    expect(resp.body.dialect).toBe(0x0311);
    expect(challenge.header.status).toBe(STATUS_MORE_PROCESSING_REQUIRED);
    expect(challenge.body.sessionId).toBe(0x0000281cac000069n);
  });
});

describe('SMB2 builders', () => {
  it('FILETIME conversion: the Unix epoch is 116444736000000000 ticks', () => {
    expect(filetimeFromIso('1970-01-01T00:00:00.000Z')).toBe(116444736000000000n);
    expect(filetimeFromIso('1601-01-01T00:00:00Z')).toBe(0n);
    expect(isoFromFiletime(116444736000000000n)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('NEGOTIATE request: 3.1.1 layout (dialects at 100, contexts 8-aligned at 112)', () => {
    const r = defaultNegotiateRequest(bytes(16, 1), bytes(32, 2));
    const m = buildNegotiateRequest(r);
    const w = m.wire;
    expect(hex(w.subarray(4, 8))).toBe('fe534d42');
    expect(readU16le(w, 4 + 64)).toBe(36);
    expect(readU16le(w, 4 + 66)).toBe(5);
    expect(Array.from({ length: 5 }, (_, i) => readU16le(w, 4 + 100 + 2 * i))).toEqual([0x0202, 0x0210, 0x0300, 0x0302, 0x0311]);
    expect(w[4 + 92] | (w[4 + 93] << 8)).toBe(112); // NegotiateContextOffset
    expect(readU16le(w, 4 + 112)).toBe(1); // preauth integrity first
    expect(readU16le(w, 4 + 120 + 4)).toBe(1); // SHA-512
    expect(parseSmb2(w)).toMatchObject({ kind: 'negotiate-request', body: r });
    expect(m.flow).toEqual({ transport: 'tcp', serverPort: 445 });
    expect(uncovered(m.carrier.fields, w.length)).toEqual([]);
    expect(m.carrier.hex).toBe(hex(w));
  });

  it('NEGOTIATE request without 3.1.1 has ClientStartTime and no contexts', () => {
    const r = { ...defaultNegotiateRequest(bytes(16, 3), new Uint8Array(0)), dialects: [0x0202, 0x0210], ciphers: [] };
    const m = buildNegotiateRequest(r);
    expect(m.wire.length).toBe(4 + 64 + 36 + 4);
    expect(parseSmb2(m.wire)).toMatchObject({ body: r });
    expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
  });

  const resp: NegotiateResponse = {
    messageId: 0n, creditCharge: 0, credits: 1, securityMode: 1, dialect: 0x0311, serverGuid: bytes(16, 9), capabilities: 0x2f,
    maxTransactSize: 8388608, maxReadSize: 8388608, maxWriteSize: 8388608, systemTime: '2016-10-12T09:00:00.000Z', serverStartTime: null,
    securityBuffer: bytes(120, 7), preauthSalt: bytes(32, 5), cipher: 2,
  };

  it('NEGOTIATE response: security buffer at offset 128 with its token field, round trip', () => {
    const m = buildNegotiateResponse(resp);
    const w = m.wire;
    expect(readU16le(w, 4 + 64)).toBe(65);
    expect(readU16le(w, 4 + 64 + 56)).toBe(128);
    expect(readU16le(w, 4 + 64 + 58)).toBe(120);
    expect(hex(w.subarray(m.tokenRange!.start, m.tokenRange!.end))).toBe(hex(resp.securityBuffer));
    const tokenLeaf = leaves(m.carrier.fields).find((f) => f.layer === 'SPNEGO')!;
    expect([tokenLeaf.start, tokenLeaf.end]).toEqual([m.tokenRange!.start, m.tokenRange!.end]);
    const back = parseSmb2(w);
    expect(back.kind).toBe('negotiate-response');
    expect(back.body).toEqual(resp);
    expect(back.header.flags & 1).toBe(1);
    expect(uncovered(m.carrier.fields, w.length)).toEqual([]);
  });

  it('SESSION_SETUP request and MORE_PROCESSING / SUCCESS responses round trip', () => {
    const req = { messageId: 1n, sessionId: 0n, creditCharge: 1, creditRequest: 33, flags: 0, securityMode: 1, capabilities: 1, previousSessionId: 0n, securityBuffer: bytes(1500, 1) };
    const mreq = buildSessionSetupRequest(req);
    expect(readU16le(mreq.wire, 4 + 64 + 12)).toBe(88);
    expect(parseSmb2(mreq.wire)).toMatchObject({ kind: 'session-setup-request', body: req });
    expect(uncovered(mreq.carrier.fields, mreq.wire.length)).toEqual([]);
    for (const status of [STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS]) {
      const r = { messageId: 1n, sessionId: 0x1000000011n, creditCharge: 1, credits: 33, status, sessionFlags: 0, securityBuffer: bytes(186, 2) };
      const m = buildSessionSetupResponse(r);
      expect(readU16le(m.wire, 4 + 64 + 4)).toBe(72);
      expect(parseSmb2(m.wire)).toMatchObject({ kind: 'session-setup-response', body: r });
      expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
    }
  });

  it('a signed final response sets SMB2_FLAGS_SIGNED and carries the signature', () => {
    const r = { messageId: 2n, sessionId: 5n, creditCharge: 1, credits: 1, status: STATUS_SUCCESS, sessionFlags: 0, securityBuffer: bytes(20, 1), signature: bytes(16, 200) };
    const m = buildSessionSetupResponse(r);
    expect(m.wire[4 + 16]).toBe(0x09);
    expect(hex(m.wire.subarray(4 + 48, 4 + 64))).toBe(hex(r.signature));
    expect(parseSmb2(m.wire).body).toEqual(r);
  });

  it('STATUS_LOGON_FAILURE is an ERROR response (StructureSize 9, one byte of ErrorData)', () => {
    const m = buildSessionSetupResponse({ messageId: 1n, sessionId: 7n, creditCharge: 1, credits: 1, status: STATUS_LOGON_FAILURE, sessionFlags: 0, securityBuffer: new Uint8Array(0) });
    expect(m.wire.length).toBe(4 + 64 + 9);
    expect(hex(m.wire.subarray(4 + 8, 4 + 12))).toBe('6d0000c0');
    const p = parseSmb2(m.wire);
    expect(p.header.status).toBe(STATUS_LOGON_FAILURE);
    expect(m.tokenRange).toBeUndefined();
    expect(m.carrier.name).toContain('STATUS_LOGON_FAILURE');
    expect(uncovered(m.carrier.fields, m.wire.length)).toEqual([]);
  });

  it('rejects a bad NBSS length and a non-SMB2 header', () => {
    const w = buildNegotiateRequest(defaultNegotiateRequest(bytes(16, 1), bytes(32, 2))).wire;
    expect(() => parseSmb2(w.subarray(0, w.length - 1))).toThrow(/NBSS length/);
    const bad = w.slice(); bad[4] = 0xff;
    expect(() => parseSmb2(bad)).toThrow(/not an SMB2 header/);
  });
});
