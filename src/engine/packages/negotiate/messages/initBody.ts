// Shared build/parse of NegTokenInit and NegTokenInit2 inside their GSS-API framing:
//   0x60 { SPNEGO OID, [0] NegotiationToken { SEQUENCE { [0] mechTypes, [1] reqFlags, [2] mechToken,
//          [3] mechListMIC (NegTokenInit) | [3] negHints, [4] mechListMIC (NegTokenInit2) } } }
// Both messages use the same CHOICE tag [0] (MS-SPNG 2.2.1); only the last fields differ.
import { DecodeError } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { field } from '../../../encoding/fields';
import { OID, oidName } from '../oids';
import type { Tlv } from './der';
import { element, expectTag, readChildren, readOnly, tlv, valueOf } from './der';
import { buildInitialContextToken, gssField, parseInitialContextToken } from './gss';
import type { InnerToken } from './inner';
import { describeInner, detectInner } from './inner';
import { decodeContextFlags, encodeContextFlags, mechListBytes, parseMechTypeList } from './mechTypes';
import { micField, octetStringField } from './octets';
import type { NegHints, NegTokenInit2, Parsed } from './types';

export type InitVariant = 'NegTokenInit' | 'NegTokenInit2';

const latin1 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new Error(`hintName character ${s[i]} is not ISO-8859-1`);
    out[i] = c;
  }
  return out;
};
const fromLatin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** The whole first token (GSS framing included) for either variant. */
export function buildInitToken(v: NegTokenInit2, variant: InitVariant): Uint8Array {
  const parts: Uint8Array[] = [];
  if (v.mechTypes) parts.push(tlv(0xa0, mechListBytes(v.mechTypes)));
  if (v.reqFlags) parts.push(tlv(0xa1, tlv(0x03, encodeContextFlags(v.reqFlags))));
  if (v.mechToken) parts.push(tlv(0xa2, tlv(0x04, v.mechToken)));
  if (v.negHints) {
    if (variant === 'NegTokenInit') throw new Error('negHints exist only in NegTokenInit2');
    const h: Uint8Array[] = [];
    if (v.negHints.hintName !== undefined) h.push(tlv(0xa0, tlv(0x1b, latin1(v.negHints.hintName))));
    if (v.negHints.hintAddress) h.push(tlv(0xa1, tlv(0x04, v.negHints.hintAddress)));
    parts.push(tlv(0xa3, tlv(0x30, ...h)));
  }
  if (v.mechListMIC) parts.push(tlv(variant === 'NegTokenInit' ? 0xa3 : 0xa4, tlv(0x04, v.mechListMIC)));
  return buildInitialContextToken(OID.SPNEGO, tlv(0xa0, tlv(0x30, ...parts)));
}

function parseNegHints(b: Uint8Array, t: Tlv): { hints: NegHints; field: Field } {
  expectTag(t, 0x30, 'NegHints');
  const hints: NegHints = {};
  const content: Field[] = [];
  let last = -1;
  for (const k of readChildren(b, t)) {
    const num = k.tag - 0xa0;
    if (num !== 0 && num !== 1) throw new DecodeError(`unexpected tag 0x${k.tag.toString(16)} in NegHints`, k.start);
    if (num <= last) throw new DecodeError('NegHints fields out of order or repeated', k.start);
    last = num;
    const x = readOnly(b, k.valueStart, k.end);
    if (num === 0) {
      expectTag(x, 0x1b, 'hintName');
      hints.hintName = fromLatin1(valueOf(b, x));
      const leaf: Field[] = x.end > x.valueStart
        ? [field('value', x.valueStart, x.end, 'The hint text, ISO-8859-1 characters', JSON.stringify(hints.hintName), 'MS-SPNG 3.2.5.2')] : [];
      content.push(element(b, 'hintName', k,
        'Windows always sends the fixed text "not_defined_in_RFC4178@please_ignore" here, in place of a server name a client should not trust',
        [element(b, 'GeneralString', x, 'The hint name as a GeneralString', leaf, { value: hints.hintName })],
        { value: hints.hintName, ref: 'MS-SPNG 2.2.1' }));
    } else {
      expectTag(x, 0x04, 'hintAddress');
      hints.hintAddress = valueOf(b, x).slice();
      content.push(element(b, 'hintAddress', k, 'A server address hint; MS-SPNG says it must never be sent',
        [octetStringField(b, x, 'address bytes', 'The hint address bytes', 'MS-SPNG 2.2.1')], { ref: 'MS-SPNG 2.2.1' }));
    }
  }
  return { hints, field: element(b, 'NegHints', t, 'Negotiation hints from the server', content, { ref: 'MS-SPNG 2.2.1' }) };
}

