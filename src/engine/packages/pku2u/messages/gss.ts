// PKU2U GSS-API tokens (draft-zhu-pku2u §6): RFC 2743 framing with the PKU2U mechanism OID
// 1.3.6.1.5.2.7 and a two-byte TOK_ID, then the Kerberos message: 05 00 KRB_AS_REQ, 06 00
// KRB_AS_REP (the peers' own AS exchange), 01 00 KRB_AP_REQ, 02 00 KRB_AP_REP, 03 00 KRB_ERROR.
//   0x60 len | 0x06 0x06 2b 06 01 05 02 07 | TOK_ID (2) | Kerberos message
import { DecodeError, concat, hex } from '../../../bytes';
import { lengthBytes, oid, readNode, readOid } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { field } from '../../../encoding/fields';
import { OID, R, TOK_ID } from './constants';

export const TOK_ID_NAMES: Record<number, string> = { 0x0500: 'KRB_AS_REQ', 0x0600: 'KRB_AS_REP', 0x0100: 'KRB_AP_REQ', 0x0200: 'KRB_AP_REP', 0x0300: 'KRB_ERROR' };

export function buildPku2uToken(tokId: number, message: Uint8Array): Uint8Array {
  if (!TOK_ID_NAMES[tokId]) throw new RangeError(`unknown PKU2U TOK_ID 0x${tokId.toString(16)}`);
  const body = concat(oid(OID.PKU2U), new Uint8Array([tokId >> 8, tokId & 0xff]), message);
  return concat(new Uint8Array([0x60]), lengthBytes(body.length), body);
}

/** Splits a PKU2U GSS token; `fields` cover the framing, `messageStart` is where the Kerberos message starts. */
export function parsePku2uToken(b: Uint8Array): { tokId: number; message: Uint8Array; messageStart: number; fields: Field[] } {
  // The framing's content is the OID then raw bytes (not DER elements): read tag and length by hand.
  if (b.length < 2 || b[0] !== 0x60) throw new DecodeError('PKU2U token: expected the 0x60 GSS-API framing', 0);
  let headerEnd = 2;
  let len = b[1];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || 2 + n > b.length) throw new DecodeError('PKU2U token: bad length', 1);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[2 + i];
    headerEnd = 2 + n;
  }
  if (headerEnd + len !== b.length) throw new DecodeError(`PKU2U token: framing says ${len} bytes but ${b.length - headerEnd} follow`, 1);
  const top = { headerEnd, end: b.length };
  const o = readNode(b, top.headerEnd, top.end);
  if (readOid(b, o) !== OID.PKU2U) throw new DecodeError(`PKU2U token: mechanism ${readOid(b, o)} is not PKU2U`, o.start);
  if (o.end + 2 > b.length) throw new DecodeError('PKU2U token: TOK_ID missing', o.end);
  const tokId = (b[o.end] << 8) | b[o.end + 1];
  if (!TOK_ID_NAMES[tokId]) throw new DecodeError(`PKU2U token: unknown TOK_ID ${hex(b.subarray(o.end, o.end + 2))}`, o.end);
  const messageStart = o.end + 2;
  const fields: Field[] = [
    field('GSS-API framing', 0, top.headerEnd, 'InitialContextToken tag 0x60 and length', `${b.length - top.headerEnd} bytes`, 'RFC 2743 §3.1'),
    field('thisMech', o.start, o.end, 'the PKU2U mechanism OID', `${OID.PKU2U} (PKU2U)`, R.pku2uGss),
    field('TOK_ID', o.end, messageStart, 'which Kerberos message follows', `${hex(b.subarray(o.end, messageStart))} (${TOK_ID_NAMES[tokId]})`, R.pku2uGss),
  ];
  return { tokId, message: b.subarray(messageStart), messageStart, fields };
}

export { TOK_ID };
