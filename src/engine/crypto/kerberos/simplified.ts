// RFC 3961 §5.1 key derivation for the simplified profile: DR(Key, Constant) encrypts the
// n-folded constant with the basic block cipher, then keeps encrypting its own output until there
// are enough bits; DK = random-to-key(DR). For AES (RFC 3962) random-to-key is the identity.
import { aesBlockEncrypt } from './aesCts.ts';
import { nfold } from './nfold.ts';
import { cacheKey, memo } from './cache.ts';
import { concat } from '../../bytes.ts';

/** DR for an AES key: `outLen` pseudo-random bytes derived from `constant`. */
export function drAes(key: Uint8Array, constant: Uint8Array, outLen = key.length): Uint8Array {
  let block: Uint8Array = nfold(constant, 16);
  const parts: Uint8Array[] = [];
  let have = 0;
  while (have < outLen) {
    block = aesBlockEncrypt(key, block);
    parts.push(block);
    have += block.length;
  }
  return concat(...parts).slice(0, outLen);
}

/** DK for an AES key (random-to-key is the identity), memoised. */
export function dkAes(key: Uint8Array, constant: Uint8Array): Uint8Array {
  return memo(cacheKey('dk-aes', key, constant), () => drAes(key, constant));
}
