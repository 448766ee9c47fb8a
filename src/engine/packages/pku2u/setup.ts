// What a PKU2U peer holds before any token moves: the certificate it authenticates with (the user's
// online-identity certificate on the initiator, the machine's on the acceptor), the CAs it trusts, and
// on the acceptor the policy "Network security: Allow PKU2U authentication requests to this computer
// to use online identities". The provider's run-start hook writes it into each node's LSA state;
// the package reads it from there (PackageEnv.logonSession.data), as Schannel reads its stores.
import type { PackageEnv } from '../../sspi/package';
import { pku2uPki, type PeerCert, type Pku2uPki, type Pku2uPkiSpec } from './pki';

export type CertificateChoice = 'trusted' | 'look-alike-ca' | 'unknown-ca';

export interface Pku2uSetup {
  spec: Pku2uPkiSpec;
  role: 'initiator' | 'acceptor';
  /** The initiator's certificate: the one the trusted CA issued, or one that goes wrong. */
  certificate: CertificateChoice;
  /** Federated: the initiator gets its certificate from the identity provider after the device signs in. */
  fromIdp: boolean;
  /** Acceptor: may online identities authenticate to this computer over PKU2U (the policy's effective value)? */
  allowOnlineIds: boolean;
  /** Why (the policy's setting, or its default for this kind of machine), in words. */
  policyWhy: string;
}

const SETUP = 'pku2u.setup';
const CERT = 'pku2u.certificate';

export const setPku2uSetup = (env: PackageEnv, s: Pku2uSetup): void => { env.logonSession.data[SETUP] = s; };
export const pku2uSetupOf = (env: PackageEnv): Pku2uSetup | undefined => env.logonSession.data[SETUP] as Pku2uSetup | undefined;
const PKIS = new WeakMap<Pku2uSetup['spec'], Pku2uPki>();
/** The setup's PKI (looked up by the spec object first: the cache's text key is costly to make at every call). */
export const pkiOf = (s: Pku2uSetup): Pku2uPki => {
  let p = PKIS.get(s.spec);
  if (!p) { p = pku2uPki(s.spec); PKIS.set(s.spec, p); }
  return p;
};

/** The certificate this peer authenticates with (null: the initiator has not got it from the identity provider yet). */
export function myCertificate(env: PackageEnv): PeerCert | null {
  const s = pku2uSetupOf(env);
  if (!s) return null;
  const held = env.logonSession.data[CERT] as PeerCert | undefined;
  if (held) return held;
  if (s.role === 'acceptor') return pkiOf(s).acceptor;
  if (s.fromIdp) return null;
  return certificateFor(s);
}

export function certificateFor(s: Pku2uSetup): PeerCert {
  const pki = pkiOf(s);
  return s.certificate === 'look-alike-ca' ? pki.lookAlike : s.certificate === 'unknown-ca' ? pki.unknownCa : pki.initiator;
}

export const holdCertificate = (env: PackageEnv, c: PeerCert): void => { env.logonSession.data[CERT] = c; };

/** The roots this peer trusts: the scenario's CA (the identity provider's P2P CA when federated). */
export function trustedRoots(env: PackageEnv): Uint8Array[] {
  const s = pku2uSetupOf(env);
  return s ? [pkiOf(s).root] : [];
}

export { ONLINE_DOMAINS, isOnlineIdentity } from './identity';
