// HelloVerifyRequest (RFC 6347 §4.2.1): the DTLS server's stateless cookie, to be echoed in a
// second ClientHello before the server commits any state (denial-of-service protection).
import { concat } from '../../../bytes';
import { Cursor, be, vec } from './cursor';
import { versionName } from './constants';

export interface HelloVerifyRequest { version: number; cookie: Uint8Array }
export const buildHelloVerifyRequest = (m: HelloVerifyRequest): Uint8Array => concat(be(m.version, 2), vec(1, m.cookie));
export function parseHelloVerifyRequest(c: Cursor): HelloVerifyRequest {
  const version = c.u16('server_version', 'DTLS 1.0 (0xfeff) regardless of the version to be negotiated (RFC 6347 §4.2.1)', versionName);
  const cookie = c.opaque(1, 'cookie', 'HMAC of the client\'s address and hello under a server secret: the client must echo it');
  return { version, cookie };
}
