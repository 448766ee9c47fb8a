// Ground truth for the CredSSP structures: every vector of test-data/fidelity/vectors/ms-cssp-credssp.json
// and every CredSSP token of pyspnego's test data (decoded with every byte covered, re-encoded byte
// for byte), plus the error paths (only DecodeError) and the errorCode / version rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, fromHex, hex, utf8 } from '../../../bytes';
import { leaves, uncovered } from '../../../encoding/fields';
import { loadVectors, readFidelity } from '../../../testing/fidelity';
import {
  bindingHash, buildTsCredentials, buildTsRemoteGuardCreds, parseTsRemoteGuardCreds, buildTsPasswordCreds, buildTsRequest, describeTsRequest, errorCodeValue, incrementPublicKey,
  parseTsCredentials, parseTsRequest, pubKeyAuthValue, restrictedAdminCredentials, subjectPublicKeyOf,
} from './index';

const file = loadVectors('ms-cssp-credssp.json');
const byId = new Map(file.vectors.map((v) => [v.id, v]));
const ascii = (s: string) => utf8(s);

describe('ms-cssp-credssp.json', () => {
  it('has the 5 vectors this test knows, and each is checked', () => {
    expect(file.vectors.map((v) => v.id).sort()).toEqual([
      'pubkeyauth-hash-client-to-server', 'pubkeyauth-hash-server-to-client', 'pubkeyauth-legacy', 'tscredentials-password', 'tsrequest-v6-all-fields',
    ]);
  });

  it('tsrequest-v6-all-fields: built from its inputs, parsed back, every byte covered', () => {
    const v = byId.get('tsrequest-v6-all-fields')!;
    const i = v.inputs as Record<string, unknown>;
    const want = v.expected.der_hex as string;
    const built = buildTsRequest({
      version: i.version as number, negoTokens: [ascii('123')], authInfo: ascii(i.authInfo_ascii as string), pubKeyAuth: ascii(i.pubKeyAuth_ascii as string),
      errorCode: i.errorCode as number, clientNonce: ascii(i.clientNonce_ascii as string),
    });
    expect(hex(built)).toBe(want);
    const p = parseTsRequest(fromHex(want));
    expect(p.value.version).toBe(6);
    expect(p.value.negoTokens!.map(hex)).toEqual([hex(ascii('123'))]);
    expect(p.value.errorCode).toBe(10);
    expect(new TextDecoder().decode(p.value.clientNonce)).toBe('client nonce');
    expect(uncovered(p.fields, built.length)).toEqual([]);
    expect(hex(buildTsRequest(p.value))).toBe(want);
    expect(describeTsRequest(p.value)).toBe('TSRequest v6 (negoTokens, pubKeyAuth, authInfo, errorCode, clientNonce)');
  });

  it('tscredentials-password: TSCredentials and TSPasswordCreds byte for byte', () => {
    const v = byId.get('tscredentials-password')!;
    const i = v.inputs as Record<string, string | number>;
    const creds = { domainName: i.domainName as string, userName: i.userName as string, password: i.password as string };
    expect(hex(buildTsPasswordCreds(creds))).toBe(v.expected.TSPasswordCreds_der_hex);
    const built = buildTsCredentials({ credType: i.credType as 1, credentials: creds });
    expect(hex(built)).toBe(v.expected.der_hex);
    const p = parseTsCredentials(built);
    expect(p.value).toEqual({ credType: 1, credentials: creds });
    expect(uncovered(p.fields, built.length)).toEqual([]);
  });

  it.each(['client-to-server', 'server-to-client'] as const)('pubKeyAuth binding hash %s', (dir) => {
    const v = byId.get(`pubkeyauth-hash-${dir}`)!;
    const i = v.inputs as Record<string, string>;
    const magic = i.magic_ascii_with_nul.replace('\\0', '\0');
    expect(magic.endsWith('Binding Hash\0')).toBe(true);
    const h = bindingHash(dir, fromHex(i.clientNonce_hex), fromHex(i.SubjectPublicKey_hex));
    expect(hex(h)).toBe(v.expected.sha256_hex);
    expect(hex(pubKeyAuthValue(6, dir, fromHex(i.SubjectPublicKey_hex), fromHex(i.clientNonce_hex)))).toBe(v.expected.sha256_hex);
  });

  it('pubkeyauth-legacy: versions 2-4 send the key, the server answers it plus one', () => {
    const v = byId.get('pubkeyauth-legacy')!;
    const key = fromHex((v.inputs as Record<string, string>).SubjectPublicKey_hex);
    for (const version of [2, 3, 4]) {
      expect(hex(pubKeyAuthValue(version, 'client-to-server', key))).toBe(v.expected.client_value_hex);
      expect(hex(pubKeyAuthValue(version, 'server-to-client', key))).toBe(v.expected.server_value_hex);
    }
    expect(hex(incrementPublicKey(fromHex('ff01')))).toBe('0002');
    expect(() => pubKeyAuthValue(5, 'client-to-server', key)).toThrow(RangeError);
  });
});

