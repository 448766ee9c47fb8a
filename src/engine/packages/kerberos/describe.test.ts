import { describe, expect, it } from 'vitest';
import { uncovered } from '../../encoding/fields';
import { readFidelity } from '../../testing/fidelity';
import { describeKerberos } from './describe';

const TOKENS: [string, string, string[]][] = [
  ['krb_as_req', 'AS-REQ', ['Kerberos AS-REQ']],
  ['krb_as_rep', 'AS-REP', ['Kerberos AS-REP']],
  ['krb_tgs_req', 'TGS-REQ', ['Kerberos TGS-REQ']],
  ['krb_tgs_rep', 'TGS-REP', ['Kerberos TGS-REP']],
  ['krb_error', 'KRB-ERROR (KDC_ERR_PREAUTH_REQUIRED)', ['Kerberos KRB-ERROR']],
  ['initial_context_token_krb_ap_req', 'AP-REQ', ['GSS-API', 'Kerberos AP-REQ']],
  ['initial_context_token_krb_ap_rep', 'AP-REP', ['GSS-API', 'Kerberos AP-REP']],
];

describe('describe() on real Kerberos tokens (pyspnego test data)', () => {
  for (const [file, name, layers] of TOKENS) {
    it(`${file} → ${name}, every byte explained`, () => {
      const b = readFidelity(`captures/pyspnego-tokens/${file}`);
      const v = describeKerberos(b, { entries: [] });
      expect(v.protocol).toBe('Kerberos');
      expect(v.name).toBe(name);
      expect(v.layers).toEqual(layers);
      expect(uncovered(v.fields, b.length)).toEqual([]);
      expect(v.explain.length).toBeGreaterThan(20);
      expect(v.ref).toMatch(/RFC 412[01]/);
    });
  }

  it('opens nothing without keys, and throws DecodeError on garbage', () => {
    expect(() => describeKerberos(new Uint8Array([0x6a, 0x03, 0x30, 0x01, 0x00]), { entries: [] })).toThrow();
    const v = describeKerberos(readFidelity('captures/pyspnego-tokens/krb_as_rep'), { entries: [] });
    expect(JSON.stringify(v.fields)).not.toContain('"decrypted"');
  });
});
