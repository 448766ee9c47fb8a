import { describe, expect, it } from 'vitest';
import { DecodeError, fromHex, hex } from '../../bytes';
import { loadVectors } from '../../testing/fidelity';
import { OID, OID_INFO, decodeOid, encodeOid, oidDer, oidName } from './oids';
import { mechListBytes } from './messages/mechTypes';
import { buildNegTokenResp } from './messages/negTokenResp';
import { KRB5_TOKEN_IDS } from './messages/inner';
import { NEG_STATES } from './messages/types';

const file = loadVectors('spnego-oids-negstate.json');
const byId = (id: string) => {
  const v = file.vectors.find((x) => x.id === id);
  if (!v) throw new Error(`vector ${id} missing`);
  return v;
};

describe('OIDs against spnego-oids-negstate.json', () => {
  const oidVectors = file.vectors.filter((v) => v.id.startsWith('oid-'));
  it('has the 10 OID vectors', () => expect(oidVectors).toHaveLength(10));
  for (const v of oidVectors) {
    const oid = v.inputs.oid as string;
    it(`${oid} encodes to ${v.expected.der_hex as string} and decodes back`, () => {
      expect(hex(oidDer(oid))).toBe(v.expected.der_hex);
      const der = fromHex(v.expected.der_hex as string);
      expect(decodeOid(der.subarray(2))).toBe(oid);
      expect(OID_INFO[oid]).toBeDefined();
    });
  }
  it('every named OID constant is one of the vectors', () => {
    const ids = new Set(oidVectors.map((v) => v.inputs.oid));
    for (const oid of Object.values(OID)) expect(ids.has(oid)).toBe(true);
  });
  it('names the mechanisms', () => {
    expect(oidName(OID.MS_KRB5)).toBe('MS-KRB5');
    expect(oidName(OID.NTLMSSP)).toBe('NTLMSSP');
    expect(oidName('1.2.3.4')).toBe('1.2.3.4');
  });
  it('rejects malformed OIDs', () => {
    expect(() => decodeOid(new Uint8Array([]))).toThrow(DecodeError);
    expect(() => decodeOid(fromHex('2a86'))).toThrow(DecodeError);
    expect(() => decodeOid(fromHex('2a8048'))).toThrow(DecodeError);
    expect(() => encodeOid('1')).toThrow();
    expect(() => encodeOid('1.40')).toThrow();
    expect(() => encodeOid('3.1')).toThrow();
  });
  it('handles arc 2 with large second arc (2.999.3 = 88 37 03)', () => {
    expect(hex(encodeOid('2.999.3'))).toBe('883703');
    expect(decodeOid(fromHex('883703'))).toBe('2.999.3');
  });
});

describe('MechTypeList, negState and token IDs', () => {
  it('MechTypeList bytes (what mechListMIC covers)', () => {
    const v = byId('mechTypeList-kerberos-ntlm');
    expect(hex(mechListBytes(v.inputs.mech_types as string[]))).toBe(v.expected.der_hex);
    expect(hex(mechListBytes([OID.KRB5]))).toBe(v.expected.kerberos_only_der_hex);
  });
  it('negState values and DER', () => {
    const v = byId('negState-values');
    const examples = v.expected.der_examples_hex as Record<string, string>;
    expect(Object.keys(examples)).toHaveLength(4);
    expect(NEG_STATES).toHaveLength(4);
    for (const st of NEG_STATES) {
      expect(NEG_STATES.indexOf(st)).toBe(v.expected[st]);
      const der = examples[`negState ${st}`];
      // NegTokenResp { negState } = a1 07 30 05 <a0 03 0a 01 0n>
      expect(hex(buildNegTokenResp({ negState: st }))).toBe(`a1073005${der}`);
    }
  });
  it('Windows hint name', () => {
    expect(byId('negTokenInit-layout').expected.windows_hint_name).toBe('not_defined_in_RFC4178@please_ignore');
  });
  it('Kerberos GSS token IDs', () => {
    const ids = byId('krb5-gss-token-ids').expected as Record<string, string>;
    expect(Object.keys(ids)).toHaveLength(9);
    expect(Object.keys(KRB5_TOKEN_IDS)).toHaveLength(9);
    for (const [name, id] of Object.entries(ids)) {
      expect(KRB5_TOKEN_IDS[id], name).toBeDefined();
      expect(name.startsWith(KRB5_TOKEN_IDS[id]), `${name} vs ${KRB5_TOKEN_IDS[id]}`).toBe(true);
    }
  });
});
