// AuthorizationData (RFC 4120 §5.2.6) and the elements Windows puts in it: AD-IF-RELEVANT holding
// the PAC (AD-WIN2K-PAC, MS-PAC) in tickets, and KERB-AD-RESTRICTION-ENTRY, AD-AUTH-DATA-AP-OPTIONS
// and the target name in authenticators (MS-KILE 2.2.5-2.2.9).
import { DecodeError, fromUtf16le, hex, readU32le } from '../../../bytes';
import {
  type DerNode, type Parsed, SeqReader, contentLeaf, elementField, explicit, genericContent, integer, octetString, pInt, pOctets, pSeqOf, readNodes, seq, seqOf, shortHex,
} from '../../../encoding/der';
import { parsePac } from '../pac/pac';
import { type KParser, R } from './common';
import { AD, AD_NAMES } from './constants';
import type { AuthorizationData, AuthorizationDataEntry, ParseOptions } from './types';

export function encAuthorizationData(ad: AuthorizationData): Uint8Array {
  return seqOf(ad.map((e) => seq(explicit(0, integer(e.adType)), explicit(1, octetString(e.adData)))));
}
/** AD-IF-RELEVANT around some elements (the usual wrapper for the PAC). */
export function adIfRelevant(inner: AuthorizationData): AuthorizationDataEntry {
  return { adType: AD.IF_RELEVANT, adData: encAuthorizationData(inner) };
}
/** The authorization data of a Windows ticket: AD-IF-RELEVANT { AD-WIN2K-PAC }. */
export function adWithPac(pac: Uint8Array): AuthorizationData {
  return [adIfRelevant([{ adType: AD.WIN2K_PAC, adData: pac }])];
}
/** How deep AD-IF-RELEVANT / AD-MANDATORY-FOR-KDC may nest (Windows puts the PAC one level down). Deeper is
 *  refused with DecodeError, so that reading authorization data stays linear in its size. */
export const MAX_AD_NESTING = 8;

/** Not caught on the way up: a too-deep nesting fails the whole decode, whatever level reads it. */
class NestingError extends DecodeError {}

function tooDeep(at: number): DecodeError {
  return new NestingError(`AuthorizationData nested more than ${MAX_AD_NESTING} levels deep`, at);
}

/** Find the PAC bytes inside authorization data (looking inside AD-IF-RELEVANT, at most MAX_AD_NESTING levels down). */
export function findPac(ad: AuthorizationData | undefined, depth = 0): Uint8Array | undefined {
  for (const e of ad ?? []) {
    if (e.adType === AD.WIN2K_PAC) return e.adData;
    if (e.adType === AD.IF_RELEVANT) {
      if (depth >= MAX_AD_NESTING) throw tooDeep(0);
      let inner: AuthorizationData;
      try { inner = parseAuthorizationDataValue(e.adData, depth + 1); } catch (err) { if (err instanceof DecodeError && !(err instanceof NestingError)) continue; throw err; }
      const pac = findPac(inner, depth + 1);
      if (pac) return pac;
    }
  }
  return undefined;
}
/** Just the value of DER AuthorizationData bytes (no fields). */
export function parseAuthorizationDataValue(bytes: Uint8Array, depth = 0): AuthorizationData {
  const nodes = readNodes(bytes, 0, bytes.length);
  if (nodes.length !== 1) throw new DecodeError('AuthorizationData: expected one SEQUENCE', 0);
  return pAuthorizationData(bytes, nodes[0], { adDepth: depth }).value;
}

const AP_OPTION_NAMES: Record<number, string> = { 0x4000: 'KERB_AP_OPTIONS_CBT', 0x8000: 'KERB_AP_OPTIONS_UNVERIFIED_TARGET_NAME' };

