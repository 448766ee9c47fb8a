// RFC 3962: aes128-cts-hmac-sha1-96 (etype 17) and aes256-cts-hmac-sha1-96 (etype 18), the
// RFC 3961 simplified profile over AES-CTS with HMAC-SHA1 truncated to 96 bits.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { concat, equal, utf8 } from '../../bytes.ts';
import { aesCtsDecrypt, aesCtsEncrypt, aesBlockEncrypt } from './aesCts.ts';
import { dkAes } from './simplified.ts';
import { DERIVE, KerberosIntegrityError, usageConstant } from './constants.ts';
import { cacheKey, memo } from './cache.ts';
import { pbkdf2HmacSha1 } from './pbkdf2Sha1.ts';

export const AES_BLOCK = 16;
export const SHA1_96 = 12;
const ZERO_IV = new Uint8Array(16);
/** RFC 3962 §4: the default iteration count when the KDC sends no s2kparams. */
export const AES_SHA1_DEFAULT_ITERATIONS = 4096;

/** Iteration count carried in s2kparams (4 bytes, big-endian; RFC 3962 §4). */
export function parseIterations(params: Uint8Array | undefined, def: number): number {
  if (!params || params.length === 0) return def;
  if (params.length !== 4) throw new Error(`KRB5_ERR_BAD_S2K_PARAMS: s2kparams must be 4 bytes, got ${params.length}`);
  const n = ((params[0] << 24) | (params[1] << 16) | (params[2] << 8) | params[3]) >>> 0;
  // Zero means 2^32 iterations (RFC 3962 §4) which no implementation accepts.
  if (n === 0) throw new Error('KRB5_ERR_BAD_S2K_PARAMS: an iteration count of 0 (2^32) is refused');
  return n;
}

/** tkey = PBKDF2-HMAC-SHA1(password, salt, iterations, keyLen); key = DK(tkey, "kerberos"). */
export function aesSha1StringToKey(password: Uint8Array, salt: Uint8Array, keyLen: number, iterations: number): Uint8Array {
  return memo(cacheKey('s2k-aes-sha1', keyLen, iterations, password, salt), () => {
    const tkey = pbkdf2HmacSha1(password, salt, iterations, keyLen);
    return dkAes(tkey, utf8('kerberos'));
  });
}

export interface AesSha1Keys { ke: Uint8Array; ki: Uint8Array; }

export function aesSha1Keys(key: Uint8Array, usage: number): AesSha1Keys {
  return { ke: dkAes(key, usageConstant(usage, DERIVE.Ke)), ki: dkAes(key, usageConstant(usage, DERIVE.Ki)) };
}

/** AES-CTS(Ke, confounder | plaintext) | HMAC-SHA1-96(Ki, confounder | plaintext). */
export function aesSha1Encrypt(key: Uint8Array, usage: number, plaintext: Uint8Array, confounder: Uint8Array): Uint8Array {
  if (confounder.length !== AES_BLOCK) throw new Error(`the AES confounder is ${AES_BLOCK} bytes, got ${confounder.length}`);
  const { ke, ki } = aesSha1Keys(key, usage);
  const basic = concat(confounder, plaintext);
  const mac = hmac(sha1, ki, basic).slice(0, SHA1_96);
  return concat(aesCtsEncrypt(ke, ZERO_IV, basic), mac);
}

/** Decrypt and verify; returns confounder | plaintext. */
export function aesSha1Decrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array, etypeName: string): Uint8Array {
  if (ciphertext.length < AES_BLOCK + SHA1_96) {
    throw new KerberosIntegrityError(`${etypeName} ciphertext too short (${ciphertext.length} bytes; at least ${AES_BLOCK + SHA1_96} needed)`);
  }
  const { ke, ki } = aesSha1Keys(key, usage);
  const body = ciphertext.subarray(0, ciphertext.length - SHA1_96);
  const mac = ciphertext.subarray(ciphertext.length - SHA1_96);
  const basic = aesCtsDecrypt(ke, ZERO_IV, body);
  const expect = hmac(sha1, ki, basic).slice(0, SHA1_96);
  if (!equal(expect, mac)) {
    throw new KerberosIntegrityError(`${etypeName} integrity check failed (key usage ${usage}): the HMAC-SHA1-96 does not match — wrong key or modified ciphertext`);
  }
  return basic;
}

/** hmac-sha1-96-aes128/256 (cksumtypes 15, 16): HMAC-SHA1(Kc, data) truncated to 96 bits. */
export function aesSha1Checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  const kc = dkAes(key, usageConstant(usage, DERIVE.Kc));
  return hmac(sha1, kc, data).slice(0, SHA1_96);
}

/** RFC 3962 §6 PRF: AES(DK(key, "prf"), first 16 bytes of SHA1(input)). */
export function aesSha1Prf(key: Uint8Array, input: Uint8Array): Uint8Array {
  const tmp = sha1(input).slice(0, 16);
  return aesBlockEncrypt(dkAes(key, utf8('prf')), tmp);
}
