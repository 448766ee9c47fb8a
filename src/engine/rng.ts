// Deterministic randomness: one seeded stream per node and purpose, so that flipping a toggle
// changes only the bytes that depend on it. SHA-256 in counter mode over (seed, stream name).
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8, concat, u32be } from './bytes';
import type { Rng } from './sspi/package';

export function seededRng(seed: number, stream: string): Rng {
  const prefix = concat(u32be(seed >>> 0), utf8('/' + stream + '/'));
  let counter = 0;
  let pool: Uint8Array = new Uint8Array(0);
  return {
    bytes(n: number): Uint8Array {
      while (pool.length < n) pool = concat(pool, sha256(concat(prefix, u32be(counter++))));
      const out = pool.slice(0, n);
      pool = pool.slice(n);
      return out;
    },
  };
}
