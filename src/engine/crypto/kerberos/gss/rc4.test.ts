// RFC 4757 §7 tokens against tokens produced elsewhere with known keys:
// - MS-KILE §4.5 "GSS_WrapEx with RC4-HMAC" example (session key 81a2cb90…, sequence 0x60cbacd3), as
//   transcribed in the Kerberos.NET-based Opc.Classic tests
// - pyNfsClient's deterministic rc4 tokens (key 00..0f, sequence 0x01020304, confounder "abcdefgh")
// - go-msrpc's DCE-style Wrap known answer (key a3cf582b…, sequence 0, confounder "AAAAAAAA")
import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex, utf8 } from '../../../bytes.ts';
import { uncovered } from '../../../encoding/fields.ts';
import { KerberosIntegrityError } from '../constants.ts';
import { buildRc4Mic, buildRc4Wrap, parseRc4Mic, parseRc4Wrap, unwrapRc4, verifyRc4Mic } from './rc4.ts';

const KEY_0_15 = Uint8Array.from({ length: 16 }, (_, i) => i);

describe('RFC 4757 MIC token', () => {
  const token = fromHex('602306092a864886f71201020201011100ffffffffaef216d6c919accbae863ad4c3bf1160');
  it('pyNfsClient: builds byte-exact and verifies', () => {
    expect(hex(buildRc4Mic({ key: KEY_0_15, seq: 0x01020304, sentByAcceptor: false, message: utf8('hello') }))).toBe(hex(token));
    const v = verifyRc4Mic(KEY_0_15, token, utf8('hello'));
    expect([v.seq, v.sentByAcceptor]).toEqual([0x01020304, false]);
    expect(uncovered(parseRc4Mic(token).fields, token.length)).toEqual([]);
    expect(() => verifyRc4Mic(KEY_0_15, token, utf8('hellO'))).toThrow(KerberosIntegrityError);
  });
  it('an acceptor MIC carries FFFFFFFF direction bytes', () => {
    const t = buildRc4Mic({ key: KEY_0_15, seq: 9, sentByAcceptor: true, message: utf8('x') });
    expect(verifyRc4Mic(KEY_0_15, t, utf8('x'))).toMatchObject({ seq: 9, sentByAcceptor: true });
  });
});

describe('RFC 4757 Wrap token', () => {
  it('MS-KILE 4.5 example: unwraps to 112233…ff and re-wraps byte for byte', () => {
    const key = fromHex('81a2cb90af7fc2d19554a150d8185359');
    const token = fromHex('603b06092a864886f712010202020111001000ffffe29e8bbc6348e740ebaa619244a156a13b5cf65e3c21b9aa' + '8ed63f0ac83815335b72e293bae1f660');
    const u = unwrapRc4(key, token);
    expect(hex(u.message)).toBe('112233445566778899aabbccddeeff');
    expect([u.seq, u.sentByAcceptor, u.token.sealed, u.token.dceStyle]).toEqual([0x60cbacd3, false, true, false]);
    const again = buildRc4Wrap({ key, seq: u.seq, sentByAcceptor: false, message: u.message, confidential: true, confounder: u.confounder });
    expect(hex(again.token)).toBe(hex(token));
    expect(uncovered(u.token.fields, token.length)).toEqual([]);
    const d = u.token.fields.flatMap((f) => f.children ?? []).find((f) => f.decrypted)!.decrypted!;
    expect(uncovered(d.fields, fromHex(d.hex).length)).toEqual([]);
    const bad = token.slice(); bad[bad.length - 3] ^= 1;
    expect(() => unwrapRc4(key, bad)).toThrow(KerberosIntegrityError);
  });

  it('pyNfsClient sealed and integrity-only tokens', () => {
    const sealed = '603106092a864886f712010202020111001000fffffa3876cd26b9d3b1efee66a29285056322448579d9593f62477e1899e1cf';
    const clear = '603106092a864886f71201020202011100ffffffff6b9b6fbb489e0eca2e7107a9c861d6d6616263646566676868656c6c6f01';
    for (const [confidential, want] of [[true, sealed], [false, clear]] as const) {
      const t = buildRc4Wrap({ key: KEY_0_15, seq: 0x01020304, sentByAcceptor: false, message: utf8('hello'), confidential, confounder: utf8('abcdefgh') });
      expect(hex(t.token)).toBe(want);
      const u = unwrapRc4(KEY_0_15, fromHex(want));
      expect(new TextDecoder().decode(u.message)).toBe('hello');
      expect(hex(u.confounder)).toBe(hex(utf8('abcdefgh')));
      expect(uncovered(parseRc4Wrap(fromHex(want)).fields, fromHex(want).length)).toEqual([]);
    }
  });

  it('go-msrpc DCE-style known answer (no padding, framing length without the data)', () => {
    const key = fromHex('a3cf582b95eeb0afef5ffdddd0483fa5');
    const stub = fromHex('000000000000000000000000010000000000000000000000000000000000000000000000f4010000');
    const out = buildRc4Wrap({ key, seq: 0, sentByAcceptor: false, message: stub, confidential: true, confounder: utf8('AAAAAAAA'), dceStyle: true });
    expect(hex(out.data!)).toBe('f5765e7498c679dbfa35a1309aa9eb37a08575ed260257639431c934622d80a2213c5bc983932d45');
    expect(hex(out.signature!)).toBe('602b06092a864886f712010202020111001000ffffd39e4030ef161206c2565dc64be78aac82d5080060625f0e');
    const u = unwrapRc4(key, out.token);
    expect(hex(u.message)).toBe(hex(stub));
    expect(u.token.dceStyle).toBe(true);
    expect(uncovered(u.token.fields, out.token.length)).toEqual([]);
  });

  it('an acceptor Wrap round-trips and a wrong key fails', () => {
    const t = buildRc4Wrap({ key: KEY_0_15, seq: 5, sentByAcceptor: true, message: concat(utf8('reply')), confidential: true, confounder: new Uint8Array(8) });
    expect(unwrapRc4(KEY_0_15, t.token)).toMatchObject({ seq: 5, sentByAcceptor: true });
    expect(() => unwrapRc4(new Uint8Array(16).fill(7), t.token)).toThrow(KerberosIntegrityError);
  });
});
