// MD4 through js-md4 (no MD4 in @noble/hashes). Used by NTOWFv1 and the rc4-hmac string-to-key.
import md4lib from 'js-md4';

export function md4(data: Uint8Array): Uint8Array {
  return new Uint8Array(md4lib.arrayBuffer(data));
}
