// TSPasswordCreds (MS-CSSP 2.2.1.2.1): domain, user name and password, each UTF-16LE in an
// OCTET STRING. In Restricted Admin mode all three are empty: the server logs the user on with the
// network logon it already has and never receives a reusable secret.
//   TSPasswordCreds ::= SEQUENCE { domainName [0] OCTET STRING, userName [1] OCTET STRING, password [2] OCTET STRING }
import { DecodeError, fromUtf16le, utf16le } from '../../../bytes';
import { type ContentParser, type DerNode, readDer, SeqReader, contentLeaf, elementField, explicit, octetString, readOctets, seq } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { R } from './constants';

export interface TsPasswordCreds { domainName: string; userName: string; password: string }

export function buildTsPasswordCreds(v: TsPasswordCreds): Uint8Array {
  return seq(explicit(0, octetString(utf16le(v.domainName))), explicit(1, octetString(utf16le(v.userName))), explicit(2, octetString(utf16le(v.password))));
}

/** An OCTET STRING holding UTF-16LE text. */
export const pUtf16: ContentParser<string> = (b, n) => {
  const raw = readOctets(b, n, 'UTF-16LE string');
  const v = fromUtf16le(raw);
  const display = JSON.stringify(v);
  return { value: v, display, children: contentLeaf(n, 'value', display, 'UTF-16LE characters') };
};

export function parseTsPasswordCredsNode(b: Uint8Array, node: DerNode): { value: TsPasswordCreds; field: Field } {
  const s = new SeqReader(b, node, 'TSPasswordCreds', undefined);
  const domainName = s.req(0, 'domainName', pUtf16, 'the user\'s domain (empty in Restricted Admin mode)', R.tsPasswordCreds);
  const userName = s.req(1, 'userName', pUtf16, 'the user name (empty in Restricted Admin mode)', R.tsPasswordCreds);
  const password = s.req(2, 'password', pUtf16, 'the password in clear text: what delegation hands to the server (empty in Restricted Admin mode)', R.tsPasswordCreds);
  const value = { domainName, userName, password };
  const empty = !domainName && !userName && !password;
  const display = empty ? 'empty (Restricted Admin mode)' : `${domainName ? `${domainName}\\` : ''}${userName}`;
  return { value, field: elementField('TSPasswordCreds', [node], { value, children: s.finish(), display }, 'a password credential', R.tsPasswordCreds) };
}

/** A standalone TSPasswordCreds (as it sits inside TSCredentials.credentials). */
export function parseTsPasswordCreds(bytes: Uint8Array): { value: TsPasswordCreds; fields: Field[] } {
  try {
    const p = parseTsPasswordCredsNode(bytes, readDer(bytes));
    return { value: p.value, fields: [p.field] };
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`TSPasswordCreds: ${(e as Error).message}`, 0);
  }
}
