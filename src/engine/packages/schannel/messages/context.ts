// What a decoder needs to know about the connection to read a message whose layout depends on it
// (the negotiated version, the key exchange, datagram or stream).
import type { KeyExchange } from './cipherSuites';

export interface ParseContext {
  /** Negotiated version (0 before ServerHello). */
  version: number;
  dtls: boolean;
  kx?: KeyExchange;
  /** The token's first record is already protected (an application_data flight after the handshake), so
   *  every record is read as encrypted, not only those after a ChangeCipherSpec in the same token. */
  protectedFromStart?: boolean;
}
export const isTls13 = (p: ParseContext) => p.version === 0x0304;
/** Versions whose signed messages carry a SignatureAndHashAlgorithm (TLS 1.2, DTLS 1.2, TLS 1.3). */
export const hasSigAlg = (p: ParseContext) => p.version === 0x0303 || p.version === 0x0304 || p.version === 0xfefd;
