// Ground truth: real SPNEGO tokens from pyspnego's test data and from Zeek's captures.
import { describe, expect, it } from 'vitest';
import { DecodeError, equal, fromHex, hex } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { field, leaves, uncovered } from '../../../encoding/fields';
import { loadVectors, readFidelity } from '../../../testing/fidelity';
import { OID } from '../oids';
import {
  WINDOWS_HINT_NAME, buildNegTokenInit, buildNegTokenInit2, buildNegTokenResp, mechListBytes, nestInner,
  parseNegTokenInit, parseNegTokenInit2, parseNegTokenResp, parseSpnego, windowsServerOffer,
} from './index';
import { ZEEK_BLOBS } from './zeekBlobs.testdata';

const token = (name: string): Uint8Array => readFidelity(`captures/pyspnego-tokens/${name}`);

/** Every field has a sane range inside its parent, an explanation, and the leaves cover every byte once. */
function checkTree(fields: Field[], length: number): void {
  expect(uncovered(fields, length)).toEqual([]);
  const ls = leaves(fields);
  for (let i = 1; i < ls.length; i++) expect(ls[i].start, `leaf ${ls[i].name} overlaps ${ls[i - 1].name}`).toBeGreaterThanOrEqual(ls[i - 1].end);
  const walk = (fs: Field[], lo: number, hi: number) => {
    for (const f of fs) {
      expect(f.start).toBeGreaterThanOrEqual(lo);
      expect(f.end).toBeLessThanOrEqual(hi);
      expect(f.end).toBeGreaterThan(f.start);
      expect(f.explain.length).toBeGreaterThan(5);
      if (f.children) walk(f.children, f.start, f.end);
    }
  };
  walk(fields, 0, length);
}

const find = (fields: Field[], name: string): Field | undefined => {
  for (const f of fields) {
    if (f.name === name) return f;
    const c = f.children && find(f.children, name);
    if (c) return c;
  }
  return undefined;
};

