// The scenario's PKI, derived from the seed: an enterprise root CA, an issuing CA, the web
// server's certificate (serverAuth EKU, subjectAltName dNSName), a user's client certificate
// (clientAuth EKU, UPN in subjectAltName otherName, as AD CS issues them), an untrusted root with a
// server certificate of its own, and an RSA server certificate for SSL 3.0's RSA key exchange.
// Keys are P-256 scalars hashed from (seed, role); ECDSA signatures are deterministic (RFC 6979), so
// the same seed gives the same certificates byte for byte. Built with the @peculiar/asn1-x509 schemas.
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, AuthorityKeyIdentifier, BasicConstraints, Certificate, ExtendedKeyUsage,
  Extension, Extensions, GeneralName, KeyIdentifier, KeyUsage, KeyUsageFlags, Name, OtherName, RelativeDistinguishedName,
  SubjectAlternativeName, SubjectKeyIdentifier, SubjectPublicKeyInfo, TBSCertificate, Validity, Version,
  id_ce_authorityKeyIdentifier, id_ce_basicConstraints, id_ce_extKeyUsage, id_ce_keyUsage, id_ce_subjectAltName, id_ce_subjectKeyIdentifier,
  id_kp_clientAuth, id_kp_serverAuth,
} from '@peculiar/asn1-x509';
import { p256 } from '@noble/curves/nist.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, u32be, utf8 } from '../../../bytes';
import { integer, oid, seq, utf8String } from '../../../encoding/der';
import { rsaTestKey, fromBig, byteLength, type RsaPrivateKey } from './rsa';

export const OID = {
  ecPublicKey: '1.2.840.10045.2.1', prime256v1: '1.2.840.10045.3.1.7', ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  rsaEncryption: '1.2.840.113549.1.1.1', upn: '1.3.6.1.4.1.311.20.2.3',
  cn: '2.5.4.3', o: '2.5.4.10', dc: '0.9.2342.19200300.100.1.25',
} as const;

export interface PkiSpec {
  seed: number;
  /** DNS domain, e.g. contoso.local. */
  domain: string;
  /** Organisation shown in the CA names, e.g. Contoso. */
  org: string;
  /** The web server's DNS name (subjectAltName). */
  serverHost: string;
  /** The client user's UPN, e.g. alice@contoso.local. */
  clientUpn: string;
  /** Issuance and expiry of the end-entity certificates (the CAs are valid longer). */
  notBefore: Date;
  notAfter: Date;
}

export interface EcKeyPair { kind: 'ec'; priv: Uint8Array; pub: Uint8Array }
export interface RsaKeyPair { kind: 'rsa'; key: RsaPrivateKey }
export type KeyPair = EcKeyPair | RsaKeyPair;

export interface IssuedCert {
  der: Uint8Array;
  subject: string;
  key: KeyPair;
  /** The chain as a server sends it: this certificate, then the issuing CA (not the root). */
  chain: Uint8Array[];
}

export interface Pki {
  spec: PkiSpec;
  root: IssuedCert;
  issuing: IssuedCert;
  server: IssuedCert;
  serverRsa: IssuedCert;
  client: IssuedCert;
  untrustedRoot: IssuedCert;
  untrustedServer: IssuedCert;
  /** The server certificate with notAfter in the past (for the expired-certificate failure). */
  expiredServer: IssuedCert;
}

/** A P-256 private scalar from (seed, role): SHA-256 expanded to 48 bytes, reduced into [1, n-1]. */
export function ecKeyFor(seed: number, role: string): EcKeyPair {
  const pre = concat(u32be(seed >>> 0), utf8(`/sspi-lab/pki/${role}`));
  const wide = concat(sha256(concat(pre, new Uint8Array([1]))), sha256(concat(pre, new Uint8Array([2]))).subarray(0, 16));
  let v = 0n; for (const x of wide) v = (v << 8n) | BigInt(x);
  const n = p256.Point.CURVE().n;
  const d = (v % (n - 1n)) + 1n;
  const priv = fromBig(d, 32);
  return { kind: 'ec', priv, pub: p256.getPublicKey(priv, false) };
}

export function dn(parts: [string, string][]): Name {
  return new Name(parts.map(([type, v]) => new RelativeDistinguishedName([
    new AttributeTypeAndValue({ type, value: type === OID.dc ? new AttributeValue({ ia5String: v }) : new AttributeValue({ utf8String: v }) }),
  ])));
}

