// The Kerberos cryptosystem of the engine, dispatching on etype / cksumtype (re-exported by index.ts).
// Profiles: RFC 3962 (17, 18), RFC 8009 (19, 20), RFC 4757 (23, 24). Everything is synchronous and
// deterministic: confounders are passed in by the caller (from the seeded RNG).
import { equal, fromUtf8, utf8 } from '../../bytes.ts';
import { BytesMemo } from '../bytesMemo.ts';
import { perRun } from '../../runScope.ts';
import { CKSUMTYPE, ETYPE, KerberosIntegrityError, etypeName, cksumtypeName } from './constants.ts';
import { AES_SHA1_DEFAULT_ITERATIONS, aesSha1Checksum, aesSha1Decrypt, aesSha1Encrypt, aesSha1Prf, aesSha1StringToKey, parseIterations } from './aesSha1.ts';
import { AES128_SHA256, AES256_SHA384, AES_SHA2_DEFAULT_ITERATIONS, Sha2Profile, aesSha2Checksum, aesSha2Decrypt, aesSha2Encrypt, aesSha2Prf, aesSha2StringToKey } from './aesSha2.ts';
import { hmacMd5Checksum, md5HmacArcfourChecksum, rc4HmacDecrypt, rc4HmacEncrypt, rc4StringToKey } from './rc4Hmac.ts';

export { ETYPE, ETYPE_NAMES, CKSUMTYPE, CKSUMTYPE_NAMES, KEY_USAGE, DERIVE, KerberosIntegrityError, etypeName, cksumtypeName, usageConstant } from './constants.ts';
export type { Etype, Cksumtype } from './constants.ts';
export { nfold } from './nfold.ts';
export { drAes, dkAes } from './simplified.ts';
export { aesCtsEncrypt, aesCtsDecrypt, aesCtsNextIv } from './aesCts.ts';
export { rc4TranslateUsage } from './rc4Hmac.ts';
export { kdfHmacSha2 } from './aesSha2.ts';
export { clearKeyCache, keyCacheSize } from './cache.ts';

/** Enctypes this module implements. */
export const SUPPORTED_ETYPES: readonly number[] = [17, 18, 19, 20, 23, 24];

export interface StringToKeyOptions {
  /** s2kparams as sent in ETYPE-INFO2 (AES: 4-byte big-endian iteration count). */
  s2kparams?: Uint8Array;
  /** Iteration count, overriding s2kparams. */
  iterations?: number;
  /**
   * Accept an s2kparams iteration count below the enctype's default (MIT refuses it with
   * KRB5_ERR_BAD_S2K_PARAMS unless testing). Default false, as MIT. Ignored for `iterations`.
   */
  allowWeakIterations?: boolean;
}

function sha2(etype: number): Sha2Profile {
  return etype === ETYPE.AES128_CTS_HMAC_SHA256_128 ? AES128_SHA256 : AES256_SHA384;
}

function unsupported(what: string, n: number, name: string): Error {
  return new Error(`unsupported ${what} ${n} (${name}); supported enctypes: ${SUPPORTED_ETYPES.map(etypeName).join(', ')}`);
}

function bytesOf(x: string | Uint8Array): Uint8Array { return typeof x === 'string' ? utf8(x) : x; }

function iterationsFor(params: Uint8Array | StringToKeyOptions | undefined, def: number): number {
  const o: StringToKeyOptions = params instanceof Uint8Array ? { s2kparams: params } : params ?? {};
  if (o.iterations !== undefined) return o.iterations;
  const n = parseIterations(o.s2kparams, def);
  if (o.s2kparams && o.s2kparams.length && n < def && !o.allowWeakIterations) {
    throw new Error(`KRB5_ERR_BAD_S2K_PARAMS: iteration count ${n} is below the default ${def}`);
  }
  return n;
}

/**
 * The long-term key from a password. `salt` is ignored by rc4-hmac. A string password is UTF-8 for
 * the AES enctypes and UTF-16LE for rc4-hmac (MD4 of it: the NT hash).
 */
export function stringToKey(etype: number, password: string | Uint8Array, salt: string | Uint8Array, params?: Uint8Array | StringToKeyOptions): Uint8Array {
  switch (etype) {
    case ETYPE.AES128_CTS_HMAC_SHA1_96:
    case ETYPE.AES256_CTS_HMAC_SHA1_96:
      return aesSha1StringToKey(bytesOf(password), bytesOf(salt), keyLength(etype), iterationsFor(params, AES_SHA1_DEFAULT_ITERATIONS));
    case ETYPE.AES128_CTS_HMAC_SHA256_128:
    case ETYPE.AES256_CTS_HMAC_SHA384_192:
      return aesSha2StringToKey(sha2(etype), bytesOf(password), bytesOf(salt), iterationsFor(params, AES_SHA2_DEFAULT_ITERATIONS));
    case ETYPE.RC4_HMAC:
    case ETYPE.RC4_HMAC_EXP:
      return rc4StringToKey(typeof password === 'string' ? password : fromUtf8(password));
    default:
      throw unsupported('enctype', etype, etypeName(etype));
  }
}

