// Property tests: any input either throws DecodeError, or parses into a tree covering every byte
// that rebuilds to exactly the same bytes (the decoder is strict DER, so parse ∘ build = identity).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, fromHex } from '../../../bytes';
import { uncovered } from '../../../encoding/fields';
import { readFidelity } from '../../../testing/fidelity';
import { OID } from '../oids';
import { buildNegTokenInit, buildNegTokenInit2, buildNegTokenResp, parseSpnego } from './index';
import { ZEEK_BLOBS } from './zeekBlobs.testdata';

const real: Uint8Array[] = [
  readFidelity('captures/pyspnego-tokens/initial_context_token_neg_token_init'),
  readFidelity('captures/pyspnego-tokens/initial_context_token_neg_token_init2'),
  readFidelity('captures/pyspnego-tokens/neg_token_resp'),
  ...Object.values(ZEEK_BLOBS).map(fromHex),
];

function check(b: Uint8Array): void {
  let m;
  try {
    m = parseSpnego(b, OID.KRB5);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return;
  }
  expect(uncovered(m.fields, b.length)).toEqual([]);
  const rebuilt = m.name === 'NegTokenInit' ? buildNegTokenInit(m.value) : m.name === 'NegTokenInit2' ? buildNegTokenInit2(m.value) : buildNegTokenResp(m.value);
  expect(Array.from(rebuilt)).toEqual(Array.from(b));
}

describe('SPNEGO decoder on hostile input', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => check(b)), { numRuns: 2000 });
  });
  it('random bytes behind a plausible first byte', () => {
    fc.assert(fc.property(fc.constantFrom(0x60, 0xa1), fc.uint8Array({ maxLength: 120 }), (t, rest) => {
      const b = new Uint8Array(rest.length + 2);
      b[0] = t; b[1] = rest.length < 128 ? rest.length : 0x7f; b.set(rest, 2);
      check(b.subarray(0, Math.min(b.length, b[1] + 2)));
    }), { numRuns: 2000 });
  });
  it('every truncation of the real tokens', () => {
    for (const t of real) for (let n = 0; n < t.length; n++) {
      expect(() => parseSpnego(t.subarray(0, n)), `cut at ${n}`).toThrow(DecodeError);
    }
  });
  it('real tokens with bytes changed', () => {
    fc.assert(fc.property(fc.constantFrom(...real), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (t, edits) => {
      const b = t.slice();
      for (const [i, v] of edits) b[i % b.length] = v;
      check(b);
    }), { numRuns: 3000 });
  });
});
