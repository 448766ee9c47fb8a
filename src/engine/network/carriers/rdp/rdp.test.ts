// The RDP negotiation PDUs against test-data/fidelity/vectors/ms-rdpbcgr-x224.json (the MS-RDPBCGR
// 4.1.1/4.1.2 examples and real Windows captures, field by field) and the negotiation frames of the
// two real RDP captures: every PDU parses with every byte covered by a field whose range is the
// vector's, and is rebuilt byte for byte from its decoded value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, fromHex, hex } from '../../../bytes';
import { leaves, uncovered } from '../../../encoding/fields';
import { decodeFrame, readPcap } from '../../../export/pcap';
import { loadVectors, readFidelity } from '../../../testing/fidelity';
import {
  FAILURE_CODE, NEG_REQ_FLAGS, NEG_RSP_FLAGS, NEG_TYPE, PROTOCOL, buildX224ConnectionConfirm, buildX224ConnectionRequest, mstshashCookie,
  parseX224ConnectionConfirm, parseX224ConnectionRequest, rdpTlsCarrier, rdpX224Carrier,
} from './index';

const file = loadVectors('ms-rdpbcgr-x224.json');
interface VField { offset: number; length: number; hex: string; field: string; value: unknown }

function roundTrip(b: Uint8Array) {
  const isCr = (b[5] & 0xf0) === 0xe0;
  if (isCr) {
    const p = parseX224ConnectionRequest(b);
    return { fields: p.fields, rebuilt: buildX224ConnectionRequest(p.value), value: p.value as Record<string, unknown> };
  }
  const p = parseX224ConnectionConfirm(b);
  return { fields: p.fields, rebuilt: buildX224ConnectionConfirm(p.value), value: p.value as Record<string, unknown> };
}

describe('ms-rdpbcgr-x224.json', () => {
  const pdus = file.vectors.filter((v) => typeof v.expected.pdu_hex === 'string');
  it('has 8 vectors: 6 PDUs, the failure-code table and the constants', () => {
    expect(file.vectors.length).toBe(8);
    expect(pdus.length).toBe(6);
  });

  for (const v of pdus) {
    it(`${v.id}: parses with each vector field as one leaf, every byte covered, rebuilt byte for byte`, () => {
      const b = fromHex(v.expected.pdu_hex as string);
      expect(b.length).toBe(v.expected.length);
      const { fields, rebuilt } = roundTrip(b);
      expect(uncovered(fields, b.length)).toEqual([]);
      expect(hex(rebuilt)).toBe(hex(b));
      const ls = leaves(fields);
      for (const f of v.expected.fields as VField[]) {
        const leaf = ls.find((l) => l.start === f.offset && l.end === f.offset + f.length);
        expect(leaf, `${v.id}: no leaf for ${f.field} [${f.offset}, +${f.length})`).toBeDefined();
        expect(hex(b.subarray(leaf!.start, leaf!.end))).toBe(f.hex);
      }
      expect(ls.length).toBe((v.expected.fields as VField[]).length);
    });
  }

  it('the values decode as the vectors say', () => {
    const get = (id: string) => roundTrip(fromHex(file.vectors.find((v) => v.id === id)!.expected.pdu_hex as string)).value;
    expect(get('ms-rdpbcgr-4.1.1-client-x224-connection-request')).toMatchObject({ cookie: 'Cookie: mstshash=eltons', negReq: { flags: 0, requestedProtocols: PROTOCOL.RDP } });
    expect(get('capture-win7-client-x224-cr-ssl-hybrid')).toMatchObject({ cookie: 'Cookie: mstshash=AWAKECODI', negReq: { flags: 0, requestedProtocols: PROTOCOL.SSL | PROTOCOL.HYBRID } });
    expect(get('capture-win2008r2-server-x224-cc-hybrid')).toMatchObject({ srcRef: 0x1234, negRsp: { flags: 1, selectedProtocol: PROTOCOL.HYBRID } });
    expect(get('capture-server-x224-cc-neg-failure-ssl-not-allowed')).toMatchObject({ negFailure: { failureCode: FAILURE_CODE.SSL_NOT_ALLOWED_BY_SERVER } });
    const retry = file.vectors.find((v) => v.id === 'capture-server-x224-cc-neg-failure-ssl-not-allowed')!.expected;
    for (const k of ['retry_client_cr_hex_frame12', 'retry_server_cc_hex_frame13']) {
      const b = fromHex(retry[k] as string);
      expect(hex(roundTrip(b).rebuilt)).toBe(hex(b));
    }
  });

  it('ms-rdpbcgr-2.2.1.2.2 failure codes: each RDP_NEG_FAILURE and its Connection Confirm built byte for byte', () => {
    const codes = (file.vectors.find((v) => v.id === 'ms-rdpbcgr-2.2.1.2.2-rdp-neg-failure-codes')!.expected.codes as { value: number; name: string; rdp_neg_failure_hex: string; x224_connection_confirm_hex: string }[]);
    expect(codes.length).toBe(6);
    for (const c of codes) {
      expect((FAILURE_CODE as Record<string, number>)[c.name]).toBe(c.value);
      const b = buildX224ConnectionConfirm({ negFailure: { failureCode: c.value } });
      expect(hex(b)).toBe(c.x224_connection_confirm_hex);
      expect(hex(b.subarray(11))).toBe(c.rdp_neg_failure_hex);
      const p = parseX224ConnectionConfirm(b);
      expect(p.value.negFailure!.failureCode).toBe(c.value);
      expect(JSON.stringify(p.fields)).toContain(c.name);
    }
  });

  it('ms-rdpbcgr constants agree', () => {
    const k = file.vectors.find((v) => v.id === 'ms-rdpbcgr-2.2.1.1.1-2.2.1.2.1-constants')!.expected as Record<string, Record<string, number>>;
    expect(k.neg_types).toEqual({ TYPE_RDP_NEG_REQ: NEG_TYPE.REQ, TYPE_RDP_NEG_RSP: NEG_TYPE.RSP, TYPE_RDP_NEG_FAILURE: NEG_TYPE.FAILURE });
    for (const [name, v] of Object.entries(k.protocols)) expect((PROTOCOL as Record<string, number>)[name.replace('PROTOCOL_', '')]).toBe(v);
    for (const [name, v] of Object.entries(k.rdp_neg_req_flags)) expect(NEG_REQ_FLAGS[v]).toBe(name);
    for (const [name, v] of Object.entries(k.rdp_neg_rsp_flags)) expect(NEG_RSP_FLAGS[v]).toBe(name);
  });
});

