// The TLS 1.3 key schedule (RFC 8446 §7.1) over HKDF (RFC 5869): Extract, Expand-Label,
// Derive-Secret, the traffic keys (§7.3) and the Finished MAC (§4.4.4).
import { extract, expand } from '@noble/hashes/hkdf.js';
import { concat, u16be, utf8 } from '../../../bytes';
import { HASHES, HASH_LEN, hash, hmacOf, type HashName } from './prf';

export type Tls13Hash = Extract<HashName, 'sha256' | 'sha384'>;

export function hkdfExtract(h: Tls13Hash, salt: Uint8Array, ikm: Uint8Array): Uint8Array { return extract(HASHES[h], ikm, salt); }

/** HkdfLabel: uint16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255>. */
export function hkdfLabel(label: string, context: Uint8Array, length: number): Uint8Array {
  const l = utf8('tls13 ' + label);
  return concat(u16be(length), new Uint8Array([l.length]), l, new Uint8Array([context.length]), context);
}

export function hkdfExpandLabel(h: Tls13Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  return expand(HASHES[h], secret, hkdfLabel(label, context, length), length);
}

/** Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length). */
export function deriveSecret(h: Tls13Hash, secret: Uint8Array, label: string, transcriptHash: Uint8Array): Uint8Array {
  return hkdfExpandLabel(h, secret, label, transcriptHash, HASH_LEN[h]);
}

export interface TrafficKeys { key: Uint8Array; iv: Uint8Array }
export function trafficKeys(h: Tls13Hash, secret: Uint8Array, keyLength: number): TrafficKeys {
  return { key: hkdfExpandLabel(h, secret, 'key', new Uint8Array(0), keyLength), iv: hkdfExpandLabel(h, secret, 'iv', new Uint8Array(0), 12) };
}

/** verify_data = HMAC(finished_key, Transcript-Hash(...)), finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). */
export function finished13(h: Tls13Hash, baseKey: Uint8Array, transcriptHash: Uint8Array): Uint8Array {
  const fk = hkdfExpandLabel(h, baseKey, 'finished', new Uint8Array(0), HASH_LEN[h]);
  return hmacOf(h, fk, transcriptHash);
}

export interface Tls13Secrets {
  early: Uint8Array;
  handshake: Uint8Array;
  clientHandshakeTraffic: Uint8Array;
  serverHandshakeTraffic: Uint8Array;
  master: Uint8Array;
}

/** Early secret (no PSK), then the handshake secret from the (EC)DHE shared secret and the hash of ClientHello..ServerHello. */
export function handshakeSecrets(h: Tls13Hash, sharedSecret: Uint8Array, helloHash: Uint8Array): Tls13Secrets {
  const n = HASH_LEN[h];
  const zero = new Uint8Array(n);
  const early = hkdfExtract(h, zero, zero);
  const empty = hash(h, new Uint8Array(0));
  const hs = hkdfExtract(h, deriveSecret(h, early, 'derived', empty), sharedSecret);
  const master = hkdfExtract(h, deriveSecret(h, hs, 'derived', empty), zero);
  return {
    early, handshake: hs, master,
    clientHandshakeTraffic: deriveSecret(h, hs, 'c hs traffic', helloHash),
    serverHandshakeTraffic: deriveSecret(h, hs, 's hs traffic', helloHash),
  };
}

export function applicationSecrets(h: Tls13Hash, master: Uint8Array, serverFinishedHash: Uint8Array) {
  return {
    clientApplicationTraffic: deriveSecret(h, master, 'c ap traffic', serverFinishedHash),
    serverApplicationTraffic: deriveSecret(h, master, 's ap traffic', serverFinishedHash),
    exporterMaster: deriveSecret(h, master, 'exp master', serverFinishedHash),
  };
}