describe('pyspnego real tokens', () => {
  it('the capture files match the hex in real-tokens-pyspnego.json', () => {
    const vecs = loadVectors('real-tokens-pyspnego.json').vectors;
    const names = ['initial_context_token_neg_token_init', 'initial_context_token_neg_token_init2', 'neg_token_resp'];
    for (const n of names) {
      const v = vecs.find((x) => x.id === n);
      expect(v, n).toBeDefined();
      expect(hex(token(n))).toBe((v as unknown as { hex: string }).hex);
    }
  });

  it('NegTokenInit: [krb5, NTLMSSP] + Kerberos AP-REQ mechToken', () => {
    const b = token('initial_context_token_neg_token_init');
    expect(b.length).toBe(1433);
    const r = parseNegTokenInit(b);
    expect(r.value.mechTypes).toEqual([OID.KRB5, OID.NTLMSSP]);
    expect(r.value.reqFlags).toBeUndefined();
    expect(r.value.mechListMIC).toBeUndefined();
    expect(r.value.mechToken?.length).toBe(1378);
    // The optimistic token is a GSS-framed krb5 token (OID 1.2.840.113554.1.2.2, TOK_ID 01 00 = AP-REQ).
    expect(hex((r.value.mechToken as Uint8Array).subarray(0, 17))).toBe('6082055e06092a864886f7120102020100');
    expect(r.inner).toEqual({ offset: 55, length: 1378, mech: 'Kerberos', mechOid: OID.KRB5, field: 'mechToken' });
    checkTree(r.fields, b.length);
    const tok = find(r.fields, 'token') as Field;
    expect(tok.layer).toBe('Kerberos');
    expect([tok.start, tok.end]).toEqual([55, 1433]);
    expect(find(r.fields, 'mechToken')?.value).toBe('Kerberos KRB_AP_REQ, 1378 bytes');
    expect(find(r.fields, 'thisMech')?.value).toBe('1.3.6.1.5.5.2 (SPNEGO)');
    // The first two leaves are the 0x60 tag and its long-form length 82 05 95.
    const ls = leaves(r.fields);
    expect(ls[0]).toMatchObject({ name: 'tag', start: 0, end: 1 });
    expect(ls[1]).toMatchObject({ name: 'length', start: 1, end: 4, value: '1429' });
    expect(equal(buildNegTokenInit(r.value), b)).toBe(true);
    // mechListBytes are exactly the MechTypeList bytes inside the token (what mechListMIC covers).
    const list = find(r.fields, 'MechTypeList') as Field;
    expect(hex(b.subarray(list.start, list.end))).toBe(hex(mechListBytes(r.value.mechTypes)));
  });

  it('NegTokenInit2 from a Windows acceptor: 5 mechs and the hint; our Windows offer builds the same bytes', () => {
    const b = token('initial_context_token_neg_token_init2');
    const r = parseNegTokenInit2(b);
    expect(r.value).toEqual({ mechTypes: [OID.NEGOEX, OID.MS_KRB5, OID.KRB5, OID.KRB5_U2U, OID.NTLMSSP], negHints: { hintName: WINDOWS_HINT_NAME } });
    expect(r.inner).toBeUndefined();
    checkTree(r.fields, b.length);
    expect(find(r.fields, 'hintName')?.value).toBe(WINDOWS_HINT_NAME);
    expect(equal(buildNegTokenInit2(r.value), b)).toBe(true);
    expect(hex(buildNegTokenInit2(windowsServerOffer()))).toBe(hex(b));
    expect(() => parseNegTokenInit(b)).toThrow(DecodeError);
  });

  it('NegTokenResp: accept-completed, krb5, AP-REP', () => {
    const b = token('neg_token_resp');
    const r = parseNegTokenResp(b);
    expect(r.value.negState).toBe('accept-completed');
    expect(r.value.supportedMech).toBe(OID.KRB5);
    expect(r.value.mechListMIC).toBeUndefined();
    expect(r.value.responseToken?.length).toBe(156);
    expect(r.inner).toMatchObject({ offset: 30, length: 156, mech: 'Kerberos', field: 'responseToken' });
    expect(find(r.fields, 'responseToken')?.value).toBe('Kerberos KRB_AP_REP, 156 bytes');
    checkTree(r.fields, b.length);
    expect(equal(buildNegTokenResp(r.value), b)).toBe(true);
  });

  it('parseSpnego dispatches all three', () => {
    expect(parseSpnego(token('initial_context_token_neg_token_init')).name).toBe('NegTokenInit');
    expect(parseSpnego(token('initial_context_token_neg_token_init2')).name).toBe('NegTokenInit2');
    const resp = parseSpnego(token('neg_token_resp'));
    expect(resp.name).toBe('NegTokenResp');
    expect(resp.inner?.mech).toBe('Kerberos');
    expect(() => parseSpnego(token('ntlm_negotiate'))).toThrow(DecodeError);
    expect(() => parseSpnego(token('initial_context_token_krb_ap_req'))).toThrow(DecodeError);
  });
});

