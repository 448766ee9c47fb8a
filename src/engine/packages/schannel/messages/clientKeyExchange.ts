// ClientKeyExchange (RFC 5246 §7.4.7): the client's ECDHE public point (RFC 8422 §5.7), or the
// pre-master secret encrypted to the server's RSA key (SSL 3.0 sends it without a length, RFC 6101 §5.6.7).
import { Cursor, vec } from './cursor';

export interface ClientKeyExchange { kind: 'ecdhe' | 'rsa'; value: Uint8Array }

export function buildClientKeyExchange(m: ClientKeyExchange, ssl3 = false): Uint8Array {
  if (m.kind === 'ecdhe') return vec(1, m.value);
  return ssl3 ? m.value : vec(2, m.value);
}

export function parseClientKeyExchange(c: Cursor, kind: 'ecdhe' | 'rsa', ssl3 = false): ClientKeyExchange {
  if (kind === 'ecdhe') return { kind, value: c.opaque(1, 'ecdh_Yc', 'The client\'s ephemeral ECDH public key (uncompressed point)') };
  if (ssl3) return { kind, value: c.raw('EncryptedPreMasterSecret', c.left, 'The 48-byte pre-master secret (client version + 46 random bytes), RSA-encrypted to the server certificate\'s key (PKCS #1 v1.5); SSL 3.0 sends it with no length') };
  return { kind, value: c.opaque(2, 'EncryptedPreMasterSecret', 'The pre-master secret RSA-encrypted to the server certificate\'s key (PKCS #1 v1.5)') };
}
