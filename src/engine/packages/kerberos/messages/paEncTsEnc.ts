// PA-ENC-TS-ENC (RFC 4120 §5.2.7.2): the plaintext of PA-ENC-TIMESTAMP pre-authentication: the
// client's current time, encrypted in its long-term (password) key.
import { SeqReader, explicit, opt, integer, pInt, pTime, readDer, seq, time } from '../../../encoding/der';
import { type KParser, guard, kTime, messageField } from './common';
import type { Decoded, PaEncTsEnc, ParseOptions } from './types';

const REF = 'RFC 4120 §5.2.7.2';

export function buildPaEncTsEnc(v: PaEncTsEnc): Uint8Array {
  return seq(explicit(0, kTime(v.patimestamp)), opt(1, v.pausec, integer));
}

export const pPaEncTsEnc: KParser<PaEncTsEnc> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'PA-ENC-TS-ENC', ctx);
  const patimestamp = s.req(0, 'patimestamp', pTime, 'the client\'s current time: the KDC checks it is within 5 minutes of its own', REF);
  const pausec = s.opt(1, 'pausec', pInt(), 'microseconds of that time', REF);
  return { value: pausec === undefined ? { patimestamp } : { patimestamp, pausec }, children: s.finish(), display: time(patimestamp) };
};

export function parsePaEncTsEnc(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<PaEncTsEnc> {
  return guard('PA-ENC-TS-ENC', () => {
    const top = readDer(bytes);
    const p = pPaEncTsEnc(bytes, top, opts);
    return { value: p.value, fields: [messageField('PA-ENC-TS-ENC', [top], p, 'the decrypted pre-authentication time stamp', REF)] };
  });
}
