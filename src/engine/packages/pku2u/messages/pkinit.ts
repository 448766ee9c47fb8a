// PKINIT structures (RFC 4556 §3.2) as PKU2U uses them, with ECDH (RFC 5349):
//   PA-PK-AS-REQ ::= SEQUENCE { signedAuthPack [0] IMPLICIT OCTET STRING (ContentInfo: SignedData of AuthPack),
//                               trustedCertifiers [1] SEQUENCE OF ExternalPrincipalIdentifier OPTIONAL, kdcPkId [2] IMPLICIT OCTET STRING OPTIONAL }
//   AuthPack ::= SEQUENCE { pkAuthenticator [0] PKAuthenticator, clientPublicValue [1] SubjectPublicKeyInfo OPTIONAL,
//                           supportedCMSTypes [2] SEQUENCE OF AlgorithmIdentifier OPTIONAL, clientDHNonce [3] OCTET STRING OPTIONAL }
//   PKAuthenticator ::= SEQUENCE { cusec [0] INTEGER, ctime [1] KerberosTime, nonce [2] INTEGER, paChecksum [3] OCTET STRING OPTIONAL }
//   PA-PK-AS-REP ::= CHOICE { dhInfo [0] DHRepInfo, encKeyPack [1] IMPLICIT OCTET STRING }
//   DHRepInfo ::= SEQUENCE { dhSignedData [0] IMPLICIT OCTET STRING (ContentInfo: SignedData of KDCDHKeyInfo), serverDHNonce [1] OCTET STRING OPTIONAL }
//   KDCDHKeyInfo ::= SEQUENCE { subjectPublicKey [0] BIT STRING, nonce [1] INTEGER, dhKeyExpiration [2] KerberosTime OPTIONAL }
//   ExternalPrincipalIdentifier ::= SEQUENCE { subjectName [0] IMPLICIT OCTET STRING OPTIONAL,
//     issuerAndSerialNumber [1] IMPLICIT OCTET STRING OPTIONAL, subjectKeyIdentifier [2] IMPLICIT OCTET STRING OPTIONAL }
import { DecodeError } from '../../../bytes';
import {
  type ContentParser, type DerNode, type Parsed, SeqReader, bitString, contentLeaf, elementField, explicit, expectSequence, generalizedTime, genericField,
  headerLeaf, implicitPrimitive, integer, oidContent as oidBytes, octetString, opt, pInt, pOctets, pTime, readBitString, readDer, readNodes, seq, seqOf, shortHex, tagName, tlvTag,
} from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { parseSignedData, type SignedDataValue } from './cms';
import { OID, R } from './constants';

export interface PkAuthenticator { cusec: number; ctime: Date; nonce: number; paChecksum?: Uint8Array }
export interface AuthPack { pkAuthenticator: PkAuthenticator; clientPublicValue?: Uint8Array; supportedCMSTypes?: Uint8Array[]; clientDHNonce?: Uint8Array }
export interface ExternalPrincipalIdentifier { subjectName?: Uint8Array; issuerAndSerialNumber?: Uint8Array; subjectKeyIdentifier?: Uint8Array }
export interface PaPkAsReq { signedAuthPack: Uint8Array; trustedCertifiers?: ExternalPrincipalIdentifier[]; kdcPkId?: Uint8Array }
export interface KdcDhKeyInfo { subjectPublicKey: Uint8Array; nonce: number; dhKeyExpiration?: Date }
export interface PaPkAsRep { dhSignedData: Uint8Array; serverDHNonce?: Uint8Array }

// ---------- builders ----------

