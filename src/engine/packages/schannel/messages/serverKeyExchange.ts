// ServerKeyExchange for ECDHE (RFC 8422 §5.4): the curve, the server's ephemeral public point and
// its signature over client_random + server_random + params (TLS 1.2 names the signature scheme).
import { concat } from '../../../bytes';
import { Cursor, be, vec } from './cursor';
import { GROUP_NAMES, REF, SIGNATURE_NAMES } from './constants';

export interface ServerKeyExchange {
  curveType: number;
  group: number;
  publicKey: Uint8Array;
  /** TLS 1.2: the SignatureScheme; absent before TLS 1.2. */
  scheme?: number;
  signature: Uint8Array;
}

/** ServerECDHParams, the part that is signed after the two randoms. */
export function ecdhParams(group: number, publicKey: Uint8Array): Uint8Array {
  return concat(new Uint8Array([3]), be(group, 2), vec(1, publicKey));
}

export function buildServerKeyExchange(m: ServerKeyExchange): Uint8Array {
  return concat(ecdhParams(m.group, m.publicKey), ...(m.scheme !== undefined ? [be(m.scheme, 2)] : []), vec(2, m.signature));
}

export function parseServerKeyExchange(c: Cursor, sigAlg: boolean): ServerKeyExchange {
  let curveType = 0, group = 0;
  let publicKey: Uint8Array = new Uint8Array(0);
  c.group('params', 'ServerECDHParams: the curve and the server\'s ephemeral public key', () => {
    curveType = c.u8('curve_type', 'named_curve (3)', (v) => (v === 3 ? 'named_curve (3)' : String(v)), `${REF.ecc} §5.4`);
    group = c.u16('namedcurve', 'The curve for ECDHE', (v) => GROUP_NAMES[v] ?? String(v));
    publicKey = c.opaque(1, 'public', 'The server\'s ephemeral ECDH public key (uncompressed point 04||X||Y, or 32 bytes for x25519)');
  });
  const scheme = sigAlg ? c.u16('signature_algorithm', 'Signature scheme of the signature below', (v) => SIGNATURE_NAMES[v] ?? String(v), `${REF.tls12} §7.4.1.4.1`) : undefined;
  const signature = c.opaque(2, 'signature', 'Signature with the certificate\'s private key over client_random + server_random + params (ECDSA: DER SEQUENCE {r, s})');
  return { curveType, group, publicKey, scheme, signature };
}
