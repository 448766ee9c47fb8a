import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, concat, fromHex, hex, utf8 } from '../../../bytes';
import { uncovered } from '../../../encoding/fields';
import { loadVectors } from '../../../testing/fidelity';
import * as K from './index';

describe('RFC 4121 authenticator checksum (0x8003)', () => {
  it('Bnd: channel-binding hash matches the published EPA vector', () => {
    const v = loadVectors('ntlm-epa-mic-chromium.json').vectors.find((x) => x.id === 'ntlm-channel-binding-hash')!;
    const app = concat(utf8(v.inputs.application_data_ascii_prefix as string), fromHex(v.inputs.certificate_hash_hex as string));
    expect(hex(K.channelBindingHash(app))).toBe(v.expected.MsvAvChannelBindings_hex);
    expect(hex(K.channelBindingHash())).toBe('00'.repeat(16));
  });
  it('builds the RFC layout and parses it back, every byte covered', () => {
    const flags = K.GSS_FLAGS.MUTUAL | K.GSS_FLAGS.REPLAY | K.GSS_FLAGS.SEQUENCE | K.GSS_FLAGS.CONF | K.GSS_FLAGS.INTEG | K.GSS_FLAGS.EXTENDED_ERROR;
    const b = K.buildGssChecksum({ bnd: new Uint8Array(16), flags });
    expect(hex(b)).toBe('10000000' + '00'.repeat(16) + '3e400000');
    const p = K.parseGssChecksum(b);
    expect(p.value.flags).toBe(flags);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(p.fields.find((f) => f.name === 'Flags')?.value).toContain('GSS_C_MUTUAL_FLAG');
    const d = K.buildGssChecksum({ bnd: K.channelBindingHash(utf8('x')), flags: flags | K.GSS_FLAGS.DELEG, delegation: { dlgOpt: 1, deleg: fromHex('7600') }, exts: [{ type: 2, data: fromHex('aabb') }] });
    const q = K.parseGssChecksum(d);
    expect(q.value.delegation).toEqual({ dlgOpt: 1, deleg: fromHex('7600') });
    expect(q.value.exts).toEqual([{ type: 2, data: fromHex('aabb') }]);
    expect(uncovered(q.fields, d.length)).toEqual([]);
  });
  it('inside an authenticator, the checksum is decoded in the field tree', () => {
    const a = K.buildAuthenticator({
      authenticatorVno: 5, crealm: 'CONTOSO.LOCAL', cname: { nameType: 1, nameString: ['alice'] }, cusec: 1, ctime: new Date(Date.UTC(2024, 0, 1)),
      cksum: { cksumtype: K.GSS_CHECKSUM_TYPE, checksum: K.buildGssChecksum({ bnd: new Uint8Array(16), flags: 0x1e }) }, seqNumber: 12345,
    });
    const r = K.parseAuthenticator(a);
    expect(uncovered(r.fields, a.length)).toEqual([]);
    const ck = r.fields[0].children!.find((f) => f.name === 'cksum')!.children!.find((f) => f.name === 'checksum')!;
    expect(ck.children!.map((c) => c.name)).toEqual(['tag/length', 'Lgth', 'Bnd', 'Flags']);
  });
  it('random bytes throw only DecodeError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
      try { K.parseGssChecksum(b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
    }), { numRuns: 1000 });
  });
});

describe('GSS-API framing', () => {
  it('wraps with either OID and the right TOK_ID', () => {
    const err = K.buildKrbError({ stime: new Date(0), susec: 0, errorCode: 37, realm: 'R', sname: { nameType: 2, nameString: ['host', 'x'] } });
    for (const mech of [K.KRB5_OID, K.MS_KRB5_OID]) {
      const t = K.wrapKrbError(err, mech);
      const g = K.parseGssToken(t);
      expect(g.value.mech).toBe(mech);
      expect(g.value.tokId).toBe(0x0300);
      expect(g.name).toBe('KRB-ERROR');
      expect(uncovered(g.fields, t.length)).toEqual([]);
      expect(hex(g.value.inner)).toBe(hex(err));
    }
  });
  it('rejects a length that does not match', () => {
    expect(() => K.parseGssToken(fromHex('600506092a'))).toThrow(DecodeError);
  });
});
