// The challenge responses inside the AUTHENTICATE_MESSAGE: NTLMv2_RESPONSE with its client
// challenge blob (MS-NLMP 2.2.2.7/2.2.2.8), the 24-byte NTLM v1 response (2.2.2.6) and the LM
// responses (2.2.2.3 LM_RESPONSE, 2.2.2.4 LMv2_RESPONSE).
import { DecodeError, equal, hex, readU16le, readU32le } from '../../../bytes';
import { field, group, type Field } from '../../../encoding/fields';
import { fromFiletime } from '../crypto';
import { parseAvPairs, type AvPair } from './avPairs';

export interface Ntlmv2Blob {
  ntProofStr: Uint8Array;
  respType: number;
  hiRespType: number;
  timestamp: Uint8Array;
  clientChallenge: Uint8Array;
  avPairs: AvPair[];
  /** The blob ("temp") that follows NTProofStr: what the HMAC covers after the server challenge. */
  temp: Uint8Array;
}

export const NTPROOFSTR_EXPLAIN = 'NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge || blob), where NTOWFv2 = HMAC_MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPERCASE(user) + domain)) and the blob is the plaintext that follows: whoever knows the password (the server, or the DC) recomputes it and compares.';

/** Parse an NTLMv2_RESPONSE at [o, o+len) of `b`; `fields` are absolute offsets into `b`. */
export function parseNtlmv2Response(b: Uint8Array, o: number, len: number): { blob: Ntlmv2Blob; fields: Field[] } {
  const end = o + len;
  if (len < 16 + 28 + 4) throw new DecodeError('an NTLMv2 response is at least 48 bytes', o);
  const c = o + 16;
  const ref = 'MS-NLMP 2.2.2.7';
  const av = parseAvPairs(b, c + 28, end, ref);
  const blob: Ntlmv2Blob = {
    ntProofStr: b.slice(o, o + 16),
    respType: b[c],
    hiRespType: b[c + 1],
    timestamp: b.slice(c + 8, c + 16),
    clientChallenge: b.slice(c + 16, c + 24),
    avPairs: av.pairs,
    temp: b.slice(c, end),
  };
  const t = fromFiletime(blob.timestamp);
  const tText = Number.isNaN(t.getTime()) ? hex(blob.timestamp) : t.toISOString();
  const inner: Field[] = [
    field('RespType', c, c + 1, 'Version of the response format; always 1.', b[c], ref),
    field('HiRespType', c + 1, c + 2, 'Highest response version the client supports; always 1.', b[c + 1], ref),
    field('Reserved1', c + 2, c + 4, 'Reserved, zero.', readU16le(b, c + 2), ref),
    field('Reserved2', c + 4, c + 8, 'Reserved, zero.', readU32le(b, c + 4), ref),
    field('TimeStamp', c + 8, c + 16, 'The time the response was made (FILETIME); Windows copies the server\'s MsvAvTimestamp, so the server can reject an old answer.', tText, ref),
    field('ChallengeFromClient', c + 16, c + 24, 'An 8-byte random number from the client, so the answer differs even for the same server challenge.', hex(blob.clientChallenge), ref),
    field('Reserved3', c + 24, c + 28, 'Reserved, zero.', readU32le(b, c + 24), ref),
    group('AvPairs', 'The server\'s TargetInfo as the client received it, plus what the client adds: MsvAvFlags, channel bindings, the target SPN. The hash covers them, so they cannot be changed on the way.', av.fields, { value: `${av.pairs.length} pairs`, ref: 'MS-NLMP 2.2.2.1' }),
  ];
  if (av.end < end) inner.push(field('Padding', av.end, end, 'Zero bytes after the AV pair list (Z(4) in the spec\'s temp); covered by the hash.', `${end - av.end} bytes`, 'MS-NLMP 3.3.2'));
  const fields = [
    field('NTProofStr', o, o + 16, NTPROOFSTR_EXPLAIN, hex(blob.ntProofStr), 'MS-NLMP 3.3.2'),
    group('NTLMv2_CLIENT_CHALLENGE (blob)', 'The client\'s part of the challenge, in plaintext: version, timestamp, client challenge and AV pairs. It is not encrypted; it is what NTProofStr signs.', inner, { ref }),
  ];
  return { blob, fields };
}

