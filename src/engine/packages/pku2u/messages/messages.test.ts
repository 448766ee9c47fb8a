// PKU2U and PKINIT structures: the PKU2U NEGO-REQ/REP of ms-negoex-pku2u.json decode with every
// byte covered and re-encode byte for byte; a PA-PK-AS-REQ (AuthPack in CMS SignedData) and a
// PA-PK-AS-REP (DHRepInfo with KDCDHKeyInfo) built with the P-256 key and certificate of
// test-data's PKI verify here and in `openssl cms -verify` against the Contoso root; both peers'
// ECDH secrets agree and python (cryptography + hashlib) derives the same secret and reply key.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sha1 } from '@noble/hashes/legacy.js';
import { DecodeError, base64, fromHex, fromUtf8, hex } from '../../../bytes';
import { readDer, readOctets } from '../../../encoding/der';
import { leaves, uncovered } from '../../../encoding/fields';
import { fidelityPath, loadVectors, readFidelity } from '../../../testing/fidelity';
import {
  OID, PKU2U_REALM, TOK_ID, buildAuthPack, buildKdcDhKeyInfo, buildPaPkAsRep, buildPaPkAsReq, buildPku2uNegoRep, buildPku2uNegoReq, buildPku2uToken,
  buildSignedData, certInfo, ecP256Spki, ecdhKeyPair, ecdhSharedSecret, ecdsaP256Signer, octetString2Key, parsePaPkAsRep, parsePaPkAsReq,
  parsePku2uNegoRep, parsePku2uNegoReq, parsePku2uToken, verifySignedData,
} from './index';

const vectors = loadVectors('ms-negoex-pku2u.json');
const der = (id: string) => fromHex(vectors.vectors.find((v) => v.id === id)!.expected.der_hex as string);

function pem(rel: string): Uint8Array[] {
  const text = fromUtf8(readFidelity(rel));
  return [...text.matchAll(/-----BEGIN [A-Z ]+-----([\s\S]*?)-----END/g)].map((m) => base64.decode(m[1].replace(/\s/g, '')));
}
const leafCert = pem('captures/openssl/pki/web01-ecdsa.crt')[0];
const issuingCa = pem('captures/openssl/pki/contoso-issuing-ca.crt')[0];
/** The 32-byte P-256 scalar of a PKCS#8 EC key (PrivateKeyInfo → ECPrivateKey → privateKey). */
function ecPrivateKey(pkcs8: Uint8Array): Uint8Array {
  const top = readDer(pkcs8);
  const inner = readOctets(pkcs8, top.children![2]);
  const ec = readDer(inner);
  return readOctets(inner, ec.children![1]).slice();
}
const leafKey = ecPrivateKey(pem('captures/openssl/pki/web01-ecdsa.key')[0]);
const signer = ecdsaP256Signer([leafCert, issuingCa], leafKey);

describe('PKU2U NEGO-REQ / NEGO-REP (the metadata Windows sends)', () => {
  it('pku2u-nego-req decodes with every byte covered and re-encodes byte for byte', () => {
    const b = der('pku2u-nego-req');
    const p = parsePku2uNegoReq(b);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(hex(buildPku2uNegoReq(p.value))).toBe(hex(b));
    expect(p.value.target).toEqual({ realm: PKU2U_REALM, sname: { nameType: 2, nameString: ['TERMSRV', 'AZRDOWN-W10'] } });
    expect(p.value.trustedCertifiers.length).toBe(2);
    // the subjectName is a DER Name whose CN is a BMPString "MS-Organization-P2P-Access [2021]"
    const name = p.value.trustedCertifiers[0].subjectName!;
    expect(name[0]).toBe(0x30);
    expect(hex(name)).toContain(hex(Uint8Array.from([...'MS-Organization'].flatMap((c) => [0, c.charCodeAt(0)]))));
  });

  it('pku2u-nego-rep decodes with every byte covered and re-encodes byte for byte', () => {
    const b = der('pku2u-nego-rep');
    const p = parsePku2uNegoRep(b);
    expect(uncovered(p.fields, b.length)).toEqual([]);
    expect(hex(buildPku2uNegoRep(p.value))).toBe(hex(b));
    expect(p.value.trustedCertifiers.length).toBe(3);
    expect(JSON.stringify(leaves(p.fields).map((l) => l.value))).toContain('Token Signing Public Key');
  });
});

