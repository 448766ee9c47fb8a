// LDAPMessage (RFC 4511 §4.1.1): messageID, one protocol operation, optional controls. The
// envelope of every LDAP PDU on tcp/389 before a SASL security layer is installed.
import { DecodeError, concat } from '../../../bytes';
import { genericField, integer, readDer, tagName, type DerNode } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { cons, intField, intOf, kids, need, prim, strField, strOf, tlvStyled, type LengthStyle } from './ber';
import { buildBindRequest, parseBindRequest, type BindRequest, type ParsedOp } from './bindRequest';
import { buildBindResponse, parseBindResponse, type BindResponse } from './bindResponse';
import { buildSearchRequest, parseSearchRequest, type SearchRequest } from './searchRequest';
import { buildSearchResEntry, parseSearchResEntry, type SearchResEntry } from './searchResEntry';
import { buildSearchResDone, parseSearchResDone, type SearchResDone } from './searchResDone';

const R = 'RFC 4511 §4.1.1';

export interface UnbindRequest { op: 'unbindRequest' }
/** An operation this app shows without modelling it (searchResRef, modify, extended ...). */
export interface OtherOp { op: 'other'; tag: number }

export type LdapOp = BindRequest | BindResponse | SearchRequest | SearchResEntry | SearchResDone | UnbindRequest | OtherOp;

export interface Control { controlType: string; criticality: boolean; controlValue?: Uint8Array }

export interface LdapMessage { messageId: number; op: LdapOp; controls?: Control[] }

const OP_NAMES: Record<number, string> = {
  0: 'bindRequest', 1: 'bindResponse', 2: 'unbindRequest', 3: 'searchRequest', 4: 'searchResEntry', 5: 'searchResDone', 6: 'modifyRequest',
  7: 'modifyResponse', 8: 'addRequest', 9: 'addResponse', 10: 'delRequest', 11: 'delResponse', 16: 'abandonRequest', 19: 'searchResRef',
  23: 'extendedReq', 24: 'extendedResp', 25: 'intermediateResponse',
};
export const opName = (op: LdapOp): string => (op.op === 'other' ? OP_NAMES[op.tag] ?? `[APPLICATION ${op.tag}]` : op.op);

function buildOp(op: LdapOp, style: LengthStyle): Uint8Array {
  switch (op.op) {
    case 'bindRequest': return buildBindRequest(op, style);
    case 'bindResponse': return buildBindResponse(op, style);
    case 'searchRequest': return buildSearchRequest(op, style);
    case 'searchResEntry': return buildSearchResEntry(op, style);
    case 'searchResDone': return buildSearchResDone(op, style);
    case 'unbindRequest': return new Uint8Array([0x42, 0x00]);
    default: throw new RangeError(`cannot build ${opName(op)}`);
  }
}

/** One LDAPMessage. `style` 'ad' writes the 4-byte lengths of an Active Directory DC. */
export function buildLdapMessage(m: LdapMessage, style: LengthStyle = 'minimal'): Uint8Array {
  return tlvStyled(0x30, concat(integer(m.messageId), buildOp(m.op, style)), style);
}

export interface ParsedLdap {
  msg: LdapMessage;
  fields: Field[];
  /** The SSP token inside (SASL credentials, serverSaslCreds, a Sicily NTLM message), with its layer name. */
  token?: { start: number; end: number; layer: string };
}

function parseOp(b: Uint8Array, n: DerNode, layerHint?: string): ParsedOp<LdapOp> {
  if (n.tagClass !== 1) throw new DecodeError(`protocolOp: expected an [APPLICATION n] tag but found ${tagName(n)}`, n.start);
  switch (n.tagNumber) {
    case 0: return parseBindRequest(b, n);
    case 1: return parseBindResponse(b, n, layerHint);
    case 3: return parseSearchRequest(b, n);
    case 4: return parseSearchResEntry(b, n);
    case 5: return parseSearchResDone(b, n);
    case 2: return { op: { op: 'unbindRequest' }, field: cons('unbindRequest', n, [], 'Close the connection: no answer follows.', undefined, 'RFC 4511 §4.3') };
    default: {
      const name = OP_NAMES[n.tagNumber] ?? `[APPLICATION ${n.tagNumber}]`;
      return { op: { op: 'other', tag: n.tagNumber }, field: { ...genericField(b, n, name), explain: `${name}: an operation this app shows without modelling it.` } };
    }
  }
}

function parseControls(b: Uint8Array, n: DerNode): Field {
  const items = kids(n, 'controls').map((c, i) => {
    const [type, ...rest] = kids(c, 'Control');
    need(type, 0, 4, 'controlType', c.start);
    const sub = [strField('controlType', b, type, 'The control\'s OID.', 'RFC 4511 §4.1.11')];
    for (const r of rest) {
      if (r.tagClass === 0 && r.tagNumber === 1) sub.push(prim('criticality', r, String(b[r.headerEnd] !== 0), 'true: fail the operation if the server does not know this control.', 'BOOLEAN', 'RFC 4511 §4.1.11'));
      else sub.push(prim('controlValue', r, `${r.end - r.headerEnd} bytes`, 'The control\'s own data.', 'control-specific bytes', 'RFC 4511 §4.1.11'));
    }
    return cons(`control ${i + 1}`, c, sub, 'An extension to the operation.', strOf(b, type), 'RFC 4511 §4.1.11');
  });
  return cons('controls', n, items, 'Extensions to this operation.', `${items.length}`, 'RFC 4511 §4.1.11');
}

/** Parse one LDAPMessage filling all of `b`. `layerHint` names the SSP of a serverSaslCreds token when the caller knows the mechanism. */
export function parseLdapMessage(b: Uint8Array, layerHint?: string): ParsedLdap {
  const top = readDer(b);
  if (top.tagClass !== 0 || top.tagNumber !== 16) throw new DecodeError('an LDAPMessage is a SEQUENCE', 0);
  const [id, opNode, ctl] = kids(top, 'LDAPMessage');
  need(id, 0, 2, 'messageID', 0);
  if (!opNode) throw new DecodeError('LDAPMessage has no protocolOp', top.headerEnd);
  const op = parseOp(b, opNode, layerHint);
  const children = [intField('messageID', b, id, 'Pairs each response with its request (the client numbers its requests).', undefined, R), op.field];
  const msg: LdapMessage = { messageId: intOf(b, id), op: op.op };
  if (ctl) {
    if (ctl.tagClass !== 2 || ctl.tagNumber !== 0) throw new DecodeError(`LDAPMessage: unexpected ${tagName(ctl)} after the operation`, ctl.start);
    children.push(parseControls(b, ctl));
  }
  return { msg, fields: [cons('LDAPMessage', top, children, 'One LDAP message: a number, an operation and optional controls.', `${opName(op.op)}(${msg.messageId})`, R)], token: op.token };
}