export type ResponseKind = 'NTLMv2' | 'NTLMv1' | 'NTLMv1-ESS' | 'anonymous';

export function responseKind(ntLen: number, lm: Uint8Array, ess: boolean): ResponseKind {
  if (ntLen === 0) return 'anonymous';
  if (ntLen > 24) return 'NTLMv2';
  if (ess && lm.length === 24 && lm.slice(8).every((x) => x === 0)) return 'NTLMv1-ESS';
  return 'NTLMv1';
}

export function lmResponseField(lm: Uint8Array, o: number, kind: ResponseKind, nt: Uint8Array | null): Field {
  const e = o + lm.length;
  if (lm.length === 1 && lm[0] === 0) return field('LmChallengeResponse', o, e, 'A single zero byte: the LM response of an anonymous logon.', '00', 'MS-NLMP 3.3.1');
  if (lm.length !== 24) return field('LmChallengeResponse', o, e, 'The LM response (unexpected length).', hex(lm), 'MS-NLMP 2.2.2.3');
  if (lm.every((x) => x === 0)) return field('LmChallengeResponse', o, e, 'Twenty-four zero bytes: with NTLMv2 and a server timestamp, Windows sends no real LM response.', hex(lm), 'MS-NLMP 3.1.5.1.2');
  if (kind === 'NTLMv2') {
    return group('LmChallengeResponse (LMv2_RESPONSE)', 'The LMv2 response: HMAC_MD5(NTOWFv2, ServerChallenge || ClientChallenge) then the client challenge.', [
      field('Response', o, o + 16, 'HMAC_MD5(NTOWFv2, ServerChallenge || ChallengeFromClient).', hex(lm.slice(0, 16)), 'MS-NLMP 2.2.2.4'),
      field('ChallengeFromClient', o + 16, e, 'The client\'s 8-byte random challenge.', hex(lm.slice(16)), 'MS-NLMP 2.2.2.4'),
    ], { ref: 'MS-NLMP 2.2.2.4' });
  }
  if (kind === 'NTLMv1-ESS') {
    return group('LmChallengeResponse', 'With extended session security (NTLM2 session response) this carries the client challenge, then 16 zero bytes.', [
      field('ClientChallenge', o, o + 8, 'The client\'s 8-byte random challenge, mixed with the server\'s: MD5(ServerChallenge || ClientChallenge).', hex(lm.slice(0, 8)), 'MS-NLMP 3.3.1'),
      field('Z(16)', o + 8, e, 'Sixteen zero bytes.', hex(lm.slice(8)), 'MS-NLMP 3.3.1'),
    ], { ref: 'MS-NLMP 3.3.1' });
  }
  if (nt && equal(nt, lm)) return field('LmChallengeResponse', o, e, 'A copy of the NT response (NoLMResponseNTLMv1: the client does not send an LM hash response).', hex(lm), 'MS-NLMP 3.3.1');
  return field('LmChallengeResponse', o, e, 'The LM response: DESL(LMOWFv1, ServerChallenge), three DES encryptions keyed by the weak LM hash.', hex(lm), 'MS-NLMP 2.2.2.3');
}

export function ntV1Field(nt: Uint8Array, o: number, kind: ResponseKind): Field {
  const how = kind === 'NTLMv1-ESS'
    ? 'DESL(NTOWFv1, MD5(ServerChallenge || ClientChallenge)[0..7]): the NTLM2 session response'
    : 'DESL(NTOWFv1, ServerChallenge): three DES encryptions of the challenge keyed by the NT hash';
  return field('NtChallengeResponse (NTLM v1)', o, o + nt.length, `The 24-byte NTLM v1 response, ${how}.`, hex(nt), 'MS-NLMP 2.2.2.6');
}
