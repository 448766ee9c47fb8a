// A NEGOEX token is one or more NEGOEX messages back to back (MS-NEGOEX 3.1.5): e.g. the
// initiator's first token is INITIATOR_NEGO followed by one INITIATOR_META_DATA per auth scheme.
// SPNEGO carries the token as the mechToken / responseToken of the NEGOEX mechanism.
import { DecodeError, concat } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { MESSAGE_TYPE, MESSAGE_TYPE_NAMES, R } from './constants';
import { buildAlert, parseAlertBody } from './alert';
import { type ExchangeDecoder, buildExchange, parseExchangeBody } from './exchange';
import { readHeader } from './header';
import { buildNego, parseNegoBody } from './nego';
import type { NegoexMessage } from './types';
import { buildVerify, parseVerifyBody } from './verify';

export function buildMessage(m: NegoexMessage): Uint8Array {
  switch (m.kind) {
    case 'nego': return buildNego(m);
    case 'exchange': return buildExchange(m);
    case 'verify': return buildVerify(m);
    case 'alert': return buildAlert(m);
  }
}

export const buildToken = (ms: NegoexMessage[]): Uint8Array => concat(...ms.map(buildMessage));

export interface ParsedMessage { value: NegoexMessage; start: number; end: number; field: Field }

/** The one message at `at`. */
export function parseMessage(b: Uint8Array, at = 0, decode?: ExchangeDecoder): ParsedMessage {
  const h = readHeader(b, at);
  const t = h.header.messageType;
  let p: { value: NegoexMessage; fields: Field[] };
  if (t === MESSAGE_TYPE.INITIATOR_NEGO || t === MESSAGE_TYPE.ACCEPTOR_NEGO) p = parseNegoBody(b, at, h);
  else if (t >= MESSAGE_TYPE.INITIATOR_META_DATA && t <= MESSAGE_TYPE.AP_REQUEST) p = parseExchangeBody(b, at, h, decode);
  else if (t === MESSAGE_TYPE.VERIFY) p = parseVerifyBody(b, at, h);
  else if (t === MESSAGE_TYPE.ALERT) p = parseAlertBody(b, at, h);
  else throw new DecodeError(`NEGOEX: unknown MessageType ${t}`, at + 8);
  const name = MESSAGE_TYPE_NAMES[t];
  const end = at + h.messageLength;
  return {
    value: p.value, start: at, end,
    field: { name, start: at, end, value: `seq ${h.header.sequenceNum}, ${h.messageLength} bytes`, explain: EXPLAIN[name], ref: REF[name], children: p.fields },
  };
}

/** Every message of a token, in order; the fields cover every byte. Throws DecodeError. */
export function parseToken(b: Uint8Array, decode?: ExchangeDecoder): { messages: NegoexMessage[]; fields: Field[]; ranges: { start: number; end: number }[] } {
  if (b.length === 0) throw new DecodeError('NEGOEX: empty token', 0);
  const messages: NegoexMessage[] = [];
  const fields: Field[] = [];
  const ranges: { start: number; end: number }[] = [];
  let at = 0;
  try {
    while (at < b.length) {
      const m = parseMessage(b, at, decode);
      messages.push(m.value);
      fields.push(m.field);
      ranges.push({ start: m.start, end: m.end });
      at = m.end;
    }
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`NEGOEX: ${(e as Error).message}`, at);
  }
  return { messages, fields, ranges };
}

/** Short name of a token for the diagram: "INITIATOR_NEGO + INITIATOR_META_DATA". */
export const describeToken = (ms: NegoexMessage[]): string => ms.map((m) => MESSAGE_TYPE_NAMES[m.messageType]).join(' + ');

const EXPLAIN: Record<string, string> = {
  INITIATOR_NEGO: 'the initiator starts the conversation: its random and the auth schemes it can run, best first',
  ACCEPTOR_NEGO: 'the acceptor answers with its random and the auth schemes of the initiator\'s list it can run',
  INITIATOR_META_DATA: 'metadata the initiator gives one auth scheme (a scheme that cannot use it is dropped)',
  ACCEPTOR_META_DATA: 'metadata the acceptor gives one auth scheme (a scheme that cannot use it is dropped)',
  CHALLENGE: 'a context token of the chosen scheme, from the acceptor',
  AP_REQUEST: 'a context token of the chosen scheme, from the initiator',
  VERIFY: 'a checksum over the whole conversation with the scheme\'s key: proves nobody changed the negotiation',
  ALERT: 'an alert: the VERIFY arrived before this side had a key (pulse)',
};
const REF: Record<string, string> = {
  INITIATOR_NEGO: R.nego, ACCEPTOR_NEGO: R.nego, INITIATOR_META_DATA: R.exchange, ACCEPTOR_META_DATA: R.exchange,
  CHALLENGE: R.exchange, AP_REQUEST: R.exchange, VERIFY: R.verify, ALERT: R.alert,
};
