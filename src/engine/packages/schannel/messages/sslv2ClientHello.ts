// The SSL 2.0-compatible CLIENT-HELLO (RFC 6101 Appendix E.1, RFC 5246 Appendix E.2): what a
// client with SSL 2.0 enabled sends so that SSL 2.0 servers understand it, while advertising SSL 3.0
// (or TLS) as its highest version. Cipher specs are 3 bytes (SSL 3.0/TLS suites as 0x00 XX XX).
import { concat } from '../../../bytes';
import { Cursor, be, shortHex } from './cursor';
import { suiteName } from './cipherSuites';
import { versionName } from './constants';

export interface Ssl2ClientHello { version: number; cipherSpecs: number[]; sessionId: Uint8Array; challenge: Uint8Array }

const SSL2_NAMES: Record<number, string> = {
  0x010080: 'SSL_CK_RC4_128_WITH_MD5', 0x020080: 'SSL_CK_RC4_128_EXPORT40_WITH_MD5', 0x030080: 'SSL_CK_RC2_128_CBC_WITH_MD5',
  0x040080: 'SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5', 0x050080: 'SSL_CK_IDEA_128_CBC_WITH_MD5', 0x060040: 'SSL_CK_DES_64_CBC_WITH_MD5',
  0x0700c0: 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5',
};
const specName = (v: number) => SSL2_NAMES[v] ?? (v >> 16 === 0 ? suiteName(v & 0xffff) : `0x${v.toString(16).padStart(6, '0')}`);

export function buildSsl2ClientHello(m: Ssl2ClientHello): Uint8Array {
  const body = concat(new Uint8Array([1]), be(m.version, 2), be(m.cipherSpecs.length * 3, 2), be(m.sessionId.length, 2), be(m.challenge.length, 2),
    ...m.cipherSpecs.map((s) => be(s, 3)), m.sessionId, m.challenge);
  return concat(be(0x8000 | body.length, 2), body);
}

/** The handshake bytes that enter the SSL 3.0/TLS transcript: the message without the 2-byte record header. */
export const ssl2TranscriptBytes = (record: Uint8Array): Uint8Array => record.slice(2);

export function parseSsl2ClientHello(c: Cursor): Ssl2ClientHello {
  let m: Ssl2ClientHello = { version: 0, cipherSpecs: [], sessionId: new Uint8Array(0), challenge: new Uint8Array(0) };
  c.group('SSL 2.0 record', 'SSL 2.0 record header: two bytes, high bit set, 15-bit length (RFC 6101 Appendix E.1)', () => {
    c.u16('record length', 'High bit set: two-byte SSL 2.0 header; the rest is the message length', (v) => `${v & 0x7fff} (0x${v.toString(16)})`);
    c.group('CLIENT-HELLO', 'SSL 2.0-compatible CLIENT-HELLO advertising the client\'s highest version', () => {
      c.u8('msg_type', 'SSL2_MT_CLIENT_HELLO (1)', (v) => (v === 1 ? 'CLIENT-HELLO (1)' : String(v)));
      const version = c.u16('version', 'Highest version the client supports: SSL 3.0 (0x0300) means an SSL 3.0 server may answer in SSL 3.0', versionName);
      const specLen = c.u16('cipher_spec_length', 'Bytes of cipher specs (3 each)');
      const sidLen = c.u16('session_id_length', 'Session id length (0: a new session)');
      const chLen = c.u16('challenge_length', 'Challenge length (16 to 32; becomes the client random, left-padded to 32)');
      const specs: number[] = [];
      c.group('cipher_specs', 'Cipher specs: SSL 2.0 kinds (3 bytes) and SSL 3.0/TLS suites as 0x00 + the 2-byte suite', () => {
        for (let i = 0; i < specLen / 3; i++) specs.push(c.uint(3, 'cipher_spec', 'A cipher spec', (v) => specName(v)));
      });
      const sessionId = c.raw('session_id', sidLen, 'Session to resume');
      const challenge = c.raw('challenge', chLen, 'The client\'s challenge: in SSL 3.0 it becomes the client random (right-aligned in 32 bytes)', (v) => shortHex(v));
      m = { version, cipherSpecs: specs, sessionId, challenge };
    });
  });
  return m;
}
