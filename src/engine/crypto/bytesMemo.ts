// A memo for pure functions of byte strings (a run's Kerberos decryptions and decoded views, certificate field
// trees, DER trees): looked up by a fast 32-bit FNV-1a of the inputs and their lengths, and a hit counts only when the stored inputs are equal
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
    if (hit && hit.tag === tag && sameInputs(hit.inputs, inputs)) return hit.value;
    const value = compute();
    if (!hit && this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { inputs: inputs.map((b) => b.slice()), tag, value });
    return value;
  }
}

function sameInputs(a: Uint8Array[], b: Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
  return true;
}

/** A 32-bit FNV-1a hash of the inputs and their lengths (a collision only costs a recomputation: hits are
 * confirmed byte for byte). */
function fingerprint(inputs: Uint8Array[]): string {
  let a = 0x811c9dc5;
  let lens = '';
  for (const part of inputs) {
    lens += `${part.length}.`;
    for (let i = 0; i < part.length; i++) a = Math.imul(a ^ part[i], 0x01000193);
  }
  return `${lens}${(a >>> 0).toString(36)}`;
}
