// Top-level decoders for the small Kerberos types, for callers (and tests) that hold one alone.
import { type ContentParser, readDer } from '../../../encoding/der';
import { R, guard, messageField, pChecksum, pEncryptedData, pEncryptionKey, pHostAddresses, pPrincipalName } from './common';
import { pKdcReqBody } from './kdcReq';
import { pEtypeInfo, pEtypeInfo2, pKerbErrorData, pMethodData, pPaData, pPaForUser, pPaPacOptions, pPaPacRequest, pTypedData } from './paData';
import type { Decoded, ParseOptions } from './types';

function top<T>(name: string, parse: ContentParser<T, ParseOptions>, explain: string, ref: string) {
  return (bytes: Uint8Array, opts: ParseOptions = {}): Decoded<T> => guard(name, () => {
    const n = readDer(bytes);
    const p = parse(bytes, n, opts);
    return { value: p.value, fields: [messageField(name, [n], p, explain, ref)] };
  });
}

export const parsePrincipalName = top('PrincipalName', pPrincipalName, 'a Kerberos principal name', R.principal);
export const parseEncryptedData = top('EncryptedData', pEncryptedData(), 'encrypted data: etype, optional key version, cipher text', R.enc);
export const parseEncryptionKey = top('EncryptionKey', pEncryptionKey, 'a key and its encryption type', R.enc);
export const parseChecksum = top('Checksum', pChecksum, 'a checksum and its type', R.cksum);
export const parseHostAddresses = top('HostAddresses', pHostAddresses, 'network addresses', R.addr);
export const parsePaData = top('PA-DATA', pPaData, 'one pre-authentication element', R.padata);
export const parseMethodData = top('METHOD-DATA', pMethodData, 'a list of pre-authentication elements', R.padata);
export const parseTypedData = top('TYPED-DATA', pTypedData, 'typed error data', 'RFC 4120 §5.9.1');
export const parseEtypeInfo = top('ETYPE-INFO', pEtypeInfo, 'encryption types and salts (older form)', 'RFC 4120 §5.2.7.4');
export const parseEtypeInfo2 = top('ETYPE-INFO2', pEtypeInfo2, 'encryption types, salts and string-to-key parameters', 'RFC 4120 §5.2.7.5');
export const parsePaPacRequest = top('KERB-PA-PAC-REQUEST', pPaPacRequest, 'asks for a PAC or not', 'MS-KILE 2.2.3');
export const parsePaPacOptions = top('PA-PAC-OPTIONS', pPaPacOptions, 'PAC options', 'MS-KILE 2.2.10');
export const parsePaForUser = top('PA-FOR-USER', pPaForUser, 'S4U2Self user', 'MS-SFU 2.2.1');
export const parseKerbErrorData = top('KERB-ERROR-DATA', pKerbErrorData, 'Windows extended error data', 'MS-KILE 2.2.1');
export const parseKdcReqBody = top('KDC-REQ-BODY', pKdcReqBody, 'the body of a KDC request', R.kdcReq);
