// What a run may remember, and for how long. A run starts with beginRun() (simulate calls it): every
// per-run memo registered here is cleared, so each run does its own cryptography and decoding; within a
// run, the same operation on the same bytes (the receiver, then the inspector's decoder) is done once.
// Kept across runs, and only these: key pairs, long-term and derived keys, certificates and their
// signature checks ("keys and certificates cached per seed", DESIGN.md's engine budget).
const clears: (() => void)[] = [];

/** Register a memo that lives for one run. */
export function perRun<T extends { clear(): void }>(memo: T): T {
  clears.push(() => memo.clear());
  return memo;
}

/** A run starts: forget every per-run memo. */
export function beginRun(): void {
  for (const c of clears) c();
}
