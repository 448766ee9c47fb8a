// The small PAC buffers (MS-PAC 2.6-2.14): PAC_CLIENT_INFO, UPN_DNS_INFO, PAC_SIGNATURE_DATA,
// PAC_ATTRIBUTES_INFO and PAC_REQUESTOR. All little-endian.
import { DecodeError, concat, fromUtf16le, hex, readU16le, readU32le, readU64le, u16le, u32le, u64le, utf16le } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { filetimeText } from './ndr';
import { decodeSid, encodeSid } from './sid';

type Decoded<T> = { value: T; fields: Field[]; display: string };
const leaf = (name: string, start: number, end: number, explain: string, value: string, ref: string): Field => ({ name, start, end, explain, value, ref });
function pad(fields: Field[], b: Uint8Array, from: number, to: number, ref: string): void {
  if (to > from) fields.push(leaf('padding', from, to, 'zero bytes for alignment', hex(b.subarray(from, to)), ref));
}

// ---------- PAC_CLIENT_INFO (type 10) ----------

export interface ClientInfo { clientId: bigint; name: string }

export function encodeClientInfo(v: ClientInfo): Uint8Array {
  const name = utf16le(v.name);
  return concat(u64le(v.clientId), u16le(name.length), name);
}

export function decodeClientInfo(b: Uint8Array, start: number, end: number): Decoded<ClientInfo> {
  const view = b.subarray(0, end);
  const ref = 'MS-PAC 2.7';
  const clientId = readU64le(view, start);
  const len = readU16le(view, start + 8);
  if (start + 10 + len > end || len % 2) throw new DecodeError('PAC_CLIENT_INFO: bad NameLength', start + 8);
  const name = fromUtf16le(view.subarray(start + 10, start + 10 + len));
  const fields = [
    leaf('ClientId', start, start + 8, 'the ticket\'s authtime, as a FILETIME: ties the PAC to this ticket', filetimeText(clientId), ref),
    leaf('NameLength', start + 8, start + 10, 'length of the name in bytes', String(len), ref),
  ];
  if (len) fields.push(leaf('Name', start + 10, start + 10 + len, 'the client\'s name, UTF-16LE (must match the ticket\'s cname)', JSON.stringify(name), ref));
  pad(fields, b, start + 10 + len, end, ref);
  return { value: { clientId, name }, fields, display: name };
}

// ---------- UPN_DNS_INFO (type 12) ----------

export const UPN_FLAGS = { UPN_CONSTRUCTED: 0x1, EXTENDED: 0x2 } as const;
export interface UpnDnsInfo { upn: string; dnsDomainName: string; flags: number; samName?: string; sid?: string }

const align8 = (n: number) => (n + 7) & ~7;

export function encodeUpnDnsInfo(v: UpnDnsInfo): Uint8Array {
  const ext = (v.flags & UPN_FLAGS.EXTENDED) !== 0;
  const parts: { data: Uint8Array; off: number }[] = [];
  let o = ext ? 20 : 12;
  const place = (data: Uint8Array) => { o = align8(o); parts.push({ data, off: o }); o += data.length; };
  place(utf16le(v.upn));
  place(utf16le(v.dnsDomainName));
  if (ext) { place(utf16le(v.samName ?? '')); place(v.sid ? encodeSid(v.sid) : new Uint8Array(0)); }
  // Windows pads the buffer itself to a multiple of 8 (seen in real PACs: cbBufferSize includes it).
  const out = new Uint8Array(align8(o));
  const hdr = [u16le(parts[0].data.length), u16le(parts[0].off), u16le(parts[1].data.length), u16le(parts[1].off), u32le(v.flags)];
  if (ext) hdr.push(u16le(parts[2].data.length), u16le(parts[2].off), u16le(parts[3].data.length), u16le(parts[3].off));
  out.set(concat(...hdr));
  for (const p of parts) out.set(p.data, p.off);
  return out;
}

