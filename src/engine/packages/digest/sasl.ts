// SASL DIGEST-MD5 arithmetic (RFC 2831 §2.1.2.1, §2.3, §2.4): A1 starts from the 16 raw bytes of
// MD5(user:realm:password) and is always "sess"; A2 starts with "AUTHENTICATE:"; the layer keys
// Kic/Kis (integrity) and Kcc/Kcs (confidentiality) come from H(A1).
import { md5 } from '@noble/hashes/legacy.js';
import { concat, hex, utf8 } from '../../bytes';

export interface SaslInputs {
  username: string;
  realm: string;
  nonce: string;
  cnonce: string;
  nc: string;
  qop: 'auth' | 'auth-int' | 'auth-conf';
  digestUri: string;
  authzid?: string;
}

/** MD5(username ":" realm ":" password) as 16 raw bytes: the WDigest secret. */
export const saslSecret = (username: string, realm: string, password: string): Uint8Array => md5(utf8(`${username}:${realm}:${password}`));

/** A1 = secret ":" nonce ":" cnonce [":" authzid]. */
export function saslA1(i: SaslInputs, secret: Uint8Array): Uint8Array {
  return concat(secret, utf8(`:${i.nonce}:${i.cnonce}${i.authzid ? `:${i.authzid}` : ''}`));
}

/** H(A1), 16 raw bytes: also the base of the layer keys. */
export const saslHa1 = (i: SaslInputs, secret: Uint8Array): Uint8Array => md5(saslA1(i, secret));

/** A2 for the response ("AUTHENTICATE:uri") or for rspauth (":uri"); auth-int/auth-conf add 32 zeros. */
export function saslA2(i: SaslInputs, forRspauth: boolean): string {
  return `${forRspauth ? '' : 'AUTHENTICATE'}:${i.digestUri}${i.qop === 'auth' ? '' : ':00000000000000000000000000000000'}`;
}

function kd(i: SaslInputs, ha1Hex: string, a2: string): string {
  return hex(md5(utf8(`${ha1Hex}:${i.nonce}:${i.nc}:${i.cnonce}:${i.qop}:${hex(md5(utf8(a2)))}`)));
}

/** From HA1 (hex): what the server computes with the session key the DC returned. */
export const saslResponseFromHa1 = (i: SaslInputs, ha1Hex: string): string => kd(i, ha1Hex, saslA2(i, false));
export const saslRspauthFromHa1 = (i: SaslInputs, ha1Hex: string): string => kd(i, ha1Hex, saslA2(i, true));

export const saslResponse = (i: SaslInputs, secret: Uint8Array): string => saslResponseFromHa1(i, hex(saslHa1(i, secret)));
export const saslRspauth = (i: SaslInputs, secret: Uint8Array): string => saslRspauthFromHa1(i, hex(saslHa1(i, secret)));

export const KIC_MAGIC = 'Digest session key to client-to-server signing key magic constant';
export const KIS_MAGIC = 'Digest session key to server-to-client signing key magic constant';
export const KCC_MAGIC = 'Digest H(A1) to client-to-server sealing key magic constant';
export const KCS_MAGIC = 'Digest H(A1) to server-to-client sealing key magic constant';

/** Kcc/Kcs use the first n bytes of H(A1): 16 for rc4, 7 for des/3des/rc4-56, 5 for rc4-40. */
export const CIPHER_KEY_BYTES: Record<string, number> = { rc4: 16, '3des': 7, des: 7, 'rc4-56': 7, 'rc4-40': 5 };

export interface LayerKeys { kic: Uint8Array; kis: Uint8Array; kcc: Uint8Array; kcs: Uint8Array }

export function layerKeys(ha1: Uint8Array, cipher = 'rc4'): LayerKeys {
  const n = CIPHER_KEY_BYTES[cipher] ?? 16;
  return {
    kic: md5(concat(ha1, utf8(KIC_MAGIC))),
    kis: md5(concat(ha1, utf8(KIS_MAGIC))),
    kcc: md5(concat(ha1.subarray(0, n), utf8(KCC_MAGIC))),
    kcs: md5(concat(ha1.subarray(0, n), utf8(KCS_MAGIC))),
  };
}

