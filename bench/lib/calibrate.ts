// A fixed CPU workload timed in this process: how fast the machine runs JavaScript right now. Every
// absolute figure of the bench (engine run times, step costs) scales with it; the ratios do not. A run
// whose calibration is much slower than usual was taken in a slow phase of the machine.
import { sha256 } from '@noble/hashes/sha2.js';
import { median } from './stats';

const BLOCK = new Uint8Array(64 * 1024).map((_, i) => (i * 31 + 7) & 0xff);
const ROUNDS = 40; // 2.5 MiB hashed per sample
const SAMPLES = 7;

/** Median wall time, in ms, of hashing 2.5 MiB with SHA-256 (after one unmeasured warm-up sample). */
export function calibrationMs(): number {
  const once = () => {
    const t0 = performance.now();
    let acc = 0;
    for (let i = 0; i < ROUNDS; i++) acc ^= sha256(BLOCK)[0];
    if (acc === 256) throw new Error('unreachable'); // keeps the work observable
    return performance.now() - t0;
  };
  once();
  return median(Array.from({ length: SAMPLES }, once));
}
