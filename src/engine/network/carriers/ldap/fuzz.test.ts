// Nothing a peer sends breaks the LDAP codec or the Digest directive parsers: random bytes, and
// real messages with bytes flipped or cut, either decode or throw DecodeError (never another error).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecodeError } from '../../../bytes';
import { buildLdapMessage, parseLdapMessage, parseSaslBuffer, type LdapMessage } from '.';
import { parseChallenge, parseResponse, parseAuthInfo, parseSaslChallenge, parseSaslResponse, parseSaslRspauth } from '../../../packages/digest/messages';
import { describe as describeDigest } from '../../../packages/digest/describe';

const SAMPLES: LdapMessage[] = [
  { messageId: 1, op: { op: 'bindRequest', version: 3, name: '', auth: { kind: 'sasl', mechanism: 'GSS-SPNEGO', credentials: new Uint8Array([0x60, 0x03, 0x06, 0x01, 0x00]) } } },
  { messageId: 1, op: { op: 'bindResponse', resultCode: 14, matchedDN: '', diagnosticMessage: '', serverSaslCreds: new TextEncoder().encode('nonce="x",qop="auth"') } },
  { messageId: 2, op: { op: 'searchRequest', baseObject: 'DC=contoso,DC=local', scope: 2, derefAliases: 0, sizeLimit: 0, timeLimit: 120, typesOnly: false, filter: { and: [{ equality: ['objectClass', 'user'] }, { not: { present: 'mail' } }] }, attributes: ['cn'] } },
  { messageId: 2, op: { op: 'searchResEntry', objectName: 'CN=A,DC=x', attributes: [{ type: 'cn', vals: ['A', 'B'] }] } },
  { messageId: 2, op: { op: 'searchResDone', resultCode: 0, matchedDN: '', diagnosticMessage: '' } },
];

function onlyDecodeErrors(f: () => unknown): void {
  try { f(); } catch (e) { if (!(e instanceof DecodeError)) throw e; }
}

describe('LDAP and Digest decoders under fuzzing', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      onlyDecodeErrors(() => parseLdapMessage(b));
      onlyDecodeErrors(() => parseSaslBuffer(b));
      for (const p of [parseChallenge, parseResponse, parseAuthInfo, parseSaslChallenge, parseSaslResponse, parseSaslRspauth]) onlyDecodeErrors(() => p(b));
      onlyDecodeErrors(() => describeDigest(b, { entries: [] }));
    }), { numRuns: 1500 });
  });
  it('real messages with one byte changed or the end cut', () => {
    const wires = SAMPLES.flatMap((m) => [buildLdapMessage(m), buildLdapMessage(m, 'ad')]);
    fc.assert(fc.property(fc.integer({ min: 0, max: wires.length - 1 }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (i, at, v, cut) => {
      const w = wires[i].slice();
      const k = at % w.length;
      const b = cut ? w.subarray(0, k) : (w[k] = v, w);
      onlyDecodeErrors(() => parseLdapMessage(b));
    }), { numRuns: 3000 });
    for (const w of wires) expect(parseLdapMessage(w).msg).toBeTruthy();
  });
});
