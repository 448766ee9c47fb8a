// PA-DATA (RFC 4120 §5.2.7) and the padata-values this app decodes: PA-TGS-REQ (an AP-REQ),
// PA-ENC-TIMESTAMP, ETYPE-INFO/ETYPE-INFO2, PA-PAC-REQUEST, PA-PAC-OPTIONS, PA-FOR-USER,
// PA-SUPPORTED-ENCTYPES; plus METHOD-DATA, TYPED-DATA and MS-KILE's KERB-ERROR-DATA for KRB-ERROR e-data.
import { DecodeError, readU32le } from '../../../bytes';
import {
  type DerNode, type Parsed, SeqReader, boolean, contentLeaf, elementField, explicit, flags32, genericContent, integer, octetString, opt, pBool,
  pFlags, pInt, pOctets, pSeqOf, pString, readNodes, seq, seqOf, shortHex,
} from '../../../encoding/der';
import { pApReqFor } from './apReq';
import {
  type KParser, R, encChecksum, encEncryptedData, encPrincipalName, etypeName, kStr, pChecksum, pEncryptedData, pEtype, pPrincipalName, pRealm, principalText,
} from './common';
import { KEY_USAGE, PA, PAC_OPTIONS, PA_NAMES } from './constants';
import type {
  EncryptedData, EtypeInfo2Entry, EtypeInfoEntry, KerbErrorData, PaData, PaForUser, PaPacOptions, PaPacRequest, ParseOptions, TypedDataEntry,
} from './types';

// ---------- builders ----------

export function encPaData(p: PaData): Uint8Array {
  return seq(explicit(1, integer(p.padataType)), explicit(2, octetString(p.padataValue)));
}
/** METHOD-DATA / a padata list: SEQUENCE OF PA-DATA. */
export const encMethodData = (ps: PaData[]): Uint8Array => seqOf(ps.map(encPaData));

export function encEtypeInfo2(es: EtypeInfo2Entry[]): Uint8Array {
  return seqOf(es.map((e) => seq(explicit(0, integer(e.etype)), opt(1, e.salt, kStr), opt(2, e.s2kparams, octetString))));
}
export function encEtypeInfo(es: EtypeInfoEntry[]): Uint8Array {
  return seqOf(es.map((e) => seq(explicit(0, integer(e.etype)), opt(1, e.salt, octetString))));
}
export const encPaPacRequest = (v: PaPacRequest): Uint8Array => seq(explicit(0, boolean(v.includePac)));
export const encPaPacOptions = (v: PaPacOptions): Uint8Array => seq(explicit(0, flags32(v.options)));
export function encPaForUser(v: PaForUser): Uint8Array {
  return seq(explicit(0, encPrincipalName(v.userName)), explicit(1, kStr(v.userRealm)), explicit(2, encChecksum(v.cksum)), explicit(3, kStr(v.authPackage)));
}
export function encTypedData(ts: TypedDataEntry[]): Uint8Array {
  return seqOf(ts.map((t) => seq(explicit(0, integer(t.dataType)), opt(1, t.dataValue, octetString))));
}
export function encKerbErrorData(v: KerbErrorData): Uint8Array {
  return seq(explicit(1, integer(v.dataType)), opt(2, v.dataValue, octetString));
}

/** MS-KILE 2.2.1 KERB-EXT-ERROR: an NTSTATUS in the KERB-ERROR-DATA of data-type 3 (KERB_ERR_TYPE_EXTENDED, MS-KILE 2.2.2). */
export function encKerbExtError(status: number, flags = 1): Uint8Array {
  const out = new Uint8Array(12);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, status >>> 0, true);
  dv.setUint32(8, flags >>> 0, true);
  return out;
}

/** Ready-made PA-DATA elements. */
export const paEncTimestamp = (enc: EncryptedData): PaData => ({ padataType: PA.ENC_TIMESTAMP, padataValue: encEncryptedData(enc) });
export const paPacRequest = (includePac: boolean): PaData => ({ padataType: PA.PAC_REQUEST, padataValue: encPaPacRequest({ includePac }) });
export const paPacOptions = (options: number): PaData => ({ padataType: PA.PAC_OPTIONS, padataValue: encPaPacOptions({ options }) });
export const paTgsReq = (apReq: Uint8Array): PaData => ({ padataType: PA.TGS_REQ, padataValue: apReq });
export const paEtypeInfo2 = (es: EtypeInfo2Entry[]): PaData => ({ padataType: PA.ETYPE_INFO2, padataValue: encEtypeInfo2(es) });