function spki(k: KeyPair): SubjectPublicKeyInfo {
  if (k.kind === 'ec') {
    return new SubjectPublicKeyInfo({
      algorithm: new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: oid(OID.prime256v1).slice().buffer }),
      subjectPublicKey: k.pub.slice().buffer,
    });
  }
  const rsaPub = seq(integer(k.key.n), integer(k.key.e));
  return new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }),
    subjectPublicKey: rsaPub.slice().buffer,
  });
}

function pubBytes(k: KeyPair): Uint8Array {
  return k.kind === 'ec' ? k.pub : concat(fromBig(k.key.n, byteLength(k.key.n)));
}
const keyId = (k: KeyPair): Uint8Array => sha1(pubBytes(k));

function serialFor(seed: number, role: string): Uint8Array {
  const h = sha256(concat(u32be(seed >>> 0), utf8(`/sspi-lab/serial/${role}`))).slice(0, 16);
  h[0] &= 0x7f; if (h[0] === 0) h[0] = 0x11;
  return h;
}

function ext(id: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export interface CertRequest {
  role: string;
  subject: [string, string][];
  key: KeyPair;
  issuer: { name: [string, string][]; key: EcKeyPair } | null;
  ca: boolean;
  pathLen?: number;
  usage: number;
  eku?: string[];
  san?: GeneralName[];
  notBefore: Date;
  notAfter: Date;
}

export function issue(seed: number, r: CertRequest): Uint8Array {
  const signer = r.issuer?.key ?? (r.key as EcKeyPair);
  const exts: Extension[] = [];
  if (r.ca) exts.push(ext(id_ce_basicConstraints, true, new BasicConstraints({ cA: true, pathLenConstraint: r.pathLen })));
  else exts.push(ext(id_ce_basicConstraints, false, new BasicConstraints({})));
  exts.push(ext(id_ce_keyUsage, true, new KeyUsage(r.usage)));
  if (r.eku) exts.push(ext(id_ce_extKeyUsage, false, new ExtendedKeyUsage(r.eku)));
  if (r.san) exts.push(ext(id_ce_subjectAltName, false, new SubjectAlternativeName(r.san)));
  exts.push(ext(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(r.key).slice().buffer)));
  if (r.issuer) exts.push(ext(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId(r.issuer.key).slice().buffer) })));
  const sigAlg = new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSHA256 });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialFor(seed, r.role).slice().buffer,
    signature: sigAlg,
    issuer: dn(r.issuer?.name ?? r.subject),
    validity: new Validity({ notBefore: r.notBefore, notAfter: r.notAfter }),
    subject: dn(r.subject),
    subjectPublicKeyInfo: spki(r.key),
    extensions: new Extensions(exts),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const sig = p256.sign(tbsDer, signer.priv, { format: 'der' });
  const cert = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: sigAlg, signatureValue: sig.slice().buffer });
  return new Uint8Array(AsnConvert.serialize(cert));
}

const cache = new Map<string, Pki>();

