// RFC 4121 §4.1 / RFC 2743 §3.1: the GSS-API framing of Kerberos context tokens.
// InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech OID, innerContextToken }
// where the inner token is a 2-byte TOK_ID (01 00 AP-REQ, 02 00 AP-REP, 03 00 KRB-ERROR) followed
// by the Kerberos message. (RFC 4121 says the AP-REP and KRB-ERROR use the same framing.)
import { DecodeError, concat, hex } from '../../../bytes';
import { type DerNode, headerLeaf, lengthBytes, oid, readNode, readOid, tagName } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { parseApRep } from './apRep';
import { parseApReq } from './apReq';
import { parseKrbError } from './krbError';
import type { ApRep, ApReq, KrbError, ParseOptions } from './types';

export const KRB5_OID = '1.2.840.113554.1.2.2';
/** The OID Windows uses in SPNEGO mechTypes for its Kerberos ("MS KRB5", a historical mistyping of the MIT OID). */
export const MS_KRB5_OID = '1.2.840.48018.1.2.2';
export const KRB5_USER_TO_USER_OID = '1.2.840.113554.1.2.2.3';
export const MECH_NAMES: Record<string, string> = {
  [KRB5_OID]: 'Kerberos 5 (RFC 4121)', [MS_KRB5_OID]: 'MS KRB5 (Microsoft Kerberos 5)', [KRB5_USER_TO_USER_OID]: 'Kerberos 5 user-to-user',
};

export const TOK_ID = { AP_REQ: 0x0100, AP_REP: 0x0200, KRB_ERROR: 0x0300, TGT_REQ: 0x0400, TGT_REP: 0x0401 } as const;
const TOK_NAMES: Record<number, string> = { 0x0100: 'KRB_AP_REQ', 0x0200: 'KRB_AP_REP', 0x0300: 'KRB_ERROR', 0x0400: 'TGT-REQ (user-to-user)', 0x0401: 'TGT-REP (user-to-user)' };

export type GssInner =
  | { kind: 'AP-REQ'; message: ApReq }
  | { kind: 'AP-REP'; message: ApRep }
  | { kind: 'KRB-ERROR'; message: KrbError }
  | { kind: 'other'; message: null };

export interface GssToken { mech: string; tokId: number; inner: Uint8Array }

/** Wrap a Kerberos message in the GSS-API InitialContextToken framing. */
export function buildGssToken(tokId: number, message: Uint8Array, mech: string = KRB5_OID): Uint8Array {
  const content = concat(oid(mech), new Uint8Array([(tokId >> 8) & 0xff, tokId & 0xff]), message);
  return concat(new Uint8Array([0x60]), lengthBytes(content.length), content);
}
export const wrapApReq = (apReq: Uint8Array, mech?: string): Uint8Array => buildGssToken(TOK_ID.AP_REQ, apReq, mech);
export const wrapApRep = (apRep: Uint8Array, mech?: string): Uint8Array => buildGssToken(TOK_ID.AP_REP, apRep, mech);
export const wrapKrbError = (err: Uint8Array, mech?: string): Uint8Array => buildGssToken(TOK_ID.KRB_ERROR, err, mech);

/** Decode a GSS-API Kerberos token: the framing, then the inner AP-REQ / AP-REP / KRB-ERROR with its fields. */
export function parseGssToken(bytes: Uint8Array, opts: ParseOptions = {}): { value: GssToken & { message: GssInner }; fields: Field[]; name: string } {
  try {
    return parseGssTokenInner(bytes, opts);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`GSS-API token: ${(e as Error).message}`, 0);
  }
}