export function buildPkAuthenticator(v: PkAuthenticator): Uint8Array {
  return seq(explicit(0, integer(v.cusec)), explicit(1, generalizedTime(v.ctime)), explicit(2, integer(v.nonce)), opt(3, v.paChecksum, octetString));
}
export function buildAuthPack(v: AuthPack): Uint8Array {
  return seq(
    explicit(0, buildPkAuthenticator(v.pkAuthenticator)),
    v.clientPublicValue ? explicit(1, v.clientPublicValue) : undefined,
    v.supportedCMSTypes ? explicit(2, seqOf(v.supportedCMSTypes)) : undefined,
    opt(3, v.clientDHNonce, octetString),
  );
}
export function buildExternalPrincipalIdentifier(v: ExternalPrincipalIdentifier): Uint8Array {
  return seq(
    v.subjectName && implicitPrimitive(0, v.subjectName),
    v.issuerAndSerialNumber && implicitPrimitive(1, v.issuerAndSerialNumber),
    v.subjectKeyIdentifier && implicitPrimitive(2, v.subjectKeyIdentifier),
  );
}
export function buildPaPkAsReq(v: PaPkAsReq): Uint8Array {
  return seq(
    implicitPrimitive(0, v.signedAuthPack),
    v.trustedCertifiers ? explicit(1, seqOf(v.trustedCertifiers.map(buildExternalPrincipalIdentifier))) : undefined,
    v.kdcPkId && implicitPrimitive(2, v.kdcPkId),
  );
}
export function buildKdcDhKeyInfo(v: KdcDhKeyInfo): Uint8Array {
  return seq(explicit(0, bitString(v.subjectPublicKey)), explicit(1, integer(v.nonce)), v.dhKeyExpiration ? explicit(2, generalizedTime(v.dhKeyExpiration)) : undefined);
}
/** PA-PK-AS-REP, dhInfo choice: [0] EXPLICIT DHRepInfo (the module's EXPLICIT TAGS, as Wireshark reads it), DHRepInfo a
 *  SEQUENCE of dhSignedData [0] IMPLICIT and serverDHNonce [1]. */
export function buildPaPkAsRep(v: PaPkAsRep): Uint8Array {
  return explicit(0, seq(implicitPrimitive(0, v.dhSignedData), v.serverDHNonce ? explicit(1, octetString(v.serverDHNonce)) : undefined));
}

// ---------- parsers ----------

const pPkAuthenticator: ContentParser<PkAuthenticator> = (b, n) => {
  const s = new SeqReader(b, n, 'PKAuthenticator', undefined);
  const cusec = s.req(0, 'cusec', pInt(), 'microseconds of the initiator\'s time', R.pkAuthenticator);
  const ctime = s.req(1, 'ctime', pTime, 'the initiator\'s time: the replay check', R.pkAuthenticator);
  const nonce = s.req(2, 'nonce', pInt(), 'chosen by the initiator; the acceptor returns it in KDCDHKeyInfo', R.pkAuthenticator);
  const paChecksum = s.opt(3, 'paChecksum', pOctets, 'SHA-1 of the AS-REQ\'s KDC-REQ-BODY: binds the signature to this request', R.pkAuthenticator);
  const v: PkAuthenticator = { cusec, ctime, nonce };
  if (paChecksum) v.paChecksum = paChecksum;
  return { value: v, children: s.finish(), display: `nonce ${nonce}` };
};

const pSpki: ContentParser<Uint8Array> = (b, n) => {
  expectSequence(n, 'SubjectPublicKeyInfo');
  const [alg, bits] = n.children ?? [];
  if (!alg || !bits) throw new DecodeError('SubjectPublicKeyInfo: two components expected', n.start);
  const bs = readBitString(b, bits, 'subjectPublicKey');
  return {
    value: b.slice(n.start, n.end), display: `${bs.bytes.length}-byte public value`,
    children: [
      { ...genericField(b, alg, 'algorithm'), explain: 'id-ecPublicKey with the named curve (ECDH, RFC 5349), or dhpublicnumber with the group (DH)' },
      { name: 'subjectPublicKey', start: bits.start, end: bits.end, explain: 'the initiator\'s ephemeral public value', ref: R.spki, children: [headerLeaf([bits]), { name: 'unused bits', start: bits.headerEnd, end: bits.headerEnd + 1, value: String(bs.unused), explain: 'padding bits in the last byte: 0' }, ...(bits.end > bits.headerEnd + 1 ? [{ name: 'public value', start: bits.headerEnd + 1, end: bits.end, value: shortHex(bs.bytes), explain: 'the ECDH point (0x04, X, Y) or the DH public number' }] : [])] },
    ],
  };
};

