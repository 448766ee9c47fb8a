// Authenticator ::= [APPLICATION 2] SEQUENCE (RFC 4120 §5.5.1): encrypted in the session key, it
// proves the client holds that key right now (time stamp), and carries the GSS checksum, subkey and
// initial sequence number.
import { SeqReader, application, explicit, integer, opt, pInt, pTime, readDer, seq } from '../../../encoding/der';
import { encAuthorizationData, pAuthorizationData } from './authData';
import {
  type KParser, R, encChecksum, encEncryptionKey, encPrincipalName, guard, kStr, kTime, messageField, pApplication, pChecksum,
  pEncryptionKey, pPrincipalName, pRealm, principalText,
} from './common';
import type { Authenticator, Decoded, ParseOptions } from './types';

export function buildAuthenticator(v: Authenticator): Uint8Array {
  return application(2, seq(
    explicit(0, integer(v.authenticatorVno)),
    explicit(1, kStr(v.crealm)),
    explicit(2, encPrincipalName(v.cname)),
    opt(3, v.cksum, encChecksum),
    explicit(4, integer(v.cusec)),
    explicit(5, kTime(v.ctime)),
    opt(6, v.subkey, encEncryptionKey),
    opt(7, v.seqNumber, integer),
    opt(8, v.authorizationData, encAuthorizationData),
  ));
}

const body: KParser<Authenticator> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'Authenticator', ctx);
  const authenticatorVno = s.req(0, 'authenticator-vno', pInt(), 'authenticator format version: always 5', R.apReq);
  const crealm = s.req(1, 'crealm', pRealm, 'the client\'s realm', R.apReq);
  const cname = s.req(2, 'cname', pPrincipalName, 'the client\'s name (must match the ticket)', R.apReq);
  const cksum = s.opt(3, 'cksum', pChecksum, 'a checksum: the GSS-API flags and channel bindings (0x8003), or over the KDC-REQ-BODY in a TGS-REQ', R.apReq);
  const cusec = s.req(4, 'cusec', pInt(), 'microseconds of the client\'s time', R.apReq);
  const ctime = s.req(5, 'ctime', pTime, 'the client\'s time: must be within the allowed clock skew (5 minutes)', R.apReq);
  const subkey = s.opt(6, 'subkey', pEncryptionKey, 'a key the client picked for this session (it replaces the ticket\'s session key)', R.apReq);
  const seqNumber = s.opt(7, 'seq-number', pInt(), 'the client\'s initial sequence number for signed/sealed messages', R.apReq);
  const authorizationData = s.opt(8, 'authorization-data', pAuthorizationData, 'extra authorization data from the client (Windows: token restrictions, AP options, target name)', R.apReq);
  const value: Authenticator = { authenticatorVno, crealm, cname, cusec, ctime };
  if (cksum) value.cksum = cksum;
  if (subkey) value.subkey = subkey;
  if (seqNumber !== undefined) value.seqNumber = seqNumber;
  if (authorizationData) value.authorizationData = authorizationData;
  return { value, children: s.finish(), display: `${principalText(cname)}@${crealm}` };
};

export const pAuthenticator: KParser<Authenticator> = pApplication(2, 'Authenticator', body);

export function parseAuthenticator(bytes: Uint8Array, opts: ParseOptions = {}): Decoded<Authenticator> {
  return guard('Authenticator', () => {
    const top = readDer(bytes);
    const p = pAuthenticator(bytes, top, opts);
    return { value: p.value, fields: [messageField('Authenticator', [top], p, 'the decrypted authenticator: the client\'s name and time, proving it holds the session key', R.apReq)] };
  });
}
