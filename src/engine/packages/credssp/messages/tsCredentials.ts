// TSCredentials (MS-CSSP 2.2.1.2): what the client delegates in authInfo, once the server has
// proved it holds the TLS key. credType says what `credentials` holds (its DER, as an OCTET STRING):
//   TSCredentials ::= SEQUENCE { credType [0] INTEGER, credentials [1] OCTET STRING }
//   1 → TSPasswordCreds (a password; all three fields empty in Restricted Admin mode)
//   2 → TSSmartCardCreds (a smart-card PIN)
//   6 → TSRemoteGuardCreds (Remote Credential Guard: a logon ticket instead of a secret)
import { DecodeError } from '../../../bytes';
import { type Parsed, SeqReader, elementField, explicit, integer, octetString, pInt, readDer, readOctets, seq, shortHex, contentLeaf } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { CRED_TYPE, CRED_TYPE_NAMES, R } from './constants';
import type { Decoded } from './tsRequest';
import { type TsPasswordCreds, buildTsPasswordCreds, parseTsPasswordCredsNode } from './tsPasswordCreds';
import { type TsRemoteGuardCreds, buildTsRemoteGuardCreds, parseTsRemoteGuardCredsNode } from './tsRemoteGuardCreds';
import { type TsSmartCardCreds, buildTsSmartCardCreds, parseTsSmartCardCredsNode } from './tsSmartCardCreds';

export type TsCredentials =
  | { credType: 1; credentials: TsPasswordCreds }
  | { credType: 2; credentials: TsSmartCardCreds }
  | { credType: 6; credentials: TsRemoteGuardCreds }
  | { credType: number; credentials: Uint8Array };

export function buildTsCredentials(v: TsCredentials): Uint8Array {
  let inner: Uint8Array;
  if (v.credentials instanceof Uint8Array) inner = v.credentials;
  else if (v.credType === CRED_TYPE.password) inner = buildTsPasswordCreds(v.credentials as TsPasswordCreds);
  else if (v.credType === CRED_TYPE.smartCard) inner = buildTsSmartCardCreds(v.credentials as TsSmartCardCreds);
  else if (v.credType === CRED_TYPE.remoteGuard) inner = buildTsRemoteGuardCreds(v.credentials as TsRemoteGuardCreds);
  else throw new RangeError(`TSCredentials: credType ${v.credType} needs raw credentials bytes`);
  return seq(explicit(0, integer(v.credType)), explicit(1, octetString(inner)));
}

/** Restricted Admin mode: a TSPasswordCreds whose domain, user name and password are all empty (MS-CSSP 3.1.5). */
export const restrictedAdminCredentials = (): TsCredentials => ({ credType: 1, credentials: { domainName: '', userName: '', password: '' } });

export function parseTsCredentials(bytes: Uint8Array): Decoded<TsCredentials> {
  try {
    const top = readDer(bytes);
    const s = new SeqReader(bytes, top, 'TSCredentials', undefined);
    const credType = s.req(0, 'credType', pInt(CRED_TYPE_NAMES), 'which kind of credentials follow', R.tsCredentials);
    let value: TsCredentials | undefined;
    s.req(1, 'credentials', (b, n): Parsed<null> => {
      const raw = readOctets(b, n, 'credentials');
      if (raw.length === 0) {
        value = { credType, credentials: raw };
        return { value: null, children: [], display: 'empty' };
      }
      const node = readDer(b, n.headerEnd, n.end);
      let f: Field;
      if (credType === CRED_TYPE.password) {
        const p = parseTsPasswordCredsNode(b, node);
        value = { credType: 1, credentials: p.value };
        f = p.field;
      } else if (credType === CRED_TYPE.smartCard) {
        const p = parseTsSmartCardCredsNode(b, node);
        value = { credType: 2, credentials: p.value };
        f = p.field;
      } else if (credType === CRED_TYPE.remoteGuard) {
        const p = parseTsRemoteGuardCredsNode(b, node);
        value = { credType: 6, credentials: p.value };
        f = p.field;
      } else {
        value = { credType, credentials: raw };
        return { value: null, children: contentLeaf(n, 'credentials', shortHex(raw), `credentials of an unknown credType ${credType}`), display: shortHex(raw) };
      }
      return { value: null, children: [f], display: f.value };
    }, 'the DER encoding of the credentials structure credType names, as an OCTET STRING', R.tsCredentials);
    const children = s.finish();
    return { value: value!, fields: [elementField('TSCredentials', [top], { value: null, children }, 'the credentials the client delegates to the server', R.tsCredentials)] };
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`TSCredentials: ${(e as Error).message}`, 0);
  }
}
