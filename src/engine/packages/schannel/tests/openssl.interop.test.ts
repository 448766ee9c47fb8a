// Schannel's handshakes against OpenSSL on loopback, both ways, with the scenario's own PKI:
//  - the engine's client (its ClientHello as the scenario sends it, then the rest of the handshake
//    driven live) against `openssl s_server -www` with the server certificate and key: OpenSSL answers
//    with a ServerHello of the expected version and suite, both sides finish, and the engine reads
//    s_server's HTTP page through the tunnel (which also says what OpenSSL negotiated);
//  - `openssl s_client` against the engine's server: OpenSSL verifies the chain to the enterprise root
//    and the name, finishes, and prints the HTTP response the engine encrypted.
// TLS 1.2 (2016 profile) and TLS 1.3 (2025 profile). Skipped only when there is no openssl. Loopback only,
// ports chosen free by the system, generous time limits; the engine's side is deterministic.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64, concat, fromUtf8, utf8 } from '../../../bytes';
import { seededRng } from '../../../rng';
import { pkiFor, type PkiSpec } from '../pki/build';
import { WIRE, type ProtocolName } from '../tls/profile';
import { versionName } from '../messages/constants';
import {
  newEndpoint, clientStart, clientReceive, clientPostHandshake, serverReceive, encryptApplicationData, decryptApplicationData, connectionInfo,
  type EndpointConfig, type TlsState,
} from '../tls/handshake';

const HAVE_OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
const HOST = 'web01.contoso.local';
const spec: PkiSpec = { seed: 20161012, domain: 'contoso.local', org: 'Contoso', serverHost: HOST, clientUpn: 'alice@contoso.local', notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2028-01-01T00:00:00Z') };
const pki = pkiFor(spec);
const now = new Date('2026-12-02T10:00:00Z');

const pemOf = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${base64.encode(der).replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
/** SEC1 ECPrivateKey (RFC 5915) of a P-256 key: version 1, the scalar, the curve's OID, the public point. */
function ecPrivateKeyDer(priv: Uint8Array, pub: Uint8Array): Uint8Array {
  const oid = new Uint8Array([0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
  const pk = concat(new Uint8Array([0xa1, pub.length + 3, 0x03, pub.length + 1, 0x00]), pub);
  const body = concat(new Uint8Array([0x02, 0x01, 0x01, 0x04, priv.length]), priv, oid, pk);
  return concat(new Uint8Array([0x30, body.length]), body);
}

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'sspi-tls-openssl-'));
  const put = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
  const key = pki.server.key;
  if (key.kind !== 'ec') throw new Error('the server key is P-256');
  return {
    dir,
    cert: put('server.pem', pemOf('CERTIFICATE', pki.server.der)),
    chain: put('issuing.pem', pemOf('CERTIFICATE', pki.issuing.der)),
    key: put('server.key', pemOf('EC PRIVATE KEY', ecPrivateKeyDer(key.priv, key.pub))),
    root: put('root.pem', pemOf('CERTIFICATE', pki.root.der)),
  };
}

function config(role: 'client' | 'server', versions: ProtocolName[], profile: '2016' | '2025'): EndpointConfig {
  return {
    role, versions: versions.map((p) => WIRE[p]), dtls: false, profile, host: HOST, alpn: [], trusted: [pki.root.der], now,
    cert: role === 'server' ? pki.server : null, certRsa: null, requestClientCert: false, sessionTickets: true,
  };
}

/** A port nobody listens on right now (the system picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as AddressInfo; s.close(() => resolve(port)); });
  });
}

/** Complete TLS records taken off the front of a buffer. */
function takeRecords(buf: Uint8Array): { records: Uint8Array[]; rest: Uint8Array } {
  const records: Uint8Array[] = [];
  let o = 0;
  while (o + 5 <= buf.length) {
    const len = (buf[o + 3] << 8) | buf[o + 4];
    if (o + 5 + len > buf.length) break;
    records.push(buf.slice(o, o + 5 + len));
    o += 5 + len;
  }
  return { records, rest: buf.slice(o) };
}

/** Resolves with the output so far once `re` shows up in it (the process's stdout and stderr). */
function waitFor(p: ChildProcess, re: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`openssl said no ${re} within ${ms} ms:\n${out}`)), ms);
    const on = (d: Buffer) => { out += d.toString(); if (re.test(out)) { clearTimeout(timer); resolve(out); } };
    p.stdout?.on('data', on);
    p.stderr?.on('data', on);
    p.on('exit', (code) => { clearTimeout(timer); if (!re.test(out)) reject(new Error(`openssl exited (${code}) before ${re}:\n${out}`)); });
  });
}

interface ClientRun { st: TlsState; firstRecord: Uint8Array; page: string }

