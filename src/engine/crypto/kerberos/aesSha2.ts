// RFC 8009: aes128-cts-hmac-sha256-128 (etype 19) and aes256-cts-hmac-sha384-192 (etype 20).
// Keys come from KDF-HMAC-SHA2 (SP 800-108 counter mode, one block); the HMAC covers the IV and
// the ciphertext (encrypt-then-MAC).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { concat, equal, u32be, utf8 } from '../../bytes.ts';
import { aesCtsDecrypt, aesCtsEncrypt } from './aesCts.ts';
import { DERIVE, KerberosIntegrityError, usageConstant } from './constants.ts';
import { cacheKey, memo } from './cache.ts';

const ZERO_IV = new Uint8Array(16);
export const AES_SHA2_DEFAULT_ITERATIONS = 32768;

export interface Sha2Profile {
  etype: 19 | 20;
  name: string;
  keyLen: number; // bytes
  macLen: number; // bytes: 16 or 24
  hash: CHash;
}
export const AES128_SHA256: Sha2Profile = { etype: 19, name: 'aes128-cts-hmac-sha256-128', keyLen: 16, macLen: 16, hash: sha256 };
export const AES256_SHA384: Sha2Profile = { etype: 20, name: 'aes256-cts-hmac-sha384-192', keyLen: 32, macLen: 24, hash: sha384 };

/** KDF-HMAC-SHA2(key, label, context, bits) = first bits of HMAC(key, 00000001 | label | 00 | context | bits_be32). */
export function kdfHmacSha2(p: Sha2Profile, key: Uint8Array, label: Uint8Array, bits: number, context: Uint8Array = new Uint8Array(0)): Uint8Array {
  return hmac(p.hash, key, concat(u32be(1), label, new Uint8Array([0]), context, u32be(bits))).slice(0, bits / 8);
}

function derived(p: Sha2Profile, key: Uint8Array, usage: number, selector: number): Uint8Array {
  const bits = selector === DERIVE.Ke ? p.keyLen * 8 : p.macLen * 8;
  return memo(cacheKey('kdf-sha2', p.etype, key, usage, selector), () => kdfHmacSha2(p, key, usageConstant(usage, selector), bits));
}
export const aesSha2Kc = (p: Sha2Profile, key: Uint8Array, usage: number): Uint8Array => derived(p, key, usage, DERIVE.Kc);
export const aesSha2Ke = (p: Sha2Profile, key: Uint8Array, usage: number): Uint8Array => derived(p, key, usage, DERIVE.Ke);
export const aesSha2Ki = (p: Sha2Profile, key: Uint8Array, usage: number): Uint8Array => derived(p, key, usage, DERIVE.Ki);

/** saltp = enctype name | 0x00 | salt; tkey = PBKDF2-HMAC-SHA2(password, saltp); key = KDF(tkey, "kerberos"). */
export function aesSha2StringToKey(p: Sha2Profile, password: Uint8Array, salt: Uint8Array, iterations: number): Uint8Array {
  return memo(cacheKey('s2k-aes-sha2', p.etype, iterations, password, salt), () => {
    const saltp = concat(utf8(p.name), new Uint8Array([0]), salt);
    const tkey = pbkdf2(p.hash, password, saltp, { c: iterations, dkLen: p.keyLen });
    return kdfHmacSha2(p, tkey, utf8('kerberos'), p.keyLen * 8);
  });
}

export function aesSha2Encrypt(p: Sha2Profile, key: Uint8Array, usage: number, plaintext: Uint8Array, confounder: Uint8Array): Uint8Array {
  if (confounder.length !== 16) throw new Error(`the ${p.name} confounder is 16 bytes, got ${confounder.length}`);
  const c = aesCtsEncrypt(aesSha2Ke(p, key, usage), ZERO_IV, concat(confounder, plaintext));
  const h = hmac(p.hash, aesSha2Ki(p, key, usage), concat(ZERO_IV, c)).slice(0, p.macLen);
  return concat(c, h);
}

/** Verify and decrypt; returns confounder | plaintext. */
export function aesSha2Decrypt(p: Sha2Profile, key: Uint8Array, usage: number, ciphertext: Uint8Array): Uint8Array {
  if (ciphertext.length < 16 + p.macLen) throw new KerberosIntegrityError(`${p.name} ciphertext too short (${ciphertext.length} bytes)`);
  const c = ciphertext.subarray(0, ciphertext.length - p.macLen);
  const h = ciphertext.subarray(ciphertext.length - p.macLen);
  const expect = hmac(p.hash, aesSha2Ki(p, key, usage), concat(ZERO_IV, c)).slice(0, p.macLen);
  if (!equal(expect, h)) {
    throw new KerberosIntegrityError(`${p.name} integrity check failed (key usage ${usage}): the HMAC does not match — wrong key or modified ciphertext`);
  }
  return aesCtsDecrypt(aesSha2Ke(p, key, usage), ZERO_IV, c);
}

export function aesSha2Checksum(p: Sha2Profile, key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  return hmac(p.hash, aesSha2Kc(p, key, usage), data).slice(0, p.macLen);
}

/** RFC 8009 §5 PRF: KDF-HMAC-SHA2(key, "prf", input, 256 or 384 bits). */
export function aesSha2Prf(p: Sha2Profile, key: Uint8Array, input: Uint8Array): Uint8Array {
  return kdfHmacSha2(p, key, utf8('prf'), p.etype === 19 ? 256 : 384, input);
}
