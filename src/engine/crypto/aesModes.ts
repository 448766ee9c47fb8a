// AES-GCM and AES-CBC (no padding) with each key's state (the expanded key schedules, and for GCM the hash
// subkey H and its GHASH table) set up once per run and per key, as a TLS connection or a Kerberos context
// keeps them, instead of on every record or token. The block cipher is StableLib's AES: its four 1 KB
// tables stay in the CPU cache between a run's many small calls, where noble's 256 KB tables missed on
// almost every lookup (several times slower in a run, though not in a tight loop). GHASH is noble's. The
// bytes are noble's gcm() and cbc() ones: aesModes.test.ts checks both directions and the NIST vectors.
import { AES } from '@stablelib/aes';
import { cbc, gcm } from '@noble/ciphers/aes.js';
import { GHASH } from '@noble/ciphers/_polyval.js';
import { hex } from '../bytes';
import { perRun } from '../runScope';

/** GHASH whose accumulator can be cleared, so one key's table serves every message of a run. */
class ReusableGhash extends GHASH {
  reset(): this {
    this.s0 = 0; this.s1 = 0; this.s2 = 0; this.s3 = 0;
    this.finished = false;
    return this;
  }
}

interface KeyState { aes: AES; ghash?: ReusableGhash; tagBuf?: Uint8Array }
const states = perRun(new Map<string, KeyState>());
const MAX_STATES = 256;


function stateOf(key: Uint8Array): KeyState {
  const k = hex(key);
  let s = states.get(k);
  if (!s) {
    if (states.size >= MAX_STATES) states.clear();
    s = { aes: new AES(key) };
    states.set(k, s);
  }
  return s;
}

/** AES-CBC encryption of whole blocks (no padding). */
export function cbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 16 !== 0 || iv.length !== 16) return cbc(key, iv, { disablePadding: true }).encrypt(data);
  const { aes } = stateOf(key);
  const out = new Uint8Array(data.length);
  const x = new Uint8Array(16);
  let prev: Uint8Array = iv;
  for (let o = 0; o < data.length; o += 16) {
    for (let i = 0; i < 16; i++) x[i] = data[o + i] ^ prev[i];
    const c = out.subarray(o, o + 16);
    aes.encryptBlock(x, c);
    prev = c;
  }
  return out;
}

/** AES-CBC decryption of whole blocks (no padding). */
export function cbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 16 !== 0 || iv.length !== 16) return cbc(key, iv, { disablePadding: true }).decrypt(data);
  const { aes } = stateOf(key);
  const out = new Uint8Array(data.length);
  const x = new Uint8Array(16);
  let prev: Uint8Array = iv;
  for (let o = 0; o < data.length; o += 16) {
    const c = data.subarray(o, o + 16);
    aes.decryptBlock(c, x);
    for (let i = 0; i < 16; i++) out[o + i] = x[i] ^ prev[i];
    prev = c;
  }
  return out;
}

const ZERO16 = new Uint8Array(16);

/** CTR with a 32-bit big-endian counter in the last four bytes (GCTR, SP 800-38D §6.5); advances `counter`. */
function ctr32(aes: AES, counter: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  const ks = new Uint8Array(16);
  for (let o = 0; o < data.length; o += 16) {
    aes.encryptBlock(counter, ks);
    const n = Math.min(16, data.length - o);
    for (let i = 0; i < n; i++) out[o + i] = data[o + i] ^ ks[i];
    for (let i = 15; i >= 12; i--) { counter[i] = (counter[i] + 1) & 0xff; if (counter[i] !== 0) break; }
  }
  return out;
}

function gcmParts(key: Uint8Array, nonce: Uint8Array): { s: KeyState; counter: Uint8Array; tagMask: Uint8Array } {
  const s = stateOf(key);
  if (!s.ghash) {
    const h = new Uint8Array(16);
    s.aes.encryptBlock(ZERO16, h); // H = E_K(0^128)
    s.ghash = new ReusableGhash(h, 2048);
    s.tagBuf = new Uint8Array(16);
  }
  const counter = new Uint8Array(16);
  counter.set(nonce);
  counter[15] = 1; // J0 = nonce || 0^31 || 1 (96-bit nonce)
  const tagMask = new Uint8Array(16);
  s.aes.encryptBlock(counter, tagMask); // E_K(J0)
  counter[15] = 2; // inc32(J0)
  return { s, counter, tagMask };
}
function tagOf(s: KeyState, tagMask: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array {
  const g = s.ghash!.reset();
  if (aad.length) g.update(aad);
  if (ct.length) g.update(ct);
  const lens = new Uint8Array(16);
  const dv = new DataView(lens.buffer);
  dv.setBigUint64(0, BigInt(aad.length * 8));
  dv.setBigUint64(8, BigInt(ct.length * 8));
  g.update(lens);
  const tag = s.tagBuf!;
  g.digestInto(tag);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = tag[i] ^ tagMask[i];
  return out;
}

/** AES-GCM with a 96-bit nonce: ciphertext || 16-byte tag, as gcm(key, nonce, aad).encrypt(plaintext). */
export function gcmEncrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (nonce.length !== 12) return gcm(key, nonce, aad).encrypt(plaintext);
  const { s, counter, tagMask } = gcmParts(key, nonce);
  const out = new Uint8Array(plaintext.length + 16);
  const ct = ctr32(s.aes, counter, plaintext);
  out.set(ct);
  out.set(tagOf(s, tagMask, aad, ct), plaintext.length);
  return out;
}

/** AES-GCM decryption; throws when the tag does not verify, as gcm(key, nonce, aad).decrypt does. */
export function gcmDecrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (nonce.length !== 12) return gcm(key, nonce, aad).decrypt(sealed);
  if (sealed.length < 16) throw new Error('aes/gcm: ciphertext shorter than its tag');
  const { s, counter, tagMask } = gcmParts(key, nonce);
  const ct = sealed.subarray(0, sealed.length - 16);
  const tag = tagOf(s, tagMask, aad, ct);
  let d = 0;
  for (let i = 0; i < 16; i++) d |= tag[i] ^ sealed[sealed.length - 16 + i];
  if (d !== 0) throw new Error('aes/gcm: invalid ghash tag');
  return ctr32(s.aes, counter, ct);
}