/** RFC 4120 §4 default salt: the realm followed by every principal name component, no separators. */
export function defaultSalt(realm: string, principalComponents: readonly string[]): string {
  return realm + principalComponents.join('');
}

/**
 * The salt Active Directory uses for AES keys (MS-KILE 3.1.1.2): user accounts get
 * REALM (upper case) + user name (case kept); computer accounts (name ending in "$") get
 * REALM + "host" + computer name in lower case without the "$" + "." + realm in lower case.
 */
export function windowsSalt(realmDns: string, accountName: string): string {
  const realm = realmDns.toUpperCase();
  if (accountName.endsWith('$')) return `${realm}host${accountName.slice(0, -1).toLowerCase()}.${realmDns.toLowerCase()}`;
  return realm + accountName;
}

export function keyLength(etype: number): number {
  switch (etype) {
    case 17: case 19: case 23: case 24: return 16;
    case 18: case 20: return 32;
    default: throw unsupported('enctype', etype, etypeName(etype));
  }
}

/** Bytes of confounder each enctype prepends (what `encrypt` expects). */
export function confounderLength(etype: number): number {
  switch (etype) {
    case 17: case 18: case 19: case 20: return 16;
    case 23: case 24: return 8;
    default: throw unsupported('enctype', etype, etypeName(etype));
  }
}

/** The mandatory checksum type of an enctype (RFC 3961 §4 "required checksum mechanism"). */
export function checksumTypeFor(etype: number): number {
  switch (etype) {
    case 17: return CKSUMTYPE.HMAC_SHA1_96_AES128;
    case 18: return CKSUMTYPE.HMAC_SHA1_96_AES256;
    case 19: return CKSUMTYPE.HMAC_SHA256_128_AES128;
    case 20: return CKSUMTYPE.HMAC_SHA384_192_AES256;
    case 23: case 24: return CKSUMTYPE.HMAC_MD5;
    default: throw unsupported('enctype', etype, etypeName(etype));
  }
}

/** The enctype whose keys a keyed checksum type uses. */
export function etypeForChecksum(cksumtype: number): number {
  switch (cksumtype) {
    case 15: return 17;
    case 16: return 18;
    case 19: return 19;
    case 20: return 20;
    case -137: case -138: return 23;
    default: throw unsupported('checksum type', cksumtype, cksumtypeName(cksumtype));
  }
}

export function checksumLength(cksumtype: number): number {
  switch (cksumtype) {
    case 15: case 16: return 12;
    case 19: return 16;
    case 20: return 24;
    case -137: case -138: return 16;
    default: throw unsupported('checksum type', cksumtype, cksumtypeName(cksumtype));
  }
}

/** Ciphertext length minus plaintext length (confounder + integrity tag). */
export function encryptionOverhead(etype: number): number {
  switch (etype) {
    case 17: case 18: return 16 + 12;
    case 19: return 16 + 16;
    case 20: return 16 + 24;
    case 23: case 24: return 8 + 16;
    default: throw unsupported('enctype', etype, etypeName(etype));
  }
}

/** random-to-key: for every enctype here the key is the random bytes themselves (length checked). */
export function randomToKey(etype: number, bytes: Uint8Array): Uint8Array {
  const n = keyLength(etype);
  if (bytes.length !== n) throw new Error(`${etypeName(etype)} keys are ${n} bytes, got ${bytes.length}`);
  return bytes.slice();
}
/** Alias of randomToKey for readability where a key is read from a keytab or a message. */
export const keyFromBytes = randomToKey;

function checkKey(etype: number, key: Uint8Array): void {
  const n = keyLength(etype);
  if (key.length !== n) throw new Error(`${etypeName(etype)} keys are ${n} bytes, got ${key.length}`);
}

