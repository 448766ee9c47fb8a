// Every decoder of DECODERS on mutated real tokens: it returns or throws DecodeError, within 100 ms.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hex } from '../../bytes';
import { corpus } from './corpus';
import { DECODERS } from './decoders.table';
import { inputs } from './mutate';
import { checkDecoder, SCALE, SEED, stats } from './oracle';

/** Inputs per decoder per CI run. */
export const DECODER_RUNS = 4000;

const seeds = corpus();
const all = seeds.map((s) => s.bytes);
const total = stats();

describe('fuzz: decoders', () => {
  for (const d of DECODERS) {
    it(d.name, () => {
      const own = seeds.filter((s) => d.seeds.includes(s.kind)).map((s) => s.bytes);
      fc.assert(fc.property(inputs(own, all), (b) => {
        const finding = checkDecoder(d.name, d.decode, b, total);
        if (finding) throw new Error(`${finding}\ninput: ${hex(b)}`);
      }), { numRuns: Math.round(DECODER_RUNS * SCALE), seed: SEED, endOnFailure: true });
    }, 600_000);
  }
  afterAll(() => {
    console.log(`fuzz decoders: ${total.inputs} inputs to ${DECODERS.length} decoders; slowest ${total.slowestMs.toFixed(1)} ms (${total.slowest})`);
    expect(total.inputs).toBeGreaterThan(0);
  });
});