/** The engine's client over a TCP connection: its ClientHello, then each record as it comes, then a GET and the page. */
function engineClient(port: number, cfg: EndpointConfig): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const rng = seededRng(7, 'client/tls');
    let st = newEndpoint(cfg);
    const start = clientStart(st, rng);
    st = start.st;
    const sock: Socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no answer from s_server (engine state ${st.phase})`)); }, 30_000);
    let buf: Uint8Array = new Uint8Array(0);
    let firstRecord: Uint8Array | null = null;
    const page: Uint8Array[] = [];
    sock.on('connect', () => sock.write(start.out!));
    sock.on('data', (d: Buffer) => {
      const taken = takeRecords(concat(buf, new Uint8Array(d)));
      buf = taken.rest;
      for (const rec of taken.records) {
        if (st.phase === 'done') {
          // TLS 1.3: s_server's NewSessionTickets come first, then the page (InitializeSecurityContext's post-handshake path
          // reads both kinds); TLS 1.2: DecryptMessage.
          const r = st.version === 0x0304 ? (() => { const p = clientPostHandshake(st, rec); return { st: p.st, data: p.st.failure ? null : concat(...p.st.received.slice(st.received.length)) }; })() : decryptApplicationData(st, rec);
          if (!r.data) { sock.destroy(); reject(new Error('an application record from s_server did not open')); return; }
          st = r.st;
          page.push(r.data);
          // s_server -www ends its page with </HTML>, then closes the TLS session (close_notify): the page is all there.
          if (/<\/HTML>/i.test(fromUtf8(concat(...page)))) sock.destroy();
          continue;
        }
        firstRecord ??= rec;
        const r = clientReceive(st, rec, rng);
        st = r.st;
        if (r.out) sock.write(r.out);
        if (st.failure) { sock.destroy(); reject(new Error(`the engine's client failed: ${st.failure.reason}`)); return; }
        if (st.phase === 'done') {
          const req = encryptApplicationData(st, utf8('GET / HTTP/1.0\r\n\r\n'), rng);
          st = req.st;
          sock.write(req.record);
        }
      }
    });
    sock.on('error', (e) => { clearTimeout(timer); reject(e); });
    sock.on('close', () => { clearTimeout(timer); resolve({ st, firstRecord: firstRecord ?? new Uint8Array(0), page: fromUtf8(concat(...page)) }); });
  });
}

async function againstSServer(flag: '-tls1_2' | '-tls1_3', cfg: EndpointConfig): Promise<ClientRun> {
  const f = files();
  const port = await freePort();
  const server = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-naccept', '1', '-cert', f.cert, '-cert_chain', f.chain, '-key', f.key, '-www', flag, '-num_tickets', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await waitFor(server, /ACCEPT/, 20_000);
    return await engineClient(port, cfg);
  } finally {
    server.kill();
  }
}

