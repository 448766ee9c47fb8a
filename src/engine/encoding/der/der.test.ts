import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, fromHex, hex } from '../../bytes';
import { uncovered } from '../fields';
import { loadVectors } from '../../testing/fidelity';
import {
  bitString, boolean, explicit, generalizedTime, generalString, genericField, integer, octetString, oid, readBigInteger, readDer,
  readInteger, readOid, readTime, seq,
} from './index';

const ber = (x: { toBER(): ArrayBuffer }) => hex(new Uint8Array(x.toBER()));

describe('DER writer agrees with asn1js', () => {
  it('INTEGER (random 53-bit values)', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (v) => {
      expect(hex(integer(v))).toBe(ber(new asn1js.Integer({ value: v })));
    }), { numRuns: 500 });
    for (const v of [0, 127, 128, 255, 256, -1, -128, -129, 0xffffffff, 0x7fffffff, -0x80000000]) {
      expect(hex(integer(v))).toBe(ber(new asn1js.Integer({ value: v })));
    }
  });
  it('OCTET STRING, GeneralString, BOOLEAN, OID, explicit tags', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(hex(octetString(b))).toBe(ber(new asn1js.OctetString({ valueHex: b })));
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ.-/$abc0123'.split('')), maxLength: 200 }), (s) => {
      expect(hex(generalString(s))).toBe(ber(new asn1js.GeneralString({ value: s })));
    }), { numRuns: 200 });
    expect(hex(boolean(true))).toBe(ber(new asn1js.Boolean({ value: true })));
    for (const o of ['1.2.840.113554.1.2.2', '1.2.840.48018.1.2.2', '1.3.6.1.5.5.2', '2.999.1', '1.3.6.1.4.1.311.2.2.10']) {
      expect(hex(oid(o))).toBe(ber(new asn1js.ObjectIdentifier({ value: o })));
    }
    expect(hex(explicit(3, integer(5)))).toBe(ber(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 3 }, value: [new asn1js.Integer({ value: 5 })] })));
    expect(hex(explicit(40, integer(5)))).toBe(ber(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 40 }, value: [new asn1js.Integer({ value: 5 })] })));
  });
  it('GeneralizedTime (whole seconds)', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1970, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }), (s) => {
      const d = new Date(s * 1000);
      expect(hex(generalizedTime(d))).toBe(ber(new asn1js.GeneralizedTime({ valueDate: d })));
      const n = readDer(generalizedTime(d));
      expect(readTime(generalizedTime(d), n).getTime()).toBe(d.getTime());
    }), { numRuns: 200 });
  });
  it('BIT STRING', () => {
    expect(hex(bitString(fromHex('40810010')))).toBe('030500' + '40810010');
  });
});

describe('DER reader', () => {
  it('keeps offsets of long-form lengths', () => {
    const inner = octetString(new Uint8Array(300));
    const b = seq(explicit(1, inner));
    const n = readDer(b);
    expect([n.start, n.headerEnd, n.end]).toEqual([0, 4, b.length]);
    const c = n.children![0];
    expect([c.start, c.headerEnd]).toEqual([4, 8]);
    expect(c.children![0].headerEnd).toBe(12);
  });
  it('reads integers both ways', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (v) => {
      const b = integer(v);
      expect(readInteger(b, readDer(b))).toBe(v);
      expect(readBigInteger(b, readDer(b))).toBe(BigInt(v));
    }), { numRuns: 300 });
    expect(readOid(oid('1.2.840.113554.1.2.2'), readDer(oid('1.2.840.113554.1.2.2')))).toBe('1.2.840.113554.1.2.2');
  });
  it('rejects indefinite lengths, overruns and trailing bytes with DecodeError', () => {
    expect(() => readDer(fromHex('3080'))).toThrow(DecodeError);
    expect(() => readDer(fromHex('3005020101'))).toThrow(DecodeError);
    expect(() => readDer(fromHex('02010100'))).toThrow(DecodeError);
  });
  it('random bytes throw only DecodeError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      try { const n = readDer(b); genericField(b, n); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
    }), { numRuns: 2000 });
  });
});

describe('MIT krb5 reference encodings as generic DER', () => {
  const file = loadVectors('mit-krb5-asn1-reference-encodings.json');
  it('has 77 entries and each parses with every byte covered', () => {
    expect(file.vectors.length).toBe(77);
    let n = 0;
    for (const v of file.vectors) {
      const b = fromHex((v as unknown as { der_hex: string }).der_hex);
      const f = genericField(b, readDer(b));
      expect(uncovered([f], b.length), v.id).toEqual([]);
      n++;
    }
    expect(n).toBe(77);
  });
});

describe('utcText', () => {
  it('formats like toISOString (whole seconds), 1601..9999', async () => {
    const { utcText } = await import('./fields');
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1601, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
      expect(utcText(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('T', ' ').replace('.000Z', 'Z'));
    }), { numRuns: 3000 });
  });
});