const pAuthPack: ContentParser<AuthPack> = (b, n) => {
  const s = new SeqReader(b, n, 'AuthPack', undefined);
  const pkAuthenticator = s.req(0, 'pkAuthenticator', pPkAuthenticator, 'time, nonce and checksum of the request: what makes the signature fresh', R.authPack);
  const clientPublicValue = s.opt(1, 'clientPublicValue', pSpki, 'the initiator\'s Diffie-Hellman / ECDH public value', R.authPack);
  const supportedCMSTypes = s.opt(2, 'supportedCMSTypes', (bb, nn): Parsed<Uint8Array[]> => {
    const items = nn.children ?? [];
    return { value: items.map((c) => bb.slice(c.start, c.end)), display: `${items.length} algorithms`, children: items.map((c) => genericField(bb, c, 'AlgorithmIdentifier')) };
  }, 'the signature algorithms the initiator accepts in the reply', R.authPack);
  const clientDHNonce = s.opt(3, 'clientDHNonce', pOctets, 'a nonce for reusing DH keys (mixed into the key)', R.authPack);
  const v: AuthPack = { pkAuthenticator };
  if (clientPublicValue) v.clientPublicValue = clientPublicValue;
  if (supportedCMSTypes) v.supportedCMSTypes = supportedCMSTypes;
  if (clientDHNonce) v.clientDHNonce = clientDHNonce;
  return { value: v, children: s.finish() };
};

const pKdcDhKeyInfo: ContentParser<KdcDhKeyInfo> = (b, n) => {
  const s = new SeqReader(b, n, 'KDCDHKeyInfo', undefined);
  const subjectPublicKey = s.req(0, 'subjectPublicKey', (bb, nn) => {
    const bs = readBitString(bb, nn, 'subjectPublicKey');
    const display = shortHex(bs.bytes);
    return { value: bs.bytes.slice(), display, children: [{ name: 'unused bits', start: nn.headerEnd, end: nn.headerEnd + 1, value: String(bs.unused), explain: 'padding bits: 0' }, ...(nn.end > nn.headerEnd + 1 ? [{ name: 'public value', start: nn.headerEnd + 1, end: nn.end, value: display, explain: 'the acceptor\'s ephemeral ECDH point (or DH public number)' }] : [])] };
  }, 'the acceptor\'s Diffie-Hellman / ECDH public value', R.kdcDhKeyInfo);
  const nonce = s.req(1, 'nonce', pInt(), 'the nonce of the initiator\'s PKAuthenticator: ties the reply to the request', R.kdcDhKeyInfo);
  const dhKeyExpiration = s.opt(2, 'dhKeyExpiration', pTime, 'when the acceptor stops using this DH key', R.kdcDhKeyInfo);
  const v: KdcDhKeyInfo = { subjectPublicKey, nonce };
  if (dhKeyExpiration) v.dhKeyExpiration = dhKeyExpiration;
  return { value: v, children: s.finish() };
};

/** Decodes the eContent of a PKINIT SignedData by its type (fields relative to the whole buffer). */
function pkinitContent(b: Uint8Array): (t: string, c: Uint8Array, start: number) => Field[] {
  return (t, c, start) => {
    const node = readDer(b, start, start + c.length);
    if (t === OID.pkinitAuthData) return [elementField('AuthPack', [node], pAuthPack(b, node, undefined), 'what the initiator signs: its authenticator and its public value', R.authPack)];
    if (t === OID.pkinitDHKeyData) return [elementField('KDCDHKeyInfo', [node], pKdcDhKeyInfo(b, node, undefined), 'what the acceptor signs: its public value and the initiator\'s nonce', R.kdcDhKeyInfo)];
    return [genericField(b, node, 'content')];
  };
}

/** A [n] IMPLICIT OCTET STRING that holds a CMS ContentInfo: its SignedData decoded in place. */
function signedDataField(b: Uint8Array, n: DerNode, name: string, explain: string): { field: Field; value: SignedDataValue } {
  const inner = readDer(b, n.headerEnd, n.end);
  const p = parseSignedData(b, inner, pkinitContent(b));
  return { value: p.value, field: { name, start: n.start, end: n.end, explain, ref: R.paPkAsReq, layer: 'CMS', value: `SignedData, ${n.end - n.headerEnd} bytes`, children: [headerLeaf([n]), p.field] } };
}

