// GUIDs as NEGOEX puts them on the wire (MS-DTYP 2.3.4.2): Data1 (4 bytes), Data2 and Data3 (2 bytes
// each) little-endian, Data4 (8 bytes) as written. "0d53335c-f9ea-4d0d-b2ec-4ae3786ec308" is
// 5c33530d eaf9 0d4d b2ec4ae3786ec308.
import { DecodeError, fromHex, hex } from '../../../bytes';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const GUIDS = new Map<string, Uint8Array>();

/** A GUID's 16 bytes in the wire's mixed-endian order (a fresh copy; parsed once per text). */
export function guidBytes(g: string): Uint8Array {
  let b = GUIDS.get(g);
  if (!b) { b = parseGuid(g); if (GUIDS.size < 256) GUIDS.set(g, b); }
  return b.slice();
}

function parseGuid(g: string): Uint8Array {
  const s = g.toLowerCase();
  if (!GUID_RE.test(s)) throw new RangeError(`not a GUID: ${g}`);
  const h = s.replace(/-/g, '');
  const b = fromHex(h);
  return new Uint8Array([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], ...b.subarray(8)]);
}

export function guidText(b: Uint8Array, at = 0): string {
  if (at < 0 || at + 16 > b.length) throw new DecodeError('GUID runs past the end', at);
  const x = b.subarray(at, at + 16);
  const h = hex(new Uint8Array([x[3], x[2], x[1], x[0], x[5], x[4], x[7], x[6], ...x.subarray(8)]));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
