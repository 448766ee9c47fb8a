// tls-server-end-point (RFC 5929 §4.1): "tls-server-end-point:" and the hash of the server's certificate, with the
// hash of its signature algorithm (the scenario PKI signs with ecdsa-with-SHA256, so SHA-256), as openssl computes it.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromUtf8, hex } from '../../../bytes';
import { pkiFor, serverCertFrom } from './build';
import { tlsServerEndPoint } from './endpointBindings';

const spec = { seed: 7, domain: 'contoso.local', org: 'Contoso', serverHost: 'fs01.contoso.local', clientUpn: 'alice@contoso.local', notBefore: new Date('2016-09-01T00:00:00Z'), notAfter: new Date('2018-10-01T00:00:00Z') };

describe('tls-server-end-point channel bindings', () => {
  it('are "tls-server-end-point:" followed by the SHA-256 of the DER certificate (openssl dgst agrees)', () => {
    const der = pkiFor(spec).server.der;
    const b = tlsServerEndPoint(der);
    expect(b.hashName).toBe('SHA-256');
    expect(fromUtf8(b.applicationData.subarray(0, 21))).toBe('tls-server-end-point:');
    expect(hex(b.applicationData.subarray(21))).toBe(hex(b.certificateHash));
    const openssl = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der, encoding: 'utf8' }).split(' ')[0];
    expect(hex(b.certificateHash)).toBe(openssl);
  });

  it('differ for another machine\'s certificate from the same CA (what makes a relayed logon fail Extended Protection)', () => {
    const pki = pkiFor(spec);
    const rogue = serverCertFrom(pki, 'rogue', 'relay-server');
    expect(hex(tlsServerEndPoint(rogue.der).certificateHash)).not.toBe(hex(tlsServerEndPoint(pki.server.der).certificateHash));
    expect(rogue.chain[1]).toBe(pki.issuing.der);
    expect(serverCertFrom(pki, 'rogue', 'relay-server')).toBe(rogue);
  });
});
