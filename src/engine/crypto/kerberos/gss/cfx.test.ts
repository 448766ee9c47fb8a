// RFC 4121 tokens against tokens other implementations produced with known keys:
// - gokrb5 v8/gssapi MICToken_test.go / wrapToken_test.go (aes128 session key, integrity-only Wrap)
// - impacket GSS_GetMIC / GSS_Wrap ground truth (aes256 subkey 00..1f), as quoted in a Rust KDC's tests
// - a Windows DCE-style sealed Wrap (aes256, EC 12, RRC 28, rotation RRC+EC) from minikerberos' gssapi test
import { describe, expect, it } from 'vitest';
import { fromHex, hex, utf8, concat } from '../../../bytes.ts';
import { uncovered } from '../../../encoding/fields.ts';
import { KerberosIntegrityError } from '../constants.ts';
import { buildCfxMic, buildCfxWrap, parseCfxMic, parseCfxWrap, unwrapCfx, verifyCfxMic } from './cfx.ts';

const GOKRB5_KEY = fromHex('14f9bde6b50ec508201a97f74c4e5bd3'); // etype 17
const SUBKEY_0_31 = Uint8Array.from({ length: 32 }, (_, i) => i); // etype 18
// impacket's GSS_GetMIC pads its input to a multiple of 4 with the pad length (DCE/RPC habit): 'hello' + 03 03 03
const IMPACKET_HELLO = concat(utf8('hello'), fromHex('030303'));

describe('RFC 4121 MIC tokens', () => {
  const cases = [
    { src: 'gokrb5 acceptor', etype: 17, key: GOKRB5_KEY, msg: fromHex('deadbeef'), token: '040401ffffffffff00000000575e85d6c34d12ba3e5b1b1310cd9cb3', acc: true, sub: false, seq: 0x575e85d6n },
    { src: 'gokrb5 initiator', etype: 17, key: GOKRB5_KEY, msg: fromHex('deadbeef'), token: '040400ffffffffff00000000000000009649ca09d2f1bc51ff6e5ca3', acc: false, sub: false, seq: 0n },
    { src: 'impacket seq 0', etype: 18, key: SUBKEY_0_31, msg: IMPACKET_HELLO, token: '040404ffffffffff00000000000000009aa448c5ab6619738aed7aa3', acc: false, sub: true, seq: 0n },
    { src: 'impacket seq 1', etype: 18, key: SUBKEY_0_31, msg: IMPACKET_HELLO, token: '040404ffffffffff00000000000000019e66c0a6a82b4dfff2def54d', acc: false, sub: true, seq: 1n },
    { src: 'impacket seq 2', etype: 18, key: SUBKEY_0_31, msg: IMPACKET_HELLO, token: '040404ffffffffff0000000000000002058f63d67ae0abf837e747b5', acc: false, sub: true, seq: 2n },
  ];
  it('exercises 5 published MIC tokens', () => expect(cases.length).toBe(5));
  for (const c of cases) {
    it(`${c.src}: builds byte-exact, parses, verifies`, () => {
      expect(hex(buildCfxMic({ etype: c.etype, key: c.key, sentByAcceptor: c.acc, acceptorSubkey: c.sub, seq: c.seq, message: c.msg }))).toBe(c.token);
      const t = verifyCfxMic(c.etype, c.key, fromHex(c.token), c.msg);
      expect([t.sentByAcceptor, t.acceptorSubkey, t.seq]).toEqual([c.acc, c.sub, c.seq]);
      expect(uncovered(parseCfxMic(fromHex(c.token)).fields, fromHex(c.token).length)).toEqual([]);
      expect(() => verifyCfxMic(c.etype, c.key, fromHex(c.token), utf8('tampered'))).toThrow(KerberosIntegrityError);
      const flipped = fromHex(c.token); flipped[2] ^= 0x01; // claim the other direction: other key usage
      expect(() => verifyCfxMic(c.etype, c.key, flipped, c.msg)).toThrow(/does not verify/);
    });
  }
});

describe('RFC 4121 Wrap tokens, integrity only (gokrb5)', () => {
  const cases = [
    { token: '050401ff000c000000000000575e85d601010000853b728d5268525a1386c19f', acc: true, seq: 0x575e85d6n },
    { token: '050400ff000c0000000000000000000001010000' + '79a033510b6f127212242b97', acc: false, seq: 0n },
  ];
  for (const c of cases) {
    it(`${c.acc ? 'acceptor' : 'initiator'} token`, () => {
      const out = buildCfxWrap({ etype: 17, key: GOKRB5_KEY, sentByAcceptor: c.acc, acceptorSubkey: false, seq: c.seq, message: fromHex('01010000'), confidential: false });
      expect(hex(out.token)).toBe(c.token);
      const u = unwrapCfx(17, GOKRB5_KEY, fromHex(c.token));
      expect(hex(u.message)).toBe('01010000');
      expect(u.token.ec).toBe(12);
      expect(uncovered(u.token.fields, 32)).toEqual([]);
      const bad = fromHex(c.token); bad[17] ^= 1;
      expect(() => unwrapCfx(17, GOKRB5_KEY, bad)).toThrow(KerberosIntegrityError);
      expect(() => unwrapCfx(17, fromHex('14f9bde6b50ec508201a97f74c4effff'), fromHex(c.token))).toThrow(/does not verify/);
    });
  }
});

