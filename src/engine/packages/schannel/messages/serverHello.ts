// ServerHello (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3).
import { concat } from '../../../bytes';
import { Cursor, be, vec, shortHex } from './cursor';
import { suiteName } from './cipherSuites';
import { REF, versionName } from './constants';
import { buildExtensions, parseExtensions, type Extension } from './extensions';

export interface ServerHello {
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuite: number;
  compression: number;
  extensions: Extension[];
}

/** RFC 8446 §4.1.3: the random of a HelloRetryRequest. */
export const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

export function buildServerHello(m: ServerHello): Uint8Array {
  return concat(be(m.version, 2), m.random, vec(1, m.sessionId), be(m.cipherSuite, 2), new Uint8Array([m.compression]),
    ...(m.extensions.length ? [buildExtensions(m.extensions)] : []));
}

export function parseServerHello(c: Cursor): ServerHello {
  const version = c.u16('server_version', 'The version the server chose (TLS 1.3: 0x0303 here, the real one in supported_versions)', versionName, `${REF.tls12} §7.4.1.3`);
  const random = c.raw('random', 32, 'Server random (TLS 1.2 servers that could do 1.3 end it with DOWNGRD)', undefined, `${REF.tls13} §4.1.3`);
  const sessionId = c.opaque(1, 'session_id', 'Session id the server assigns (TLS 1.3: echoes the client\'s)', (v) => (v.length ? shortHex(v) : 'empty'));
  const cipherSuite = c.u16('cipher_suite', 'The cipher suite the server chose from the client\'s list', (v) => `${suiteName(v)} (0x${v.toString(16).padStart(4, '0')})`);
  const compression = c.u8('compression_method', 'null (0)', (v) => (v === 0 ? 'null (0)' : String(v)));
  const extensions = c.left > 0 ? parseExtensions(c, 'server_hello') : [];
  return { version, random, sessionId, cipherSuite, compression, extensions };
}