describe('pyspnego CredSSP tokens (test-data/fidelity/captures/pyspnego-tokens/credssp_*)', () => {
  const credentialFiles = [
    'credssp_ts_credential_password', 'credssp_ts_credential_smart_card', 'credssp_ts_credential_smart_card_full',
    'credssp_ts_credential_remote_guard_no_supplemental', 'credssp_ts_credential_remote_guard_empty_supplemental',
    'credssp_ts_credential_remote_guard_multiple',
  ];
  it.each(credentialFiles)('%s decodes with every byte covered and re-encodes byte for byte', (name) => {
    const b = readFidelity(`captures/pyspnego-tokens/${name}`);
    const p = parseTsCredentials(b);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(hex(buildTsCredentials(p.value))).toBe(hex(b));
    for (const l of leaves(p.fields)) expect(l.explain.length).toBeGreaterThan(0);
  });

  it('credssp_ts_remote_guard_ms_example (a bare TSRemoteGuardCreds) decodes with every byte covered and re-encodes byte for byte', () => {
    const b = readFidelity('captures/pyspnego-tokens/credssp_ts_remote_guard_ms_example');
    const p = parseTsRemoteGuardCreds(b);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(hex(buildTsRemoteGuardCreds(p.value))).toBe(hex(b));
    expect(p.value.logonCred.packageName).toBe('Kerberos');
    expect(p.value.logonCred.credBuffer.length).toBe(2611);
    expect(p.value.supplementalCreds!.map((c) => [c.packageName, c.credBuffer.length])).toEqual([['NTLM', 204]]);
  });

  it('the decoded values are what the files hold', () => {
    const pw = parseTsCredentials(readFidelity('captures/pyspnego-tokens/credssp_ts_credential_password')).value;
    expect(pw).toEqual({ credType: 1, credentials: { domainName: 'domain name', userName: 'username', password: 'password' } });
    const sc = parseTsCredentials(readFidelity('captures/pyspnego-tokens/credssp_ts_credential_smart_card_full')).value;
    expect(sc.credType).toBe(2);
    const scc = sc.credentials as { pin: string; cspData: { keySpec: number; cardName?: string; readerName?: string; cspName?: string }; userHint?: string; domainHint?: string };
    expect(scc.cspData.keySpec).toBe(1);
    expect(scc.cspData.cardName).toBe('Card Name');
    expect(scc.cspData.readerName).toMatch(/^OMNIKEY CardMan 3x21/);
    expect(scc.userHint).toBeDefined();
    expect(scc.domainHint).toBeDefined();
    const rg = parseTsCredentials(readFidelity('captures/pyspnego-tokens/credssp_ts_credential_remote_guard_multiple')).value;
    expect(rg.credType).toBe(6);
    const rgc = rg.credentials as { logonCred: { packageName: string }; supplementalCreds?: { packageName: string }[] };
    expect(rgc.logonCred.packageName).toBe('Package 1');
    expect(rgc.supplementalCreds!.map((c) => c.packageName)).toEqual(['Package 2', 'Package 3']);
    const empty = parseTsCredentials(readFidelity('captures/pyspnego-tokens/credssp_ts_credential_remote_guard_empty_supplemental')).value;
    expect((empty.credentials as { supplementalCreds?: unknown[] }).supplementalCreds).toEqual([]);
  });

  it('credssp_ts_request decodes, every byte covered, and re-encodes byte for byte', () => {
    const b = readFidelity('captures/pyspnego-tokens/credssp_ts_request');
    const p = parseTsRequest(b);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(hex(buildTsRequest(p.value))).toBe(hex(b));
    expect(p.value.version).toBe(6);
  });
});

