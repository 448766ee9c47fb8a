// MechTypeList ::= SEQUENCE OF MechType (OBJECT IDENTIFIER) — RFC 4178 §4.1.
// The client's list, most preferred first. Its exact DER bytes are what mechListMIC protects
// (RFC 4178 §5), so a man in the middle cannot strip Kerberos from the list unnoticed.
import { DecodeError } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { OID_INFO, decodeOid, oidDer, oidName } from '../oids';
import type { Tlv } from './der';
import { element, expectTag, readChildren, tlv, valueOf } from './der';

/** The DER of one OBJECT IDENTIFIER element. */
export function buildOid(oid: string): Uint8Array {
  return oidDer(oid);
}

/** Parse an OBJECT IDENTIFIER element into its dotted form and a field. */
export function parseOidElement(b: Uint8Array, t: Tlv, name: string, explain: string, ref: string): { oid: string; field: Field } {
  expectTag(t, 0x06, name);
  const oid = decodeOid(valueOf(b, t), t.valueStart);
  const info = OID_INFO[oid];
  const value = `${oid} (${oidName(oid)})`;
  const valueExplain = info ? `${info.explain}` : 'An object identifier this decoder does not know by name';
  const content: Field[] = [{ name: 'value', start: t.valueStart, end: t.end, value, explain: `OID ${oid} encoded in base 128: ${valueExplain}`, ref: info?.ref ?? 'X.690 §8.19' }];
  return { oid, field: element(b, name, t, explain, content, { value, ref }) };
}

/**
 * The DER of the MechTypeList (30 len 06.. 06..): exactly the bytes mechListMIC is computed over
 * (RFC 4178 §5), i.e. the mechTypes as they appear inside the initial token's [0] element.
 */
export function mechListBytes(mechTypes: readonly string[]): Uint8Array {
  return tlv(0x30, ...mechTypes.map(oidDer));
}

export function parseMechTypeList(b: Uint8Array, t: Tlv, who: 'client' | 'server'): { mechTypes: string[]; field: Field } {
  expectTag(t, 0x30, 'MechTypeList');
  const kids = readChildren(b, t);
  const mechTypes: string[] = [];
  const fields: Field[] = kids.map((k, i) => {
    const what = i === 0
      ? (who === 'client' ? 'first choice: the mechanism the optimistic token (if any) belongs to' : 'first mechanism the server offers')
      : `choice ${i + 1}`;
    const r = parseOidElement(b, k, `mechType ${i + 1}`, `Mechanism ${i + 1} of the list, ${what}`, 'RFC 4178 §4.1');
    mechTypes.push(r.oid);
    return r.field;
  });
  const names = mechTypes.map(oidName).join(', ');
  const explain = who === 'client'
    ? 'The mechanisms the client can use, most preferred first; mechListMIC later protects these exact bytes'
    : 'The mechanisms the server accepts, so the client can choose one it also supports';
  return { mechTypes, field: element(b, 'MechTypeList', t, explain, fields, { value: names || '(empty)', ref: 'RFC 4178 §4.1' }) };
}

// ---------- ContextFlags (reqFlags) ----------

export const CONTEXT_FLAGS = ['delegFlag', 'mutualFlag', 'replayFlag', 'sequenceFlag', 'anonFlag', 'confFlag', 'integFlag'] as const;
/** A ContextFlags bit by name; bits past integFlag (undefined by RFC 4178) appear as `bit7`, `bit8`, ... */
export type ContextFlag = (typeof CONTEXT_FLAGS)[number] | `bit${number}`;

const flagBit = (f: ContextFlag): number => {
  const i = (CONTEXT_FLAGS as readonly string[]).indexOf(f);
  if (i >= 0) return i;
  const m = /^bit(\d+)$/.exec(f);
  if (!m) throw new Error(`unknown ContextFlag ${f}`);
  return Number(m[1]);
};
const flagName = (bit: number): ContextFlag => (bit < CONTEXT_FLAGS.length ? CONTEXT_FLAGS[bit] : `bit${bit}`);

/** The content octets of a ContextFlags BIT STRING, DER form (trailing zero bits dropped). */
export function encodeContextFlags(flags: readonly ContextFlag[]): Uint8Array {
  const bits = [...new Set(flags.map(flagBit))];
  if (bits.length === 0) return new Uint8Array([0]);
  const hi = Math.max(...bits);
  const nbytes = Math.floor(hi / 8) + 1;
  const out = new Uint8Array(1 + nbytes);
  out[0] = nbytes * 8 - (hi + 1);
  for (const bit of bits) out[1 + (bit >> 3)] |= 0x80 >> (bit & 7);
  return out;
}

/** Decode ContextFlags content octets; rejects encodings that are not the DER form. */
export function decodeContextFlags(content: Uint8Array, at: number): ContextFlag[] {
  if (content.length === 0) throw new DecodeError('a BIT STRING needs at least its unused-bits byte', at);
  const unused = content[0];
  if (unused > 7 || (content.length === 1 && unused !== 0)) throw new DecodeError(`bad unused-bits count ${unused}`, at);
  const flags: ContextFlag[] = [];
  for (let i = 0; i < (content.length - 1) * 8 - unused; i++) if (content[1 + (i >> 3)] & (0x80 >> (i & 7))) flags.push(flagName(i));
  const canonical = encodeContextFlags(flags);
  if (canonical.length !== content.length || canonical.some((x, i) => x !== content[i])) {
    throw new DecodeError('ContextFlags BIT STRING is not in DER form (trailing zero bits or non-zero padding)', at);
  }
  return flags;
}
