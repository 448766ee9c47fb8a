// RFC 4121 §4.1.1: the checksum (type 0x8003) a GSS-API initiator puts in the AP-REQ authenticator.
// It is not a cryptographic checksum: it carries the channel-binding hash and the GSS context flags
// (and, with delegation, a KRB-CRED). Little-endian except the extension headers (big-endian).
import { md5 } from '@noble/hashes/legacy.js';
import { DecodeError, concat, hex, readU16le, readU32be, readU32le, u16le, u32be, u32le } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { GSS_CHECKSUM_TYPE } from './constants';

export const GSS_FLAGS = {
  DELEG: 0x1, MUTUAL: 0x2, REPLAY: 0x4, SEQUENCE: 0x8, CONF: 0x10, INTEG: 0x20, ANON: 0x40,
  DCE_STYLE: 0x1000, IDENTIFY: 0x2000, EXTENDED_ERROR: 0x4000,
} as const;
export const GSS_FLAG_NAMES: Record<number, string> = {
  0x1: 'GSS_C_DELEG_FLAG', 0x2: 'GSS_C_MUTUAL_FLAG', 0x4: 'GSS_C_REPLAY_FLAG', 0x8: 'GSS_C_SEQUENCE_FLAG', 0x10: 'GSS_C_CONF_FLAG',
  0x20: 'GSS_C_INTEG_FLAG', 0x40: 'GSS_C_ANON_FLAG', 0x1000: 'GSS_C_DCE_STYLE', 0x2000: 'GSS_C_IDENTIFY_FLAG', 0x4000: 'GSS_C_EXTENDED_ERROR_FLAG',
};
export function gssFlagNames(v: number): string[] {
  const out: string[] = [];
  for (let m = 1; m !== 0 && m <= 0x80000000; m = (m << 1) >>> 0) if ((v & m) >>> 0) out.push(GSS_FLAG_NAMES[m] ?? `0x${m.toString(16)}`);
  return out;
}

export interface GssChecksumExt { type: number; data: Uint8Array }
export interface GssChecksum {
  /** The channel-binding hash: MD5 of gss_channel_bindings_struct, or 16 zero bytes. */
  bnd: Uint8Array;
  flags: number;
  /** Present when GSS_C_DELEG_FLAG is set: DlgOpt (1) and the KRB-CRED bytes. */
  delegation?: { dlgOpt: number; deleg: Uint8Array };
  exts?: GssChecksumExt[];
}

/**
 * The Bnd field: MD5 over gss_channel_bindings_struct with no addresses and the given application
 * data (e.g. "tls-server-end-point:" + certificate hash), or 16 zero bytes without channel bindings.
 */
export function channelBindingHash(applicationData?: Uint8Array): Uint8Array {
  if (!applicationData) return new Uint8Array(16);
  const struct = concat(u32le(0), u32le(0), u32le(0), u32le(0), u32le(applicationData.length), applicationData);
  return md5(struct);
}

export function buildGssChecksum(v: GssChecksum): Uint8Array {
  if (v.bnd.length !== 16) throw new RangeError('Bnd must be 16 bytes');
  const parts: Uint8Array[] = [u32le(16), v.bnd, u32le(v.flags >>> 0)];
  if (v.flags & GSS_FLAGS.DELEG) {
    if (!v.delegation) throw new RangeError('GSS_C_DELEG_FLAG needs delegation data');
    parts.push(u16le(v.delegation.dlgOpt), u16le(v.delegation.deleg.length), v.delegation.deleg);
  }
  for (const e of v.exts ?? []) parts.push(u32be(e.type), u32be(e.data.length), e.data);
  return concat(...parts);
}

const REF = 'RFC 4121 §4.1.1';

