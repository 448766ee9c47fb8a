// Certificate chain validation as Schannel's client (and a server asking for a client certificate)
// does it by default: each signature checked with its issuer's key, the chain ends at a root in the
// node's trusted store, every certificate inside its validity, the right EKU, and for a server the
// name the client asked for in subjectAltName. Failures carry the TLS alert and the SSPI status.
import { certSignedBy } from '../../../crypto/publicKeyMemo';
import { equal } from '../../../bytes';
import { readDer, readOid, readBitString, readString, readBigInteger, type DerNode } from '../../../encoding/der';
import { nameText, readX509Time } from './describe';
import type { RsaPublicKey } from './rsa';

export interface ParsedCert {
  der: Uint8Array;
  tbs: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  subjectText: string;
  issuerText: string;
  notBefore: Date;
  notAfter: Date;
  keyAlg: string;
  /** EC: the uncompressed point; RSA: the RSAPublicKey DER. */
  publicKey: Uint8Array;
  signature: Uint8Array;
  ca: boolean;
  eku: string[];
  dnsNames: string[];
  upn: string | null;
}

const slice = (b: Uint8Array, n: DerNode) => b.slice(n.start, n.end);

export function parseCert(der: Uint8Array): ParsedCert {
  const root = readDer(der);
  const [tbs, , sigVal] = root.children!;
  const k = tbs.children!;
  const off = k[0].tagClass === 2 && k[0].tagNumber === 0 ? 1 : 0;
  const issuer = k[off + 2], validity = k[off + 3], subject = k[off + 4], spki = k[off + 5];
  const exts = k.find((x) => x.tagClass === 2 && x.tagNumber === 3);
  const keyAlg = readOid(der, spki.children![0].children![0]);
  const pub = readBitString(der, spki.children![1]).bytes;
  const out: ParsedCert = {
    der, tbs: slice(der, tbs), issuer: slice(der, issuer), subject: slice(der, subject),
    subjectText: nameText(der, subject), issuerText: nameText(der, issuer),
    notBefore: readX509Time(der, validity.children![0]), notAfter: readX509Time(der, validity.children![1]),
    keyAlg, publicKey: pub, signature: readBitString(der, sigVal).bytes, ca: false, eku: [], dnsNames: [], upn: null,
  };
  for (const e of exts?.children?.[0]?.children ?? []) {
    const id = readOid(der, e.children![0]);
    const valueNode = e.children![e.children!.length - 1];
    const inner = readDer(der, valueNode.headerEnd, valueNode.end);
    if (id === '2.5.29.19') out.ca = (inner.children ?? []).some((c) => c.tagNumber === 1 && der[c.headerEnd] !== 0);
    if (id === '2.5.29.37') out.eku = (inner.children ?? []).map((c) => readOid(der, c));
    if (id === '2.5.29.17') for (const g of inner.children ?? []) {
      if (g.tagClass === 2 && g.tagNumber === 2) out.dnsNames.push(new TextDecoder().decode(der.subarray(g.headerEnd, g.end)));
      if (g.tagClass === 2 && g.tagNumber === 0 && g.children?.length === 2 && readOid(der, g.children[0]) === '1.3.6.1.4.1.311.20.2.3') {
        const v = g.children[1].children?.[0];
        if (v) out.upn = readString(der, v);
      }
    }
  }
  return out;
}

export function rsaPublicKeyOf(c: ParsedCert): RsaPublicKey {
  const n = readDer(c.publicKey);
  return { n: readBigInteger(c.publicKey, n.children![0]), e: readBigInteger(c.publicKey, n.children![1]) };
}

/** ECDSA-with-SHA256 signature of `child` by `issuer`'s P-256 key. */
export function signedBy(child: ParsedCert, issuer: ParsedCert): boolean {
  if (issuer.keyAlg !== '1.2.840.10045.2.1') return false;
  return certSignedBy(issuer.publicKey, child.signature, child.tbs);
}

export type ChainResult =
  | { ok: true; leaf: ParsedCert; chain: ParsedCert[]; root: ParsedCert }
  | { ok: false; alert: number; alertName: string; status: 'SEC_E_UNTRUSTED_ROOT' | 'SEC_E_CERT_EXPIRED' | 'SEC_E_WRONG_PRINCIPAL' | 'SEC_E_CERT_UNKNOWN'; reason: string; leaf: ParsedCert | null };

export function validateChain(chainDer: Uint8Array[], trusted: Uint8Array[], now: Date, purpose: 'serverAuth' | 'clientAuth', host?: string): ChainResult {
  if (chainDer.length === 0) return { ok: false, alert: 40, alertName: 'handshake_failure', status: 'SEC_E_CERT_UNKNOWN', reason: 'no certificate was sent', leaf: null };
  let chain: ParsedCert[];
  try { chain = chainDer.map(parseCert); } catch { return { ok: false, alert: 42, alertName: 'bad_certificate', status: 'SEC_E_CERT_UNKNOWN', reason: 'a certificate could not be decoded', leaf: null }; }
  const leaf = chain[0];
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!equal(chain[i].issuer, chain[i + 1].subject) || !signedBy(chain[i], chain[i + 1])) {
      return { ok: false, alert: 42, alertName: 'bad_certificate', status: 'SEC_E_CERT_UNKNOWN', reason: `${chain[i].subjectText} is not signed by ${chain[i + 1].subjectText}`, leaf };
    }
  }
  const top = chain[chain.length - 1];
  const roots = trusted.map(parseCert);
  const root = roots.find((r) => equal(r.subject, top.issuer) && (equal(r.der, top.der) || signedBy(top, r)));
  if (!root) {
    return { ok: false, alert: 48, alertName: 'unknown_ca', status: 'SEC_E_UNTRUSTED_ROOT', reason: `the chain ends at "${top.issuerText}", which is not in the Trusted Root Certification Authorities store`, leaf };
  }
  for (const c of [...chain, root]) {
    if (now < c.notBefore || now > c.notAfter) {
      return { ok: false, alert: 45, alertName: 'certificate_expired', status: 'SEC_E_CERT_EXPIRED', reason: `${c.subjectText} is valid from ${c.notBefore.toISOString()} to ${c.notAfter.toISOString()}, and the clock says ${now.toISOString()}`, leaf };
    }
  }
  const ekuOid = purpose === 'serverAuth' ? '1.3.6.1.5.5.7.3.1' : '1.3.6.1.5.5.7.3.2';
  if (leaf.eku.length && !leaf.eku.includes(ekuOid)) {
    return { ok: false, alert: 43, alertName: 'unsupported_certificate', status: 'SEC_E_CERT_UNKNOWN', reason: `the certificate is not for ${purpose}`, leaf };
  }
  if (host && !leaf.dnsNames.some((d) => d.toLowerCase() === host.toLowerCase() || (d.startsWith('*.') && host.toLowerCase().endsWith(d.slice(1).toLowerCase())))) {
    return { ok: false, alert: 42, alertName: 'bad_certificate', status: 'SEC_E_WRONG_PRINCIPAL', reason: `the certificate names ${leaf.dnsNames.join(', ') || leaf.subjectText}, not ${host}`, leaf };
  }
  return { ok: true, leaf, chain, root };
}