/** Encrypt `plaintext` under `key` for key `usage` (RFC 3961 encrypt; the confounder comes from the caller). */
export function encrypt(etype: number, key: Uint8Array, usage: number, plaintext: Uint8Array, confounder: Uint8Array): Uint8Array {
  checkKey(etype, key);
  switch (etype) {
    case 17: case 18: return aesSha1Encrypt(key, usage, plaintext, confounder);
    case 19: case 20: return aesSha2Encrypt(sha2(etype), key, usage, plaintext, confounder);
    case 23: return rc4HmacEncrypt(key, usage, plaintext, confounder, false);
    case 24: return rc4HmacEncrypt(key, usage, plaintext, confounder, true);
    default: throw unsupported('enctype', etype, etypeName(etype));
  }
}

/** Decrypt and verify; throws KerberosIntegrityError when the integrity check fails. Returns the plaintext without the confounder. */
export function decrypt(etype: number, key: Uint8Array, usage: number, ciphertext: Uint8Array): Uint8Array {
  return decryptDetailed(etype, key, usage, ciphertext).plaintext;
}

/** This run's decryptions: the receiver and the inspector's decoder open the same EncryptedData with the
 * same key; the second gets the first's answer (or its error). Keyed by every byte of the ciphertext. */
const decrypted = perRun(new BytesMemo<{ confounder: Uint8Array; plaintext: Uint8Array } | { error: unknown }>(1024));

/** Decrypt and verify, also returning the confounder (for the inspector, and so tests can re-encrypt and compare bytes). */
export function decryptDetailed(etype: number, key: Uint8Array, usage: number, ciphertext: Uint8Array): { confounder: Uint8Array; plaintext: Uint8Array } {
  const r = decrypted.get(`${etype}|${usage}`, [key, ciphertext], () => {
    try { return decryptUncached(etype, key, usage, ciphertext); } catch (error) { return { error }; }
  });
  if ('error' in r) throw r.error;
  return { confounder: r.confounder.slice(), plaintext: r.plaintext.slice() };
}

function decryptUncached(etype: number, key: Uint8Array, usage: number, ciphertext: Uint8Array): { confounder: Uint8Array; plaintext: Uint8Array } {
  checkKey(etype, key);
  let basic: Uint8Array;
  switch (etype) {
    case 17: case 18: basic = aesSha1Decrypt(key, usage, ciphertext, etypeName(etype)); break;
    case 19: case 20: basic = aesSha2Decrypt(sha2(etype), key, usage, ciphertext); break;
    case 23: basic = rc4HmacDecrypt(key, usage, ciphertext, false); break;
    case 24: basic = rc4HmacDecrypt(key, usage, ciphertext, true); break;
    default: throw unsupported('enctype', etype, etypeName(etype));
  }
  const n = confounderLength(etype);
  return { confounder: basic.slice(0, n), plaintext: basic.slice(n) };
}

/** A keyed checksum (RFC 3961 get_mic). */
export function checksum(cksumtype: number, key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
  switch (cksumtype) {
    case 15: checkKey(17, key); return aesSha1Checksum(key, usage, data);
    case 16: checkKey(18, key); return aesSha1Checksum(key, usage, data);
    case 19: checkKey(19, key); return aesSha2Checksum(AES128_SHA256, key, usage, data);
    case 20: checkKey(20, key); return aesSha2Checksum(AES256_SHA384, key, usage, data);
    case -138: return hmacMd5Checksum(key, usage, data);
    case -137: return md5HmacArcfourChecksum(key, usage, data);
    default: throw unsupported('checksum type', cksumtype, cksumtypeName(cksumtype));
  }
}

/** True when `cksum` is the checksum of `data` (constant-time compare). */
export function verifyChecksum(cksumtype: number, key: Uint8Array, usage: number, data: Uint8Array, cksum: Uint8Array): boolean {
  return equal(checksum(cksumtype, key, usage, data), cksum);
}

/** Like verifyChecksum but throws a KerberosIntegrityError naming the checksum type and usage. */
export function assertChecksum(cksumtype: number, key: Uint8Array, usage: number, data: Uint8Array, cksum: Uint8Array): void {
  if (!verifyChecksum(cksumtype, key, usage, data, cksum)) {
    throw new KerberosIntegrityError(`${cksumtypeName(cksumtype)} checksum does not verify (key usage ${usage})`);
  }
}

/** The enctype's pseudo-random function (RFC 3961 §3 PRF; RFC 3962 §6, RFC 8009 §5, RFC 4757 §5). */
export function prf(etype: number, key: Uint8Array, input: Uint8Array): Uint8Array {
  checkKey(etype, key);
  switch (etype) {
    case 17: case 18: return aesSha1Prf(key, input);
    case 19: case 20: return aesSha2Prf(sha2(etype), key, input);
    default: throw unsupported('PRF for enctype', etype, etypeName(etype));
  }
}
