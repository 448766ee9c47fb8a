// The scenario PKI checked by OpenSSL: `openssl verify` accepts the chains with the enterprise
// root and refuses the untrusted one; `openssl x509 -text` reads every certificate.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64 } from '../../../bytes';
import { uncovered } from '../../../encoding/fields';
import { pkiFor, type PkiSpec } from './build';
import { certificateFields } from './describe';

const spec: PkiSpec = {
  seed: 1, domain: 'contoso.local', org: 'Contoso', serverHost: 'web01.contoso.local', clientUpn: 'alice@contoso.local',
  notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z'),
};
const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${base64.encode(der).replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
const dir = mkdtempSync(join(tmpdir(), 'sspi-pki-'));
const put = (name: string, der: Uint8Array) => { const p = join(dir, name); writeFileSync(p, pem(der)); return p; };
const at = String(Math.floor(new Date('2026-06-01T00:00:00Z').getTime() / 1000));

describe('scenario PKI (deterministic, P-256)', () => {
  const pki = pkiFor(spec);
  it('is the same for the same seed and differs for another', () => {
    expect(pkiFor({ ...spec }).server.der).toBe(pki.server.der); // cached
    const again = pkiFor({ ...spec, serverHost: spec.serverHost }).server.der;
    expect(Buffer.from(again).toString('hex')).toBe(Buffer.from(pki.server.der).toString('hex'));
    expect(Buffer.from(pkiFor({ ...spec, seed: 2 }).server.der).toString('hex')).not.toBe(Buffer.from(pki.server.der).toString('hex'));
  });
  it('openssl verify accepts the server, RSA server and client chains with the enterprise root', () => {
    const root = put('root.pem', pki.root.der);
    const issuing = put('issuing.pem', pki.issuing.der);
    for (const [name, der, purpose] of [['server', pki.server.der, 'sslserver'], ['server-rsa', pki.serverRsa.der, 'sslserver'], ['client', pki.client.der, 'sslclient']] as const) {
      const leaf = put(`${name}.pem`, der);
      const out = execFileSync('openssl', ['verify', '-attime', at, '-purpose', purpose, '-CAfile', root, '-untrusted', issuing, leaf], { encoding: 'utf8' });
      expect(out.trim()).toBe(`${leaf}: OK`);
    }
  });
  it('openssl verify refuses the untrusted chain and the expired certificate', () => {
    const root = put('root.pem', pki.root.der);
    const issuing = put('issuing.pem', pki.issuing.der);
    const bad = spawnSync('openssl', ['verify', '-attime', at, '-CAfile', root, put('untrusted.pem', pki.untrustedServer.der)], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/unable to get local issuer certificate/);
    const exp = spawnSync('openssl', ['verify', '-attime', at, '-CAfile', root, '-untrusted', issuing, put('expired.pem', pki.expiredServer.der)], { encoding: 'utf8' });
    expect(exp.status).not.toBe(0);
    expect(exp.stdout + exp.stderr).toMatch(/certificate has expired/);
    // The untrusted chain does verify against its own (Fabrikam) root: it is well formed, just not trusted.
    const own = execFileSync('openssl', ['verify', '-attime', at, '-CAfile', put('fab.pem', pki.untrustedRoot.der), put('untrusted.pem', pki.untrustedServer.der)], { encoding: 'utf8' });
    expect(own).toMatch(/OK/);
  });
  it('openssl x509 -text reads every certificate with its EKU, subjectAltName and UPN', () => {
    const text = (der: Uint8Array) => execFileSync('openssl', ['x509', '-noout', '-text', '-in', put('c.pem', der)], { encoding: 'utf8' });
    const s = text(pki.server.der);
    expect(s).toMatch(/TLS Web Server Authentication/);
    expect(s).toMatch(/DNS:web01\.contoso\.local/);
    expect(s).toMatch(/ASN1 OID: prime256v1/);
    expect(s).toMatch(/Issuer: DC ?= ?local, DC ?= ?contoso, CN ?= ?Contoso Issuing CA/);
    const c = text(pki.client.der);
    expect(c).toMatch(/TLS Web Client Authentication/);
    expect(c).toMatch(/alice@contoso\.local/);
    expect(text(pki.root.der)).toMatch(/CA:TRUE/);
    expect(text(pki.serverRsa.der)).toMatch(/Public-Key: \(2048 bit\)/);
    for (const k of ['issuing', 'untrustedRoot', 'untrustedServer', 'expiredServer'] as const) expect(text(pki[k].der)).toMatch(/Certificate:/);
  });
  it('every byte of every certificate is covered by its field tree', () => {
    for (const k of ['root', 'issuing', 'server', 'serverRsa', 'client', 'untrustedRoot', 'untrustedServer'] as const) {
      const f = certificateFields(pki[k].der);
      expect(uncovered(f.fields, pki[k].der.length)).toEqual([]);
    }
    expect(certificateFields(pki.server.der).subject).toBe('CN=web01.contoso.local');
  });
});
