// The VERIFY checksum (MS-NEGOEX 3.1.5.7, draft-zhu-negoex §7.7): an RFC 3961 checksum, keyed with
// the chosen scheme's session key, of every NEGOEX message sent or received so far in the
// conversation (the transcript, in order), the VERIFY itself excluded. Key usage 23 when the
// initiator signs, 25 when the acceptor does; the checksum type is the key's mandatory one.
import { checksum, checksumTypeFor, verifyChecksum } from '../../../crypto/kerberos';
import { CHECKSUM_SCHEME_RFC3961, KEY_USAGE } from './constants';
import type { Checksum } from './types';

export type Signer = 'initiator' | 'acceptor';
export const checksumUsage = (who: Signer): number => (who === 'initiator' ? KEY_USAGE.INITIATOR_CHECKSUM : KEY_USAGE.ACCEPTOR_CHECKSUM);

export function transcriptChecksum(etype: number, key: Uint8Array, who: Signer, transcript: Uint8Array): Checksum {
  const checksumType = checksumTypeFor(etype);
  return { scheme: CHECKSUM_SCHEME_RFC3961, checksumType, value: checksum(checksumType, key, checksumUsage(who), transcript) };
}

export function verifyTranscript(c: Checksum, key: Uint8Array, who: Signer, transcript: Uint8Array): boolean {
  if (c.scheme !== CHECKSUM_SCHEME_RFC3961) return false;
  try {
    return verifyChecksum(c.checksumType, key, checksumUsage(who), transcript, c.value);
  } catch {
    return false;
  }
}
