// The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words.
// IPv4 covers its header; TCP and UDP cover a pseudo-header (addresses, protocol, length) plus the segment.
import { concat, u16be } from '../../bytes';

/** Ones' complement sum of big-endian 16-bit words (odd length padded with a zero byte), folded, not inverted. */
export function onesSum(data: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < data.length; i += 2) sum += (data[i] << 8) | data[i + 1];
  if (data.length % 2) sum += data[data.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum of `data` (with its checksum field zeroed). */
export function internetChecksum(data: Uint8Array): number {
  return ~onesSum(data) & 0xffff;
}

/** TCP/UDP checksum: pseudo-header (source, destination, zero, protocol, length) + segment. */
export function transportChecksum(src: Uint8Array, dst: Uint8Array, protocol: number, segment: Uint8Array): number {
  const pseudo = concat(src, dst, new Uint8Array([0, protocol]), u16be(segment.length));
  const c = ~onesSum(segment, onesSum(pseudo)) & 0xffff;
  // UDP sends 0xFFFF for a computed zero (0 means "no checksum"); for TCP the two forms are equivalent.
  return protocol === 17 && c === 0 ? 0xffff : c;
}