/** Decode the checksum bytes [start, end) of `b`; field offsets are into `b`. */
export function parseGssChecksumFields(b: Uint8Array, start: number, end: number): { value: GssChecksum; fields: Field[]; display: string } {
  const view = b.subarray(0, end);
  const lgth = readU32le(view, start);
  if (lgth !== 16) throw new DecodeError(`GSS checksum Lgth must be 16, found ${lgth}`, start);
  const bnd = view.slice(start + 4, start + 20);
  if (bnd.length !== 16) throw new DecodeError('GSS checksum: Bnd cut short', start + 4);
  const flags = readU32le(view, start + 20);
  const names = gssFlagNames(flags);
  const zero = bnd.every((x) => x === 0);
  const fields: Field[] = [
    { name: 'Lgth', start, end: start + 4, value: '16', explain: 'length of the Bnd field (always 16), little-endian', ref: REF },
    { name: 'Bnd', start: start + 4, end: start + 20, value: zero ? '00… (no channel bindings)' : hex(bnd), explain: zero ? 'no channel bindings: sixteen zero bytes' : 'MD5 of the channel bindings (ties the ticket to the TLS channel)', ref: REF },
    { name: 'Flags', start: start + 20, end: start + 24, value: `0x${flags.toString(16).padStart(8, '0')} (${names.join(', ') || 'none'})`, explain: 'the GSS context flags the client asks for (mutual authentication, sequencing, confidentiality...)', ref: REF },
  ];
  let o = start + 24;
  const value: GssChecksum = { bnd, flags };
  if (flags & GSS_FLAGS.DELEG) {
    const dlgOpt = readU16le(view, o);
    const dlgth = readU16le(view, o + 2);
    if (o + 4 + dlgth > end) throw new DecodeError('GSS checksum: Deleg runs past the end', o + 2);
    fields.push(
      { name: 'DlgOpt', start: o, end: o + 2, value: String(dlgOpt), explain: 'delegation option (1: a KRB-CRED follows)', ref: REF },
      { name: 'Dlgth', start: o + 2, end: o + 4, value: String(dlgth), explain: 'length of the delegated credentials', ref: REF },
    );
    if (dlgth) fields.push({ name: 'Deleg', start: o + 4, end: o + 4 + dlgth, value: `KRB-CRED, ${dlgth} bytes`, explain: 'the delegated TGT, as a KRB-CRED message', ref: REF, layer: 'Kerberos KRB-CRED' });
    value.delegation = { dlgOpt, deleg: view.slice(o + 4, o + 4 + dlgth) };
    o += 4 + dlgth;
  }
  const exts: GssChecksumExt[] = [];
  while (o < end) {
    const type = readU32be(view, o);
    const len = readU32be(view, o + 4);
    if (o + 8 + len > end) throw new DecodeError('GSS checksum extension runs past the end', o + 4);
    const ch: Field[] = [
      { name: 'type', start: o, end: o + 4, value: String(type), explain: 'extension type, big-endian', ref: 'RFC 4121 §4.1.1.2' },
      { name: 'length', start: o + 4, end: o + 8, value: String(len), explain: 'extension length, big-endian', ref: 'RFC 4121 §4.1.1.2' },
    ];
    if (len) ch.push({ name: 'data', start: o + 8, end: o + 8 + len, value: hex(view.subarray(o + 8, o + 8 + len)), explain: 'extension data' });
    fields.push({ name: `Exts[${exts.length}]`, start: o, end: o + 8 + len, explain: 'an extension after the standard fields', children: ch, ref: 'RFC 4121 §4.1.1.2' });
    exts.push({ type, data: view.slice(o + 8, o + 8 + len) });
    o += 8 + len;
  }
  if (exts.length) value.exts = exts;
  return { value, fields, display: `GSS checksum: ${names.join(', ') || 'no flags'}${zero ? '' : ', channel bound'}` };
}

/** Parse a standalone GSS checksum value (the `checksum` of a Checksum with cksumtype 0x8003). */
export function parseGssChecksum(b: Uint8Array): { value: GssChecksum; fields: Field[] } {
  const r = parseGssChecksumFields(b, 0, b.length);
  return { value: r.value, fields: r.fields };
}

export { GSS_CHECKSUM_TYPE };
