// Every built-in conversation with one delivered token mutated (client → server, server → client,
// to and from the KDC): no package and no KDC throws, each conversation stays within its time, and a
// mutation inside a ciphertext, checksum or MIC never goes unnoticed (the same SEC_E_OK run as untouched).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hex } from '../../bytes';
import { corpus } from './corpus';
import { CONVERSATIONS } from './conversations.table';
import { apply, firstDifference, opsArb } from './mutate';
import { BUDGET_MS, SCALE, SEED, stats, timed } from './oracle';

/** Tampered conversations per scenario per CI run. */
export const CONVERSATION_RUNS = 100;

const all = corpus().map((s) => s.bytes);
const total = stats();
let unnoticedChecks = 0;

describe('fuzz: conversations with one token mutated', () => {
  for (const c of CONVERSATIONS) {
    it(c.name, () => {
      const clean = c.run();
      const cleanStatuses = clean.calls.map((x) => `${x.side}:${x.status}`).join(' ');
      const cleanMs = timed(() => c.run());
      const protectedBy = clean.deliveries.map((d) => c.protectedRanges(d));
      fc.assert(fc.property(fc.nat(clean.deliveries.length - 1), opsArb, (at, ops) => {
        let mutated: Uint8Array | null = null;
        const tamper = (d: { index: number; token: Uint8Array }) => (d.index === at ? (mutated = apply(d.token, ops, all)) : d.token);
        let r = clean;
        const ms = timed(() => { mutated = null; r = c.run(tamper); });
        total.inputs++;
        if (ms > total.slowestMs) { total.slowestMs = ms; total.slowest = `${c.name}, delivery ${at}`; }
        const input = `delivery ${at} (${clean.deliveries[at].leg}) became ${hex(mutated ?? new Uint8Array(0))}`;
        if (ms > BUDGET_MS + cleanMs) throw new Error(`${c.name}: ${ms.toFixed(0)} ms (untouched: ${cleanMs.toFixed(0)} ms); ${input}`);
        if (!mutated || r.tampered === null) return;
        const diff = firstDifference(clean.deliveries[at].token, mutated);
        if (diff < 0 || !protectedBy[at].some(([s, e]) => diff >= s && diff < e)) return;
        unnoticedChecks++;
        const statuses = r.calls.map((x) => `${x.side}:${x.status}`).join(' ');
        // Unnoticed: the same calls with the same answers over the same deliveries as untouched.
        if (r.ok && statuses === cleanStatuses && r.deliveries.length === clean.deliveries.length) throw new Error(`${c.name}: a token mutated at byte ${diff}, inside a protected field, was accepted (${statuses}); ${input}`);
      }), { numRuns: Math.round(CONVERSATION_RUNS * SCALE), seed: SEED, endOnFailure: true });
    }, 900_000);
  }
  afterAll(() => {
    console.log(`fuzz conversations: ${total.inputs} tampered conversations over ${CONVERSATIONS.length} scenarios (${unnoticedChecks} inside a protected field); slowest ${total.slowestMs.toFixed(1)} ms (${total.slowest})`);
    expect(total.inputs).toBeGreaterThan(0);
  });
});
