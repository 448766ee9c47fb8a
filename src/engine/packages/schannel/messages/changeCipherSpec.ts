// ChangeCipherSpec (RFC 5246 §7.1): one byte, 1; the sender's next records use the new keys.
// TLS 1.3 keeps it only for middlebox compatibility (RFC 8446 Appendix D.4).
import { Cursor } from './cursor';
export const buildChangeCipherSpec = (): Uint8Array => new Uint8Array([1]);
export function parseChangeCipherSpec(c: Cursor): number {
  return c.u8('type', 'change_cipher_spec (1): from the next record on, the sender encrypts with the negotiated keys', (v) => (v === 1 ? 'change_cipher_spec (1)' : String(v)));
}
