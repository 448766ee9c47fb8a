// Client and server endpoints run against each other: every version Schannel negotiates here, the
// failures with their alerts and statuses, and application data both ways.
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../rng';
import { fromUtf8, utf8 } from '../../../bytes';
import { uncovered, type Field } from '../../../encoding/fields';
import { pkiFor, type PkiSpec } from '../pki/build';
import { newEndpoint, clientStart, clientReceive, serverReceive, encryptApplicationData, decryptApplicationData, connectionInfo, type EndpointConfig, type TlsState } from '../tls/handshake';
import { WIRE, type ProtocolName } from '../tls/profile';

const spec: PkiSpec = { seed: 7, domain: 'contoso.local', org: 'Contoso', serverHost: 'web01.contoso.local', clientUpn: 'alice@contoso.local', notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2028-01-01T00:00:00Z') };
const pki = pkiFor(spec);
const now = new Date('2026-12-02T10:00:00Z');

function cfgs(client: ProtocolName[], server: ProtocolName[], o: { dtls?: boolean; profile?: '2016' | '2025'; untrusted?: boolean; clientCert?: boolean; request?: boolean } = {}): [EndpointConfig, EndpointConfig] {
  const base = { dtls: !!o.dtls, profile: o.profile ?? '2016', alpn: o.dtls ? [] : ['http/1.1'], trusted: [pki.root.der], now, requestClientCert: false };
  return [
    { ...base, role: 'client', versions: client.map((p) => WIRE[p]), host: 'web01.contoso.local', cert: o.clientCert ? pki.client : null, certRsa: null },
    { ...base, role: 'server', versions: server.map((p) => WIRE[p]), host: 'web01.contoso.local', cert: o.untrusted ? pki.untrustedServer : pki.server, certRsa: pki.serverRsa, requestClientCert: !!o.request },
  ];
}

function covered(fields: Field[], len: number) {
  expect(uncovered(fields, len)).toEqual([]);
  const walk = (fs: Field[]) => fs.forEach((f) => { if (f.decrypted) expect(uncovered(f.decrypted.fields, f.decrypted.hex.length / 2)).toEqual([]); if (f.children) walk(f.children); });
  walk(fields);
}

function run(c: EndpointConfig, s: EndpointConfig) {
  const rc = seededRng(1, 'client/tls'), rs = seededRng(1, 'server/tls');
  let cl: TlsState = newEndpoint(c), sv: TlsState = newEndpoint(s);
  const flights: { from: string; names: string; bytes: Uint8Array }[] = [];
  let r = clientStart(cl, rc); cl = r.st;
  let token = r.out;
  for (let i = 0; i < 8 && token; i++) {
    flights.push({ from: i % 2 === 0 ? 'client' : 'server', names: r.view?.name ?? '', bytes: token });
    if (r.view) covered(r.view.fields, token.length);
    if (i % 2 === 0) { r = serverReceive(sv, token, rs); sv = r.st; } else { r = clientReceive(cl, token, rc); cl = r.st; }
    token = r.out;
  }
  return { cl, sv, flights, rc, rs };
}

describe('Schannel handshakes, end to end', () => {
  it('TLS 1.2 (2016 profile): ECDHE-ECDSA AES-256-GCM, EMS, HTTP both ways', () => {
    const { cl, sv, flights, rc, rs } = run(...cfgs(['TLS 1.0', 'TLS 1.1', 'TLS 1.2'], ['TLS 1.0', 'TLS 1.1', 'TLS 1.2']));
    expect(flights.map((f) => f.names)).toEqual(['ClientHello', 'ServerHello, Certificate, ServerKeyExchange, ServerHelloDone', 'ClientKeyExchange, ChangeCipherSpec, Finished', 'ChangeCipherSpec, Finished']);
    expect(cl.phase).toBe('done'); expect(sv.phase).toBe('done');
    expect(connectionInfo(cl)!.protocol).toBe('TLS 1.2');
    expect(cl.suite!.name).toBe('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384');
    expect(cl.ems).toBe(true);
    expect(cl.keylog.map((k) => k.label)).toEqual(['CLIENT_RANDOM']);
    const req = encryptApplicationData(cl, utf8('GET / HTTP/1.1\r\nHost: web01.contoso.local\r\n\r\n'), rc);
    covered(req.view.fields, req.record.length);
    const got = decryptApplicationData(sv, req.record);
    expect(fromUtf8(got.data!)).toMatch(/^GET \//);
    const resp = encryptApplicationData(got.st, utf8('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), rs);
    expect(fromUtf8(decryptApplicationData(req.st, resp.record).data!)).toMatch(/^HTTP\/1.1 200/);
  });
  it('TLS 1.3 (2025 profile): TLS_AES_256_GCM_SHA384, encrypted server flight, application data', () => {
    const { cl, sv, flights, rc } = run(...cfgs(['TLS 1.2', 'TLS 1.3'], ['TLS 1.2', 'TLS 1.3'], { profile: '2025' }));
    expect(flights.map((f) => f.names)).toEqual(['ClientHello', 'ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished', 'Finished']);
    expect(cl.phase).toBe('done'); expect(sv.phase).toBe('done');
    expect(cl.suite!.name).toBe('TLS_AES_256_GCM_SHA384');
    expect(cl.keylog.map((k) => k.label).sort()).toEqual(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'EXPORTER_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0']);
    expect(sv.keylog.map((k) => k.secret).sort()).toEqual(cl.keylog.map((k) => k.secret).sort());
    const req = encryptApplicationData(cl, utf8('GET / HTTP/1.1\r\n\r\n'), rc);
    expect(fromUtf8(decryptApplicationData(sv, req.record).data!)).toMatch(/^GET/);
  });
  it('TLS 1.3 turned on for both sides of the 2016 profile: the client offers TLS 1.3\'s suites first, TLS 1.3 wins', () => {
    const { cl, sv, flights } = run(...cfgs(['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'], ['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3']));
    expect(flights[1].names).toBe('ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished');
    expect(cl.phase).toBe('done'); expect(sv.phase).toBe('done');
    expect(connectionInfo(cl)!.protocol).toBe('TLS 1.3');
    expect(cl.suite!.name).toBe('TLS_AES_256_GCM_SHA384');
    // The same client against a TLS 1.0/1.1 server: supported_versions lists TLS 1.1 too, so TLS 1.1 wins.
    const old = run(...cfgs(['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'], ['TLS 1.0', 'TLS 1.1']));
    expect(old.sv.phase).toBe('done');
    expect(connectionInfo(old.cl)!.protocol).toBe('TLS 1.1');
  });
  it('the seed\'s example: SSL 2.0-format hello from an SSL 3.0 + SSL 2.0 client, every version on the server → SSL 3.0', () => {
    const { cl, sv, flights, rc } = run(...cfgs(['SSL 2.0', 'SSL 3.0'], ['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2']));
    expect(flights.map((f) => f.names)).toEqual(['ClientHello (SSL 2.0 format)', 'ServerHello, Certificate, ServerHelloDone', 'ClientKeyExchange, ChangeCipherSpec, Finished', 'ChangeCipherSpec, Finished']);
    expect(cl.phase).toBe('done'); expect(sv.phase).toBe('done');
    expect(connectionInfo(cl)!.protocol).toBe('SSL 3.0');
    expect(cl.suite!.name).toBe('TLS_RSA_WITH_3DES_EDE_CBC_SHA');
    const req = encryptApplicationData(cl, utf8('GET / HTTP/1.0\r\n\r\n'), rc);
    expect(fromUtf8(decryptApplicationData(sv, req.record).data!)).toMatch(/^GET/);
  });
  it('TLS 1.0 and 1.1 (CBC, MD5/SHA-1 PRF) when that is the best both enable', () => {
    for (const [p, v] of [['TLS 1.0', 'TLS 1.0'], ['TLS 1.1', 'TLS 1.1']] as const) {
      const { cl, sv, rc } = run(...cfgs(['TLS 1.0', 'TLS 1.1', 'TLS 1.2'], [p]));
      expect(cl.phase).toBe('done'); expect(sv.phase).toBe('done');
      expect(connectionInfo(cl)!.protocol).toBe(v);
      expect(cl.suite!.name).toBe('TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA');
      const req = encryptApplicationData(cl, utf8('GET / HTTP/1.1\r\n\r\n'), rc);
      expect(fromUtf8(decryptApplicationData(sv, req.record).data!)).toMatch(/^GET/);
    }
  });
  it('DTLS 1.2: HelloVerifyRequest cookie round, then the handshake in epochs 0 and 1', () => {
    const { cl, sv, flights, rc } = run(...cfgs(['DTLS 1.2'], ['DTLS 1.2'], { dtls: true }));
    expect(flights.map((f) => f.names)).toEqual(['ClientHello', 'HelloVerifyRequest', 'ClientHello', 'ServerHello, Certificate, ServerKeyExchange, ServerHelloDone', 'ClientKeyExchange, ChangeCipherSpec, Finished', 'ChangeCipherSpec, Finished']);
    expect(cl.phase).toBe('done'); expect(sv.phase).toBe('done');
    const req = encryptApplicationData(cl, utf8('hello over DTLS'), rc);
    expect(fromUtf8(decryptApplicationData(sv, req.record).data!)).toBe('hello over DTLS');
  });
  it('client certificate (mutual): CertificateRequest, client Certificate and CertificateVerify, TLS 1.2 and 1.3', () => {
    const a = run(...cfgs(['TLS 1.2'], ['TLS 1.2'], { clientCert: true, request: true }));
    expect(a.flights.map((f) => f.names)[2]).toBe('Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished');
    expect(a.sv.phase).toBe('done');
    expect(a.sv.peer!.upn).toBe('alice@contoso.local');
    const b = run(...cfgs(['TLS 1.3'], ['TLS 1.3'], { clientCert: true, request: true, profile: '2025' }));
    expect(b.flights.map((f) => f.names)[2]).toBe('Certificate, CertificateVerify, Finished');
    expect(b.sv.phase).toBe('done');
    const c = run(...cfgs(['TLS 1.2'], ['TLS 1.2'], { clientCert: false, request: true }));
    expect(c.sv.failure!.status).toBe('SEC_E_NO_CREDENTIALS');
  });
  it('untrusted root: the client sends unknown_ca and returns SEC_E_UNTRUSTED_ROOT', () => {
    const { cl, flights } = run(...cfgs(['TLS 1.2'], ['TLS 1.2'], { untrusted: true }));
    expect(cl.failure).toMatchObject({ status: 'SEC_E_UNTRUSTED_ROOT', alert: 48 });
    expect(flights[2].names).toBe('Alert');
  });
  it('no common version: the server sends protocol_version; client SEC_E_ALGORITHM_MISMATCH', () => {
    const { cl, sv, flights } = run(...cfgs(['TLS 1.0', 'TLS 1.1', 'TLS 1.2'], ['TLS 1.3'], { profile: '2025' }));
    expect(sv.failure).toMatchObject({ status: 'SEC_E_UNSUPPORTED_FUNCTION', alert: 70 });
    expect(flights[1].names).toBe('Alert');
    expect(cl.failure).toMatchObject({ status: 'SEC_E_ALGORITHM_MISMATCH', alert: 70 });
    const v2 = run(...cfgs(['SSL 2.0'], ['TLS 1.2']));
    expect(v2.flights.length).toBe(1);
    expect(v2.sv.failure!.status).toBe('SEC_E_UNSUPPORTED_FUNCTION');
  });
});
