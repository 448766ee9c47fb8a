// KRB-ERROR ::= [APPLICATION 30] SEQUENCE (RFC 4120 §5.9.1): error-code by name (§7.5.9), and e-data
// decoded as METHOD-DATA (e.g. PREAUTH_REQUIRED's ETYPE-INFO2), TYPED-DATA or MS-KILE KERB-ERROR-DATA.
import { DecodeError } from '../../../bytes';
import { type DerNode, type Parsed, SeqReader, application, contentLeaf, explicit, integer, octetString, opt, pInt, pString, pTime, readNodes, seq, shortHex } from '../../../encoding/der';
import { type ByteRange, R, encPrincipalName, guard, kStr, kTime, messageField, pMicro, pPrincipalName, pRealm, principalText, unwrapApplication } from './common';
import { ERROR_CODES, MSG_TYPE, MSG_TYPE_NAMES, errorName } from './constants';
import { encapsulated, pKerbErrorData, pMethodData, pTypedData } from './paData';
import type { Decoded, KrbError, ParseOptions } from './types';

export type KrbErrorInput = Omit<KrbError, 'pvno' | 'msgType'> & { pvno?: number };

export function buildKrbError(v: KrbErrorInput): Uint8Array {
  return application(30, seq(
    explicit(0, integer(v.pvno ?? 5)),
    explicit(1, integer(MSG_TYPE.KRB_ERROR)),
    opt(2, v.ctime, kTime),
    opt(3, v.cusec, integer),
    explicit(4, kTime(v.stime)),
    explicit(5, integer(v.susec)),
    explicit(6, integer(v.errorCode)),
    opt(7, v.crealm, kStr),
    opt(8, v.cname, encPrincipalName),
    explicit(9, kStr(v.realm)),
    explicit(10, encPrincipalName(v.sname)),
    opt(11, v.eText, kStr),
    opt(12, v.eData, octetString),
  ));
}

/** e-data: METHOD-DATA (SEQUENCE OF PA-DATA, tags [1][2]), TYPED-DATA (tags [0][1]) or KERB-ERROR-DATA. */
function eDataContent(b: Uint8Array, n: DerNode, ctx: ParseOptions): Parsed<Uint8Array> {
  const value = b.subarray(n.headerEnd, n.end);
  try {
    const kids = readNodes(b, n.headerEnd, n.end);
    if (kids.length === 1 && kids[0].tagClass === 0 && kids[0].tagNumber === 16 && kids[0].constructed) {
      const items = kids[0].children ?? [];
      const wrap = <T>(p: Parsed<T>): Parsed<Uint8Array> => ({ value, display: p.display, children: p.children });
      if (items.length && items.every((c) => c.tagClass === 0 && c.tagNumber === 16)) {
        const firstTag = items[0].children?.[0]?.tagNumber;
        if (firstTag === 1) return wrap(encapsulated(b, n, 'METHOD-DATA', pMethodData, 'the pre-authentication methods the KDC accepts, with their parameters', 'RFC 4120 §5.9.1', ctx));
        return wrap(encapsulated(b, n, 'TYPED-DATA', pTypedData, 'typed error data', 'RFC 4120 §5.9.1', ctx));
      }
      if (items.length && items[0].tagClass === 2) return wrap(encapsulated(b, n, 'KERB-ERROR-DATA', pKerbErrorData, 'Windows extended error data', 'MS-KILE 2.2.1', ctx));
      if (items.length === 0) return wrap(encapsulated(b, n, 'METHOD-DATA', pMethodData, 'an empty list', 'RFC 4120 §5.9.1', ctx));
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  const d = shortHex(value);
  return { value, display: d, children: contentLeaf(n, 'value', d, 'error data bytes') };
}

export function parseKrbError(bytes: Uint8Array, opts: ParseOptions = {}, range?: ByteRange): Decoded<KrbError> {
  return guard('KRB-ERROR', () => {
    const { chain, seqNode } = unwrapApplication(bytes, 30, 'KRB-ERROR', range);
    const s = new SeqReader(bytes, seqNode, 'KRB-ERROR', opts);
    const pvno = s.req(0, 'pvno', pInt(), 'Kerberos protocol version: 5', R.error);
    const msgType = s.req(1, 'msg-type', pInt(MSG_TYPE_NAMES), 'message type 30: KRB_ERROR', R.error);
    if (msgType !== MSG_TYPE.KRB_ERROR) throw new Error(`msg-type ${msgType} is not KRB_ERROR`);
    const ctime = s.opt(2, 'ctime', pTime, 'the client\'s time from the request, if known', R.error);
    const cusec = s.opt(3, 'cusec', pMicro, 'microseconds of ctime', R.error);
    const stime = s.req(4, 'stime', pTime, 'the server\'s (KDC\'s) current time: a client fixes its clock skew from it', R.error);
    const susec = s.req(5, 'susec', pMicro, 'microseconds of stime', R.error);
    const errorCode = s.req(6, 'error-code', pInt((c) => errorName(c)), ERROR_CODES[readCode(bytes, s)]?.[1] ?? 'the error code', 'RFC 4120 §7.5.9');
    const crealm = s.opt(7, 'crealm', pRealm, 'the client\'s realm', R.error);
    const cname = s.opt(8, 'cname', pPrincipalName, 'the client\'s name', R.error);
    const realm = s.req(9, 'realm', pRealm, 'the realm of the server that answers', R.error);
    const sname = s.req(10, 'sname', pPrincipalName, 'the service that was asked for', R.error);
    const eText = s.opt(11, 'e-text', pString, 'error text for people', R.error);
    const eData = s.opt(12, 'e-data', (b, n, c) => {
      if (n.tagClass !== 0 || n.tagNumber !== 4 || n.constructed) throw new DecodeError('e-data must be an OCTET STRING', n.start);
      return eDataContent(b, n, c);
    }, 'more about the error: for PREAUTH_REQUIRED, the accepted methods and salts', R.error);
    const value: KrbError = { pvno, msgType, stime, susec, errorCode, realm, sname };
    if (ctime) value.ctime = ctime;
    if (cusec !== undefined) value.cusec = cusec;
    if (crealm !== undefined) value.crealm = crealm;
    if (cname) value.cname = cname;
    if (eText !== undefined) value.eText = eText;
    if (eData) value.eData = eData;
    const p = { value, children: s.finish(), display: `${errorName(errorCode)} (${principalText(sname)})` };
    return { value, fields: [messageField('KRB-ERROR', chain, p, `KRB_ERROR ${errorCode} ${errorName(errorCode)}: ${ERROR_CODES[errorCode]?.[1] ?? 'an error'}`, R.error)] };
  });
}

function readCode(b: Uint8Array, s: SeqReader<ParseOptions>): number {
  const n = s.raw(6);
  if (!n) return -1;
  try { return pInt()(b, n, {}).value; } catch { return -1; }
}
