// The cipher suites Schannel offers, with what each one means for the record layer and the key
// exchange. Windows orders them by profile (Microsoft, "TLS Cipher Suites in Windows 10 v1607"
// and "... in Windows Server 2022"): ECDHE with AES-GCM first, RSA key transport last.
import type { PrfKind } from '../crypto/prf';

export type KeyExchange = 'ECDHE_ECDSA' | 'ECDHE_RSA' | 'DHE_RSA' | 'RSA' | 'TLS13';
export type BulkCipher = 'AES_128_GCM' | 'AES_256_GCM' | 'AES_128_CBC' | 'AES_256_CBC' | '3DES_EDE_CBC' | 'CHACHA20_POLY1305';

export interface CipherSuite {
  id: number;
  name: string;
  kx: KeyExchange;
  cipher: BulkCipher;
  /** MAC hash for CBC suites (null for AEAD). */
  mac: 'sha1' | 'sha256' | 'sha384' | null;
  /** TLS 1.2 PRF hash / TLS 1.3 HKDF hash. */
  prfHash: 'sha256' | 'sha384';
  keyLength: number;
  /** Fixed IV length from the key block (GCM salt 4, CBC block size, TLS 1.3 12). */
  ivLength: number;
  /** Explicit per-record nonce/IV length (GCM 8; CBC 16/8 from TLS 1.1; TLS 1.3 0). */
  recordIvLength: number;
  blockSize: number;
  strength: number;
}

function s(id: number, name: string, kx: KeyExchange, cipher: BulkCipher, mac: CipherSuite['mac'], prfHash: 'sha256' | 'sha384'): CipherSuite {
  const gcm = cipher.endsWith('GCM');
  const keyLength = cipher.startsWith('AES_256') || cipher === 'CHACHA20_POLY1305' ? 32 : cipher === '3DES_EDE_CBC' ? 24 : 16;
  const blockSize = cipher === '3DES_EDE_CBC' ? 8 : 16;
  return {
    id, name, kx, cipher, mac, prfHash, keyLength,
    ivLength: kx === 'TLS13' ? 12 : gcm ? 4 : blockSize,
    recordIvLength: kx === 'TLS13' ? 0 : gcm ? 8 : blockSize,
    blockSize,
    strength: cipher === '3DES_EDE_CBC' ? 112 : keyLength * 8,
  };
}

export const CIPHER_SUITES: CipherSuite[] = [
  s(0x1302, 'TLS_AES_256_GCM_SHA384', 'TLS13', 'AES_256_GCM', null, 'sha384'),
  s(0x1301, 'TLS_AES_128_GCM_SHA256', 'TLS13', 'AES_128_GCM', null, 'sha256'),
  s(0x1303, 'TLS_CHACHA20_POLY1305_SHA256', 'TLS13', 'CHACHA20_POLY1305', null, 'sha256'),
  s(0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE_ECDSA', 'AES_256_GCM', null, 'sha384'),
  s(0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE_ECDSA', 'AES_128_GCM', null, 'sha256'),
  s(0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'ECDHE_RSA', 'AES_256_GCM', null, 'sha384'),
  s(0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE_RSA', 'AES_128_GCM', null, 'sha256'),
  s(0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'DHE_RSA', 'AES_256_GCM', null, 'sha384'),
  s(0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'DHE_RSA', 'AES_128_GCM', null, 'sha256'),
  s(0xc024, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'ECDHE_ECDSA', 'AES_256_CBC', 'sha384', 'sha384'),
  s(0xc023, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'ECDHE_ECDSA', 'AES_128_CBC', 'sha256', 'sha256'),
  s(0xc028, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'ECDHE_RSA', 'AES_256_CBC', 'sha384', 'sha384'),
  s(0xc027, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'ECDHE_RSA', 'AES_128_CBC', 'sha256', 'sha256'),
  s(0xc00a, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'ECDHE_ECDSA', 'AES_256_CBC', 'sha1', 'sha256'),
  s(0xc009, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE_ECDSA', 'AES_128_CBC', 'sha1', 'sha256'),
  s(0xc014, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'ECDHE_RSA', 'AES_256_CBC', 'sha1', 'sha256'),
  s(0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE_RSA', 'AES_128_CBC', 'sha1', 'sha256'),
  s(0x009d, 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'RSA', 'AES_256_GCM', null, 'sha384'),
  s(0x009c, 'TLS_RSA_WITH_AES_128_GCM_SHA256', 'RSA', 'AES_128_GCM', null, 'sha256'),
  s(0x003d, 'TLS_RSA_WITH_AES_256_CBC_SHA256', 'RSA', 'AES_256_CBC', 'sha256', 'sha256'),
  s(0x003c, 'TLS_RSA_WITH_AES_128_CBC_SHA256', 'RSA', 'AES_128_CBC', 'sha256', 'sha256'),
  s(0x0035, 'TLS_RSA_WITH_AES_256_CBC_SHA', 'RSA', 'AES_256_CBC', 'sha1', 'sha256'),
  s(0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA', 'RSA', 'AES_128_CBC', 'sha1', 'sha256'),
  s(0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'RSA', '3DES_EDE_CBC', 'sha1', 'sha256'),
];

const BY_ID = new Map(CIPHER_SUITES.map((c) => [c.id, c]));
export const suiteById = (id: number): CipherSuite | undefined => BY_ID.get(id);

const EXTRA_NAMES: Record<number, string> = {
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV', 0x5600: 'TLS_FALLBACK_SCSV', 0x0039: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA',
  0x0033: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  0xccaa: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0xc0ad: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM', 0xc0ac: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
  0xc09d: 'TLS_RSA_WITH_AES_256_CCM', 0xc09c: 'TLS_RSA_WITH_AES_128_CCM', 0xc09f: 'TLS_DHE_RSA_WITH_AES_256_CCM', 0xc09e: 'TLS_DHE_RSA_WITH_AES_128_CCM',
  0x006b: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 0x0067: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 0x1304: 'TLS_AES_128_CCM_SHA256',
  0x0005: 'TLS_RSA_WITH_RC4_128_SHA', 0x0004: 'TLS_RSA_WITH_RC4_128_MD5',
};
export function suiteName(id: number): string {
  return BY_ID.get(id)?.name ?? EXTRA_NAMES[id] ?? `0x${id.toString(16).padStart(4, '0')}`;
}

/** The PRF a version and suite use. */
export function prfKindOf(version: number, suite: CipherSuite): PrfKind {
  return version === 0x0303 || version === 0xfefd ? suite.prfHash : 'tls10';
}

/** Suites a version may negotiate. */
export function suiteAllowed(suite: CipherSuite, version: number): boolean {
  if (version === 0x0304) return suite.kx === 'TLS13';
  if (suite.kx === 'TLS13') return false;
  const tls12Only = suite.cipher.endsWith('GCM') || suite.mac === 'sha256' || suite.mac === 'sha384';
  if (version === 0x0303 || version === 0xfefd) return true;
  if (tls12Only) return false;
  // SSL 3.0: only the suites Schannel allows there (3DES with RSA key exchange; no ECC extensions in SSL 3.0).
  if (version === 0x0300) return suite.kx === 'RSA' && suite.cipher === '3DES_EDE_CBC';
  return true;
}
