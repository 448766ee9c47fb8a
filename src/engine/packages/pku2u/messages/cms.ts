// CMS SignedData (RFC 5652 §5) as PKINIT uses it: the initiator signs its AuthPack
// (eContentType id-pkinit-authData), the acceptor its KDCDHKeyInfo (id-pkinit-DHKeyData), each
// with its certificate's key, the certificate (and its chain) in `certificates`, one SignerInfo
// with signed attributes contentType and messageDigest (SHA-256 of the content).
//   ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
//   SignedData ::= SEQUENCE { version 3, digestAlgorithms SET OF AlgorithmIdentifier,
//     encapContentInfo SEQUENCE { eContentType OID, eContent [0] EXPLICIT OCTET STRING },
//     certificates [0] IMPLICIT SET OF Certificate OPTIONAL, signerInfos SET OF SignerInfo }
//   SignerInfo ::= SEQUENCE { version 1, sid IssuerAndSerialNumber, digestAlgorithm, signedAttrs [0] IMPLICIT SET OF Attribute,
//     signatureAlgorithm, signature OCTET STRING }
import { sha256 } from '@noble/hashes/sha2.js';
import { DecodeError, concat, equal, hex } from '../../../bytes';
import {
  type DerNode, contentLeaf, elementField, explicit, expectSequence, genericField, headerLeaf, integer, octetString, oid, readDer, readInteger, readOctets,
  readOid, seq, set, shortHex, tlv, tlvTag,
} from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { type CertInfo, certInfo } from './cert';
import { OID, OID_NAMES, R } from './constants';
import { ecdsaSign, ecdsaVerify } from '../../../crypto/publicKeyMemo';

export interface CmsSigner {
  /** The signer's certificate (DER), then any intermediate CA certificates to include. */
  certificates: Uint8Array[];
  signatureAlgorithm: string;
  /** Signs the DER of the signed attributes (SET tag) and returns the signature value. */
  sign: (data: Uint8Array) => Uint8Array;
}

/** An ECDSA P-256 / SHA-256 signer: deterministic signatures (RFC 6979), DER-encoded as CMS wants them. */
export function ecdsaP256Signer(certificates: Uint8Array[], privateKey: Uint8Array): CmsSigner {
  return { certificates, signatureAlgorithm: OID.ecdsaWithSHA256, sign: (data) => ecdsaSign(privateKey, data, 'sha256') };
}

const algId = (o: string) => seq(oid(o));
const attribute = (type: string, value: Uint8Array) => seq(oid(type), set(value));

