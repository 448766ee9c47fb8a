// RC4 (ARCFOUR). No maintained synchronous library ships it (it is broken and only kept for
// NTLM sealing and the rc4-hmac Kerberos enctype); covered by the MS-NLMP and RFC 4757 vectors.

/** A keyed RC4 stream; `process` continues the keystream across calls (NTLM sealing needs that). */
export class Rc4 {
  private s = new Uint8Array(256);
  private i = 0;
  private j = 0;
  constructor(key: Uint8Array) {
    if (key.length === 0) throw new Error('RC4 key must not be empty');
    for (let k = 0; k < 256; k++) this.s[k] = k;
    let j = 0;
    for (let k = 0; k < 256; k++) {
      j = (j + this.s[k] + key[k % key.length]) & 0xff;
      const t = this.s[k]; this.s[k] = this.s[j]; this.s[j] = t;
    }
  }
  process(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    for (let k = 0; k < data.length; k++) {
      this.i = (this.i + 1) & 0xff;
      this.j = (this.j + this.s[this.i]) & 0xff;
      const t = this.s[this.i]; this.s[this.i] = this.s[this.j]; this.s[this.j] = t;
      out[k] = data[k] ^ this.s[(this.s[this.i] + this.s[this.j]) & 0xff];
    }
    return out;
  }
}

/** One-shot RC4 with a fresh key. */
export const rc4 = (key: Uint8Array, data: Uint8Array): Uint8Array => new Rc4(key).process(data);
