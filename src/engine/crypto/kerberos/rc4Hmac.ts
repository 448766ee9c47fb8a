// RFC 4757: rc4-hmac (etype 23) and its 40-bit export variant rc4-hmac-exp (24), plus the
// HMAC-MD5 checksums. Windows' "NT hash" is this etype's long-term key.
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { concat, equal, u32le, utf16le, utf8 } from '../../bytes.ts';
import { md4 } from '../md4.ts';
import { Rc4 } from '../rc4.ts';
import { KerberosIntegrityError } from './constants.ts';

export const RC4_CONFOUNDER = 8;
export const RC4_CHECKSUM = 16;

/**
 * RFC 4757 §3: Microsoft message types. Kerberos key usage 3 (AS-REP enc part) and 9 (TGS-REP
 * enc part under a subkey) become 8, usage 23 becomes 13; every other usage passes through.
 */
export function rc4TranslateUsage(usage: number): number {
  switch (usage) {
    case 3: return 8;
    case 9: return 8;
    case 23: return 13;
    default: return usage;
  }
}

/** K = MD4(UTF-16LE(password)); there is no salt (RFC 4757 §2). */
export function rc4StringToKey(password: string): Uint8Array {
  return md4(utf16le(password));
}

const hmacMd5 = (k: Uint8Array, m: Uint8Array): Uint8Array => hmac(md5, k, m);
const FORTYBITS = utf8('fortybits\0');

function usageKeys(key: Uint8Array, usage: number, exportable: boolean): { k1: Uint8Array; k2: Uint8Array } {
  const t = u32le(rc4TranslateUsage(usage));
  const k1 = exportable ? hmacMd5(key, concat(FORTYBITS, t)) : hmacMd5(key, t);
  const k2 = k1.slice();
  if (exportable) k1.fill(0xab, 7, 16);
  return { k1, k2 };
}

/** checksum(16) = HMAC-MD5(K2, confounder | data); the rest = RC4(K3 = HMAC-MD5(K1, checksum), confounder | data). */
export function rc4HmacEncrypt(key: Uint8Array, usage: number, plaintext: Uint8Array, confounder: Uint8Array, exportable = false): Uint8Array {
  if (confounder.length !== RC4_CONFOUNDER) throw new Error(`the rc4-hmac confounder is ${RC4_CONFOUNDER} bytes, got ${confounder.length}`);
  const { k1, k2 } = usageKeys(key, usage, exportable);
  const basic = concat(confounder, plaintext);
  const cksum = hmacMd5(k2, basic);
  const k3 = hmacMd5(k1, cksum);
  return concat(cksum, new Rc4(k3).process(basic));
}

/** Verify and decrypt; returns confounder | plaintext. */
export function rc4HmacDecrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array, exportable = false): Uint8Array {
  const name = exportable ? 'rc4-hmac-exp' : 'rc4-hmac';
  if (ciphertext.length < RC4_CHECKSUM + RC4_CONFOUNDER) {
    throw new KerberosIntegrityError(`${name} ciphertext too short (${ciphertext.length} bytes; at least ${RC4_CHECKSUM + RC4_CONFOUNDER} needed)`);
  }
  const { k1, k2 } = usageKeys(key, usage, exportable);
  const cksum = ciphertext.subarray(0, RC4_CHECKSUM);
  const k3 = hmacMd5(k1, cksum);
  const basic = new Rc4(k3).process(ciphertext.subarray(RC4_CHECKSUM));
  if (!equal(hmacMd5(k2, basic), cksum)) {
    throw new KerberosIntegrityError(`${name} integrity check failed (key usage ${usage}, message type ${rc4TranslateUsage(usage)}): the HMAC-MD5 does not match — wrong key or modified ciphertext`);
  }
  return basic;
}

const SIGNATUREKEY = utf8('signaturekey\0');

/** KERB_CHECKSUM_HMAC_MD5 (-138): Ksign = HMAC-MD5(K, "signaturekey\0"); HMAC-MD5(Ksign, MD5(usage_le32 | data)). */
export function hmacMd5Checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  const ksign = hmacMd5(key, SIGNATUREKEY);
  return hmacMd5(ksign, md5(concat(u32le(rc4TranslateUsage(usage)), data)));
}

/** md5-hmac-arcfour (-137): HMAC-MD5(K, MD5(usage_le32 | data)). */
export function md5HmacArcfourChecksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  return hmacMd5(key, md5(concat(u32le(rc4TranslateUsage(usage)), data)));
}
