// The machine's certificate stores as Schannel reads them: "My" (the machine's own certificate and
// private key: the server's SSL certificate, or the user's client certificate) and the Trusted Root
// Certification Authorities. The application flow fills them from the scenario's PKI before the SSPI
// calls; the package reads them from the node's LSA state (PackageEnv.logonSession.data).
import type { PackageEnv } from '../../sspi/package';
import type { IssuedCert } from './pki/build';

export interface CertStores {
  /** The certificate the node authenticates with (null: none). */
  my: IssuedCert | null;
  /** RSA certificate for RSA key exchange (SSL 3.0 servers). */
  myRsa: IssuedCert | null;
  /** DER of the trusted roots. */
  root: Uint8Array[];
}

const KEY = 'schannel.certificateStores';
export function setStores(env: PackageEnv, s: CertStores): void { env.logonSession.data[KEY] = s; }
export function storesOf(env: PackageEnv): CertStores {
  return (env.logonSession.data[KEY] as CertStores | undefined) ?? { my: null, myRsa: null, root: [] };
}
