// TSSmartCardCreds and TSCspDataDetail (MS-CSSP 2.2.1.2.2, 2.2.1.2.2.1): the smart-card PIN and
// where the card's key lives, so the server can log on with the card redirected to it.
//   TSSmartCardCreds ::= SEQUENCE { pin [0] OCTET STRING, cspData [1] TSCspDataDetail,
//                                   userHint [2] OCTET STRING OPTIONAL, domainHint [3] OCTET STRING OPTIONAL }
//   TSCspDataDetail ::= SEQUENCE { keySpec [0] INTEGER, cardName [1] OCTET STRING OPTIONAL, readerName [2] OCTET STRING OPTIONAL,
//                                  containerName [3] OCTET STRING OPTIONAL, cspName [4] OCTET STRING OPTIONAL }
import { DecodeError, utf16le } from '../../../bytes';
import { type ContentParser, type DerNode, readDer, SeqReader, elementField, explicit, integer, octetString, opt, pInt, seq } from '../../../encoding/der';
import type { Field } from '../../../encoding/fields';
import { R } from './constants';
import { pUtf16 } from './tsPasswordCreds';

export interface TsCspDataDetail { keySpec: number; cardName?: string; readerName?: string; containerName?: string; cspName?: string }
export interface TsSmartCardCreds { pin: string; cspData: TsCspDataDetail; userHint?: string; domainHint?: string }

const u16 = (s: string): Uint8Array => octetString(utf16le(s));

export function buildTsCspDataDetail(v: TsCspDataDetail): Uint8Array {
  return seq(explicit(0, integer(v.keySpec)), opt(1, v.cardName, u16), opt(2, v.readerName, u16), opt(3, v.containerName, u16), opt(4, v.cspName, u16));
}

export function buildTsSmartCardCreds(v: TsSmartCardCreds): Uint8Array {
  return seq(explicit(0, u16(v.pin)), explicit(1, buildTsCspDataDetail(v.cspData)), opt(2, v.userHint, u16), opt(3, v.domainHint, u16));
}

const KEY_SPEC: Record<number, string> = { 1: 'AT_KEYEXCHANGE', 2: 'AT_SIGNATURE' };

const pCspDataDetail: ContentParser<TsCspDataDetail> = (b, n) => {
  const s = new SeqReader(b, n, 'TSCspDataDetail', undefined);
  const v: TsCspDataDetail = { keySpec: s.req(0, 'keySpec', pInt(KEY_SPEC), 'which key of the card container: AT_KEYEXCHANGE (1) or AT_SIGNATURE (2)', R.tsCspDataDetail) };
  const cardName = s.opt(1, 'cardName', pUtf16, 'the smart card\'s name', R.tsCspDataDetail);
  const readerName = s.opt(2, 'readerName', pUtf16, 'the card reader\'s name', R.tsCspDataDetail);
  const containerName = s.opt(3, 'containerName', pUtf16, 'the key container on the card', R.tsCspDataDetail);
  const cspName = s.opt(4, 'cspName', pUtf16, 'the cryptographic service provider that drives the card', R.tsCspDataDetail);
  if (cardName !== undefined) v.cardName = cardName;
  if (readerName !== undefined) v.readerName = readerName;
  if (containerName !== undefined) v.containerName = containerName;
  if (cspName !== undefined) v.cspName = cspName;
  return { value: v, children: s.finish(), display: v.cspName ?? v.readerName ?? `keySpec ${v.keySpec}` };
};

export function parseTsSmartCardCredsNode(b: Uint8Array, node: DerNode): { value: TsSmartCardCreds; field: Field } {
  const s = new SeqReader(b, node, 'TSSmartCardCreds', undefined);
  const pin = s.req(0, 'pin', pUtf16, 'the smart card PIN (UTF-16LE)', R.tsSmartCardCreds);
  const cspData = s.req(1, 'cspData', pCspDataDetail, 'where the card\'s private key is (TSCspDataDetail)', R.tsCspDataDetail);
  const v: TsSmartCardCreds = { pin, cspData };
  const userHint = s.opt(2, 'userHint', pUtf16, 'the user name the card should log on', R.tsSmartCardCreds);
  const domainHint = s.opt(3, 'domainHint', pUtf16, 'the domain the card should log on to', R.tsSmartCardCreds);
  if (userHint !== undefined) v.userHint = userHint;
  if (domainHint !== undefined) v.domainHint = domainHint;
  return { value: v, field: elementField('TSSmartCardCreds', [node], { value: v, children: s.finish(), display: `smart card, keySpec ${cspData.keySpec}` }, 'a smart-card credential', R.tsSmartCardCreds) };
}

/** A standalone TSSmartCardCreds (as it sits inside TSCredentials.credentials). */
export function parseTsSmartCardCreds(bytes: Uint8Array): { value: TsSmartCardCreds; fields: Field[] } {
  try {
    const p = parseTsSmartCardCredsNode(bytes, readDer(bytes));
    return { value: p.value, fields: [p.field] };
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`TSSmartCardCreds: ${(e as Error).message}`, 0);
  }
}