describe('PKINIT with ECDH P-256 and ECDSA signatures', () => {
  const t = new Date(Date.UTC(2026, 11, 2, 12, 0, 0));
  const client = ecdhKeyPair(new Uint8Array(32).fill(0x11));
  const server = ecdhKeyPair(new Uint8Array(32).fill(0x22));
  const bodyDigest = sha1(new Uint8Array([1, 2, 3]));
  const authPack = buildAuthPack({
    pkAuthenticator: { cusec: 123456, ctime: t, nonce: 0x12345678, paChecksum: bodyDigest },
    clientPublicValue: ecP256Spki(client.publicPoint),
    supportedCMSTypes: [fromHex('300a06082a8648ce3d040302')],
  });
  const paReq = buildPaPkAsReq({
    signedAuthPack: buildSignedData(OID.pkinitAuthData, authPack, signer),
    trustedCertifiers: [{ subjectName: certInfo(issuingCa).subject }],
  });
  const keyInfo = buildKdcDhKeyInfo({ subjectPublicKey: server.publicPoint, nonce: 0x12345678 });
  const paRep = buildPaPkAsRep({ dhSignedData: buildSignedData(OID.pkinitDHKeyData, keyInfo, signer), serverDHNonce: new Uint8Array(32).fill(0x33) });

  it('PA-PK-AS-REQ: every byte covered (AuthPack decoded inside the SignedData), rebuilt byte for byte, signature valid', () => {
    const p = parsePaPkAsReq(paReq);
    expect(uncovered(p.fields, paReq.length)).toEqual([]);
    expect(hex(buildPaPkAsReq(p.value))).toBe(hex(paReq));
    expect(hex(buildAuthPack(p.authPack))).toBe(hex(authPack));
    expect(p.authPack.pkAuthenticator).toEqual({ cusec: 123456, ctime: t, nonce: 0x12345678, paChecksum: bodyDigest });
    expect(p.signedData.certificates.map(hex)).toEqual([hex(leafCert), hex(issuingCa)]);
    const names = leaves(p.fields).map((l) => l.name);
    for (const n of ['cusec', 'nonce', 'paChecksum', 'public value', 'signature', 'messageDigest']) expect(names.some((x) => x === n || x === 'value'), n).toBe(true);
    expect(JSON.stringify(p.fields)).toContain('"name":"AuthPack"');
    const check = verifySignedData(p.signedData);
    expect(check.ok).toBe(true);
  });

  it('a changed byte of the AuthPack or of the signature is detected', () => {
    const p = parsePaPkAsReq(paReq);
    const bad = { ...p.signedData, eContent: p.signedData.eContent.slice() };
    bad.eContent[10] ^= 1;
    expect(verifySignedData(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('messageDigest') });
    const badSig = { ...p.signedData, signer: { ...p.signedData.signer, signedAttrs: p.signedData.signer.signedAttrs.slice() } };
    badSig.signer.signedAttrs[20] ^= 1;
    expect(verifySignedData(badSig).ok).toBe(false);
    expect(verifySignedData({ ...p.signedData, certificates: [issuingCa] })).toMatchObject({ ok: false });
  });

  it('PA-PK-AS-REP: every byte covered, rebuilt byte for byte, KDCDHKeyInfo signed', () => {
    const p = parsePaPkAsRep(paRep);
    expect(uncovered(p.fields, paRep.length)).toEqual([]);
    expect(hex(buildPaPkAsRep(p.value))).toBe(hex(paRep));
    expect(p.keyInfo).toEqual({ subjectPublicKey: server.publicPoint, nonce: 0x12345678 });
    expect(hex(p.value.serverDHNonce!)).toBe('33'.repeat(32));
    expect(verifySignedData(p.signedData).ok).toBe(true);
  });

  it('both peers compute the same ECDH secret and reply key', () => {
    const s1 = ecdhSharedSecret(client.privateKey, server.publicPoint);
    const s2 = ecdhSharedSecret(server.privateKey, client.publicPoint);
    expect(hex(s1)).toBe(hex(s2));
    expect(s1.length).toBe(32);
    const k = octetString2Key(18, s1, undefined, new Uint8Array(32).fill(0x33));
    expect(k.length).toBe(32);
    expect(hex(octetString2Key(17, s1)).length).toBe(32);
  });

  it('PKU2U GSS tokens: the framing with TOK_ID 05 00 / 06 00 around the AS messages', () => {
    const msg = fromHex('6a03020105');
    const tok = buildPku2uToken(TOK_ID.AS_REQ, msg);
    expect(hex(tok)).toBe('600f06062b0601050207' + '0500' + '6a03020105');
    const p = parsePku2uToken(tok);
    expect(p.tokId).toBe(TOK_ID.AS_REQ);
    expect(hex(p.message)).toBe(hex(msg));
    expect(uncovered(p.fields, p.messageStart)).toEqual([]);
    expect(() => parsePku2uToken(fromHex('600b06092a864886f71201020201006a'))).toThrow(DecodeError);
  });

  it('malformed inputs throw only DecodeError', () => {
    const seeds = [paReq, paRep, der('pku2u-nego-req'), der('pku2u-nego-rep')];
    const parsers = [parsePaPkAsReq, parsePaPkAsRep, parsePku2uNegoReq, parsePku2uNegoRep];
    fc.assert(fc.property(fc.nat(3), fc.nat(), fc.integer({ min: 0, max: 255 }), (i, at, val) => {
      const b = seeds[i].slice();
      b[at % b.length] = val;
      try { parsers[i](b); } catch (e) { expect(e).toBeInstanceOf(DecodeError); }
    }), { numRuns: 300 });
  });

  describe('independent checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkinit-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });

    it.each([['signedAuthPack (id-pkinit-authData)', 'req'], ['dhSignedData (id-pkinit-DHKeyData)', 'rep']] as const)('openssl cms -verify accepts the %s against the Contoso root', (_what, which) => {
      const sd = which === 'req' ? parsePaPkAsReq(paReq).value.signedAuthPack : parsePaPkAsRep(paRep).value.dhSignedData;
      const inFile = join(dir, `${which}.der`), outFile = join(dir, `${which}.content`);
      writeFileSync(inFile, sd);
      const r = openssl(['cms', '-verify', '-inform', 'DER', '-in', inFile, '-binary', '-CAfile', fidelityPath('captures/openssl/pki/contoso-root-ca.crt'), '-purpose', 'any', '-attime', String(Math.floor(t.getTime() / 1000)), '-out', outFile]);
      if (r.error) throw new Error(`openssl is not installed: ${r.error.message}`);
      expect(r.stderr).toContain('Verification successful');
      expect(hex(new Uint8Array(readFileSync(outFile)))).toBe(hex(which === 'req' ? authPack : keyInfo));
      // and a changed content byte is refused
      const tampered = sd.slice();
      const at = hex(tampered).indexOf(hex(which === 'req' ? authPack : keyInfo).slice(0, 40)) / 2 + 12;
      tampered[at] ^= 1;
      writeFileSync(inFile, tampered);
      const bad = openssl(['cms', '-verify', '-inform', 'DER', '-in', inFile, '-binary', '-CAfile', fidelityPath('captures/openssl/pki/contoso-root-ca.crt'), '-purpose', 'any', '-attime', String(Math.floor(t.getTime() / 1000)), '-out', outFile]);
      expect(bad.status).not.toBe(0);
    });

    it('python (cryptography ECDH, hashlib SHA-1) derives the same shared secret and RFC 4556 reply key', () => {
      const script = `
import json, sys, hashlib
from cryptography.hazmat.primitives.asymmetric import ec
c = json.load(sys.stdin)
priv = ec.derive_private_key(int(c['priv'], 16), ec.SECP256R1())
peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), bytes.fromhex(c['peer']))
z = priv.exchange(ec.ECDH(), peer)
x = z + bytes.fromhex(c['nk'])
out = b''
i = 0
while len(out) < 32:
    out += hashlib.sha1(bytes([i]) + x).digest()
    i += 1
print(json.dumps({'secret': z.hex(), 'key': out[:32].hex()}))
`;
      const nk = new Uint8Array(32).fill(0x33);
      const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ priv: hex(client.privateKey), peer: hex(server.publicPoint), nk: hex(nk) }), encoding: 'utf8' });
      if (r.error || r.status !== 0) throw new Error(`python check failed: ${r.error?.message ?? r.stderr}`);
      const got = JSON.parse(r.stdout) as { secret: string; key: string };
      const secret = ecdhSharedSecret(client.privateKey, server.publicPoint);
      expect(got.secret).toBe(hex(secret));
      expect(got.key).toBe(hex(octetString2Key(18, secret, undefined, nk)));
    });
  });
});