describe('TSRequest rules', () => {
  it('carries a real SPNEGO token with its own field tree nested in negoTokens', () => {
    const spnego = readFidelity('captures/pyspnego-tokens/initial_context_token_neg_token_init');
    const b = buildTsRequest({ version: 6, negoTokens: [spnego], clientNonce: new Uint8Array(32).fill(7) });
    const p = parseTsRequest(b);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    const layered = leaves(p.fields).length;
    expect(layered).toBeGreaterThan(10);
    const find = (fs: typeof p.fields): boolean => fs.some((f) => f.layer === 'SPNEGO' || (f.children ? find(f.children) : false));
    expect(find(p.fields)).toBe(true);
  });

  it('errorCode: a negative NTSTATUS round-trips and is named', () => {
    const code = errorCodeValue(0xc000006d);
    expect(code).toBe(-1073741715);
    const b = buildTsRequest({ version: 6, errorCode: code });
    expect(hex(b)).toBe('300da003020106a4060204c000006d');
    const p = parseTsRequest(b);
    expect(p.value.errorCode).toBe(code);
    expect(JSON.stringify(p.fields)).toContain('STATUS_LOGON_FAILURE');
    expect(hex(buildTsRequest(p.value))).toBe(hex(b));
  });

  it('Restricted Admin: an empty TSPasswordCreds', () => {
    const b = buildTsCredentials(restrictedAdminCredentials());
    expect(hex(b)).toBe('3017a003020101a110040e300ca0020400a1020400a2020400');
    const p = parseTsCredentials(b);
    expect(p.value).toEqual(restrictedAdminCredentials());
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(JSON.stringify(p.fields)).toContain('Restricted Admin');
  });

  it('decoders throw only DecodeError on any input', () => {
    const parsers = [parseTsRequest, parseTsCredentials];
    fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (b) => {
      for (const parse of parsers) {
        try { parse(b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
      }
    }), { numRuns: 2000 });
    // mutations of real tokens
    const seeds = [readFidelity('captures/pyspnego-tokens/credssp_ts_request'), readFidelity('captures/pyspnego-tokens/credssp_ts_credential_smart_card_full')];
    fc.assert(fc.property(fc.integer({ min: 0, max: 1 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (which, at, val) => {
      const b = seeds[which].slice();
      b[at % b.length] = val;
      for (const parse of parsers) {
        try { parse(b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
      }
    }), { numRuns: 2000 });
  });

  it('subjectPublicKeyOf takes the BIT STRING content of a SubjectPublicKeyInfo', () => {
    // SEQUENCE { SEQUENCE { OID ecPublicKey, OID prime256v1 }, BIT STRING 00 04 ... }
    const point = new Uint8Array(65).fill(1);
    point[0] = 4;
    const spki = fromHex('3059301306072a8648ce3d020106082a8648ce3d030107034200' + hex(point));
    expect(hex(subjectPublicKeyOf(spki))).toBe(hex(point));
    expect(() => subjectPublicKeyOf(fromHex('3000'))).toThrow(DecodeError);
  });
});

