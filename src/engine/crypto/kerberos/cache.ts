// A small memo for derived keys and string-to-key results: the engine re-derives the same
// Kc/Ke/Ki and re-runs PBKDF2 for the same password on every run, and PBKDF2 dominates the time.
import { hex } from '../../bytes.ts';

const MAX = 2048;
const store = new Map<string, Uint8Array>();

export function cacheKey(...parts: (string | number | Uint8Array)[]): string {
  return parts.map((p) => (p instanceof Uint8Array ? hex(p) : String(p))).join('|');
}

/** Return the cached value for `key`, or compute, remember and return it (a copy is handed out each time). */
export function memo(key: string, compute: () => Uint8Array): Uint8Array {
  let v = store.get(key);
  if (!v) {
    v = compute();
    if (store.size >= MAX) store.clear();
    store.set(key, v);
  }
  return v.slice();
}

export function clearKeyCache(): void { store.clear(); }
export function keyCacheSize(): number { return store.size; }
