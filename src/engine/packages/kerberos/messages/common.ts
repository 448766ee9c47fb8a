// The small Kerberos types every message uses (RFC 4120 §5.2): PrincipalName, EncryptedData,
// EncryptionKey, Checksum, HostAddress(es), LastReq, TransitedEncoding, plus message-level helpers.
import { DecodeError, hex } from '../../../bytes';
import {
  type ContentParser, type DerNode, type Parsed, SeqReader, elementField, headerLeaf, explicit, generalString, generalizedTime, integer, octetString,
  opt, pInt, pOctets, pSeqOf, pString, pTime, readDer, seq, seqOf, shortHex, contentLeaf, readString,
} from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { ADDR_TYPE_NAMES, CKSUMTYPE_NAMES, ETYPE_NAMES, GSS_CHECKSUM_TYPE, NAME_TYPE_NAMES, lastReqName } from './constants';
import { parseGssChecksumFields } from './gssChecksum';
import type {
  Checksum, DecryptRequest, EncryptedData, EncryptionKey, HostAddress, LastReqEntry, ParseOptions, PrincipalName, TransitedEncoding,
} from './types';

export const R = {
  principal: 'RFC 4120 §5.2.2', time: 'RFC 4120 §5.2.3', addr: 'RFC 4120 §5.2.5', ad: 'RFC 4120 §5.2.6', padata: 'RFC 4120 §5.2.7',
  enc: 'RFC 4120 §5.2.9', cksum: 'RFC 4120 §5.2.9', ticket: 'RFC 4120 §5.3', kdcReq: 'RFC 4120 §5.4.1', kdcRep: 'RFC 4120 §5.4.2',
  apReq: 'RFC 4120 §5.5.1', apRep: 'RFC 4120 §5.5.2', error: 'RFC 4120 §5.9.1', kile: 'MS-KILE 2.2',
} as const;

/** Where a message sits inside a larger buffer (field offsets are then indexes into that buffer). */
export interface ByteRange { start: number; end: number }

export type KParser<T> = ContentParser<T, ParseOptions>;

export const etypeName = (e: number): string => ETYPE_NAMES[e] ?? `etype ${e}`;
export const nameTypeName = (t: number): string => NAME_TYPE_NAMES[t] ?? `name-type ${t}`;
export const principalText = (p: PrincipalName): string => p.nameString.join('/');

// ---------- builders ----------

export const kInt = integer;
export const kStr = generalString;
export const kTime = generalizedTime;

export function encPrincipalName(p: PrincipalName): Uint8Array {
  return seq(explicit(0, integer(p.nameType)), explicit(1, seqOf(p.nameString.map(generalString))));
}
export function encEncryptedData(e: EncryptedData): Uint8Array {
  return seq(explicit(0, integer(e.etype)), opt(1, e.kvno, integer), explicit(2, octetString(e.cipher)));
}
export function encEncryptionKey(k: EncryptionKey): Uint8Array {
  return seq(explicit(0, integer(k.keytype)), explicit(1, octetString(k.keyvalue)));
}
export function encChecksum(c: Checksum): Uint8Array {
  return seq(explicit(0, integer(c.cksumtype)), explicit(1, octetString(c.checksum)));
}
export function encHostAddress(a: HostAddress): Uint8Array {
  return seq(explicit(0, integer(a.addrType)), explicit(1, octetString(a.address)));
}
export const encHostAddresses = (as: HostAddress[]): Uint8Array => seqOf(as.map(encHostAddress));
export function encLastReq(l: LastReqEntry[]): Uint8Array {
  return seqOf(l.map((e) => seq(explicit(0, integer(e.lrType)), explicit(1, generalizedTime(e.lrValue)))));
}
export function encTransited(t: TransitedEncoding): Uint8Array {
  return seq(explicit(0, integer(t.trType)), explicit(1, octetString(t.contents)));
}

// ---------- parsers ----------

export const pEtype = pInt((v) => ETYPE_NAMES[v]);
export const pKvno = pInt();
export const pMicro: KParser<number> = pInt();

