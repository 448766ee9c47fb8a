// What a Windows release offers in its ClientHello and accepts as a server (the "profile"): the
// protocol defaults (tls/protocols.ts, light) and the cipher-suite order.
// Cipher-suite order: Microsoft, "TLS Cipher Suites in Windows 10 v1607" and "... in Windows Server 2022".
import { Version } from '../messages/constants';
import { CIPHER_SUITES, suiteAllowed, type CipherSuite } from '../messages/cipherSuites';
import type { Profile } from './protocols';

export { PROTOCOLS, WIRE, DEFAULT_ENABLED, type Profile, type ProtocolName } from './protocols';

/** Rank of a stream version for "best" (higher is better). */
export function rank(v: number): number {
  switch (v) {
    case Version.SSL2: return 1; case Version.SSL3: return 2; case Version.TLS10: return 3; case Version.TLS11: return 4;
    case Version.TLS12: return 5; case Version.TLS13: return 6; case Version.DTLS10: return 4; case Version.DTLS12: return 5;
    default: return 0;
  }
}

const ORDER_2016 = [0xc02c, 0xc02b, 0xc030, 0xc02f, 0x009f, 0x009e, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a, 0xc009, 0xc014, 0xc013, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f, 0x000a];
const ORDER_2025 = [0x1302, 0x1301, 0xc02c, 0xc02b, 0xc030, 0xc02f, 0x009f, 0x009e, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a, 0xc009, 0xc014, 0xc013, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f];

/** TLS 1.3's suites, in the order Windows lists them (Microsoft, "TLS Cipher Suites in Windows Server 2022"). */
const TLS13_SUITES = [0x1302, 0x1301];

/** The cipher suites a node offers, in its order, limited to those some enabled version can use. A 2016
 *  node with TLS 1.3 turned on (it has no TLS 1.3 of its own) lists TLS 1.3's suites first, as the later
 *  Windows releases that have it do: otherwise it would offer TLS 1.3 with no suite to run it. */
export function offeredSuites(profile: Profile, versions: number[]): number[] {
  const order = profile === '2016' ? (versions.includes(Version.TLS13) ? [...TLS13_SUITES, ...ORDER_2016] : ORDER_2016) : ORDER_2025;
  return order.filter((id) => {
    const s = CIPHER_SUITES.find((c) => c.id === id)!;
    return versions.some((v) => suiteAllowed(s, v));
  });
}

export const suitesFor = (ids: number[]): CipherSuite[] => ids.map((id) => CIPHER_SUITES.find((c) => c.id === id)!).filter(Boolean);

/** signature_algorithms as a Windows client lists them. */
export const SIGNATURE_SCHEMES = [0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0202, 0x0601, 0x0603];
export const GROUPS = [29, 23, 24];
