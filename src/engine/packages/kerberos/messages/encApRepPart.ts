// EncAPRepPart ::= [APPLICATION 27] SEQUENCE (RFC 4120 §5.5.2): the server's proof (mutual
// authentication): it echoes the client's time, and may send its own subkey and sequence number.
import { SeqReader, application, explicit, integer, opt, pInt, pTime, readDer, seq } from '../../../encoding/der';
import { type KParser, R, encEncryptionKey, guard, kTime, messageField, pApplication, pEncryptionKey } from './common';
import type { Decoded, EncApRepPart, ParseOptions } from './types';
import { time } from '../../../encoding/der';

export function buildEncApRepPart(v: EncApRepPart): Uint8Array {
  return application(27, seq(
    explicit(0, kTime(v.ctime)),
    explicit(1, integer(v.cusec)),
    opt(2, v.subkey, encEncryptionKey),
    opt(3, v.seqNumber, integer),
  ));
}

const body: KParser<EncApRepPart> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'EncAPRepPart', ctx);
  const ctime = s.req(0, 'ctime', pTime, 'the client\'s time from the authenticator, echoed back', R.apRep);
  const cusec = s.req(1, 'cusec', pInt(), 'the client\'s microseconds, echoed back', R.apRep);
  const subkey = s.opt(2, 'subkey', pEncryptionKey, 'the server\'s subkey: when present it becomes the session\'s key', R.apRep);
  const seqNumber = s.opt(3, 'seq-number', pInt(), 'the server\'s initial sequence number', R.apRep);
  const value: EncApRepPart = { ctime, cusec };
  if (subkey) value.subkey = subkey;
  if (seqNumber !== undefined) value.seqNumber = seqNumber;
  return { value, children: s.finish(), display: time(ctime) };
};

export const pEncApRepPart: KParser<EncApRepPart> = pApplication(27, 'EncAPRepPart', body);

export function parseEncApRepPart(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<EncApRepPart> {
  return guard('EncAPRepPart', () => {
    const top = readDer(bytes);
    const p = pEncApRepPart(bytes, top, opts);
    return { value: p.value, fields: [messageField('EncAPRepPart', [top], p, 'the decrypted AP-REP: the server proves it could read the authenticator', R.apRep)] };
  });
}
