// Real Kerberos tokens from pyspnego's test data (realm DOMAIN.LOCAL, client vagrant-domain).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, hex } from '../../../bytes';
import { type Field, uncovered } from '../../../encoding/fields';
import { readFidelity } from '../../../testing/fidelity';
import * as K from './index';

const tok = (name: string) => readFidelity(`captures/pyspnego-tokens/${name}`);
function find(fields: Field[], path: string[]): Field | undefined {
  let cur: Field[] = fields;
  let f: Field | undefined;
  for (const p of path) {
    f = cur.find((x) => x.name === p);
    if (!f) return undefined;
    cur = f.children ?? [];
  }
  return f;
}

describe('pyspnego Kerberos tokens', () => {
  it('AS-REQ (stored without its [APPLICATION 10] tag)', () => {
    const b = tok('krb_as_req');
    const m = K.parseKerberosMessage(b);
    expect(m.name).toBe('AS-REQ');
    expect(uncovered(m.fields, b.length)).toEqual([]);
    const r = K.parseAsReq(b);
    const body = r.value.reqBody;
    expect(body.realm).toBe('DOMAIN.LOCAL');
    expect(body.cname).toEqual({ nameType: 1, nameString: ['vagrant-domain'] });
    expect(body.sname).toEqual({ nameType: 2, nameString: ['krbtgt', 'DOMAIN.LOCAL'] });
    expect(body.etype).toEqual([18, 17, 16, 23]);
    expect(body.nonce).toBe(734266074);
    expect(body.till.toISOString()).toBe('2020-06-14T07:04:20.000Z');
    expect(K.flagNames(body.kdcOptions, K.KDC_OPTIONS)).toEqual(['forwardable']);
    expect(r.value.padata?.map((p) => p.padataType)).toEqual([2, 149]);
    const enc = K.parseEncryptedData(r.value.padata![0].padataValue).value;
    expect(enc.etype).toBe(18);
    expect(enc.cipher.length).toBe(56);
    const padata = find(m.fields, ['AS-REQ', 'padata', 'PA-ENC-TIMESTAMP', 'padata-value', 'EncryptedData', 'etype']);
    expect(padata?.value).toBe('18 (aes256-cts-hmac-sha1-96)');
    expect(find(m.fields, ['AS-REQ', 'req-body', 'kdc-options'])?.value).toBe('0x40000000 (forwardable)');
  });

  it('AS-REP', () => {
    const b = tok('krb_as_rep');
    const m = K.parseKerberosMessage(b);
    expect(m.name).toBe('AS-REP');
    expect(uncovered(m.fields, b.length)).toEqual([]);
    const v = K.parseAsRep(b).value;
    expect(v.crealm).toBe('DOMAIN.LOCAL');
    expect(v.cname.nameString).toEqual(['vagrant-domain']);
    expect(v.ticket.sname.nameString).toEqual(['krbtgt', 'DOMAIN.LOCAL']);
    expect(v.ticket.encPart).toMatchObject({ etype: 18, kvno: 2 });
    expect(v.encPart).toMatchObject({ etype: 18, kvno: 11 });
    const info = K.parseEtypeInfo2(v.padata![0].padataValue).value;
    expect(info).toEqual([{ etype: 18, salt: 'DOMAIN.LOCALvagrant-domain' }]);
    // Rebuilding the bare SEQUENCE from the parsed value gives the same bytes inside [APPLICATION 11].
    const rebuilt = K.buildAsRep(v);
    expect(hex(rebuilt.subarray(rebuilt.length - b.length))).toBe(hex(b));
  });

  it('TGS-REQ with PA-TGS-REQ (AP-REQ with the TGT)', () => {
    const b = tok('krb_tgs_req');
    const m = K.parseKerberosMessage(b);
    expect(m.name).toBe('TGS-REQ');
    expect(uncovered(m.fields, b.length)).toEqual([]);
    const v = K.parseTgsReq(b).value;
    expect(v.reqBody.sname).toEqual({ nameType: 3, nameString: ['HTTP', 'server2019.domain.local'] });
    expect(v.reqBody.nonce).toBe(333512069);
    expect(v.padata![0].padataType).toBe(1);
    const ap = K.parseApReq(v.padata![0].padataValue, {}, 7).value;
    expect(ap.ticket.encPart).toMatchObject({ etype: 18, kvno: 2 });
    expect(ap.ticket.sname.nameString).toEqual(['krbtgt', 'DOMAIN.LOCAL']);
    expect(find(m.fields, ['TGS-REQ', 'padata', 'PA-TGS-REQ', 'padata-value', 'AP-REQ', 'ticket', 'sname'])?.value).toBe('krbtgt/DOMAIN.LOCAL (NT-SRV-INST)');
    const rebuilt = K.buildTgsReq(v, v.reqBodyBytes);
    expect(hex(rebuilt.subarray(rebuilt.length - b.length))).toBe(hex(b));
  });

  it('TGS-REP', () => {
    const b = tok('krb_tgs_rep');
    const m = K.parseKerberosMessage(b);
    expect(m.name).toBe('TGS-REP');
    expect(uncovered(m.fields, b.length)).toEqual([]);
    const v = K.parseTgsRep(b).value;
    expect(v.ticket.sname.nameString).toEqual(['HTTP', 'server2019.domain.local']);
    expect(v.encPart.etype).toBe(18);
    expect(v.encPart.kvno).toBeUndefined();
  });

  it('KRB-ERROR 25 with METHOD-DATA e-data', () => {
    const b = tok('krb_error');
    const m = K.parseKerberosMessage(b);
    expect(m.name).toBe('KRB-ERROR');
    expect(uncovered(m.fields, b.length)).toEqual([]);
    const v = K.parseKrbError(b).value;
    expect(v.errorCode).toBe(K.ERROR.KDC_ERR_PREAUTH_REQUIRED);
    expect(v.realm).toBe('DOMAIN.LOCAL');
    expect(v.susec).toBe(748591);
    expect(find(m.fields, ['KRB-ERROR', 'error-code'])?.value).toBe('25 (KDC_ERR_PREAUTH_REQUIRED)');
    const md = K.parseMethodData(v.eData!).value;
    expect(md.map((p) => p.padataType)).toEqual([19, 2, 16, 15]);
    expect(K.parseEtypeInfo2(md[0].padataValue).value).toEqual([{ etype: 18, salt: 'DOMAIN.LOCALvagrant-domain' }, { etype: 23 }]);
    expect(find(m.fields, ['KRB-ERROR', 'e-data', 'METHOD-DATA', 'PA-ETYPE-INFO2'])).toBeDefined();
  });

  it('GSS-API AP-REQ and AP-REP tokens', () => {
    const b = tok('initial_context_token_krb_ap_req');
    const m = K.parseKerberosMessage(b);
    expect(m.name).toBe('GSS-API token');
    expect(uncovered(m.fields, b.length)).toEqual([]);
    const g = K.parseGssToken(b);
    expect(g.value.mech).toBe(K.KRB5_OID);
    expect(g.value.tokId).toBe(K.TOK_ID.AP_REQ);
    expect(g.value.message.kind).toBe('AP-REQ');
    const ap = (g.value.message as { message: K.ApReq }).message;
    expect(K.flagNames(ap.apOptions, K.AP_OPTIONS)).toEqual(['mutual-required']);
    expect(ap.ticket.sname.nameString).toEqual(['host', 'dc01']);
    expect(ap.authenticator.etype).toBe(18);
    expect(hex(K.wrapApReq(K.buildApReq(ap)))).toBe(hex(b));

    const r = tok('initial_context_token_krb_ap_rep');
    const g2 = K.parseGssToken(r);
    expect(uncovered(g2.fields, r.length)).toEqual([]);
    expect(g2.value.message.kind).toBe('AP-REP');
    expect(hex(K.wrapApRep(K.buildApRep((g2.value.message as { message: K.ApRep }).message)))).toBe(hex(r));
  });

  it('the decrypt hook is called with the right usages and its result attached', () => {
    const seen: string[] = [];
    const b = tok('krb_tgs_req');
    const m = K.parseTgsReq(b, {
      decrypt: (req) => {
        seen.push(`${req.plaintext}:${req.usages.join('/')}`);
        return { name: req.plaintext, key: 'test', keyHex: '', hex: '', fields: [] };
      },
    });
    expect(seen).toEqual(['EncTicketPart:2', 'Authenticator:7']);
    const cipher = find(m.fields, ['TGS-REQ', 'padata', 'PA-TGS-REQ', 'padata-value', 'AP-REQ', 'authenticator', 'cipher']);
    expect(cipher?.decrypted?.name).toBe('Authenticator');
  });
});

describe('robustness', () => {
  const samples = ['krb_as_req', 'krb_as_rep', 'krb_tgs_req', 'krb_tgs_rep', 'krb_error', 'initial_context_token_krb_ap_req', 'initial_context_token_krb_ap_rep'].map(tok);
  const expectOnlyDecodeError = (b: Uint8Array) => {
    try { K.parseKerberosMessage(b); } catch (e) { if (!(e instanceof DecodeError)) throw e; }
  };
  it('random bytes throw only DecodeError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), expectOnlyDecodeError), { numRuns: 3000 });
  });
  it('truncated and corrupted real tokens throw only DecodeError', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: samples.length - 1 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (i, cut, pos, val) => {
      const s = samples[i];
      expectOnlyDecodeError(s.subarray(0, cut % s.length));
      const c = s.slice();
      c[pos % c.length] = val;
      expectOnlyDecodeError(c);
    }), { numRuns: 3000 });
  });
});
