// RFC 3961 Appendix A.1 n-fold vectors (the DES3 DR/DK and string-to-key cases are out of scope:
// they are filtered out by id and counted, so the loop cannot silently run empty).
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../testing/fidelity.ts';
import { fromHex, hex } from '../../bytes.ts';
import { nfold } from './index.ts';

const all = loadVectors('rfc3961-nfold-des3.json').vectors;
const nfoldCases = all.filter((v) => v.id.startsWith('nfold-'));
const des3Cases = all.filter((v) => v.id.startsWith('des3-'));

describe('RFC 3961 n-fold', () => {
  it('runs every n-fold vector and skips only DES3 (out of scope)', () => {
    expect(nfoldCases.length).toBe(11);
    expect(des3Cases.length).toBe(14);
    expect(nfoldCases.length + des3Cases.length).toBe(all.length);
  });
  for (const v of nfoldCases) {
    it(v.id, () => {
      const out = nfold(fromHex(v.inputs.input_hex as string), (v.inputs.n_bits as number) / 8);
      expect(hex(out)).toBe(v.expected.output_hex);
    });
  }
});
