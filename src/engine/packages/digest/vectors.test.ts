// Ground truth: every vector of RFC 2617 §3.5 / RFC 7616 §3.9 and RFC 2831 §4 (as transcribed in
// test-data/fidelity), reproduced by this package's arithmetic and its message encoders.
import { describe, expect, it } from 'vitest';
import { loadVectors, type Vector } from '../../testing/fidelity';
import { base64, fromHex, fromUtf8, hex, utf8 } from '../../bytes';
import { uncovered, type Field } from '../../encoding/fields';
import { algorithmFromName, type DigestAlgorithm } from './hash';
import { ha1, ha2, response, userhash, type DigestInputs } from './compute';
import { layerKeys, saslA1, saslA2, saslHa1, saslResponse, saslRspauth, saslSecret, type SaslInputs } from './sasl';
import { buildChallenge, buildResponse, buildSaslChallenge, buildSaslResponse, buildSaslRspauth, parseChallenge, parseResponse, parseSaslChallenge, parseSaslResponse, parseSaslRspauth } from './messages';
import { md5 } from '@noble/hashes/legacy.js';

const covered = (b: Uint8Array, fields: Field[]) => expect(uncovered(fields, b.length)).toEqual([]);
const str = (v: Vector, k: string) => v.expected[k] as string;
const inp = (v: Vector) => v.inputs as Record<string, string>;

const http = loadVectors('digest-rfc2617-rfc7616.json');
const sasl = loadVectors('digest-sasl-rfc2831.json');

function httpInputs(v: Vector): DigestInputs {
  const i = inp(v);
  const alg = (i.algorithm ? algorithmFromName(i.algorithm.split(' ')[0]) : 'MD5') as DigestAlgorithm;
  return { algorithm: alg, username: i.username, realm: i.realm, nonce: i.nonce, cnonce: i.cnonce, nc: i.nc, qop: i.qop, method: i.method, uri: i.uri };
}

describe('HTTP Digest vectors (RFC 2617 §3.5, RFC 7616 §3.9)', () => {
  it('has every vector of the file', () => expect(http.vectors.map((v) => v.id)).toHaveLength(5));
  for (const v of http.vectors) {
    it(v.id, () => {
      const i = httpInputs(v);
      const pw = inp(v).password;
      if (v.expected.HA1) expect(ha1(i, pw)).toBe(str(v, 'HA1'));
      if (v.expected.HA2) expect(ha2(i)).toBe(str(v, 'HA2'));
      expect(response(i, pw)).toBe(str(v, 'response'));
      if (v.expected.userhash) {
        expect(hex(utf8(i.username))).toBe(inp(v).username_utf8_hex);
        expect(userhash(i.algorithm, i.username, i.realm)).toBe(str(v, 'userhash'));
      }
      const www = inp(v).www_authenticate;
      if (www) {
        const bytes = utf8(www.replace(/^Digest /, ''));
        const p = parseChallenge(bytes);
        covered(bytes, p.fields);
        expect(p.msg.realm).toBe(i.realm);
        expect(p.msg.nonce).toBe(i.nonce);
        expect(p.msg.opaque).toBe(inp(v).opaque);
        expect(fromUtf8(buildChallenge(p.msg, p.order))).toBe(fromUtf8(bytes));
      }
      const auth = v.expected.authorization as string | undefined;
      if (auth) {
        const bytes = utf8(auth.replace(/^Digest /, ''));
        const p = parseResponse(bytes);
        covered(bytes, p.fields);
        expect(p.msg.response).toBe(str(v, 'response'));
        const built = buildResponse({ username: i.username, realm: i.realm, nonce: i.nonce, uri: i.uri, response: response(i, pw), algorithm: p.msg.algorithm, cnonce: i.cnonce, opaque: inp(v).opaque, qop: i.qop, nc: i.nc }, p.order);
        expect(`Digest ${fromUtf8(built)}`).toBe(auth);
      }
    });
  }
});

function saslInputs(v: Vector): SaslInputs {
  const i = inp(v);
  return { username: i.username, realm: i.realm, nonce: i.nonce, cnonce: i.cnonce, nc: i.nc, qop: i.qop as SaslInputs['qop'], digestUri: i.digest_uri };
}