export const pPrincipalName: KParser<PrincipalName> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'PrincipalName', ctx);
  const nameType = s.req(0, 'name-type', pInt(NAME_TYPE_NAMES), 'what kind of name this is', R.principal);
  const nameString = s.req(1, 'name-string', pSeqOf(pString, (i) => `name-string[${i}]`, 'one component of the name', R.principal, (v) => v.join('/')),
    'the components of the name (service/host or a user name)', R.principal);
  const value = { nameType, nameString };
  return { value, children: s.finish(), display: `${principalText(value)} (${nameTypeName(nameType)})` };
};

export const pRealm = pString;

/** EncryptedData; when `where` is given, the parse context's decrypt hook may attach the plaintext. */
export function pEncryptedData(where?: Omit<DecryptRequest, 'enc'> | ((enc: EncryptedData) => Omit<DecryptRequest, 'enc'>)): KParser<EncryptedData> {
  return (b, n, ctx) => {
    const s = new SeqReader(b, n, 'EncryptedData', ctx);
    const etype = s.req(0, 'etype', pEtype, 'the encryption type (algorithm) of the cipher text', R.enc);
    const kvno = s.opt(1, 'kvno', pKvno, 'the version number of the key that encrypts it', R.enc);
    const cipher = s.req(2, 'cipher', pOctets, 'the cipher text (confounder, encrypted data and integrity checksum)', R.enc);
    const value: EncryptedData = kvno === undefined ? { etype, cipher } : { etype, kvno, cipher };
    const fields = s.finish();
    if (where && ctx?.decrypt) {
      const w = typeof where === 'function' ? where(value) : where;
      const d = ctx.decrypt({ ...w, enc: value });
      const cf = fields.find((f) => f.name === 'cipher');
      if (d && cf) cf.decrypted = d;
    }
    return { value, children: fields, display: `${etypeName(etype)}${kvno !== undefined ? `, kvno ${kvno}` : ''}, ${cipher.length} bytes` };
  };
}

export const pEncryptionKey: KParser<EncryptionKey> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'EncryptionKey', ctx);
  const keytype = s.req(0, 'keytype', pEtype, 'the encryption type the key is for', R.enc);
  const keyvalue = s.req(1, 'keyvalue', pOctets, 'the key bytes', R.enc);
  return { value: { keytype, keyvalue }, children: s.finish(), display: `${etypeName(keytype)} ${shortHex(keyvalue, 16)}` };
};

const pChecksumBytes = (cksumtype: () => number): KParser<Uint8Array> => (b, n, ctx) => {
  const p = pOctets(b, n, ctx);
  if (cksumtype() === GSS_CHECKSUM_TYPE && n.end > n.headerEnd) {
    try {
      const g = parseGssChecksumFields(b, n.headerEnd, n.end);
      return { ...p, display: g.display, children: g.fields };
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
  }
  return p;
};

export const pChecksum: KParser<Checksum> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'Checksum', ctx);
  const cksumtype = s.req(0, 'cksumtype', pInt(CKSUMTYPE_NAMES), 'the checksum algorithm', R.cksum);
  const checksum = s.req(1, 'checksum', pChecksumBytes(() => cksumtype), cksumtype === GSS_CHECKSUM_TYPE
    ? 'RFC 4121 authenticator checksum: channel binding hash and GSS flags' : 'the checksum value', cksumtype === GSS_CHECKSUM_TYPE ? 'RFC 4121 §4.1.1' : R.cksum);
  return { value: { cksumtype, checksum }, children: s.finish(), display: `${CKSUMTYPE_NAMES[cksumtype] ?? cksumtype}` };
};

export function addressText(a: HostAddress): string {
  if (a.addrType === 2 && a.address.length === 4) return Array.from(a.address).join('.');
  if (a.addrType === 20) { let s = ''; for (const c of a.address) s += String.fromCharCode(c); return `NetBIOS ${JSON.stringify(s.trimEnd())}`; }
  if (a.addrType === 24 && a.address.length === 16) return (hex(a.address).match(/.{4}/g) ?? []).join(':');
  return hex(a.address);
}

export const pHostAddress: KParser<HostAddress> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'HostAddress', ctx);
  const addrType = s.req(0, 'addr-type', pInt(ADDR_TYPE_NAMES), 'the address family', R.addr);
  const address = s.req(1, 'address', pOctets, 'the address bytes', R.addr);
  const value = { addrType, address };
  return { value, children: s.finish(), display: addressText(value) };
};
export const pHostAddresses = pSeqOf(pHostAddress, (i) => `HostAddress[${i}]`, 'a network address the ticket may be used from', R.addr,
  (v) => v.map(addressText).join(', '));