// ---------- parsers ----------

const pEtypeInfo2Entry: KParser<EtypeInfo2Entry> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'ETYPE-INFO2-ENTRY', ctx);
  const etype = s.req(0, 'etype', pEtype, 'an encryption type the KDC has a key for', 'RFC 4120 §5.2.7.5');
  const salt = s.opt(1, 'salt', pString, 'the salt for string-to-key (default: realm + user name)', 'RFC 4120 §5.2.7.5');
  const s2kparams = s.opt(2, 's2kparams', pOctets, 'string-to-key parameters (e.g. the PBKDF2 iteration count)', 'RFC 4120 §5.2.7.5');
  const v: EtypeInfo2Entry = { etype };
  if (salt !== undefined) v.salt = salt;
  if (s2kparams) v.s2kparams = s2kparams;
  return { value: v, children: s.finish(), display: `${etypeName(etype)}${salt !== undefined ? `, salt ${JSON.stringify(salt)}` : ''}` };
};
export const pEtypeInfo2 = pSeqOf(pEtypeInfo2Entry, (i) => `ETYPE-INFO2-ENTRY[${i}]`, 'an encryption type and its salt', 'RFC 4120 §5.2.7.5',
  (vs) => vs.map((v) => etypeName(v.etype)).join(', '));

const pEtypeInfoEntry: KParser<EtypeInfoEntry> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'ETYPE-INFO-ENTRY', ctx);
  const etype = s.req(0, 'etype', pEtype, 'an encryption type the KDC has a key for', 'RFC 4120 §5.2.7.4');
  const salt = s.opt(1, 'salt', pOctets, 'the salt for string-to-key', 'RFC 4120 §5.2.7.4');
  return { value: salt ? { etype, salt } : { etype }, children: s.finish(), display: etypeName(etype) };
};
export const pEtypeInfo = pSeqOf(pEtypeInfoEntry, (i) => `ETYPE-INFO-ENTRY[${i}]`, 'an encryption type and its salt', 'RFC 4120 §5.2.7.4');

export const pPaPacRequest: KParser<PaPacRequest> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'KERB-PA-PAC-REQUEST', ctx);
  const includePac = s.req(0, 'include-pac', pBool, 'whether the client wants a PAC in its ticket', 'MS-KILE 2.2.3');
  return { value: { includePac }, children: s.finish(), display: `include-pac ${includePac}` };
};
export const pPaPacOptions: KParser<PaPacOptions> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'PA-PAC-OPTIONS', ctx);
  const options = s.req(0, 'options', pFlags(PAC_OPTIONS), 'PAC options: claims, branch-aware, forward-to-full-dc, resource-based constrained delegation', 'MS-KILE 2.2.10');
  return { value: { options }, children: s.finish() };
};
export const pPaForUser: KParser<PaForUser> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'PA-FOR-USER', ctx);
  const userName = s.req(0, 'userName', pPrincipalName, 'the user the service wants a ticket for (S4U2Self)', 'MS-SFU 2.2.1');
  const userRealm = s.req(1, 'userRealm', pRealm, 'that user\'s realm', 'MS-SFU 2.2.1');
  const cksum = s.req(2, 'cksum', pChecksum, 'HMAC-MD5 keyed with the TGT session key over name, realm and package', 'MS-SFU 2.2.1');
  const authPackage = s.req(3, 'auth-package', pString, 'always "Kerberos"', 'MS-SFU 2.2.1');
  return { value: { userName, userRealm, cksum, authPackage }, children: s.finish(), display: `${principalText(userName)}@${userRealm}` };
};