/** Parse the first token as NegTokenInit or NegTokenInit2 ('auto': decide from the fields present). */
export function parseInitToken(b: Uint8Array, want: InitVariant | 'auto'): Parsed<NegTokenInit2> & { variant: InitVariant } {
  const frame = parseInitialContextToken(b);
  if (frame.thisMech !== OID.SPNEGO) throw new DecodeError(`this GSS-API token is for ${oidName(frame.thisMech)}, not SPNEGO`, frame.mechField.start);
  const choice = readOnly(b, frame.innerStart, frame.outer.end);
  if (choice.tag === 0xa1) throw new DecodeError('a NegTokenResp never travels inside the GSS-API framing', choice.start);
  expectTag(choice, 0xa0, 'NegotiationToken');
  const seq = readOnly(b, choice.valueStart, choice.end);
  expectTag(seq, 0x30, 'NegTokenInit');
  const kids = readChildren(b, seq);
  // NegTokenInit2 when it has negHints or a [4] MIC, or lacks mechTypes (required only in NegTokenInit).
  const looksInit2 = kids.some((k) => k.tag === 0xa4 || (k.tag === 0xa3 && b[k.valueStart] === 0x30)) || !kids.some((k) => k.tag === 0xa0);
  const variant: InitVariant = want === 'auto' ? (looksInit2 ? 'NegTokenInit2' : 'NegTokenInit') : want;
  const micTag = variant === 'NegTokenInit' ? 0xa3 : 0xa4;
  const who = variant === 'NegTokenInit' ? 'client' : 'server';

  const value: NegTokenInit2 = {};
  const content: Field[] = [];
  let inner: InnerToken | undefined;
  let last = -1;
  for (const k of kids) {
    const num = k.tag - 0xa0;
    if (k.tag < 0xa0 || k.tag > micTag) throw new DecodeError(`unexpected tag 0x${k.tag.toString(16)} in ${variant}`, k.start);
    if (num <= last) throw new DecodeError(`${variant} fields out of order or repeated`, k.start);
    last = num;
    const x = readOnly(b, k.valueStart, k.end);
    if (k.tag === 0xa0) {
      const r = parseMechTypeList(b, x, who);
      value.mechTypes = r.mechTypes;
      content.push(element(b, 'mechTypes', k, who === 'client'
        ? 'The mechanisms the client offers, most preferred first'
        : 'The mechanisms this server accepts (the client picks from them)', [r.field], { value: r.field.value, ref: variant === 'NegTokenInit' ? 'RFC 4178 §4.2.1' : 'MS-SPNG 2.2.1' }));
    } else if (k.tag === 0xa1) {
      expectTag(x, 0x03, 'reqFlags');
      const flags = decodeContextFlags(valueOf(b, x), x.valueStart);
      value.reqFlags = flags;
      const shown = flags.join(', ') || '(none)';
      const leaves: Field[] = [field('unused bits', x.valueStart, x.valueStart + 1, 'How many bits at the end of the last byte are padding', b[x.valueStart], 'X.690 §8.6.2')];
      if (x.end > x.valueStart + 1) leaves.push(field('flags', x.valueStart + 1, x.end, 'Bit 0 (top bit) delegFlag, 1 mutualFlag, 2 replayFlag, 3 sequenceFlag, 4 anonFlag, 5 confFlag, 6 integFlag', shown, 'RFC 4178 §4.2.1'));
      content.push(element(b, 'reqFlags', k, 'Context flags the client wants (delegation, mutual authentication...); Windows leaves this out',
        [element(b, 'ContextFlags', x, 'The requested flags as a BIT STRING', leaves, { value: shown })], { value: shown, ref: 'RFC 4178 §4.2.1' }));
    } else if (k.tag === 0xa2) {
      expectTag(x, 0x04, 'mechToken');
      const tok = valueOf(b, x);
      value.mechToken = tok.slice();
      const mechOid = value.mechTypes?.[0];
      const layer = detectInner(tok, mechOid);
      if (layer && x.end > x.valueStart) inner = { offset: x.valueStart, length: x.end - x.valueStart, mech: layer, ...(mechOid ? { mechOid } : {}), field: 'mechToken' };
      const shown = describeInner(tok, layer);
      content.push(element(b, 'mechToken', k,
        `The optimistic token: the first message of ${mechOid ? oidName(mechOid) : 'the first-choice mechanism'}, sent now to save a round trip`,
        [octetStringField(b, x, 'token', `The ${layer ?? 'mechanism'} message itself, opaque to SPNEGO`, variant === 'NegTokenInit' ? 'RFC 4178 §4.2.1' : 'MS-SPNG 2.2.1', layer)],
        { value: shown, ref: 'RFC 4178 §4.2.1' }));
    } else if (k.tag === 0xa3 && variant === 'NegTokenInit2') {
      const r = parseNegHints(b, x);
      value.negHints = r.hints;
      content.push(element(b, 'negHints', k, 'Microsoft\'s extra field: hints from the server, which clients ignore', [r.field],
        { value: r.hints.hintName, ref: 'MS-SPNG 2.2.1' }));
    } else {
      expectTag(x, 0x04, 'mechListMIC');
      value.mechListMIC = valueOf(b, x).slice();
      content.push(micField(b, k, x));
    }
  }
  if (variant === 'NegTokenInit' && !value.mechTypes) throw new DecodeError('NegTokenInit must carry mechTypes', seq.valueStart);

  const seqField = element(b, variant, seq, variant === 'NegTokenInit'
    ? 'The client\'s opening offer: its mechanisms and, usually, the first token of its favourite'
    : 'The server\'s offer before the client speaks (SMB2 NEGOTIATE response): the mechanisms it accepts',
  content, { ref: variant === 'NegTokenInit' ? 'RFC 4178 §4.2.1' : 'MS-SPNG 2.2.1' });
  const choiceField = element(b, 'negTokenInit', choice, 'NegotiationToken, choice [0]: an initial negotiation token', [seqField], { ref: 'RFC 4178 §4.2' });
  return { variant, value, fields: [gssField(b, frame, [choiceField])], ...(inner ? { inner } : {}) };
}
