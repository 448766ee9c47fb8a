// Security identifiers (MS-DTYP 2.4.2): text form "S-1-5-21-x-y-z-rid" and the binary form
// (revision, sub-authority count, 48-bit big-endian authority, little-endian 32-bit sub-authorities).
import { DecodeError, readU32le, u32le } from '../../../bytes';

export interface Sid { revision: number; authority: number; subAuthorities: number[] }

export function parseSid(text: string): Sid {
  const m = /^S-(\d+)-(\d+)((?:-\d+)*)$/i.exec(text.trim());
  if (!m) throw new RangeError(`not a SID: ${text}`);
  const subs = m[3] ? m[3].slice(1).split('-').map(Number) : [];
  if (subs.length > 15 || subs.some((s) => !Number.isInteger(s) || s < 0 || s > 0xffffffff)) throw new RangeError(`bad SID sub-authority in ${text}`);
  return { revision: Number(m[1]), authority: Number(m[2]), subAuthorities: subs };
}

export function formatSid(s: Sid): string {
  return `S-${s.revision}-${s.authority}${s.subAuthorities.map((x) => `-${x}`).join('')}`;
}

/** The binary SID (without NDR's conformance count). */
export function encodeSid(text: string): Uint8Array {
  const s = parseSid(text);
  const out = new Uint8Array(8 + 4 * s.subAuthorities.length);
  out[0] = s.revision;
  out[1] = s.subAuthorities.length;
  let a = s.authority;
  for (let i = 7; i >= 2; i--) { out[i] = a % 256; a = Math.floor(a / 256); }
  s.subAuthorities.forEach((v, i) => out.set(u32le(v), 8 + 4 * i));
  return out;
}

/** Read a binary SID at `o`; returns the SID text and its length in bytes. */
export function decodeSid(b: Uint8Array, o: number): { sid: string; length: number } {
  if (o + 8 > b.length) throw new DecodeError('SID cut short', o);
  const count = b[o + 1];
  if (count > 15) throw new DecodeError(`SID with ${count} sub-authorities`, o + 1);
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + b[o + i];
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(readU32le(b, o + 8 + 4 * i));
  return { sid: formatSid({ revision: b[o], authority, subAuthorities: subs }), length: 8 + 4 * count };
}

/** Well-known SIDs a PAC often carries. */
export const WELL_KNOWN_SIDS: Record<string, string> = {
  'S-1-18-1': 'Authentication authority asserted identity',
  'S-1-18-2': 'Service asserted identity',
  'S-1-5-9': 'Enterprise Domain Controllers',
  'S-1-5-11': 'Authenticated Users',
  'S-1-1-0': 'Everyone',
};
export const WELL_KNOWN_RIDS: Record<number, string> = {
  500: 'Administrator', 501: 'Guest', 502: 'krbtgt', 512: 'Domain Admins', 513: 'Domain Users', 514: 'Domain Guests', 515: 'Domain Computers',
  516: 'Domain Controllers', 517: 'Cert Publishers', 518: 'Schema Admins', 519: 'Enterprise Admins', 520: 'Group Policy Creator Owners',
  521: 'Read-only Domain Controllers', 525: 'Protected Users', 572: 'Denied RODC Password Replication Group',
};
