// Splitting a TCP byte stream on port 389 into PDUs: an LDAPMessage starts with 0x30 (a SEQUENCE);
// anything else is a SASL buffer (its 4-byte length starts with 0x00 for any buffer under 16 MB).
import { DecodeError, readU32be } from '../../../bytes';
import { readNode } from '../../../encoding/der';

export type PduKind = 'ldap' | 'sasl';

/** The kind and end offset of the PDU that starts at `o`, or null when the stream ends inside it. */
export function nextPdu(s: Uint8Array, o: number): { kind: PduKind; end: number } | null {
  if (o >= s.length) return null;
  if (s[o] === 0x30) {
    try {
      const n = readNode(s, o, s.length);
      return { kind: 'ldap', end: n.end };
    } catch (e) {
      if (e instanceof DecodeError && /remain|runs past|ended|missing/.test(e.message)) return null;
      throw e;
    }
  }
  if (o + 4 > s.length) return null;
  const end = o + 4 + readU32be(s, o);
  return end <= s.length ? { kind: 'sasl', end } : null;
}
