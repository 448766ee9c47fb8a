// SMB 3.1.1 signing (MS-SMB2 3.1.4.1, 3.2.5.3.1, 3.3.5.5.3): SMB does not call MakeSignature; it
// asks SSPI for the session key (QueryContextAttributes SECPKG_ATTR_SESSION_KEY) and derives its own
// signing key with the SP800-108 KDF, bound to the hash of every message of the negotiation
// (pre-authentication integrity). The server signs the final SESSION_SETUP response with AES-CMAC.
import { sha512 } from '@noble/hashes/sha2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { cmac } from '@noble/ciphers/aes.js';
import { concat, u32be, utf8 } from '../../bytes';

/** Running SHA-512 over the negotiation's SMB2 messages (without the NBSS prefix). */
export class PreauthHash {
  value: Uint8Array = new Uint8Array(64);
  add(smb2Message: Uint8Array): void { this.value = sha512(concat(this.value, smb2Message)); }
  clone(): PreauthHash { const c = new PreauthHash(); c.value = this.value; return c; }
}

/** SP800-108 counter-mode KDF with HMAC-SHA256, L = 128 bits (MS-SMB2 3.1.4.2). */
export function smb2Kdf(key: Uint8Array, label: string, context: Uint8Array): Uint8Array {
  const ki = key.length >= 16 ? key.subarray(0, 16) : concat(key, new Uint8Array(16 - key.length));
  return hmac(sha256, ki, concat(u32be(1), utf8(label), new Uint8Array([0]), context, u32be(128))).subarray(0, 16);
}

export const signingKey = (sessionKey: Uint8Array, preauth: Uint8Array): Uint8Array => smb2Kdf(sessionKey, 'SMBSigningKey\0', preauth);

/** AES-128-CMAC over the SMB2 message whose signature field (bytes 48..64) is zero and SIGNED flag set. */
export function smb2Signature(key: Uint8Array, smb2Message: Uint8Array): Uint8Array {
  const m = smb2Message.slice();
  m.fill(0, 48, 64);
  return cmac(m, key);
}