function ctxMap(n: DerNode, what: string): Map<number, DerNode> {
  expectSequence(n, what);
  const m = new Map<number, DerNode>();
  for (const c of n.children ?? []) {
    if (c.tagClass !== 2) throw new DecodeError(`${what}: unexpected ${tagName(c)}`, c.start);
    if (m.has(c.tagNumber)) throw new DecodeError(`${what}: [${c.tagNumber}] twice`, c.start);
    m.set(c.tagNumber, c);
  }
  return m;
}

function implicitOctets(b: Uint8Array, n: DerNode, name: string, explain: string, ref: string): Field {
  if (n.constructed) throw new DecodeError(`${name}: must be a primitive [${n.tagNumber}] IMPLICIT OCTET STRING`, n.start);
  const v = b.subarray(n.headerEnd, n.end);
  let children: Field[] = contentLeaf(n, 'value', shortHex(v), explain);
  try {
    const kids = readNodes(b, n.headerEnd, n.end);
    if (kids.length === 1 && kids[0].constructed) children = [{ ...genericField(b, kids[0], name === 'subjectName' ? 'Name' : 'DER'), explain }];
  } catch { /* raw bytes */ }
  return { name, start: n.start, end: n.end, explain, ref, value: shortHex(v), children: [headerLeaf([n]), ...children] };
}

export const pExternalPrincipalIdentifier: ContentParser<ExternalPrincipalIdentifier> = (b, n) => {
  const m = ctxMap(n, 'ExternalPrincipalIdentifier');
  const v: ExternalPrincipalIdentifier = {};
  const children: Field[] = [];
  const names = ['subjectName', 'issuerAndSerialNumber', 'subjectKeyIdentifier'] as const;
  const explains = ['the distinguished name of a CA (DER Name)', 'a certificate by issuer and serial number', 'a key identifier'];
  for (const [tag, c] of m) {
    if (tag > 2) throw new DecodeError(`ExternalPrincipalIdentifier: unknown [${tag}]`, c.start);
    v[names[tag]] = b.slice(c.headerEnd, c.end);
    children.push(implicitOctets(b, c, names[tag], explains[tag], R.epi));
  }
  return { value: v, children, display: v.subjectName ? 'subjectName' : Object.keys(v).join(', ') };
};

export function parsePaPkAsReq(b: Uint8Array): { value: PaPkAsReq; authPack: AuthPack; signedData: SignedDataValue; fields: Field[] } {
  const top = readDer(b);
  const m = ctxMap(top, 'PA-PK-AS-REQ');
  const sap = m.get(0);
  if (!sap) throw new DecodeError('PA-PK-AS-REQ: signedAuthPack missing', top.start);
  const sd = signedDataField(b, sap, 'signedAuthPack', 'the AuthPack signed with the initiator\'s certificate (CMS SignedData)');
  if (sd.value.eContentType !== OID.pkinitAuthData) throw new DecodeError('signedAuthPack: eContentType is not id-pkinit-authData', sap.start);
  const authPack = pAuthPack(sd.value.eContent, readDer(sd.value.eContent), undefined).value;
  const value: PaPkAsReq = { signedAuthPack: b.slice(sap.headerEnd, sap.end) };
  const fields: Field[] = [headerLeaf([top]), sd.field];
  const tc = m.get(1);
  if (tc) {
    if (tc.children?.length !== 1) throw new DecodeError('trustedCertifiers: explicit tag must hold one SEQUENCE OF', tc.start);
    const list = expectSequence(tc.children[0], 'trustedCertifiers');
    const items = (list.children ?? []).map((c, i) => { const p = pExternalPrincipalIdentifier(b, c, undefined); return { v: p.value, f: elementField(`ExternalPrincipalIdentifier[${i}]`, [c], p, 'a CA the initiator trusts', R.epi) }; });
    value.trustedCertifiers = items.map((x) => x.v);
    fields.push({ name: 'trustedCertifiers', start: tc.start, end: tc.end, explain: 'the CAs the initiator trusts, so the acceptor picks a certificate it can check', ref: R.paPkAsReq, children: [headerLeaf([tc, list]), ...items.map((x) => x.f)] });
  }
  const kp = m.get(2);
  if (kp) { value.kdcPkId = b.slice(kp.headerEnd, kp.end); fields.push(implicitOctets(b, kp, 'kdcPkId', 'which acceptor key the initiator expects', R.paPkAsReq)); }
  for (const t of m.keys()) if (t > 2) throw new DecodeError(`PA-PK-AS-REQ: unknown [${t}]`, m.get(t)!.start);
  fields.sort((x, y) => x.start - y.start);
  return { value, authPack, signedData: sd.value, fields: [{ name: 'PA-PK-AS-REQ', start: top.start, end: top.end, explain: 'PKINIT pre-authentication: the initiator proves who it is with its certificate', ref: R.paPkAsReq, children: fields }] };
}