describe('Zeek captures (SMB2 security blobs)', () => {
  const cases: [keyof typeof ZEEK_BLOBS, string][] = [
    ['ldapNtlmInit', 'NegTokenInit'], ['ldapNtlmChallenge', 'NegTokenResp'], ['ldapNtlmAuth', 'NegTokenResp'],
    ['ldapNtlmDone', 'NegTokenResp'], ['smb2KrbOffer', 'NegTokenInit2'], ['smb2KrbApRep', 'NegTokenResp'], ['tsoWindowsInit', 'NegTokenInit'],
  ];
  for (const [k, name] of cases) {
    it(`${k} parses as ${name}, covers every byte and rebuilds exactly`, () => {
      const b = fromHex(ZEEK_BLOBS[k]);
      const m = parseSpnego(b, OID.NTLMSSP);
      expect(m.name).toBe(name);
      checkTree(m.fields, b.length);
      const rebuilt = m.name === 'NegTokenInit' ? buildNegTokenInit(m.value) : m.name === 'NegTokenInit2' ? buildNegTokenInit2(m.value) : buildNegTokenResp(m.value);
      expect(hex(rebuilt)).toBe(hex(b));
    });
  }
  it('NTLM over SPNEGO: the values', () => {
    const init = parseNegTokenInit(fromHex(ZEEK_BLOBS.ldapNtlmInit));
    expect(init.value.mechTypes).toEqual([OID.NTLMSSP]);
    expect(init.inner).toMatchObject({ mech: 'NTLMSSP', length: 32 });
    const ch = parseSpnego(fromHex(ZEEK_BLOBS.ldapNtlmChallenge));
    expect(ch.value).toMatchObject({ negState: 'accept-incomplete', supportedMech: OID.NTLMSSP });
    expect(find(ch.fields, 'responseToken')?.value).toBe('NTLMSSP CHALLENGE_MESSAGE, 280 bytes');
    // The AUTHENTICATE carries no supportedMech: detected from its NTLMSSP signature.
    const au = parseSpnego(fromHex(ZEEK_BLOBS.ldapNtlmAuth));
    expect(au.value).toEqual({ responseToken: expect.any(Uint8Array) });
    expect(au.inner?.mech).toBe('NTLMSSP');
    expect(parseSpnego(fromHex(ZEEK_BLOBS.ldapNtlmDone)).value).toEqual({ negState: 'accept-completed' });
  });
  it('Kerberos over SPNEGO: a Windows client list and the MS-KRB5 answer', () => {
    const init = parseNegTokenInit(fromHex(ZEEK_BLOBS.tsoWindowsInit));
    expect(init.value.mechTypes).toEqual([OID.MS_KRB5, OID.KRB5, OID.NEGOEX, OID.NTLMSSP]);
    expect(init.inner).toMatchObject({ mech: 'Kerberos', mechOid: OID.MS_KRB5 });
    const offer = parseSpnego(fromHex(ZEEK_BLOBS.smb2KrbOffer));
    expect(offer.value).toEqual({ mechTypes: [OID.MS_KRB5, OID.KRB5, OID.NTLMSSP], negHints: { hintName: WINDOWS_HINT_NAME } });
    const rep = parseSpnego(fromHex(ZEEK_BLOBS.smb2KrbApRep));
    expect(rep.value).toMatchObject({ negState: 'accept-completed', supportedMech: OID.MS_KRB5 });
    expect(rep.inner?.mech).toBe('Kerberos');
  });
});

describe('building', () => {
  it('NegTokenInit with reqFlags and mechListMIC round-trips', () => {
    const v = { mechTypes: [OID.MS_KRB5, OID.NTLMSSP], reqFlags: ['mutualFlag', 'integFlag'] as const, mechToken: new Uint8Array([1, 2, 3]), mechListMIC: new Uint8Array(16) };
    const b = buildNegTokenInit({ ...v, reqFlags: [...v.reqFlags] });
    const r = parseNegTokenInit(b);
    expect(r.value).toEqual({ ...v, reqFlags: ['mutualFlag', 'integFlag'] });
    checkTree(r.fields, b.length);
    // mutualFlag(1)+integFlag(6): bits 0100 0010, last bit used is 6 → 1 unused bit: 03 02 01 42.
    expect(hex(b)).toContain('a1040302' + '0142');
    expect(find(r.fields, 'mechListMIC')).toBeDefined();
    expect(find(r.fields, 'mechListMIC')?.start).toBe(b.length - 20);
  });
  it('reqFlags edge cases: none, delegFlag only', () => {
    expect(hex(buildNegTokenInit({ mechTypes: [], reqFlags: [] }))).toContain('a103030100');
    expect(hex(buildNegTokenInit({ mechTypes: [], reqFlags: ['delegFlag'] }))).toContain('a10403020780');
    expect(parseNegTokenInit(buildNegTokenInit({ mechTypes: [], reqFlags: ['delegFlag'] })).value.reqFlags).toEqual(['delegFlag']);
  });
  it('rejects a non-DER reqFlags BIT STRING (trailing zero bit)', () => {
    const good = buildNegTokenInit({ mechTypes: [OID.KRB5], reqFlags: ['delegFlag'] });
    const bad = fromHex(hex(good).replace('a10403020780', 'a10403020680'));
    expect(() => parseNegTokenInit(bad)).toThrow(DecodeError);
  });
  it('NegTokenInit2 with a mechListMIC at [4] and a hintAddress', () => {
    const v = { mechTypes: [OID.KRB5], negHints: { hintName: 'x', hintAddress: new Uint8Array([9]) }, mechListMIC: new Uint8Array([4, 4, 0]) };
    const b = buildNegTokenInit2(v);
    const m = parseSpnego(b);
    expect(m.name).toBe('NegTokenInit2');
    expect(m.value).toEqual(v);
    checkTree(m.fields, b.length);
    expect(find(m.fields, 'MIC')?.explain).toContain('Kerberos MIC token');
  });
  it('NegTokenResp request-mic with an NTLM signature as mechListMIC', () => {
    const mic = fromHex('01000000' + '11'.repeat(12));
    const b = buildNegTokenResp({ negState: 'request-mic', mechListMIC: mic });
    const r = parseNegTokenResp(b);
    expect(r.value).toEqual({ negState: 'request-mic', mechListMIC: mic });
    expect(find(r.fields, 'MIC')?.explain).toContain('NTLMSSP message signature');
    checkTree(r.fields, b.length);
  });
  it('responseToken without supportedMech takes the mechanism passed in', () => {
    const b = buildNegTokenResp({ responseToken: new Uint8Array([0xaa, 0xbb]) });
    expect(parseNegTokenResp(b).inner).toBeUndefined();
    expect(parseNegTokenResp(b, OID.KRB5).inner).toMatchObject({ offset: 8, length: 2, mech: 'Kerberos', mechOid: OID.KRB5 });
  });
  it('an empty NegTokenResp SEQUENCE is legal', () => {
    const r = parseNegTokenResp(fromHex('a1023000'));
    expect(r.value).toEqual({});
    checkTree(r.fields, 4);
  });
});