function parseGssTokenInner(bytes: Uint8Array, opts: ParseOptions): { value: GssToken & { message: GssInner }; fields: Field[]; name: string } {
  // Only the outer header and the OID are DER; what follows the OID is not an ASN.1 element.
  if (bytes.length < 2 || bytes[0] !== 0x60) throw new DecodeError('GSS-API token must start with [APPLICATION 0] (0x60)', 0);
  const top = readOuter(bytes);
  const mechNode = readNode(bytes, top.headerEnd, top.end);
  if (mechNode.tagClass !== 0 || mechNode.tagNumber !== 6) throw new DecodeError(`GSS-API token: expected thisMech OID, found ${tagName(mechNode)}`, mechNode.start);
  const mech = readOid(bytes, mechNode);
  const o = mechNode.end;
  if (o + 2 > top.end) throw new DecodeError('GSS-API token: TOK_ID missing', o);
  const tokId = (bytes[o] << 8) | bytes[o + 1];
  const innerStart = o + 2;
  const inner = bytes.subarray(innerStart, top.end);
  const fields: Field[] = [
    { ...headerLeaf([top]), name: 'tag/length', explain: 'GSS-API InitialContextToken: [APPLICATION 0] tag and length' },
    {
      name: 'thisMech', start: mechNode.start, end: mechNode.end, value: `${mech}${MECH_NAMES[mech] ? ` (${MECH_NAMES[mech]})` : ''}`,
      explain: 'the mechanism OID: Kerberos 5', ref: 'RFC 2743 §3.1', children: [
        headerLeaf([mechNode]),
        { name: 'value', start: mechNode.headerEnd, end: mechNode.end, value: mech, explain: 'object identifier arcs, base-128' },
      ],
    },
    { name: 'TOK_ID', start: o, end: o + 2, value: `${hex(bytes.subarray(o, o + 2))} (${TOK_NAMES[tokId] ?? 'unknown'})`, explain: 'two bytes saying which Kerberos message follows', ref: 'RFC 4121 §4.1' },
  ];
  let message: GssInner = { kind: 'other', message: null };
  let name = 'GSS-API token';
  if (innerStart < top.end) {
    const range = { start: innerStart, end: top.end };
    let sub: { fields: Field[] } | null = null;
    if (tokId === TOK_ID.AP_REQ) { const r = parseApReq(bytes, opts, undefined, range); message = { kind: 'AP-REQ', message: r.value }; sub = r; name = 'AP-REQ'; }
    else if (tokId === TOK_ID.AP_REP) { const r = parseApRep(bytes, opts, range); message = { kind: 'AP-REP', message: r.value }; sub = r; name = 'AP-REP'; }
    else if (tokId === TOK_ID.KRB_ERROR) { const r = parseKrbError(bytes, opts, range); message = { kind: 'KRB-ERROR', message: r.value }; sub = r; name = 'KRB-ERROR'; }
    if (sub) {
      for (const f of sub.fields) fields.push({ ...f, layer: `Kerberos ${name}` });
    } else {
      fields.push({ name: 'innerToken', start: innerStart, end: top.end, value: `${top.end - innerStart} bytes`, explain: 'the mechanism-specific token' });
    }
  }
  const field: Field = {
    name: 'InitialContextToken', start: 0, end: top.end, value: `${MECH_NAMES[mech] ?? mech}, ${TOK_NAMES[tokId] ?? hex(bytes.subarray(o, o + 2))}`,
    explain: 'GSS-API framing: the mechanism OID and a token ID in front of the Kerberos message', ref: 'RFC 4121 §4.1', children: fields,
  };
  return { value: { mech, tokId, inner, message }, fields: [field], name };
}

function readOuter(bytes: Uint8Array): DerNode {
  // [APPLICATION 0] is constructed, but its content is not a list of DER elements: read only the header.
  const probe = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  let o = 1;
  if (o >= probe.length) throw new DecodeError('GSS-API token: length missing', o);
  const l0 = probe[o++];
  let len = l0;
  if (l0 === 0x80) throw new DecodeError('indefinite length is not allowed', 1);
  if (l0 > 0x80) {
    const n = l0 & 0x7f;
    if (n > 4 || o + n > probe.length) throw new DecodeError('GSS-API token: bad length', 1);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + probe[o++];
  }
  if (o + len !== probe.length) throw new DecodeError(`GSS-API token: length ${len} does not match the ${probe.length - o} bytes present`, 1);
  return { tagClass: 1, tagNumber: 0, constructed: true, start: 0, headerEnd: o, end: o + len };
}
