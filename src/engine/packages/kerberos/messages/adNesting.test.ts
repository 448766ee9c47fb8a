// Nested AD-IF-RELEVANT: reading it is linear, and a nesting deeper than MAX_AD_NESTING is a DecodeError
// (never a RangeError from the stack, never seconds of work).
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../bytes';
import { AD } from './constants';
import { adIfRelevant, encAuthorizationData, findPac, MAX_AD_NESTING, parseAuthorizationDataValue } from './authData';
import { parseAuthorizationDataFields } from './authDataTop';
import type { AuthorizationData } from './types';

const PAC = new Uint8Array([1, 2, 3, 4]);
function nested(levels: number): AuthorizationData {
  let ad: AuthorizationData = [{ adType: AD.WIN2K_PAC, adData: PAC }];
  for (let i = 0; i < levels; i++) ad = [adIfRelevant(ad)];
  return ad;
}
const timed = <T>(f: () => T): { ms: number; error: unknown } => {
  const t = performance.now();
  let error: unknown = null;
  try { f(); } catch (e) { error = e; }
  return { ms: performance.now() - t, error };
};

describe('AuthorizationData nesting', () => {
  it(`finds the PAC up to ${MAX_AD_NESTING} levels of AD-IF-RELEVANT`, () => {
    expect(findPac(nested(1))).toEqual(PAC);
    expect(findPac(nested(MAX_AD_NESTING))).toEqual(PAC);
  });

  for (const levels of [MAX_AD_NESTING + 1, 500, 950]) {
    it(`${levels} levels: DecodeError, quickly, from every reader`, () => {
      const ad = nested(levels);
      const bytes = encAuthorizationData(ad);
      for (const r of [timed(() => findPac(ad)), timed(() => parseAuthorizationDataValue(bytes)), timed(() => parseAuthorizationDataFields(bytes))]) {
        expect(r.error).toBeInstanceOf(DecodeError);
        expect(r.ms).toBeLessThan(100);
      }
    });
  }
});
