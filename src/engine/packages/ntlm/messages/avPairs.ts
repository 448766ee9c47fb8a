// AV_PAIR lists (MS-NLMP 2.2.2.1): the server's TargetInfo in the CHALLENGE_MESSAGE, and the copy the
// client extends (flags, channel bindings, target name) inside its NTLMv2 response.
import { concat, DecodeError, fromUtf16le, hex, readU16le, readU32le, u16le, u32le, utf16le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';
import { fromFiletime } from '../crypto';

export const AV = {
  MsvAvEOL: 0,
  MsvAvNbComputerName: 1,
  MsvAvNbDomainName: 2,
  MsvAvDnsComputerName: 3,
  MsvAvDnsDomainName: 4,
  MsvAvDnsTreeName: 5,
  MsvAvFlags: 6,
  MsvAvTimestamp: 7,
  MsvAvSingleHost: 8,
  MsvAvTargetName: 9,
  MsvAvChannelBindings: 10,
} as const;

export const AV_NAME: Record<number, string> = Object.fromEntries(Object.entries(AV).map(([k, v]) => [v, k]));

const AV_EXPLAIN: Record<number, string> = {
  0: 'End of the list.',
  1: 'The server\'s NetBIOS computer name.',
  2: 'The server\'s NetBIOS domain name (the computer name when the server is not in a domain).',
  3: 'The server\'s fully qualified DNS host name.',
  4: 'The server\'s DNS domain name.',
  5: 'The DNS name of the server\'s forest.',
  6: 'Flags: 0x1 account authentication is constrained, 0x2 the message has a MIC, 0x4 the target name came from an untrusted source.',
  7: 'The server\'s time when it made the challenge (FILETIME); its presence tells the client to send a MIC.',
  8: 'A Single_Host_Data structure identifying the client machine (for loopback detection).',
  9: 'The service principal name of the server the client means to reach (protects against relay).',
  10: 'MD5 of the channel binding (gss_channel_bindings_struct) of the TLS channel; all zero when there is none.',
};

/** MsvAvFlags bits. */
export const AV_FLAG = { CONSTRAINED: 0x1, MIC_PRESENT: 0x2, UNTRUSTED_SPN: 0x4 } as const;

export interface AvPair { id: number; value: Uint8Array }

export const avString = (id: number, s: string): AvPair => ({ id, value: utf16le(s) });
export const avU32 = (id: number, n: number): AvPair => ({ id, value: u32le(n) });

export function findAv(pairs: AvPair[] | null | undefined, id: number): AvPair | undefined {
  return pairs?.find((p) => p.id === id);
}
export function avFlags(pairs: AvPair[] | null | undefined): number | null {
  const p = findAv(pairs, AV.MsvAvFlags);
  return p && p.value.length >= 4 ? readU32le(p.value, 0) : null;
}

/** Serialize a list, ending it with MsvAvEOL (added if missing). */
export function buildAvPairs(pairs: AvPair[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const p of pairs) {
    if (p.id === AV.MsvAvEOL) continue;
    parts.push(u16le(p.id), u16le(p.value.length), p.value);
  }
  parts.push(u16le(AV.MsvAvEOL), u16le(0));
  return concat(...parts);
}

export interface ParsedAvPairs { pairs: AvPair[]; fields: Field[]; end: number }

/** Parse an AV_PAIR list starting at `o` and ending at MsvAvEOL (which must be before `limit`). */
export function parseAvPairs(b: Uint8Array, o: number, limit: number, ref = 'MS-NLMP 2.2.2.1'): ParsedAvPairs {
  const pairs: AvPair[] = [];
  const fields: Field[] = [];
  let p = o;
  for (;;) {
    if (p + 4 > limit) throw new DecodeError('the AV_PAIR list ends without MsvAvEOL', p);
    const id = readU16le(b, p);
    const len = readU16le(b, p + 2);
    if (p + 4 + len > limit) throw new DecodeError(`AV_PAIR ${AV_NAME[id] ?? id} runs past the end of its buffer`, p);
    const value = b.slice(p + 4, p + 4 + len);
    fields.push(avPairField(id, value, p, ref));
    if (id === AV.MsvAvEOL) return { pairs, fields, end: p + 4 + len };
    pairs.push({ id, value });
    p += 4 + len;
  }
}

function avPairField(id: number, value: Uint8Array, p: number, ref: string): Field {
  const name = AV_NAME[id] ?? `unknown AvId ${id}`;
  const shown = avValueText(id, value);
  const children: Field[] = [
    field('AvId', p, p + 2, 'Which attribute this pair holds.', `${id} (${name})`, ref),
    field('AvLen', p + 2, p + 4, 'Length of the value in bytes.', value.length, ref),
  ];
  if (value.length) children.push(valueField(id, value, p + 4, ref));
  return group(name, AV_EXPLAIN[id] ?? 'An attribute this decoder does not know; receivers skip it.', children, { value: shown, ref });
}

function valueField(id: number, v: Uint8Array, o: number, ref: string): Field {
  const end = o + v.length;
  if (id === AV.MsvAvSingleHost && v.length >= 48) {
    return group('Value (Single_Host_Data)', 'Identifies the client machine, so a server can tell a loopback logon.', [
      field('Size', o, o + 4, 'Size of the structure in bytes.', readU32le(v, 0), 'MS-NLMP 2.2.2.2'),
      field('Z4', o + 4, o + 8, 'Reserved, zero.', readU32le(v, 4), 'MS-NLMP 2.2.2.2'),
      field('CustomData', o + 8, o + 16, 'Platform data (on Windows: integrity level and token flags).', hex(v.slice(8, 16)), 'MS-NLMP 2.2.2.2'),
      field('MachineID', o + 16, o + 48, 'A 256-bit random number made when the client machine started.', hex(v.slice(16, 48)), 'MS-NLMP 2.2.2.2'),
      ...(v.length > 48 ? [field('Extra', o + 48, end, 'Bytes past the 48-byte structure.', hex(v.slice(48)), 'MS-NLMP 2.2.2.2')] : []),
    ], { ref: 'MS-NLMP 2.2.2.2' });
  }
  return field('Value', o, end, valueExplain(id), avValueText(id, v), ref);
}

function valueExplain(id: number): string {
  if (id >= 1 && id <= 5 || id === 9) return 'The name, UTF-16LE, without a terminating zero.';
  if (id === 6) return 'A 32-bit little-endian bit mask.';
  if (id === 7) return 'A FILETIME: 100-nanosecond ticks since 1601-01-01 UTC, little-endian.';
  if (id === 10) return 'A 16-byte MD5 hash.';
  return 'The value bytes.';
}

export function avValueText(id: number, v: Uint8Array): string {
  if (id === AV.MsvAvEOL) return '';
  if ((id >= 1 && id <= 5) || id === 9) return fromUtf16le(v);
  if (id === AV.MsvAvFlags && v.length === 4) {
    const f = readU32le(v, 0);
    const names = [f & 1 ? 'constrained' : '', f & 2 ? 'MIC present' : '', f & 4 ? 'untrusted SPN source' : ''].filter(Boolean);
    return `0x${f.toString(16).padStart(8, '0')}${names.length ? ' (' + names.join(', ') + ')' : ''}`;
  }
  if (id === AV.MsvAvTimestamp && v.length === 8) {
    const d = fromFiletime(v);
    return Number.isNaN(d.getTime()) ? hex(v) : d.toISOString();
  }
  if (id === AV.MsvAvChannelBindings) return v.every((x) => x === 0) ? `${hex(v)} (no channel binding)` : hex(v);
  return hex(v);
}

export interface ClientAvOptions {
  /** MsvAvFlags value to set (ORed into any the server sent); undefined: leave as is. */
  flags?: number;
  /** A 48-byte Single_Host_Data value, or undefined to send none. */
  singleHost?: Uint8Array;
  /** The 16-byte MsvAvChannelBindings hash (all zero when there is no channel), or undefined to send none. */
  channelBindings?: Uint8Array;
  /** The SPN for MsvAvTargetName, or undefined to send none. */
  targetName?: string;
}

/**
 * The AV pairs a client puts in its NTLMv2 blob (MS-NLMP 3.1.5.1.2): the server's TargetInfo,
 * then MsvAvFlags, MsvAvSingleHost, MsvAvChannelBindings and MsvAvTargetName (the order Windows uses).
 */
export function clientAvPairs(server: AvPair[], o: ClientAvOptions): AvPair[] {
  const added = [AV.MsvAvFlags, AV.MsvAvSingleHost, AV.MsvAvChannelBindings, AV.MsvAvTargetName] as number[];
  const out = server.filter((p) => p.id !== AV.MsvAvEOL && !added.includes(p.id));
  if (o.flags !== undefined) out.push(avU32(AV.MsvAvFlags, ((avFlags(server) ?? 0) | o.flags) >>> 0));
  if (o.singleHost) out.push({ id: AV.MsvAvSingleHost, value: o.singleHost });
  if (o.channelBindings) out.push({ id: AV.MsvAvChannelBindings, value: o.channelBindings });
  if (o.targetName !== undefined) out.push(avString(AV.MsvAvTargetName, o.targetName));
  return out;
}