describe('nestInner', () => {
  it('hangs the inner tree under the mechToken bytes, shifted into place', () => {
    const b = fromHex(ZEEK_BLOBS.ldapNtlmInit);
    const r = parseSpnego(b);
    const inner = r.inner as NonNullable<typeof r.inner>;
    const innerFields = [field('Signature', 0, 8, 'NTLMSSP\\0'), field('rest', 8, inner.length, 'the rest')];
    const nested = nestInner(r.fields, innerFields);
    checkTree(nested, b.length);
    const sig = find(nested, 'Signature') as Field;
    expect([sig.start, sig.end]).toEqual([inner.offset, inner.offset + 8]);
    expect(hex(b.subarray(sig.start, sig.end))).toBe('4e544c4d53535000');
    // Already-shifted trees go in as they are.
    const nested2 = nestInner(r.fields, [field('all', inner.offset, inner.offset + inner.length, 'whole inner token')], { shifted: true });
    expect(find(nested2, 'all')?.start).toBe(inner.offset);
    // No inner token: an error.
    expect(() => nestInner(parseSpnego(fromHex(ZEEK_BLOBS.ldapNtlmDone)).fields, innerFields)).toThrow();
  });
});

describe('malformed input', () => {
  const bad: [string, string][] = [
    ['empty', ''],
    ['wrong first byte', '30020000'],
    ['truncated', 'a1073005a0030a01'],
    ['trailing byte', 'a1073005a0030a010000'],
    ['indefinite length', 'a1803005a0030a01000000'],
    ['non-minimal length', 'a181073005a0030a0100'],
    ['negState out of range', 'a1073005a0030a0104'],
    ['fields out of order', 'a10e300ca1030601 00a0030a0100'.replace(/ /g, '')],
    ['GSS token for another mech', '600d06092a864886f712010202 0100'.replace(/ /g, '')],
    ['NegTokenResp inside GSS framing', '600d06062b0601050502a1033001 00'.replace(/ /g, '')],
  ];
  for (const [what, h] of bad) it(`${what} → DecodeError`, () => expect(() => parseSpnego(fromHex(h))).toThrow(DecodeError));
  it('without mechTypes it can only be a NegTokenInit2 (where every field is optional)', () => {
    const b = fromHex('600c06062b0601050502a0023000');
    expect(() => parseNegTokenInit(b)).toThrow(DecodeError);
    expect(parseSpnego(b)).toMatchObject({ name: 'NegTokenInit2', value: {} });
  });
});