/** The fields of ad-data's content (the OCTET STRING content [n.headerEnd, n.end)), by ad-type. */
function adDataContent(b: Uint8Array, n: DerNode, adType: number, ctx: ParseOptions): Parsed<Uint8Array> {
  const value = b.subarray(n.headerEnd, n.end);
  const raw = (display: string, explain: string): Parsed<Uint8Array> => ({ value, display, children: contentLeaf(n, 'value', display, explain) });
  if (value.length === 0) return raw('', 'empty');
  const nests = adType === AD.IF_RELEVANT || adType === AD.KDC_ISSUED || adType === AD.AND_OR || adType === AD.MANDATORY_FOR_KDC;
  const depth = (ctx.adDepth ?? 0) + (nests ? 1 : 0);
  if (depth > MAX_AD_NESTING) throw tooDeep(n.start);
  ctx = { ...ctx, adDepth: depth };
  try {
    switch (adType) {
      case AD.IF_RELEVANT:
      case AD.KDC_ISSUED:
      case AD.AND_OR:
      case AD.MANDATORY_FOR_KDC: {
        const kids = readNodes(b, n.headerEnd, n.end);
        if (kids.length !== 1) break;
        if (adType === AD.IF_RELEVANT || adType === AD.MANDATORY_FOR_KDC) {
          const p = pAuthorizationData(b, kids[0], ctx);
          return { value, display: p.display, children: [elementField('AuthorizationData', [kids[0]], p, 'the elements inside', R.ad)] };
        }
        const g = genericContent(b, kids[0]);
        return { value, display: g.display, children: [elementField(AD_NAMES[adType], [kids[0]], g, 'the wrapped structure', R.ad)] };
      }
      case AD.WIN2K_PAC: {
        const pac = parsePac(b, n.headerEnd, n.end);
        return { value, display: pac.display, children: pac.fields, extra: { layer: 'PAC' } };
      }
      case AD.AP_OPTIONS: {
        const v = readU32le(value, 0);
        const names = Object.entries(AP_OPTION_NAMES).filter(([m]) => v & Number(m)).map(([, s]) => s);
        const display = `0x${v.toString(16).padStart(8, '0')}${names.length ? ` (${names.join(', ')})` : ''}`;
        return raw(display, 'little-endian flags: KERB_AP_OPTIONS_CBT means the client supports channel binding');
      }
      case AD.TARGET_PRINCIPAL: {
        const s = fromUtf16le(value);
        return raw(s, 'the service name the client asked for, UTF-16LE');
      }
      case AD.RESTRICTION_ENTRY: {
        const kids = readNodes(b, n.headerEnd, n.end);
        if (kids.length !== 1) break;
        const p = pRestrictionEntries(b, kids[0], ctx);
        return { value, display: p.display, children: [elementField('KERB-AD-RESTRICTION-ENTRY', [kids[0]], p, 'restrictions on the client\'s token (integrity level, UAC)', 'MS-KILE 2.2.6')] };
      }
    }
  } catch (e) {
    if (!(e instanceof DecodeError) || e instanceof NestingError) throw e;
  }
  return raw(shortHex(value), `${AD_NAMES[adType] ?? 'authorization data'} bytes`);
}

const pRestrictionEntries: KParser<null> = (b, n, ctx) => {
  const list = pSeqOf<null, ParseOptions>((bb, nn, c) => {
    const s = new SeqReader(bb, nn, 'KERB-AD-RESTRICTION-ENTRY', c);
    const type = s.req(0, 'restriction-type', pInt({ 0: 'LSAP_TOKEN_INFO_INTEGRITY' }), 'the kind of restriction (0: token integrity)', 'MS-KILE 2.2.6');
    s.req(1, 'restriction', (b3, n3) => {
      const v = b3.subarray(n3.headerEnd, n3.end);
      if (type === 0 && v.length === 40) {
        const flags = readU32le(v, 0);
        const il = readU32le(v, 4);
        const o = n3.headerEnd;
        const ilName: Record<number, string> = { 0x1000: 'low', 0x2000: 'medium', 0x3000: 'high', 0x4000: 'system' };
        return {
          value: null, display: `integrity ${ilName[il] ?? il}${flags & 1 ? ', UAC-restricted' : ''}`, children: [
            { name: 'Flags', start: o, end: o + 4, value: `0x${flags.toString(16)}${flags & 1 ? ' (UAC restricted token)' : ' (full token)'}`, explain: '1: the token is a UAC-restricted (filtered) token', ref: 'MS-KILE 2.2.7' },
            { name: 'TokenIL', start: o + 4, end: o + 8, value: `0x${il.toString(16)} (${ilName[il] ?? 'other'})`, explain: 'the integrity level of the client\'s token', ref: 'MS-KILE 2.2.7' },
            { name: 'MachineID', start: o + 8, end: o + 40, value: hex(v.subarray(8)), explain: 'a random ID of the client machine (the server can tell a loopback logon)', ref: 'MS-KILE 2.2.7' },
          ],
        };
      }
      return pOctets(b3, n3, c);
    }, 'the restriction data', 'MS-KILE 2.2.6');
    return { value: null, children: s.finish(), display: type === 0 ? 'LSAP_TOKEN_INFO_INTEGRITY' : String(type) };
  }, (i) => `entry[${i}]`, 'one restriction', 'MS-KILE 2.2.6')(b, n, ctx);
  return { value: null, children: list.children, display: list.display };
};

const pAdEntry: KParser<AuthorizationDataEntry> = (b, n, ctx) => {
  const s = new SeqReader(b, n, 'AuthorizationData element', ctx);
  const adType = s.req(0, 'ad-type', pInt(AD_NAMES), 'what kind of authorization data this is', R.ad);
  const adData = s.req(1, 'ad-data', (bb, nn) => {
    if (nn.tagClass !== 0 || nn.tagNumber !== 4 || nn.constructed) throw new DecodeError('ad-data must be an OCTET STRING', nn.start);
    return adDataContent(bb, nn, adType, ctx);
  }, adType === AD.WIN2K_PAC ? 'the PAC: the user\'s SIDs and groups, signed by the KDC' : 'the element\'s data', adType === AD.WIN2K_PAC ? 'MS-PAC 2.3' : R.ad);
  return { value: { adType, adData }, children: s.finish(), display: AD_NAMES[adType] ?? String(adType) };
};

export const pAuthorizationData: KParser<AuthorizationData> = pSeqOf(pAdEntry, (_i, v) => AD_NAMES[v.adType] ?? `ad-type ${v.adType}`,
  'one authorization data element', R.ad, (vs) => vs.map((v) => AD_NAMES[v.adType] ?? v.adType).join(', '));