export function decodeUpnDnsInfo(b: Uint8Array, start: number, end: number): Decoded<UpnDnsInfo> {
  const view = b.subarray(0, end);
  const ref = 'MS-PAC 2.10';
  const u16 = (o: number) => readU16le(view, start + o);
  const flags = readU32le(view, start + 8);
  const ext = (flags & UPN_FLAGS.EXTENDED) !== 0;
  const fields: Field[] = [
    leaf('UpnLength', start, start + 2, 'length of the UPN in bytes', String(u16(0)), ref),
    leaf('UpnOffset', start + 2, start + 4, 'where the UPN starts, from the start of this buffer', String(u16(2)), ref),
    leaf('DnsDomainNameLength', start + 4, start + 6, 'length of the DNS domain name in bytes', String(u16(4)), ref),
    leaf('DnsDomainNameOffset', start + 6, start + 8, 'where the DNS domain name starts', String(u16(6)), ref),
    leaf('Flags', start + 8, start + 12, '1 (U): the UPN was made up from the account name; 2 (S): SamName and SID follow',
      `0x${flags.toString(16)}${flags & 1 ? ' U (UPN constructed)' : ''}${flags & 2 ? ' S (extended)' : ''}`, ref),
  ];
  const strings: { name: string; len: number; off: number; explain: string; sid?: boolean }[] = [
    { name: 'Upn', len: u16(0), off: u16(2), explain: 'the user principal name, UTF-16LE' },
    { name: 'DnsDomainName', len: u16(4), off: u16(6), explain: 'the DNS name of the user\'s domain, UTF-16LE' },
  ];
  let hdrEnd = start + 12;
  if (ext) {
    fields.push(
      leaf('SamNameLength', start + 12, start + 14, 'length of the account name in bytes', String(u16(12)), ref),
      leaf('SamNameOffset', start + 14, start + 16, 'where the account name starts', String(u16(14)), ref),
      leaf('SidLength', start + 16, start + 18, 'length of the user\'s SID in bytes', String(u16(16)), ref),
      leaf('SidOffset', start + 18, start + 20, 'where the SID starts', String(u16(18)), ref),
    );
    strings.push({ name: 'SamName', len: u16(12), off: u16(14), explain: 'the account name (sAMAccountName), UTF-16LE' }, { name: 'Sid', len: u16(16), off: u16(18), explain: 'the user\'s SID, binary', sid: true });
    hdrEnd = start + 20;
  }
  const values: string[] = [];
  const placed = strings.map((s, i) => ({ ...s, i })).filter((s) => s.len > 0).sort((x, y) => x.off - y.off);
  let cursor = hdrEnd;
  const vals: string[] = strings.map(() => '');
  for (const s of placed) {
    const a = start + s.off;
    if (a < cursor || a + s.len > end) throw new DecodeError(`UPN_DNS_INFO: ${s.name} outside the buffer or overlapping`, start);
    pad(fields, b, cursor, a, ref);
    let text: string;
    if (s.sid) {
      const d = decodeSid(view.subarray(0, a + s.len), a);
      if (d.length !== s.len) throw new DecodeError('UPN_DNS_INFO: SID length mismatch', a);
      text = d.sid;
    } else text = fromUtf16le(view.subarray(a, a + s.len));
    fields.push(leaf(s.name, a, a + s.len, s.explain, s.sid ? text : JSON.stringify(text), ref));
    vals[s.i] = text;
    cursor = a + s.len;
  }
  pad(fields, b, cursor, end, ref);
  values.push(...vals);
  const value: UpnDnsInfo = { upn: values[0], dnsDomainName: values[1], flags };
  if (ext) { value.samName = values[2]; if (values[3]) value.sid = values[3]; }
  return { value, fields, display: `${value.upn} (${value.dnsDomainName})` };
}

// ---------- PAC_SIGNATURE_DATA (types 6, 7, 16, 19) ----------

export const PAC_SIGNATURE_TYPES: Record<number, { name: string; length: number }> = {
  [-138]: { name: 'KERB_CHECKSUM_HMAC_MD5', length: 16 },
  15: { name: 'HMAC_SHA1_96_AES128', length: 12 },
  16: { name: 'HMAC_SHA1_96_AES256', length: 12 },
  19: { name: 'HMAC_SHA256_128_AES128', length: 16 },
  20: { name: 'HMAC_SHA384_192_AES256', length: 24 },
};
export function signatureLength(signatureType: number): number {
  const t = PAC_SIGNATURE_TYPES[signatureType | 0];
  if (!t) throw new RangeError(`unknown PAC signature type ${signatureType}`);
  return t.length;
}

