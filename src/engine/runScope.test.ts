// The per-run memos must never hand back a stale answer: the same buffer changed in place, or a ciphertext
// changed in its middle, is decoded or decrypted again (and fails when it should).
import { describe, expect, it } from 'vitest';
import { beginRun } from './runScope';
import { readDer } from './encoding/der/reader';
import { seq, integer, octetString } from './encoding/der/writer';
import { decryptDetailed, encrypt } from './crypto/kerberos';
import { seededRng } from './rng';

describe('per-run memos and changed bytes', () => {
  it('readDer: a buffer changed in place is read again, and a broken one throws', () => {
    beginRun();
    const b = seq(integer(5), octetString(new Uint8Array([1, 2, 3])));
    const first = readDer(b);
    expect(first.children?.length).toBe(2);
    b[2] = 0x04; // INTEGER → OCTET STRING tag
    expect(readDer(b).children?.[0].tagNumber).toBe(4);
    b[1] = 0x7f; // length past the end
    expect(() => readDer(b)).toThrow();
  });
  it('Kerberos decryption: a ciphertext changed in the middle fails after the original decrypted', () => {
    beginRun();
    const rng = seededRng(7, 'run-scope-test');
    const key = rng.bytes(32);
    const plain = rng.bytes(200);
    const c = encrypt(18, key, 2, plain, rng.bytes(16));
    expect(decryptDetailed(18, key, 2, c).plaintext).toEqual(plain);
    const bad = c.slice();
    bad[100] ^= 1;
    expect(() => decryptDetailed(18, key, 2, bad)).toThrow(/integrity/);
    // The original still opens, from the memo or not.
    expect(decryptDetailed(18, key, 2, c).plaintext).toEqual(plain);
  });
});