describe('the negotiation frames of the real RDP captures', () => {
  /** TPKT PDUs that are X.224 CR/CC in a capture, in order. */
  function x224Pdus(name: string): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const r of readPcap(readFidelity(`captures/zeek/${name}`)).records) {
      const p = decodeFrame(r.data).payload;
      if (!p || p.length < 11 || p[0] !== 3 || ((p[2] << 8) | p[3]) !== p.length) continue;
      if ((p[5] & 0xf0) !== 0xe0 && (p[5] & 0xf0) !== 0xd0) continue;
      out.push(p.slice());
    }
    return out;
  }
  it.each([['rdp_rdp-to-ssl.pcap', 4], ['rdp_rdp-proprietary-encryption.pcap', 4]] as const)('%s: %i CR/CC PDUs, each parsed and rebuilt byte for byte', (name, count) => {
    const pdus = x224Pdus(name);
    expect(pdus.length).toBe(count);
    for (const b of pdus) {
      const { fields, rebuilt } = roundTrip(b);
      expect(uncovered(fields, b.length)).toEqual([]);
      expect(hex(rebuilt)).toBe(hex(b));
    }
  });
});

describe('building what CredSSP scenarios send', () => {
  it('mstsc asking for SSL | HYBRID, the server selecting HYBRID, and the NLA-required failure', () => {
    const cr = buildX224ConnectionRequest({ cookie: mstshashCookie('alice'), negReq: { flags: 0, requestedProtocols: PROTOCOL.SSL | PROTOCOL.HYBRID } });
    expect(hex(cr)).toBe('0300002b26e00000000000436f6f6b69653a206d737473686173683d616c6963650d0a0100080003000000');
    const cc = buildX224ConnectionConfirm({ negRsp: { flags: 0x01, selectedProtocol: PROTOCOL.HYBRID } });
    expect(parseX224ConnectionConfirm(cc).value.negRsp!.selectedProtocol).toBe(PROTOCOL.HYBRID);
    const fail = buildX224ConnectionConfirm({ negFailure: { failureCode: FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER } });
    expect(hex(fail)).toBe('030000130ed000001234000300080005000000');
    const withCorrelation = buildX224ConnectionRequest({ negReq: { flags: 8, requestedProtocols: 3 }, correlationId: new Uint8Array(16).fill(0x42) });
    const p = parseX224ConnectionRequest(withCorrelation);
    expect(uncovered(p.fields, withCorrelation.length)).toEqual([]);
    expect(hex(buildX224ConnectionRequest(p.value))).toBe(hex(withCorrelation));
  });

  it('carrier messages: the X.224 PDUs carry no token, the TLS records are the payload', () => {
    const cr = buildX224ConnectionRequest({ negReq: { flags: 0, requestedProtocols: 3 } });
    const m = rdpX224Carrier(cr);
    expect(m.carrier).toMatchObject({ id: 'rdp', name: 'X.224 Connection Request' });
    expect(m.flow).toEqual({ transport: 'tcp', serverPort: 3389 });
    expect(m.tokenRange).toBeUndefined();
    expect(uncovered(m.carrier.fields, cr.length)).toEqual([]);
    const t = rdpTlsCarrier(fromHex('16030100020000'));
    expect(t.tokenRange).toEqual({ start: 0, end: 7 });
    expect(leaves(t.carrier.fields)[0].layer).toBe('TLS');
  });

  it('malformed PDUs throw only DecodeError', () => {
    const seeds = file.vectors.filter((v) => typeof v.expected.pdu_hex === 'string').map((v) => fromHex(v.expected.pdu_hex as string));
    fc.assert(fc.property(fc.nat(seeds.length - 1), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(60), (i, at, val, cut) => {
      const b = seeds[i].slice(0, Math.max(0, seeds[i].length - (cut % 8 === 0 ? cut % 20 : 0)));
      if (b.length) b[at % b.length] = val;
      for (const parse of [parseX224ConnectionRequest, parseX224ConnectionConfirm]) {
        try { parse(b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
      }
    }), { numRuns: 3000 });
  });
});