describe('SASL DIGEST-MD5 vectors (RFC 2831 §4)', () => {
  it('has every vector of the file', () => expect(sasl.vectors).toHaveLength(3));
  for (const v of sasl.vectors.filter((x) => x.inputs.username)) {
    it(v.id, () => {
      const i = saslInputs(v);
      const secret = saslSecret(i.username, i.realm, inp(v).password);
      const e = (k: string) => str(v, k);
      if (v.expected.H_user_realm_pass_hex) expect(hex(secret)).toBe(e('H_user_realm_pass_hex'));
      if (v.expected.A1_hex) expect(hex(saslA1(i, secret))).toBe(e('A1_hex'));
      expect(hex(saslHa1(i, secret))).toBe(e('HA1_hex'));
      if (v.expected.A2) expect(saslA2(i, false)).toBe(e('A2'));
      if (v.expected.A2_rspauth) expect(saslA2(i, true)).toBe(e('A2_rspauth'));
      expect(hex(md5(utf8(saslA2(i, false))))).toBe(e('HA2_hex'));
      expect(hex(md5(utf8(saslA2(i, true))))).toBe(e('HA2_rspauth_hex'));
      expect(saslResponse(i, secret)).toBe(e('response'));
      expect(saslRspauth(i, secret)).toBe(e('rspauth'));

      const ch = buildSaslChallenge({ realm: i.realm, nonce: i.nonce, qop: i.qop, algorithm: inp(v).algorithm, charset: inp(v).charset }, ['realm', 'nonce', 'qop', 'algorithm', 'charset']);
      expect(fromUtf8(ch)).toBe(inp(v).digest_challenge);
      if (inp(v).digest_challenge_base64) expect(base64.encode(ch)).toBe(inp(v).digest_challenge_base64);
      const pc = parseSaslChallenge(ch);
      covered(ch, pc.fields);
      expect(pc.msg.nonce).toBe(i.nonce);

      const resp = buildSaslResponse({ charset: inp(v).charset, username: i.username, realm: i.realm, nonce: i.nonce, nc: i.nc, cnonce: i.cnonce, digestUri: i.digestUri, response: saslResponse(i, secret), qop: i.qop });
      expect(fromUtf8(resp)).toBe(e('digest_response'));
      if (v.expected.digest_response_base64) expect(base64.encode(resp)).toBe(e('digest_response_base64'));
      const pr = parseSaslResponse(resp);
      covered(resp, pr.fields);
      expect(pr.msg.digestUri).toBe(i.digestUri);

      const ra = buildSaslRspauth({ rspauth: saslRspauth(i, secret) });
      if (v.expected.response_auth) expect(fromUtf8(ra)).toBe(e('response_auth'));
      if (v.expected.response_auth_base64) expect(base64.encode(ra)).toBe(e('response_auth_base64'));
      covered(ra, parseSaslRspauth(ra).fields);
    });
  }
  it('rfc2831-4-imap-chris-integrity-confidentiality-keys', () => {
    const v = sasl.vectors.find((x) => x.id === 'rfc2831-4-imap-chris-integrity-confidentiality-keys')!;
    const ha = fromHex(inp(v).HA1_binary_hex);
    const e = (k: string) => str(v, k);
    const k16 = layerKeys(ha, 'rc4'), k7 = layerKeys(ha, 'des'), k5 = layerKeys(ha, 'rc4-40');
    expect(hex(k16.kic)).toBe(e('Kic_hex'));
    expect(hex(k16.kis)).toBe(e('Kis_hex'));
    expect([hex(k16.kcc), hex(k7.kcc), hex(k5.kcc)]).toEqual([e('Kcc_n16_rc4_hex'), e('Kcc_n7_des_3des_rc4_56_hex'), e('Kcc_n5_rc4_40_hex')]);
    expect([hex(k16.kcs), hex(k7.kcs), hex(k5.kcs)]).toEqual([e('Kcs_n16_rc4_hex'), e('Kcs_n7_des_3des_rc4_56_hex'), e('Kcs_n5_rc4_40_hex')]);
  });
});