describe('RFC 4121 Wrap tokens, sealed, Windows DCE style (rotation RRC+EC)', () => {
  it('impacket GSS_Wrap (aes256 subkey 00..1f, seq 0): unwraps and re-wraps byte for byte', () => {
    const signature = fromHex('050406ff000c001c0000000000000000f94e5ae8af1c914e16a2d758e458ad80618986bbf42fb83b4091214ee903bcbda88c380b98611540dbe13562fdcd48cff3f69a0788a4c001');
    const sealed = fromHex('adb513385a3c38fc4b7d9b93c9d1674a6546c47f');
    const token = concat(signature, sealed);
    const u = unwrapCfx(18, SUBKEY_0_31, token, { dceStyle: true });
    expect(new TextDecoder().decode(u.message)).toBe('magnetite drs stub!!');
    expect([u.token.ec, u.token.rrc, u.token.sealed, u.token.acceptorSubkey, u.token.sentByAcceptor]).toEqual([12, 28, true, true, false]);
    const filler = u.token.fields.find((f) => f.decrypted)!.decrypted!.fields.find((f) => f.name === 'Filler')!;
    const again = buildCfxWrap({ etype: 18, key: SUBKEY_0_31, sentByAcceptor: false, acceptorSubkey: true, seq: 0, message: u.message, confidential: true, confounder: u.confounder!, ec: 12, rrc: 28, dceStyle: true, fillerByte: parseInt(filler.value!.slice(0, 2), 16) });
    expect(hex(again.token)).toBe(hex(token));
    expect(hex(again.signature!)).toBe(hex(signature));
    expect(hex(again.data!)).toBe(hex(sealed));
    expect(uncovered(u.token.fields, token.length)).toEqual([]);
    const d = u.token.fields.find((f) => f.decrypted)!.decrypted!;
    expect(uncovered(d.fields, fromHex(d.hex).length)).toEqual([]);
    expect(() => unwrapCfx(18, SUBKEY_0_31, token)).toThrow(KerberosIntegrityError); // wrong rotation → wrong bytes
  });

  it('Windows-produced token (minikerberos gssapi test, aes256): unwraps and re-wraps byte for byte', () => {
    const key = fromHex('3e242e91996aadd513ecb1bc2369e44183e08e08c51550fa4b681e77f75ed8e1');
    const data = fromHex('810e00001a204de2d64fd111a3da0000f875ae0d1c4500003400000034000000008040050000000000000000000000000000000000000000000000000000000000000000000000000000000000000000ffffffff');
    const ret1 = fromHex('4ae025fa2a9c337c75c024d9d8f0186c75a4a9060e2a40a9ad024317bf5df6a86cb4a764a9ca36843f8fa4f99c03e2bde46f5a29aafc83dacdf9f0a5677446b5d910417142dc7b7ba7ded76cddc4acf9bf7ed440');
    const ret2 = fromHex('050406ff000c001c000000000000000008cb9850e5701f2f9285dad6463ca8d0e365d4f1700f3d054e242ebcde2f3146ddd411a627af74860880ed78d6196dde3f3fb23eeea650bc');
    const token = concat(ret2, ret1);
    const u = unwrapCfx(18, key, token, { dceStyle: true });
    expect(hex(u.message)).toBe(hex(data));
    const again = buildCfxWrap({ etype: 18, key, sentByAcceptor: false, acceptorSubkey: true, seq: 0, message: data, confidential: true, confounder: u.confounder!, ec: 12, rrc: 28, dceStyle: true, fillerByte: 0xff });
    expect(hex(again.signature!)).toBe(hex(ret2));
    expect(hex(again.data!)).toBe(hex(ret1));
  });

  it('round-trips RFC-style (rotation RRC only) in both directions and rejects the other direction', () => {
    const conf = fromHex('000102030405060708090a0b0c0d0e0f');
    for (const acc of [false, true]) {
      const w = buildCfxWrap({ etype: 17, key: GOKRB5_KEY, sentByAcceptor: acc, acceptorSubkey: true, seq: 7, message: utf8('hello world'), confidential: true, confounder: conf, ec: 0, rrc: 28 });
      expect(new TextDecoder().decode(unwrapCfx(17, GOKRB5_KEY, w.token).message)).toBe('hello world');
      expect(uncovered(parseCfxWrap(w.token, { etype: 17 }).fields, w.token.length)).toEqual([]);
      const flipped = w.token.slice(); flipped[2] ^= 1;
      expect(() => unwrapCfx(17, GOKRB5_KEY, flipped)).toThrow(KerberosIntegrityError);
    }
  });
});