const SUPPORTED_ENCTYPE_BITS: Record<number, string> = {
  0x1: 'DES-CBC-CRC', 0x2: 'DES-CBC-MD5', 0x4: 'RC4-HMAC', 0x8: 'AES128-CTS-HMAC-SHA1-96', 0x10: 'AES256-CTS-HMAC-SHA1-96', 0x20: 'AES256-CTS-HMAC-SHA1-96-SK',
  0x10000: 'FAST-supported', 0x20000: 'Compound-identity-supported', 0x40000: 'Claims-supported', 0x80000: 'Resource-SID-compression-disabled',
};

/** Parse DER held inside an OCTET STRING's content as one element with the given parser. */
export function encapsulated<T>(b: Uint8Array, n: DerNode, name: string, parse: KParser<T>, explain: string, ref: string, ctx: ParseOptions): Parsed<T> {
  const kids = readNodes(b, n.headerEnd, n.end);
  if (kids.length !== 1) throw new DecodeError(`${name}: expected one DER element inside the OCTET STRING`, n.headerEnd);
  const p = parse(b, kids[0], ctx);
  return { value: p.value, display: p.display, children: [elementField(name, [kids[0]], p, explain, ref)], extra: p.extra };
}

/** The padata-value (an OCTET STRING node) decoded by padata-type. */
function decodePadataValue(b: Uint8Array, n: DerNode, type: number, ctx: ParseOptions): Parsed<Uint8Array> {
  const value = b.subarray(n.headerEnd, n.end);
  const wrap = <T>(p: Parsed<T>): Parsed<Uint8Array> => ({ value, display: p.display, children: p.children, extra: p.extra });
  if (value.length === 0) {
    return { value, display: '(empty)', children: [] };
  }
  try {
    switch (type) {
      case PA.TGS_REQ:
        return wrap(encapsulated(b, n, 'AP-REQ', pApReqFor(KEY_USAGE.TGS_REQ_AUTHENTICATOR), 'the AP-REQ that authenticates this TGS-REQ: the TGT and an authenticator in its session key', 'RFC 4120 §5.2.7.1', ctx));
      case PA.ENC_TIMESTAMP:
        return wrap(encapsulated(b, n, 'EncryptedData', pEncryptedData({ usages: [KEY_USAGE.PA_ENC_TIMESTAMP], plaintext: 'PA-ENC-TS-ENC', what: 'pre-authentication time stamp (client\'s password key)' }),
          'the current time encrypted in the client\'s password-derived key: proves the client knows the password', 'RFC 4120 §5.2.7.2', ctx));
      case PA.ETYPE_INFO2:
        return wrap(encapsulated(b, n, 'ETYPE-INFO2', pEtypeInfo2, 'which encryption types and salts to use for the password key', 'RFC 4120 §5.2.7.5', ctx));
      case PA.ETYPE_INFO:
        return wrap(encapsulated(b, n, 'ETYPE-INFO', pEtypeInfo, 'which encryption types and salts to use (older form)', 'RFC 4120 §5.2.7.4', ctx));
      case PA.PAC_REQUEST:
        return wrap(encapsulated(b, n, 'KERB-PA-PAC-REQUEST', pPaPacRequest, 'asks for (or refuses) a PAC in the ticket', 'MS-KILE 2.2.3', ctx));
      case PA.PAC_OPTIONS:
        return wrap(encapsulated(b, n, 'PA-PAC-OPTIONS', pPaPacOptions, 'PAC-related options the client supports', 'MS-KILE 2.2.10', ctx));
      case PA.FOR_USER:
        return wrap(encapsulated(b, n, 'PA-FOR-USER', pPaForUser, 'S4U2Self: the user the service asks a ticket for', 'MS-SFU 2.2.1', ctx));
      case PA.PW_SALT: {
        let s = ''; for (const c of value) s += String.fromCharCode(c);
        return { value, display: JSON.stringify(s), children: contentLeaf(n, 'salt', JSON.stringify(s), 'the salt for string-to-key') };
      }
      case PA.SUPPORTED_ENCTYPES: {
        const v = readU32le(value, 0);
        const names = Object.entries(SUPPORTED_ENCTYPE_BITS).filter(([m]) => v & Number(m)).map(([, s]) => s);
        const display = `0x${v.toString(16)} (${names.join(', ')})`;
        return { value, display, children: contentLeaf(n, 'supported enctypes', display, 'little-endian bit mask of the encryption types and features the KDC supports') };
      }
    }
    // Anything else: show its DER structure when it has one.
    const kids = readNodes(b, n.headerEnd, n.end);
    if (kids.length === 1) {
      const g = genericContent(b, kids[0]);
      return { value, display: g.display, children: [elementField(PA_NAMES[type] ?? 'value', [kids[0]], g, 'the structure of this padata-value', R.padata)] };
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  const d = shortHex(value);
  return { value, display: d, children: contentLeaf(n, 'value', d, 'padata-value bytes') };
}

export const pPaData: KParser<PaData> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'PA-DATA', ctx);
  const padataType = s.req(1, 'padata-type', pInt(PA_NAMES), 'which kind of pre-authentication data this is', R.padata);
  const padataValue = s.req(2, 'padata-value', (bb, nn) => {
    if (nn.tagClass !== 0 || nn.tagNumber !== 4 || nn.constructed) throw new DecodeError('padata-value must be an OCTET STRING', nn.start);
    return decodePadataValue(bb, nn, padataType, ctx);
  }, 'the data, encoded as its type says (empty: "this method is available")', R.padata);
  return { value: { padataType, padataValue }, children: s.finish(), display: PA_NAMES[padataType] ?? `padata-type ${padataType}` };
};

