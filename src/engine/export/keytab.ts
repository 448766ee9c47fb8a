// MIT keytab files (format version 0x0502), the file `klist -k`, `kinit -k` and Wireshark's
// "Kerberos keytab" preference read. Layout (MIT krb5 keytab.txt), all integers big-endian:
//   05 02, then per entry: int32 size; uint16 component count; realm (uint16 length + bytes);
//   each component (uint16 length + bytes); uint32 name type; uint32 timestamp; uint8 kvno;
//   uint16 enctype; key (uint16 length + bytes); uint32 kvno (the full value).
import { DecodeError, concat, fromUtf8, readU16be, readU32be, u16be, u32be, utf8 } from '../bytes.ts';

export const KEYTAB_VERSION = 0x0502;
/** KRB5_NT_PRINCIPAL: what ktutil writes by default. */
export const NT_PRINCIPAL = 1;

export interface KeytabEntry {
  /** Name components, e.g. ["host", "srv.corp.example"] or ["alice"]. */
  principal: string[];
  realm: string;
  kvno: number;
  etype: number;
  key: Uint8Array;
  /** When the key was written: a Date, or seconds since 1970. */
  timestamp: Date | number;
  /** Principal name type (default 1, KRB5_NT_PRINCIPAL). */
  nameType?: number;
}

function counted(s: Uint8Array): Uint8Array {
  if (s.length > 0xffff) throw new Error('keytab string longer than 65535 bytes');
  return concat(u16be(s.length), s);
}

function seconds(t: Date | number): number {
  const s = typeof t === 'number' ? t : Math.floor(t.getTime() / 1000);
  if (!Number.isFinite(s) || s < 0 || s > 0xffffffff) throw new Error(`keytab timestamp out of range: ${String(t)}`);
  return s >>> 0;
}

export function encodeKeytabEntry(e: KeytabEntry): Uint8Array {
  if (e.principal.length === 0) throw new Error('a keytab principal needs at least one name component');
  if (e.kvno < 0 || e.kvno > 0xffffffff) throw new Error(`kvno out of range: ${e.kvno}`);
  const body = concat(
    u16be(e.principal.length),
    counted(utf8(e.realm)),
    ...e.principal.map((c) => counted(utf8(c))),
    u32be(e.nameType ?? NT_PRINCIPAL),
    u32be(seconds(e.timestamp)),
    new Uint8Array([e.kvno & 0xff]),
    u16be(e.etype & 0xffff),
    counted(e.key),
    u32be(e.kvno >>> 0),
  );
  return concat(u32be(body.length), body);
}

/** The whole keytab file for `entries`, in order. */
export function writeKeytab(entries: readonly KeytabEntry[]): Uint8Array {
  return concat(u16be(KEYTAB_VERSION), ...entries.map(encodeKeytabEntry));
}

export interface ParsedKeytabEntry extends Required<Omit<KeytabEntry, 'timestamp'>> {
  timestamp: number;
  /** Offset of the entry's size field in the file. */
  offset: number;
}

/** Parse a 0x0502 keytab (holes, i.e. negative sizes, are skipped). */
export function readKeytab(b: Uint8Array): ParsedKeytabEntry[] {
  if (b.length < 2 || readU16be(b, 0) !== KEYTAB_VERSION) {
    throw new DecodeError(`not a version 0x0502 keytab (starts with ${b.length >= 2 ? readU16be(b, 0).toString(16) : 'nothing'})`, 0);
  }
  const out: ParsedKeytabEntry[] = [];
  let o = 2;
  while (o < b.length) {
    const offset = o;
    const size = readU32be(b, o) | 0;
    o += 4;
    if (size < 0) { o += -size; continue; }
    const end = o + size;
    if (end > b.length) throw new DecodeError(`keytab entry claims ${size} bytes but only ${b.length - o} remain`, offset);
    const str = (): Uint8Array => { const n = readU16be(b, o); o += 2; if (o + n > end) throw new DecodeError('keytab string runs past its entry', o - 2); const s = b.slice(o, o + n); o += n; return s; };
    const count = readU16be(b, o); o += 2;
    const realm = fromUtf8(str());
    const principal: string[] = [];
    for (let i = 0; i < count; i++) principal.push(fromUtf8(str()));
    const nameType = readU32be(b, o); o += 4;
    const timestamp = readU32be(b, o); o += 4;
    let kvno = b[o]; o += 1;
    const etype = readU16be(b, o); o += 2;
    const key = str();
    if (end - o >= 4) { const k32 = readU32be(b, o); if (k32 !== 0) kvno = k32; }
    out.push({ principal, realm, kvno, etype: etype > 0x7fff ? etype - 0x10000 : etype, key, timestamp, nameType, offset });
    o = end;
  }
  return out;
}