export interface SignatureData { signatureType: number; signature: Uint8Array; rodcIdentifier?: number }

export function encodeSignatureData(v: SignatureData): Uint8Array {
  return concat(u32le(v.signatureType >>> 0), v.signature, v.rodcIdentifier !== undefined ? u16le(v.rodcIdentifier) : new Uint8Array(0));
}

export function decodeSignatureData(b: Uint8Array, start: number, end: number, what: string): Decoded<SignatureData> {
  const ref = 'MS-PAC 2.8';
  const signatureType = readU32le(b.subarray(0, end), start) | 0;
  const known = PAC_SIGNATURE_TYPES[signatureType];
  const len = known ? known.length : end - start - 4;
  if (start + 4 + len > end) throw new DecodeError(`${what}: signature cut short`, start + 4);
  const signature = b.subarray(start + 4, start + 4 + len);
  const fields = [
    leaf('SignatureType', start, start + 4, 'the checksum algorithm', `${signatureType}${known ? ` (${known.name})` : ''}`, ref),
    leaf('Signature', start + 4, start + 4 + len, signature.every((x) => x === 0) ? 'the checksum (all zero: not computed yet)' : 'the checksum value', hex(signature), ref),
  ];
  const value: SignatureData = { signatureType, signature };
  let o = start + 4 + len;
  if (end - o >= 2) {
    value.rodcIdentifier = readU16le(b.subarray(0, end), o);
    fields.push(leaf('RODCIdentifier', o, o + 2, 'which read-only DC signed it (its krbtgt key number)', String(value.rodcIdentifier), ref));
    o += 2;
  }
  pad(fields, b, o, end, ref);
  return { value, fields, display: `${known?.name ?? signatureType} ${hex(signature).slice(0, 16)}…` };
}

// ---------- PAC_ATTRIBUTES_INFO (17) and PAC_REQUESTOR (18) ----------

export const PAC_ATTRIBUTE_FLAGS = { PAC_WAS_REQUESTED: 0x1, PAC_WAS_GIVEN_IMPLICITLY: 0x2 } as const;
export interface AttributesInfo { flagsLength: number; flags: number[] }

export function encodeAttributesInfo(v: AttributesInfo): Uint8Array {
  return concat(u32le(v.flagsLength), ...v.flags.map((f) => u32le(f)));
}
export function decodeAttributesInfo(b: Uint8Array, start: number, end: number): Decoded<AttributesInfo> {
  const ref = 'MS-PAC 2.14';
  const view = b.subarray(0, end);
  const flagsLength = readU32le(view, start);
  const words = Math.ceil(flagsLength / 32);
  if (start + 4 + 4 * words > end) throw new DecodeError('PAC_ATTRIBUTES_INFO: cut short', start);
  const flags: number[] = [];
  const fields = [leaf('FlagsLength', start, start + 4, 'number of flag bits that follow', String(flagsLength), ref)];
  for (let i = 0; i < words; i++) {
    const f = readU32le(view, start + 4 + 4 * i);
    flags.push(f);
    const names = [f & 1 ? 'PAC_WAS_REQUESTED' : '', f & 2 ? 'PAC_WAS_GIVEN_IMPLICITLY' : ''].filter(Boolean);
    fields.push(leaf(`Flags[${i}]`, start + 4 + 4 * i, start + 8 + 4 * i, '1: the client asked for the PAC; 2: it got one without asking', `0x${f.toString(16)}${names.length ? ` (${names.join(', ')})` : ''}`, ref));
  }
  pad(fields, b, start + 4 + 4 * words, end, ref);
  return { value: { flagsLength, flags }, fields, display: fields.slice(1).map((f) => f.value).join(', ') };
}

export function encodeRequestor(sid: string): Uint8Array { return encodeSid(sid); }
export function decodeRequestor(b: Uint8Array, start: number, end: number): Decoded<{ sid: string }> {
  const d = decodeSid(b.subarray(0, end), start);
  const fields = [leaf('UserSid', start, start + d.length, 'the SID of the account that asked for the TGT (it must match the ticket\'s client)', d.sid, 'MS-PAC 2.15')];
  pad(fields, b, start + d.length, end, 'MS-PAC 2.15');
  return { value: { sid: d.sid }, fields, display: d.sid };
}
