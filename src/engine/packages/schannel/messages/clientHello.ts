// ClientHello (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2; DTLS adds the cookie, RFC 6347 §4.2.1).
import { concat } from '../../../bytes';
import { Cursor, be, vec, shortHex } from './cursor';
import { suiteName } from './cipherSuites';
import { REF, versionName } from './constants';
import { buildExtensions, parseExtensions, type Extension } from './extensions';

export interface ClientHello {
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  /** DTLS only. */
  cookie?: Uint8Array;
  cipherSuites: number[];
  compression: number[];
  extensions: Extension[];
}

export function buildClientHello(m: ClientHello, dtls = false): Uint8Array {
  return concat(
    be(m.version, 2), m.random, vec(1, m.sessionId),
    ...(dtls ? [vec(1, m.cookie ?? new Uint8Array(0))] : []),
    vec(2, ...m.cipherSuites.map((s) => be(s, 2))), vec(1, new Uint8Array(m.compression)),
    ...(m.extensions.length || m.version >= 0x0301 ? [buildExtensions(m.extensions)] : []),
  );
}

export function parseClientHello(c: Cursor, dtls = false): ClientHello {
  const ref = dtls ? REF.dtls12 : REF.tls12;
  const version = c.u16('client_version', 'Highest version the client supports (TLS 1.3 clients put TLS 1.2 here and list versions in supported_versions)', versionName, `${ref} §7.4.1.2`);
  const random = c.raw('random', 32, 'Client random: 32 bytes from the client\'s generator, mixed into every key', undefined, `${REF.tls12} §7.4.1.2`);
  const sessionId = c.opaque(1, 'session_id', 'Session to resume (TLS 1.3: a legacy value for middlebox compatibility)', (v) => (v.length ? shortHex(v) : 'empty'));
  const cookie = dtls ? c.opaque(1, 'cookie', 'DTLS cookie from HelloVerifyRequest (empty on the first ClientHello)', (v) => (v.length ? shortHex(v) : 'empty')) : undefined;
  const cipherSuites: number[] = [];
  c.vector(2, 'cipher_suites', 'Cipher suites the client offers, in its order of preference', () => {
    while (c.left > 0) cipherSuites.push(c.u16('cipher_suite', 'A cipher suite', (v) => `${suiteName(v)} (0x${v.toString(16).padStart(4, '0')})`));
  }, () => `${cipherSuites.length} suites`);
  const compression: number[] = [];
  c.vector(1, 'compression_methods', 'Compression methods: null only', () => {
    while (c.left > 0) compression.push(c.u8('method', 'Compression method', (v) => (v === 0 ? 'null (0)' : String(v))));
  });
  const extensions = c.left > 0 ? parseExtensions(c, 'client_hello') : [];
  return { version, random, sessionId, cookie, cipherSuites, compression, extensions };
}