export const pLastReq: KParser<LastReqEntry[]> = pSeqOf<LastReqEntry, ParseOptions>((b, n, ctx) => {
  const s = new SeqReader(b, n, 'LastReq', ctx);
  const lrType = s.req(0, 'lr-type', pInt(lastReqName), 'which "last request" time this is', 'RFC 4120 §5.4.2');
  const lrValue = s.req(1, 'lr-value', pTime, 'the time', 'RFC 4120 §5.4.2');
  return { value: { lrType, lrValue }, children: s.finish(), display: lastReqName(lrType) };
}, (i) => `last-req[${i}]`, 'one "last request" time the KDC reports', 'RFC 4120 §5.4.2');

export const pTransited: KParser<TransitedEncoding> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'TransitedEncoding', ctx);
  const trType = s.req(0, 'tr-type', pInt({ 1: 'DOMAIN-X500-COMPRESS' }), 'how the list of crossed realms is encoded', 'RFC 4120 §3.3.3.2');
  const contents = s.req(1, 'contents', ((bb, nn) => {
    const p = pOctets(bb, nn, ctx);
    const txt = String.fromCharCode(...p.value);
    const display = p.value.length === 0 ? '(empty: no realm crossed)' : JSON.stringify(txt);
    return { ...p, display, children: contentLeaf(nn, 'value', display, 'the realms crossed on the way') };
  }) as KParser<Uint8Array>, 'the realms crossed to get here (empty within one realm)', 'RFC 4120 §3.3.3.2');
  return { value: { trType, contents }, children: s.finish(), display: contents.length ? 'realms crossed' : 'no realm crossed' };
};

// ---------- message wrappers ----------

/**
 * Parse a message that should be [APPLICATION app] SEQUENCE { ... }; the bare SEQUENCE is accepted
 * too (some test data stores it that way). Returns the SEQUENCE node and the wrapper chain.
 */
export function unwrapApplication(b: Uint8Array, app: number, what: string, range?: ByteRange): { chain: DerNode[]; seqNode: DerNode } {
  const top = range ? readDer(b, range.start, range.end) : readDer(b);
  if (top.tagClass === 1 && top.tagNumber === app && top.constructed) {
    const inner = top.children?.length === 1 ? top.children[0] : undefined;
    if (!inner) throw new DecodeError(`${what}: [APPLICATION ${app}] must hold one SEQUENCE`, top.start);
    return { chain: [top, inner], seqNode: inner };
  }
  if (top.tagClass === 0 && top.tagNumber === 16 && top.constructed) return { chain: [top], seqNode: top };
  throw new DecodeError(`${what}: expected [APPLICATION ${app}]`, top.start);
}

/** An application-tagged SEQUENCE parser over the content parser `body` (for values nested in other messages). */
export function pApplication<T>(app: number, what: string, body: KParser<T>): KParser<T> {
  return (b, n, ctx) => {
    if (n.tagClass !== 1 || n.tagNumber !== app || !n.constructed || n.children?.length !== 1) {
      throw new DecodeError(`${what}: expected [APPLICATION ${app}]`, n.start);
    }
    const inner = n.children[0];
    const p = body(b, inner, ctx);
    return { ...p, children: [headerLeaf([inner]), ...p.children] };
  };
}

/** The top-level field of a message: its wrapper headers as one leaf, then the components. */
export function messageField<T>(name: string, chain: DerNode[], parsed: Parsed<T>, explain: string, ref: string): Field {
  const f = elementField(name, chain, parsed, explain, ref);
  const APP: Record<string, number> = { 'AS-REQ': 10, 'AS-REP': 11, 'TGS-REQ': 12, 'TGS-REP': 13, 'AP-REQ': 14, 'AP-REP': 15, 'KRB-ERROR': 30 };
  if (chain[0].tagClass === 0 && APP[name] !== undefined && f.children?.[0]) {
    f.children[0] = { ...f.children[0], explain: `DER tag and length of the SEQUENCE (this copy lacks the [APPLICATION ${APP[name]}] tag that normally wraps a ${name})` };
  }
  return f;
}

/** Run a top-level parse and turn malformed-input failures of any kind into DecodeError. */
export function guard<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`${what}: ${(e as Error).message}`, 0);
  }
}

export { readString };