/** `openssl s_client` against the engine's server; resolves with s_client's output. */
async function sClientAgainstEngine(flag: '-tls1_2' | '-tls1_3', cfg: EndpointConfig): Promise<{ out: string; st: TlsState; request: string; session: string }> {
  const f = files();
  const rng = seededRng(7, 'server/tls');
  let st = newEndpoint(cfg);
  let request = '';
  const listener = createServer((sock) => {
    let buf: Uint8Array = new Uint8Array(0);
    sock.on('data', (d: Buffer) => {
      const taken = takeRecords(concat(buf, new Uint8Array(d)));
      buf = taken.rest;
      for (const rec of taken.records) {
        if (st.phase === 'done') {
          const r = decryptApplicationData(st, rec);
          st = r.st;
          if (!r.data) { sock.destroy(); return; }
          request += fromUtf8(r.data);
          if (request.includes('\r\n\r\n')) {
            const body = `engine ${versionName(st.version)} ${st.suite!.name}\n`;
            const resp = encryptApplicationData(st, utf8(`HTTP/1.0 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`), rng);
            st = resp.st;
            sock.end(resp.record);
          }
          continue;
        }
        const r = serverReceive(st, rec, rng);
        st = r.st;
        if (r.out) sock.write(r.out);
        if (st.failure) { sock.end(); return; }
      }
    });
    sock.on('error', () => { /* s_client's reset after the response */ });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  try {
    const sess = join(f.dir, 'session.pem');
    const client = spawn('openssl', ['s_client', '-sess_out', sess, '-connect', `127.0.0.1:${port}`, '-servername', HOST, '-CAfile', f.root, '-verify_hostname', HOST, '-verify_return_error', '-attime', String(Math.floor(now.getTime() / 1000)), flag, '-ign_eof'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const done = waitFor(client, /HTTP\/1\.0 200 OK[\s\S]*engine /, 30_000);
    // The request once the handshake is over (s_client sends what it reads from stdin after its Finished).
    client.stdin!.write('GET / HTTP/1.0\r\n\r\n');
    try {
      const out = await done;
      client.kill();
      // The session s_client saved (for TLS 1.3: from the engine's NewSessionTicket), as OpenSSL reads it.
      const session = await new Promise<string>((resolve) => {
        const check = () => spawnSync('openssl', ['sess_id', '-in', sess, '-noout', '-text'], { encoding: 'utf8' });
        let tries = 0;
        const poll = () => { const r = check(); if (r.status === 0 && /Resumption PSK|Master-Key/.test(r.stdout)) resolve(r.stdout); else if (++tries > 100) resolve(r.stdout + r.stderr); else setTimeout(poll, 100); };
        poll();
      });
      return { out, st, request, session };
    } finally {
      client.kill();
    }
  } finally {
    listener.close();
  }
}

describe.skipIf(!HAVE_OPENSSL)('Schannel against OpenSSL on loopback', () => {
  it('the engine\'s TLS 1.2 client (2016 profile) and openssl s_server: ECDHE-ECDSA AES-256-GCM, EMS, a page through the tunnel', async () => {
    const r = await againstSServer('-tls1_2', config('client', ['TLS 1.0', 'TLS 1.1', 'TLS 1.2'], '2016'));
    // OpenSSL's first record: a handshake record holding a ServerHello (type 2) of version 0x0303.
    expect([r.firstRecord[0], r.firstRecord[5], r.firstRecord[9], r.firstRecord[10]]).toEqual([22, 2, 3, 3]);
    expect(connectionInfo(r.st)!.protocol).toBe('TLS 1.2');
    expect(r.st.suite!.name).toBe('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384');
    expect(r.st.ems).toBe(true);
    expect(r.st.peer!.subjectText).toMatch(/web01\.contoso\.local/);
    // s_server -www describes the connection from its side.
    expect(r.page).toMatch(/^HTTP\/1\.0 200 ok/);
    expect(r.page).toMatch(/New, TLSv1\.2, Cipher is ECDHE-ECDSA-AES256-GCM-SHA384/);
  }, 90_000);

  it('the engine\'s TLS 1.3 client (2025 profile) and openssl s_server: TLS_AES_256_GCM_SHA384, tickets after the handshake, a page', async () => {
    const r = await againstSServer('-tls1_3', config('client', ['TLS 1.2', 'TLS 1.3'], '2025'));
    // s_server -num_tickets 2: both NewSessionTickets read by the client's post-handshake path, each with its PSK.
    expect(r.st.tickets.map((t) => [t.psk.length, t.nonce.length > 0])).toEqual([[48, true], [48, true]]);
    expect([r.firstRecord[0], r.firstRecord[5]]).toEqual([22, 2]);
    expect(connectionInfo(r.st)!.protocol).toBe('TLS 1.3');
    expect(r.st.suite!.name).toBe('TLS_AES_256_GCM_SHA384');
    expect(r.page).toMatch(/^HTTP\/1\.0 200 ok/);
    expect(r.page).toMatch(/New, TLSv1\.3, Cipher is TLS_AES_256_GCM_SHA384/);
  }, 90_000);

  it('openssl s_client and the engine\'s TLS 1.2 server: the chain verifies to the enterprise root, the name matches, the response arrives', async () => {
    const r = await sClientAgainstEngine('-tls1_2', config('server', ['TLS 1.0', 'TLS 1.1', 'TLS 1.2'], '2016'));
    expect(r.out).toMatch(/Verify return code: 0 \(ok\)/);
    expect(r.out).toMatch(/Protocol\s*: TLSv1\.2/);
    expect(r.out).toMatch(/Cipher\s*: ECDHE-ECDSA-AES256-GCM-SHA384/);
    expect(r.out).toMatch(/Extended master secret: yes/);
    expect(r.request).toMatch(/^GET \/ HTTP\/1\.0/);
    expect(r.out).toMatch(/engine TLS 1\.2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384/);
  }, 90_000);

  it('openssl s_client and the engine\'s TLS 1.3 server: verified, TLS_AES_256_GCM_SHA384, the response arrives', async () => {
    const r = await sClientAgainstEngine('-tls1_3', config('server', ['TLS 1.2', 'TLS 1.3'], '2025'));
    expect(r.out).toMatch(/Verify return code: 0 \(ok\)/);
    expect(r.out).toMatch(/TLSv1\.3/);
    expect(r.out).toMatch(/TLS_AES_256_GCM_SHA384/);
    expect(r.request).toMatch(/^GET \/ HTTP\/1\.0/);
    expect(r.out).toMatch(/engine TLS 1\.3 TLS_AES_256_GCM_SHA384/);
    // The engine's NewSessionTicket, as OpenSSL took it: the same ticket, lifetime and resumption PSK the engine's server derived
    // (read from the session s_client saved; its "Post-Handshake New Session Ticket arrived" line depends on when it exits).
    const tk = r.st.tickets[0];
    expect(r.session).toMatch(/TLS session ticket lifetime hint: 36000/);
    expect(r.session.replace(/\s+/g, ' ')).toContain(`Resumption PSK: ${Buffer.from(tk.psk).toString('hex').toUpperCase()}`);
  }, 90_000);
});
