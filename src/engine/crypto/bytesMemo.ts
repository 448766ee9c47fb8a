// A memo for pure functions of byte strings (a run's Kerberos decryptions and decoded views, certificate field
// trees): looked up by a fast 64-bit FNV-1a of the inputs, and a hit counts only when the stored inputs are equal
// byte for byte, so a collision costs a recomputation, never a wrong answer. Cheaper than hex keys for the
// kilobyte records and transcripts a TLS handshake hashes again and again.
import { equal } from '../bytes';

interface Entry<T> { inputs: Uint8Array[]; tag: string; value: T }

export class BytesMemo<T> {
  private readonly map = new Map<string, Entry<T>>();
  constructor(private readonly max = 512) {}

  clear(): void { this.map.clear(); }

  get(tag: string, inputs: Uint8Array[], compute: () => T): T {
    const key = `${tag}|${fingerprint(inputs)}`;
    const hit = this.map.get(key);
    if (hit && hit.tag === tag && hit.inputs.length === inputs.length && hit.inputs.every((b, i) => equal(b, inputs[i]))) return hit.value;
    const value = compute();
    if (!hit && this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { inputs: inputs.map((b) => b.slice()), tag, value });
    return value;
  }
}

/** Two 32-bit FNV-1a hashes (different offsets) over the inputs and their lengths. */
function fingerprint(inputs: Uint8Array[]): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (const part of inputs) {
    a = Math.imul(a ^ (part.length & 0xff), 0x01000193); b = Math.imul(b ^ ((part.length >>> 8) & 0xff), 0x01000193);
    for (let i = 0; i < part.length; i++) {
      a = Math.imul(a ^ part[i], 0x01000193);
      b = Math.imul(b ^ part[i] ^ 0xa5, 0x01000193);
    }
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}
