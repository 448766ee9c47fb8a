// The certificates the PKU2U peers use, derived from the seed with Schannel's deterministic PKI
// primitives (P-256 keys hashed from seed and role, RFC 6979 signatures) and cached per seed:
// - `peer`: a CA the two machines both trust (the scenario's CA) issued the user's certificate (the
//   initiator's online identity, UPN in subjectAltName) and the acceptor machine's certificate;
// - `federated`: the identity provider's P2P CA (as Entra ID's "MS-Organization-P2P-Access [year]")
//   issues the user a short-lived certificate after the device signs in, and the acceptor device one;
// plus two initiator certificates that go wrong: one from a look-alike CA (same name as the trusted
// CA, another key: the metadata phase compares names and keeps PKU2U, the AS exchange's signature
// check fails), and one from a CA the acceptor does not trust at all (PKU2U is dropped in the metadata).
import { GeneralName, KeyUsageFlags, OtherName, id_kp_clientAuth, id_kp_serverAuth } from '@peculiar/asn1-x509';
import { utf8String } from '../../encoding/der';
import { OID, ecKeyFor, issue, type EcKeyPair } from '../schannel/pki/build';

export interface Pku2uPkiSpec {
  seed: number;
  kind: 'peer' | 'federated';
  /** The CA's common name ("Litware Peer CA", "MS-Organization-P2P-Access [2016]"). */
  caName: string;
  /** The initiator's online identity (alice@outlook.com). */
  userUpn: string;
  /** The acceptor's host name (PEER2). */
  acceptorHost: string;
  notBefore: Date;
  notAfter: Date;
}

export interface PeerCert {
  /** The chain as the peer sends it (end entity first, no root). */
  chain: Uint8Array[];
  privateKey: Uint8Array;
  /** Words for the screen: who it names and who issued it. */
  subject: string;
  issuer: string;
}

export interface Pku2uPki {
  spec: Pku2uPkiSpec;
  /** The CA both peers trust (self-signed root). */
  root: Uint8Array;
  initiator: PeerCert;
  acceptor: PeerCert;
  /** Issued by a CA with the trusted CA's very name but another key. */
  lookAlike: PeerCert;
  /** Issued by a CA the acceptor does not know. */
  unknownCa: PeerCert;
  unknownRoot: Uint8Array;
}

type Dn = [string, string][];
const cache = new Map<string, Pku2uPki>();

/** The PKU2U certificates of a scenario, built once per spec and cached (same seed → same bytes). */
export function pku2uPki(spec: Pku2uPkiSpec): Pku2uPki {
  const id = JSON.stringify(spec);
  const hit = cache.get(id);
  if (hit) return hit;
  const { seed } = spec;
  const year = 365 * 86400e3;
  const caFrom = new Date(spec.notBefore.getTime() - year);
  const caTo = new Date(spec.notAfter.getTime() + 5 * year);
  const caUsage = KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature;
  const role = (r: string) => `pku2u/${spec.kind}/${r}`;
  const ca = (r: string, name: Dn, key: EcKeyPair) => issue(seed, { role: role(r), subject: name, key, issuer: null, ca: true, usage: caUsage, notBefore: caFrom, notAfter: caTo });

  const caName: Dn = [[OID.cn, spec.caName]];
  const caKey = ecKeyFor(seed, role('ca'));
  const root = ca('ca', caName, caKey);
  const lookAlikeKey = ecKeyFor(seed, role('look-alike-ca'));
  const unknownName: Dn = [[OID.o, 'Fabrikam'], [OID.cn, 'Fabrikam Peer CA']];
  const unknownKey = ecKeyFor(seed, role('unknown-ca'));
  const unknownRoot = ca('unknown-ca', unknownName, unknownKey);

  const userKey = ecKeyFor(seed, role('user'));
  const userCert = (r: string, issuerName: Dn, issuerKey: EcKeyPair) => issue(seed, {
    role: role(r), subject: [[OID.cn, spec.userUpn]], key: userKey, issuer: { name: issuerName, key: issuerKey }, ca: false,
    usage: KeyUsageFlags.digitalSignature, eku: [id_kp_clientAuth],
    san: [new GeneralName({ otherName: new OtherName({ typeId: OID.upn, value: utf8String(spec.userUpn).slice().buffer }) })],
    notBefore: spec.notBefore, notAfter: spec.notAfter,
  });
  const acceptorKey = ecKeyFor(seed, role('acceptor'));
  const acceptorDer = issue(seed, {
    role: role('acceptor'), subject: [[OID.cn, spec.acceptorHost]], key: acceptorKey, issuer: { name: caName, key: caKey }, ca: false,
    usage: KeyUsageFlags.digitalSignature, eku: [id_kp_serverAuth, id_kp_clientAuth], san: [new GeneralName({ dNSName: spec.acceptorHost.toLowerCase() })],
    notBefore: spec.notBefore, notAfter: spec.notAfter,
  });
  const pki: Pku2uPki = {
    spec, root, unknownRoot,
    initiator: { chain: [userCert('user', caName, caKey)], privateKey: userKey.priv, subject: spec.userUpn, issuer: spec.caName },
    acceptor: { chain: [acceptorDer], privateKey: acceptorKey.priv, subject: spec.acceptorHost, issuer: spec.caName },
    lookAlike: { chain: [userCert('user-look-alike', caName, lookAlikeKey)], privateKey: userKey.priv, subject: spec.userUpn, issuer: `${spec.caName} (a look-alike: same name, another key)` },
    unknownCa: { chain: [userCert('user-unknown-ca', unknownName, unknownKey)], privateKey: userKey.priv, subject: spec.userUpn, issuer: 'Fabrikam Peer CA' },
  };
  cache.set(id, pki);
  return pki;
}