/** The PKI of a scenario, built once per spec (seed, names, dates) and cached. */
export function pkiFor(spec: PkiSpec): Pki {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const { seed } = spec;
  const year = 365 * 86400e3;
  const caFrom = new Date(spec.notBefore.getTime() - year);
  const caTo = new Date(spec.notAfter.getTime() + 5 * year);
  const dcParts = spec.domain.split('.').reverse().map((p): [string, string] => [OID.dc, p]);
  const rootName: [string, string][] = [...dcParts, [OID.cn, `${spec.org} Root CA`]];
  const issuingName: [string, string][] = [...dcParts, [OID.cn, `${spec.org} Issuing CA`]];
  const rootKey = ecKeyFor(seed, 'root-ca');
  const issuingKey = ecKeyFor(seed, 'issuing-ca');
  const caUsage = KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature;
  const rootDer = issue(seed, { role: 'root-ca', subject: rootName, key: rootKey, issuer: null, ca: true, usage: caUsage, notBefore: caFrom, notAfter: caTo });
  const issuingDer = issue(seed, { role: 'issuing-ca', subject: issuingName, key: issuingKey, issuer: { name: rootName, key: rootKey }, ca: true, pathLen: 0, usage: caUsage, notBefore: caFrom, notAfter: caTo });
  const byIssuing = { name: issuingName, key: issuingKey };

  const serverKey = ecKeyFor(seed, 'server');
  const serverReq = (role: string, key: KeyPair, usage: number, from: Date, to: Date, issuer = byIssuing, host = spec.serverHost): CertRequest => ({
    role, subject: [[OID.cn, host]], key, issuer, ca: false, usage, eku: [id_kp_serverAuth],
    san: [new GeneralName({ dNSName: host })], notBefore: from, notAfter: to,
  });
  const serverDer = issue(seed, serverReq('server', serverKey, KeyUsageFlags.digitalSignature, spec.notBefore, spec.notAfter));
  const rsaKey: RsaKeyPair = { kind: 'rsa', key: rsaTestKey() };
  const serverRsaDer = issue(seed, serverReq('server-rsa', rsaKey, KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment, spec.notBefore, spec.notAfter));
  const expiredFrom = new Date(spec.notBefore.getTime() - 2 * year);
  const expiredDer = issue(seed, serverReq('server-expired', serverKey, KeyUsageFlags.digitalSignature, expiredFrom, new Date(spec.notBefore.getTime() - year)));

  const clientKey = ecKeyFor(seed, 'client');
  const [user] = spec.clientUpn.split('@');
  const upnValue = utf8String(spec.clientUpn);
  const clientDer = issue(seed, {
    role: 'client', subject: [...dcParts, [OID.cn, user]], key: clientKey, issuer: byIssuing, ca: false, usage: KeyUsageFlags.digitalSignature,
    eku: [id_kp_clientAuth], san: [new GeneralName({ otherName: new OtherName({ typeId: OID.upn, value: upnValue.slice().buffer }) })],
    notBefore: spec.notBefore, notAfter: spec.notAfter,
  });

  const fabName: [string, string][] = [[OID.o, 'Fabrikam'], [OID.cn, 'Fabrikam Root CA']];
  const fabKey = ecKeyFor(seed, 'untrusted-root-ca');
  const fabDer = issue(seed, { role: 'untrusted-root-ca', subject: fabName, key: fabKey, issuer: null, ca: true, usage: caUsage, notBefore: caFrom, notAfter: caTo });
  const untrustedDer = issue(seed, serverReq('untrusted-server', serverKey, KeyUsageFlags.digitalSignature, spec.notBefore, spec.notAfter, { name: fabName, key: fabKey }));

  const text = (n: [string, string][]) => n.map(([, v]) => v).reverse().join(', ');
  const pki: Pki = {
    spec,
    root: { der: rootDer, subject: text(rootName), key: rootKey, chain: [rootDer] },
    issuing: { der: issuingDer, subject: text(issuingName), key: issuingKey, chain: [issuingDer] },
    server: { der: serverDer, subject: spec.serverHost, key: serverKey, chain: [serverDer, issuingDer] },
    serverRsa: { der: serverRsaDer, subject: spec.serverHost, key: rsaKey, chain: [serverRsaDer, issuingDer] },
    expiredServer: { der: expiredDer, subject: spec.serverHost, key: serverKey, chain: [expiredDer, issuingDer] },
    client: { der: clientDer, subject: user, key: clientKey, chain: [clientDer, issuingDer] },
    untrustedRoot: { der: fabDer, subject: 'Fabrikam Root CA', key: fabKey, chain: [fabDer] },
    untrustedServer: { der: untrustedDer, subject: spec.serverHost, key: serverKey, chain: [untrustedDer] },
  };
  cache.set(key, pki);
  return pki;
}

const extra = new Map<string, IssuedCert>();

/** Another machine's TLS server certificate from the same enterprise issuing CA (its own key, from the seed and
 *  `keyRole`): e.g. the certificate a machine in the middle got by enrolling as a domain computer. Cached. */
export function serverCertFrom(pki: Pki, host: string, keyRole: string): IssuedCert {
  const key = `${JSON.stringify(pki.spec)}|${host}|${keyRole}`;
  const hit = extra.get(key);
  if (hit) return hit;
  const { seed } = pki.spec;
  const dcParts = pki.spec.domain.split('.').reverse().map((p): [string, string] => [OID.dc, p]);
  const issuingName: [string, string][] = [...dcParts, [OID.cn, `${pki.spec.org} Issuing CA`]];
  const k = ecKeyFor(seed, keyRole);
  const der = issue(seed, {
    role: keyRole, subject: [[OID.cn, host]], key: k, issuer: { name: issuingName, key: pki.issuing.key as EcKeyPair }, ca: false,
    usage: KeyUsageFlags.digitalSignature, eku: [id_kp_serverAuth], san: [new GeneralName({ dNSName: host })], notBefore: pki.spec.notBefore, notAfter: pki.spec.notAfter,
  });
  const cert: IssuedCert = { der, subject: host, key: k, chain: [der, pki.issuing.der] };
  extra.set(key, cert);
  return cert;
}