export function parsePaPkAsRep(b: Uint8Array): { value: PaPkAsRep; keyInfo: KdcDhKeyInfo; signedData: SignedDataValue; fields: Field[] } {
  const top = readDer(b);
  if (top.tagClass !== 2 || top.tagNumber !== 0 || !top.constructed) throw new DecodeError('PA-PK-AS-REP: only the dhInfo [0] choice is supported', top.start);
  const inner = top.children?.length === 1 ? top.children[0] : undefined;
  if (!inner || inner.tagClass !== 0 || inner.tagNumber !== 16 || !inner.constructed) throw new DecodeError('PA-PK-AS-REP: dhInfo must hold one DHRepInfo SEQUENCE', top.start);
  const m = new Map<number, DerNode>();
  for (const c of inner.children ?? []) { if (c.tagClass !== 2 || m.has(c.tagNumber)) throw new DecodeError('DHRepInfo: bad component', c.start); m.set(c.tagNumber, c); }
  const dsd = m.get(0);
  if (!dsd) throw new DecodeError('DHRepInfo: dhSignedData missing', top.start);
  const sd = signedDataField(b, dsd, 'dhSignedData', 'KDCDHKeyInfo signed with the acceptor\'s certificate (CMS SignedData)');
  if (sd.value.eContentType !== OID.pkinitDHKeyData) throw new DecodeError('dhSignedData: eContentType is not id-pkinit-DHKeyData', dsd.start);
  const keyInfo = pKdcDhKeyInfo(sd.value.eContent, readDer(sd.value.eContent), undefined).value;
  const value: PaPkAsRep = { dhSignedData: b.slice(dsd.headerEnd, dsd.end) };
  const fields: Field[] = [headerLeaf([top, inner]), sd.field];
  const sn = m.get(1);
  if (sn) {
    if (sn.children?.length !== 1) throw new DecodeError('serverDHNonce: explicit tag must hold one OCTET STRING', sn.start);
    const p = pOctets(b, sn.children[0], undefined);
    value.serverDHNonce = p.value.slice();
    fields.push(elementField('serverDHNonce', [sn, sn.children[0]], p, 'the acceptor\'s nonce, mixed into the key', R.dhRepInfo));
  }
  for (const t of m.keys()) if (t > 1) throw new DecodeError(`DHRepInfo: unknown [${t}]`, m.get(t)!.start);
  return { value, keyInfo, signedData: sd.value, fields: [{ name: 'PA-PK-AS-REP', start: top.start, end: top.end, explain: 'PKINIT reply: the acceptor\'s half of the key agreement, signed (dhInfo)', ref: R.paPkAsRep, children: fields }] };
}

/** Decoders for a standalone AuthPack / KDCDHKeyInfo (e.g. the eContent alone). */
export function parseAuthPack(b: Uint8Array): { value: AuthPack; fields: Field[] } {
  const n = readDer(b);
  const p = pAuthPack(b, n, undefined);
  return { value: p.value, fields: [elementField('AuthPack', [n], p, 'the initiator\'s signed PKINIT data', R.authPack)] };
}
export function parseKdcDhKeyInfo(b: Uint8Array): { value: KdcDhKeyInfo; fields: Field[] } {
  const n = readDer(b);
  const p = pKdcDhKeyInfo(b, n, undefined);
  return { value: p.value, fields: [elementField('KDCDHKeyInfo', [n], p, 'the acceptor\'s signed PKINIT data', R.kdcDhKeyInfo)] };
}

/** The SubjectPublicKeyInfo of an uncompressed P-256 point. */
export function ecP256Spki(point: Uint8Array): Uint8Array {
  return seq(seq(tlvTag(0, false, 6, oidBytes(OID.ecPublicKey)), tlvTag(0, false, 6, oidBytes(OID.prime256v1))), bitString(point));
}
