import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { DecodeError, fromHex, hex } from '../../../bytes';
import { uncovered } from '../../../encoding/fields';
import { element, encodeLength, headerFields, readChildren, readOnly, readTlv, tagName, tlv } from './der';

describe('DER lengths and elements', () => {
  it('encodes lengths in the shortest form, as asn1js does', () => {
    for (const n of [0, 1, 127, 128, 255, 256, 1429, 65535, 65536]) {
      const ours = tlv(0x04, new Uint8Array(n));
      const theirs = new Uint8Array(new asn1js.OctetString({ valueHex: new Uint8Array(n) }).toBER());
      expect(hex(ours.subarray(0, 6)), `length ${n}`).toBe(hex(theirs.subarray(0, 6)));
      expect(ours.length).toBe(theirs.length);
    }
    expect(hex(encodeLength(0x595))).toBe('820595');
  });
  it('reads offsets of tag, length and value', () => {
    // SEQUENCE (256 bytes, long form 82 01 00) holding one OCTET STRING of 253 bytes (81 fd).
    const b = fromHex('30820100' + '0481fd' + '00'.repeat(253));
    const outer = readOnly(b, 0);
    expect(outer).toEqual({ tag: 0x30, start: 0, valueStart: 4, end: 260 });
    expect(readChildren(b, outer)).toEqual([{ tag: 0x04, start: 4, valueStart: 7, end: 260 }]);
    expect(() => readOnly(fromHex('0500' + '00'), 0)).toThrow(/unexpected byte/);
  });
  it('reads the children of a constructed element', () => {
    const b = fromHex('3006020101020102');
    const kids = readChildren(b, readOnly(b, 0));
    expect(kids.map((k) => [k.start, k.valueStart, k.end])).toEqual([[2, 4, 5], [5, 7, 8]]);
    expect(() => readChildren(b, kids[0])).toThrow(DecodeError);
  });
  it('rejects what DER forbids', () => {
    expect(() => readTlv(fromHex('0480'), 0)).toThrow(/indefinite/);
    expect(() => readTlv(fromHex('04810100'), 0)).toThrow(/shortest/);
    expect(() => readTlv(fromHex('0482000100'), 0)).toThrow(/shortest/);
    expect(() => readTlv(fromHex('1f0100'), 0)).toThrow(/multi-byte/);
    expect(() => readTlv(fromHex('0485000000000100'), 0)).toThrow(DecodeError);
    expect(() => readTlv(fromHex('0403aabb'), 0)).toThrow(/only 2/);
    expect(() => readTlv(fromHex('04'), 0)).toThrow(DecodeError);
    expect(() => readTlv(new Uint8Array(0), 0)).toThrow(DecodeError);
  });
  it('names tags', () => {
    expect(tagName(0x60)).toBe('[APPLICATION 0]');
    expect(tagName(0xa3)).toBe('[3]');
    expect(tagName(0x30)).toBe('SEQUENCE');
    expect(tagName(0x1b)).toBe('GeneralString');
    expect(tagName(0xc1)).toBe('[PRIVATE 1]');
  });
  it('header fields and element cover the element', () => {
    const b = tlv(0x04, new Uint8Array(200));
    const t = readOnly(b, 0);
    const h = headerFields(b, t, 'x');
    expect(h.map((f) => [f.start, f.end])).toEqual([[0, 1], [1, 3]]);
    expect(h[1].explain).toContain('long form');
    const f = element(b, 'x', t, 'an octet string', [{ name: 'v', start: 3, end: 203, explain: 'bytes' }]);
    expect(uncovered([f], b.length)).toEqual([]);
  });
});
