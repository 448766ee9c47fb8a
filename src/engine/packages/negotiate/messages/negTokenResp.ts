// NegTokenResp (RFC 4178 §4.2.2): every SPNEGO token after the first, in both directions, sent
// bare (no GSS-API framing): a1 { SEQUENCE { [0] negState, [1] supportedMech, [2] responseToken,
// [3] mechListMIC } }. The server's first answer names the mechanism it accepts (supportedMech).
import { DecodeError } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { field } from '../../../encoding/fields';
import { oidDer, oidName } from '../oids';
import { element, expectTag, readChildren, readOnly, tlv, valueOf } from './der';
import type { InnerToken } from './inner';
import { describeInner, detectInner } from './inner';
import { parseOidElement } from './mechTypes';
import { micField, octetStringField } from './octets';
import type { NegState, NegTokenResp, Parsed } from './types';
import { NEG_STATES } from './types';

const NEG_STATE_EXPLAIN: Record<NegState, string> = {
  'accept-completed': 'accept-completed (0): authentication is finished and succeeded on this side',
  'accept-incomplete': 'accept-incomplete (1): accepted so far, more tokens must be exchanged',
  reject: 'reject (2): the negotiation failed; no common mechanism or the mechanism rejected the credentials',
  'request-mic': 'request-mic (3): the server asks the client for a mechListMIC because the mechanism it accepted is not its own (the acceptor\'s) preferred one, so both sides must prove with a MIC that nobody edited the mechanism list (RFC 4178 §5)',
};

export function buildNegTokenResp(v: NegTokenResp): Uint8Array {
  const parts: Uint8Array[] = [];
  if (v.negState !== undefined) {
    const n = NEG_STATES.indexOf(v.negState);
    if (n < 0) throw new Error(`unknown negState ${v.negState}`);
    parts.push(tlv(0xa0, tlv(0x0a, new Uint8Array([n]))));
  }
  if (v.supportedMech) parts.push(tlv(0xa1, oidDer(v.supportedMech)));
  if (v.responseToken) parts.push(tlv(0xa2, tlv(0x04, v.responseToken)));
  if (v.mechListMIC) parts.push(tlv(0xa3, tlv(0x04, v.mechListMIC)));
  return tlv(0xa1, tlv(0x30, ...parts));
}

/**
 * Parse a bare NegTokenResp. `mechOid` tells which mechanism a responseToken belongs to when the
 * token carries no supportedMech (every NegTokenResp after the server's first one).
 */
export function parseNegTokenResp(b: Uint8Array, mechOid?: string): Parsed<NegTokenResp> {
  const choice = readOnly(b, 0);
  if (choice.tag === 0x60) throw new DecodeError('this is a GSS-framed initial token, not a NegTokenResp', 0);
  expectTag(choice, 0xa1, 'NegotiationToken');
  const seq = readOnly(b, choice.valueStart, choice.end);
  expectTag(seq, 0x30, 'NegTokenResp');
  const value: NegTokenResp = {};
  const content: Field[] = [];
  let inner: InnerToken | undefined;
  let last = -1;
  for (const k of readChildren(b, seq)) {
    const num = k.tag - 0xa0;
    if (num < 0 || num > 3) throw new DecodeError(`unexpected tag 0x${k.tag.toString(16)} in NegTokenResp`, k.start);
    if (num <= last) throw new DecodeError('NegTokenResp fields out of order or repeated', k.start);
    last = num;
    const x = readOnly(b, k.valueStart, k.end);
    if (num === 0) {
      expectTag(x, 0x0a, 'negState');
      if (x.end - x.valueStart !== 1 || b[x.valueStart] > 3) throw new DecodeError('negState must be one byte, 0 to 3', x.valueStart);
      const st = NEG_STATES[b[x.valueStart]];
      value.negState = st;
      content.push(element(b, 'negState', k, 'The state of the negotiation as seen by the sender', [
        element(b, 'ENUMERATED', x, 'negState as an ENUMERATED value',
          [field('value', x.valueStart, x.end, NEG_STATE_EXPLAIN[st], `${b[x.valueStart]} (${st})`, 'RFC 4178 §4.2.2')], { value: st }),
      ], { value: st, ref: 'RFC 4178 §4.2.2' }));
    } else if (num === 1) {
      const r = parseOidElement(b, x, 'MechType', 'The mechanism OID', 'RFC 4178 §4.2.2');
      value.supportedMech = r.oid;
      content.push(element(b, 'supportedMech', k, 'The mechanism the server picked from the client\'s list; the rest of the exchange uses it',
        [r.field], { value: oidName(r.oid), ref: 'RFC 4178 §4.2.2' }));
    } else if (num === 2) {
      expectTag(x, 0x04, 'responseToken');
      const tok = valueOf(b, x);
      value.responseToken = tok.slice();
      const mech = value.supportedMech ?? mechOid;
      const layer = detectInner(tok, mech);
      if (layer && x.end > x.valueStart) inner = { offset: x.valueStart, length: x.end - x.valueStart, mech: layer, ...(mech ? { mechOid: mech } : {}), field: 'responseToken' };
      content.push(element(b, 'responseToken', k, `The next message of ${mech ? oidName(mech) : 'the chosen mechanism'}, carried for it by SPNEGO`,
        [octetStringField(b, x, 'token', `The ${layer ?? 'mechanism'} message itself, opaque to SPNEGO`, 'RFC 4178 §4.2.2', layer)],
        { value: describeInner(tok, layer), ref: 'RFC 4178 §4.2.2' }));
    } else {
      expectTag(x, 0x04, 'mechListMIC');
      value.mechListMIC = valueOf(b, x).slice();
      content.push(micField(b, k, x));
    }
  }
  const seqField = element(b, 'NegTokenResp', seq, 'A negotiation reply: state, chosen mechanism, the mechanism\'s next token and/or the list MIC', content, { ref: 'RFC 4178 §4.2.2' });
  const choiceField = element(b, 'negTokenResp', choice, 'NegotiationToken, choice [1]: a reply token (sent without GSS-API framing)', [seqField],
    { ref: 'RFC 4178 §4.2', ...(value.negState ? { value: value.negState } : {}) });
  return { value, fields: [choiceField], ...(inner ? { inner } : {}) };
}