export function buildSignedData(eContentType: string, eContent: Uint8Array, signer: CmsSigner): Uint8Array {
  const cert = certInfo(signer.certificates[0]);
  const attrs = concat(attribute(OID.contentType, oid(eContentType)), attribute(OID.messageDigest, octetString(sha256(eContent))));
  const signature = signer.sign(tlv(0x31, attrs));
  const signerInfo = seq(
    integer(1),
    seq(cert.issuer, tlv(0x02, cert.serial)),
    algId(OID.sha256),
    tlvTag(2, true, 0, attrs),
    algId(signer.signatureAlgorithm),
    octetString(signature),
  );
  const signedData = seq(
    integer(3),
    set(algId(OID.sha256)),
    seq(oid(eContentType), explicit(0, octetString(eContent))),
    tlvTag(2, true, 0, concat(...signer.certificates)),
    set(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}

export interface SignedDataValue {
  eContentType: string;
  eContent: Uint8Array;
  certificates: Uint8Array[];
  signer: { issuer: Uint8Array; serial: Uint8Array; digestAlgorithm: string; signatureAlgorithm: string; signedAttrs: Uint8Array; signature: Uint8Array; messageDigest?: Uint8Array; contentType?: string };
}

const oidText = (o: string) => (OID_NAMES[o] ? `${o} (${OID_NAMES[o]})` : o);
const leaf = (_b: Uint8Array, n: DerNode, name: string, value: string, explain: string, ref: string): Field => ({
  name, start: n.start, end: n.end, explain, ref, value, children: [headerLeaf([n]), ...contentLeaf(n, 'value', value, explain)],
});
const oidField = (b: Uint8Array, n: DerNode, name: string, explain: string, ref: string) => leaf(b, n, name, oidText(readOid(b, n)), explain, ref);
const algField = (b: Uint8Array, n: DerNode, name: string, explain: string): { field: Field; oid: string } => {
  expectSequence(n, name);
  const o = readOid(b, n.children![0]);
  const kids = (n.children ?? []).map((c, i) => (i === 0 ? oidField(b, c, 'algorithm', 'the algorithm', 'RFC 5280 §4.1.1.2') : genericField(b, c, 'parameters')));
  return { oid: o, field: { name, start: n.start, end: n.end, value: oidText(o), explain, ref: 'RFC 5280 §4.1.1.2', children: [headerLeaf([n]), ...kids] } };
};

/**
 * Decodes a ContentInfo holding SignedData into a field tree covering every byte. `content`
 * decodes the eContent (fields relative to the eContent bytes).
 */
export function parseSignedData(b: Uint8Array, top: DerNode, content?: (eContentType: string, eContent: Uint8Array, start: number) => Field[]): { value: SignedDataValue; field: Field } {
  expectSequence(top, 'ContentInfo');
  const [ctN, wrap] = top.children ?? [];
  if (!ctN || !wrap || readOid(b, ctN) !== OID.signedData) throw new DecodeError('ContentInfo: not id-signedData', top.start);
  if (wrap.tagClass !== 2 || wrap.tagNumber !== 0 || wrap.children?.length !== 1) throw new DecodeError('ContentInfo: content must be [0] EXPLICIT', wrap.start);
  const sd = expectSequence(wrap.children[0], 'SignedData');
  const k = sd.children ?? [];
  if (k.length < 4) throw new DecodeError('SignedData: too few components', sd.start);
  const version = readInteger(b, k[0], 'SignedData version');
  const digestAlgs = k[1];
  const eci = expectSequence(k[2], 'EncapsulatedContentInfo');
  const eContentType = readOid(b, eci.children![0]);
  const eWrap = eci.children![1];
  if (!eWrap || eWrap.tagClass !== 2 || eWrap.tagNumber !== 0 || eWrap.children?.length !== 1) throw new DecodeError('EncapsulatedContentInfo: eContent missing', eci.start);
  const eOct = eWrap.children[0];
  const eContent = readOctets(b, eOct, 'eContent');
  let idx = 3;
  const certificates: Uint8Array[] = [];
  const fields: Field[] = [
    leaf(b, k[0], 'version', `${version}`, 'CMSVersion 3: the content is not id-data', R.cms),
    { name: 'digestAlgorithms', start: digestAlgs.start, end: digestAlgs.end, explain: 'the hash algorithms the signers use', ref: R.cms, children: [headerLeaf([digestAlgs]), ...(digestAlgs.children ?? []).map((c) => algField(b, c, 'digestAlgorithm', 'a digest algorithm').field)] },
  ];
  const eContentFields = content ? content(eContentType, eContent, eOct.headerEnd) : [];
  const eContentField: Field = { name: 'eContent', start: eWrap.start, end: eWrap.end, value: `${eContent.length} bytes`, explain: 'the signed content itself, DER in an OCTET STRING', ref: R.cms, children: [headerLeaf([eWrap, eOct]), ...(eContentFields.length ? eContentFields : contentLeaf(eOct, 'value', shortHex(eContent), 'the content bytes'))] };
  fields.push({ name: 'encapContentInfo', start: eci.start, end: eci.end, explain: 'what is signed: its type and the bytes', ref: R.cms, children: [headerLeaf([eci]), oidField(b, eci.children![0], 'eContentType', 'the type of the signed content', R.cms), eContentField] });
  if (k[idx] && k[idx].tagClass === 2 && k[idx].tagNumber === 0) {
    const c = k[idx++];
    const certFields = (c.children ?? []).map((x, i) => {
      const der = b.slice(x.start, x.end);
      certificates.push(der);
      let name = `certificate[${i}]`;
      try { certInfo(der); } catch { name += ' (not a certificate)'; }
      return { ...genericField(b, x, name), explain: i === 0 ? 'the signer\'s certificate' : 'a CA certificate of the signer\'s chain' };
    });
    fields.push({ name: 'certificates', start: c.start, end: c.end, explain: 'the certificates the receiver needs to check the signature', ref: R.cms, children: [headerLeaf([c]), ...certFields] });
  }
  const sis = k[idx];
  if (!sis || sis.tagNumber !== 17 || sis.children?.length !== 1) throw new DecodeError('SignedData: expected exactly one SignerInfo', sis?.start ?? sd.end);
  const si = expectSequence(sis.children[0], 'SignerInfo');
  const sk = si.children ?? [];
  if (sk.length !== 6) throw new DecodeError('SignerInfo: expected 6 components (signed attributes, no unsigned)', si.start);
  const sid = expectSequence(sk[1], 'IssuerAndSerialNumber');
  const digestAlg = algField(b, sk[2], 'digestAlgorithm', 'the hash of the content and of the signed attributes');
  const attrsN = sk[3];
  if (attrsN.tagClass !== 2 || attrsN.tagNumber !== 0) throw new DecodeError('SignerInfo: signedAttrs [0] missing', attrsN.start);
  const sigAlg = algField(b, sk[4], 'signatureAlgorithm', 'how the signed attributes were signed');
  const signature = readOctets(b, sk[5], 'signature');
  let messageDigest: Uint8Array | undefined;
  let contentType: string | undefined;
  const attrFields = (attrsN.children ?? []).map((a) => {
    expectSequence(a, 'Attribute');
    const t = readOid(b, a.children![0]);
    const vs = a.children![1];
    const v0 = vs?.children?.[0];
    let vField: Field = genericField(b, vs, 'attrValues');
    if (t === OID.messageDigest && v0) { messageDigest = readOctets(b, v0); vField = { name: 'attrValues', start: vs.start, end: vs.end, explain: 'SET OF one value', children: [headerLeaf([vs]), leaf(b, v0, 'messageDigest', hex(messageDigest), 'SHA-256 of the eContent bytes', R.signerInfo)] }; }
    if (t === OID.contentType && v0) { contentType = readOid(b, v0); vField = { name: 'attrValues', start: vs.start, end: vs.end, explain: 'SET OF one value', children: [headerLeaf([vs]), oidField(b, v0, 'contentType', 'must equal eContentType', R.signerInfo)] }; }
    return { name: OID_NAMES[t] ?? 'attribute', start: a.start, end: a.end, explain: 'a signed attribute', ref: R.signerInfo, children: [headerLeaf([a]), oidField(b, a.children![0], 'attrType', 'which attribute', R.signerInfo), vField] } as Field;
  });
  const signerFields: Field[] = [
    headerLeaf([sis, si]),
    leaf(b, sk[0], 'version', String(readInteger(b, sk[0])), 'version 1: the signer is named by issuer and serial number', R.signerInfo),
    { name: 'sid', start: sid.start, end: sid.end, explain: 'which certificate signed: its issuer and serial number', ref: R.signerInfo, children: [headerLeaf([sid]), genericField(b, sid.children![0], 'issuer'), genericField(b, sid.children![1], 'serialNumber')] },
    digestAlg.field,
    { name: 'signedAttrs', start: attrsN.start, end: attrsN.end, explain: 'the attributes the signature covers (signed as a SET, tag 0x31)', ref: R.signerInfo, children: [headerLeaf([attrsN]), ...attrFields] },
    sigAlg.field,
    leaf(b, sk[5], 'signature', shortHex(signature), 'the signature over the DER of signedAttrs', R.signerInfo),
  ];
  fields.push({ name: 'signerInfos', start: sis.start, end: sis.end, explain: 'one SignerInfo: who signed and the signature', ref: R.signerInfo, children: signerFields });
  const signedAttrs = concat(new Uint8Array([0x31]), b.subarray(attrsN.start + 1, attrsN.end));
  const value: SignedDataValue = {
    eContentType, eContent: eContent.slice(), certificates,
    signer: { issuer: b.slice(sid.children![0].start, sid.children![0].end), serial: b.slice(sid.children![1].headerEnd, sid.children![1].end), digestAlgorithm: digestAlg.oid, signatureAlgorithm: sigAlg.oid, signedAttrs, signature: signature.slice(), ...(messageDigest ? { messageDigest: messageDigest.slice() } : {}), ...(contentType ? { contentType } : {}) },
  };
  const sdField = elementField('SignedData', [wrap, sd], { value: null, children: fields }, 'CMS SignedData', R.cms);
  return { value, field: { name: 'ContentInfo', start: top.start, end: top.end, explain: `CMS ContentInfo: ${OID_NAMES[eContentType] ?? eContentType} signed with a certificate`, ref: R.contentInfo, children: [headerLeaf([top]), oidField(b, ctN, 'contentType', 'id-signedData', R.contentInfo), sdField] } };
}

export function parseContentInfo(b: Uint8Array): { value: SignedDataValue; field: Field } {
  return parseSignedData(b, readDer(b));
}

export type SignatureCheck = { ok: true; signer: CertInfo } | { ok: false; reason: string };

/** Checks the messageDigest and the signature with the signer certificate found in `certificates`. */
export function verifySignedData(v: SignedDataValue): SignatureCheck {
  const signer = v.certificates.map((c) => { try { return certInfo(c); } catch { return undefined; } })
    .find((c) => c && equal(c.issuer, v.signer.issuer) && equal(c.serial, v.signer.serial));
  if (!signer) return { ok: false, reason: 'the signer\'s certificate is not in the SignedData' };
  if (v.signer.digestAlgorithm !== OID.sha256) return { ok: false, reason: `digest algorithm ${v.signer.digestAlgorithm} not supported` };
  if (v.signer.contentType !== v.eContentType) return { ok: false, reason: 'the contentType attribute does not match eContentType' };
  if (!v.signer.messageDigest || !equal(v.signer.messageDigest, sha256(v.eContent))) return { ok: false, reason: 'messageDigest does not match the content' };
  if (v.signer.signatureAlgorithm !== OID.ecdsaWithSHA256 || signer.curve !== OID.prime256v1) return { ok: false, reason: `signature algorithm ${v.signer.signatureAlgorithm} not supported` };
  const ok = ecdsaVerify(signer.publicKey, v.signer.signature, v.signer.signedAttrs, 'sha256');
  return ok ? { ok: true, signer } : { ok: false, reason: 'the signature does not verify with the signer\'s public key' };
}