export const pMethodData: KParser<PaData[]> = pSeqOf(pPaData, (_i, v) => PA_NAMES[v.padataType] ?? `PA-DATA ${v.padataType}`, 'one pre-authentication element', R.padata,
  (vs) => vs.map((v) => PA_NAMES[v.padataType] ?? v.padataType).join(', '));

const pTypedDataEntry: KParser<TypedDataEntry> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'TYPED-DATA', ctx);
  const dataType = s.req(0, 'data-type', pInt(PA_NAMES), 'the kind of data', 'RFC 4120 §5.9.1');
  const dataValue = s.opt(1, 'data-value', pOctets, 'the data', 'RFC 4120 §5.9.1');
  return { value: dataValue ? { dataType, dataValue } : { dataType }, children: s.finish(), display: PA_NAMES[dataType] ?? String(dataType) };
};
export const pTypedData = pSeqOf(pTypedDataEntry, (i) => `TYPED-DATA[${i}]`, 'one typed data element', 'RFC 4120 §5.9.1');

/** MS-KILE 2.2.2 data-type values. */
const KERB_ERR_TYPES: Record<number, string> = { 2: 'KERB_AP_ERR_TYPE_SKEW_RECOVERY', 3: 'KERB_ERR_TYPE_EXTENDED' };

export const pKerbErrorData: KParser<KerbErrorData> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'KERB-ERROR-DATA', ctx);
  const dataType = s.req(1, 'data-type', pInt(KERB_ERR_TYPES), 'what the data-value holds', 'MS-KILE 2.2.1');
  const dataValue = s.opt(2, 'data-value', (bb, nn) => {
    const v = bb.subarray(nn.headerEnd, nn.end);
    if (dataType === 3 && v.length === 12) {
      const status = readU32le(v, 0);
      const o = nn.headerEnd;
      const st = `0x${status.toString(16).padStart(8, '0')}`;
      return {
        value: v, display: `NTSTATUS ${st}`, children: [
          { name: 'status', start: o, end: o + 4, value: st, explain: 'the Windows NTSTATUS behind the error (e.g. 0xc000006d logon failure)', ref: 'MS-KILE 2.2.2' },
          { name: 'reserved', start: o + 4, end: o + 8, value: String(readU32le(v, 4)), explain: 'reserved', ref: 'MS-KILE 2.2.2' },
          { name: 'flags', start: o + 8, end: o + 12, value: `0x${readU32le(v, 8).toString(16)}`, explain: 'flags (1: the status is valid)', ref: 'MS-KILE 2.2.2' },
        ],
      };
    }
    return pOctets(bb, nn, ctx);
  }, 'the data (KERB-EXT-ERROR: an NTSTATUS)', 'MS-KILE 2.2.1');
  return { value: dataValue ? { dataType, dataValue } : { dataType }, children: s.finish(), display: KERB_ERR_TYPES[dataType] ?? String(dataType) };
};
