// X.509 certificates (RFC 5280 §4.1) as field trees: the TBSCertificate's parts named, every byte
// covered (the DER elements inside explained generically), names and validity shown as text.
import { DecodeError } from '../../../bytes';
import { BytesMemo } from '../../../crypto/bytesMemo';
import type { Field } from '../../../encoding/fields';
import { shift } from '../../../encoding/fields';
import { genericField, readDer, readOid, readString, readTime, type DerNode, utcText } from '../../../encoding/der';

const OID_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

/** "CN=web01.contoso.local, O=Contoso" from a DER Name. */
export function nameText(der: Uint8Array, node?: DerNode): string {
  try {
    const n = node ?? readDer(der);
    const parts: string[] = [];
    for (const rdn of n.children ?? []) for (const atv of rdn.children ?? []) {
      const [t, v] = atv.children ?? [];
      if (!t || !v) continue;
      const oid = readOid(der, t);
      let val: string;
      try { val = readString(der, v); } catch { val = '?'; }
      parts.push(`${OID_NAMES[oid] ?? oid}=${val}`);
    }
    return parts.join(', ');
  } catch { return '(not a Name)'; }
}

const TBS_NAMES = ['version', 'serialNumber', 'signature', 'issuer', 'validity', 'subject', 'subjectPublicKeyInfo'];
const TBS_EXPLAIN: Record<string, string> = {
  version: 'X.509 version: v3 (2), so the certificate has extensions',
  serialNumber: 'Serial number the CA gave this certificate',
  signature: 'The algorithm the CA signed with (repeated outside the TBSCertificate)',
  issuer: 'The CA that issued (signed) this certificate',
  validity: 'notBefore and notAfter: outside them Schannel rejects the certificate (certificate_expired, SEC_E_CERT_EXPIRED)',
  subject: 'Whom the certificate names',
  subjectPublicKeyInfo: 'The subject\'s public key: it verifies the handshake signature (ECDHE) or receives the pre-master secret (RSA)',
  extensions: 'v3 extensions: basic constraints, key usage, extended key usage (serverAuth / clientAuth), subjectAltName, key identifiers',
};

// A certificate's field tree is a pure function of its bytes and offset (the trees are never changed once built):
// kept, so the handshake's parse and the trace's description of the same flight, and a warm re-run, build it once.
const described = new BytesMemo<{ fields: Field[]; subject: string; issuer: string }>(256);
/** Field tree of a DER certificate placed at `base` in the enclosing message. */
export function certificateFields(der: Uint8Array, base = 0): { fields: Field[]; subject: string; issuer: string } {
  return described.get(String(base), [der], () => describeCertificate(der, base));
}

function describeCertificate(der: Uint8Array, base: number): { fields: Field[]; subject: string; issuer: string } {
  const root = readDer(der);
  if (root.end !== der.length) throw new DecodeError('trailing bytes after the certificate', root.end + base);
  const [tbs, sigAlg, sigVal] = root.children ?? [];
  if (!tbs || !sigAlg || !sigVal || !tbs.children) throw new DecodeError('not an X.509 Certificate', base);
  let subject = '', issuer = '';
  const tbsKids: Field[] = [];
  let i = 0;
  for (const k of tbs.children) {
    let name: string;
    if (k.tagClass === 2 && k.tagNumber === 0) name = 'version';
    else if (k.tagClass === 2 && k.tagNumber === 3) name = 'extensions';
    else if (k.tagClass === 2) name = `[${k.tagNumber}]`;
    else { name = TBS_NAMES[i + 1] ?? 'element'; i++; }
    const f = genericField(der, k, name);
    f.explain = TBS_EXPLAIN[name] ?? f.explain;
    f.ref = 'RFC 5280 §4.1';
    if (name === 'issuer') { issuer = nameText(der, k); f.value = issuer; }
    if (name === 'subject') { subject = nameText(der, k); f.value = subject; }
    if (name === 'validity' && k.children?.length === 2) {
      try { f.value = `${utcText(readX509Time(der, k.children[0]).getTime())} to ${utcText(readX509Time(der, k.children[1]).getTime())}`; } catch { /* keep */ }
    }
    tbsKids.push(f);
  }
  const head = (n: DerNode): Field => ({ name: 'tag/length', start: n.start, end: n.headerEnd, explain: 'DER tag and length bytes of this element', ref: 'ITU-T X.690 §8.1' });
  const tbsField: Field = { name: 'tbsCertificate', start: tbs.start, end: tbs.end, explain: 'The part the CA signs', children: [head(tbs), ...tbsKids], ref: 'RFC 5280 §4.1.1.1' };
  const sa = genericField(der, sigAlg, 'signatureAlgorithm'); sa.explain = 'The CA\'s signature algorithm';
  const sv = genericField(der, sigVal, 'signatureValue'); sv.explain = 'The CA\'s signature over tbsCertificate (ECDSA: DER SEQUENCE {r, s} in a BIT STRING)';
  const cert: Field = { name: 'Certificate', start: 0, end: der.length, explain: `X.509 certificate: ${subject}, issued by ${issuer}`, value: subject, children: [head(root), tbsField, sa, sv], ref: 'RFC 5280 §4.1' };
  return { fields: shift([cert], base), subject, issuer };
}

/** X.509 Time (RFC 5280 §4.1.2.5): UTCTime "YYMMDDHHMMSSZ" (years 1950-2049) or GeneralizedTime. */
export function readX509Time(b: Uint8Array, n: DerNode): Date {
  let s = '';
  for (let i = n.headerEnd; i < n.end; i++) s += String.fromCharCode(b[i]);
  if (n.tagNumber === 23) {
    const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (!m) throw new DecodeError(`not a UTCTime: ${s}`, n.start);
    const yy = +m[1];
    return new Date(Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  }
  return readTime(b, n);
}
