// TSRemoteGuardCreds (MS-CSSP 2.2.1.2.3, 2.2.1.2.3.1): Remote Credential Guard. Instead of a
// password the client sends, per security package, a logon buffer (for Kerberos a KERB_TICKET_LOGON
// with a service ticket; the TGT stays on the client, which answers the server's later requests
// through the redirected connection), so no reusable secret reaches the server.
//   TSRemoteGuardCreds ::= SEQUENCE { logonCred [0] TSRemoteGuardPackageCred,
//                                     supplementalCreds [1] SEQUENCE OF TSRemoteGuardPackageCred OPTIONAL }
//   TSRemoteGuardPackageCred ::= SEQUENCE { packageName [0] OCTET STRING, credBuffer [1] OCTET STRING }
import { DecodeError, utf16le } from '../../../bytes';
import { type ContentParser, type DerNode, readDer, SeqReader, elementField, explicit, octetString, opt, pOctets, pSeqOf, seq, seqOf } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { R } from './constants';
import { pUtf16 } from './tsPasswordCreds';

export interface TsRemoteGuardPackageCred { packageName: string; credBuffer: Uint8Array }
export interface TsRemoteGuardCreds { logonCred: TsRemoteGuardPackageCred; supplementalCreds?: TsRemoteGuardPackageCred[] }

export function buildTsRemoteGuardPackageCred(v: TsRemoteGuardPackageCred): Uint8Array {
  return seq(explicit(0, octetString(utf16le(v.packageName))), explicit(1, octetString(v.credBuffer)));
}

export function buildTsRemoteGuardCreds(v: TsRemoteGuardCreds): Uint8Array {
  return seq(explicit(0, buildTsRemoteGuardPackageCred(v.logonCred)), opt(1, v.supplementalCreds, (cs) => seqOf(cs.map(buildTsRemoteGuardPackageCred))));
}

const pPackageCred: ContentParser<TsRemoteGuardPackageCred> = (b, n) => {
  const s = new SeqReader(b, n, 'TSRemoteGuardPackageCred', undefined);
  const packageName = s.req(0, 'packageName', pUtf16, 'the security package the buffer is for (e.g. "Kerberos"), UTF-16LE', R.tsRemoteGuardPackageCred);
  const credBuffer = s.req(1, 'credBuffer', pOctets, 'the package-specific logon buffer (for Kerberos a KERB_TICKET_LOGON, not a password)', R.tsRemoteGuardPackageCred);
  return { value: { packageName, credBuffer }, children: s.finish(), display: `${packageName}, ${credBuffer.length} bytes` };
};

export function parseTsRemoteGuardCredsNode(b: Uint8Array, node: DerNode): { value: TsRemoteGuardCreds; field: Field } {
  const s = new SeqReader(b, node, 'TSRemoteGuardCreds', undefined);
  const logonCred = s.req(0, 'logonCred', pPackageCred, 'the logon credential of the package that logs the user on', R.tsRemoteGuardCreds);
  const supplementalCreds = s.opt(1, 'supplementalCreds', pSeqOf(pPackageCred, (i) => `TSRemoteGuardPackageCred[${i}]`, 'a supplemental credential of another package', R.tsRemoteGuardPackageCred),
    'credentials of other packages (e.g. NTLM supplemental data)', R.tsRemoteGuardCreds);
  const value: TsRemoteGuardCreds = supplementalCreds ? { logonCred, supplementalCreds } : { logonCred };
  return { value, field: elementField('TSRemoteGuardCreds', [node], { value, children: s.finish(), display: `Remote Credential Guard: ${logonCred.packageName}` }, 'a Remote Credential Guard credential', R.tsRemoteGuardCreds) };
}

/** A standalone TSRemoteGuardCreds (as it sits inside TSCredentials.credentials). */
export function parseTsRemoteGuardCreds(bytes: Uint8Array): { value: TsRemoteGuardCreds; fields: Field[] } {
  try {
    const p = parseTsRemoteGuardCredsNode(bytes, readDer(bytes));
    return { value: p.value, fields: [p.field] };
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`TSRemoteGuardCreds: ${(e as Error).message}`, 0);
  }
}
