// TLS 1.2 PRF / key block / Finished / GCM records against test-data/fidelity/vectors/tls12-prf.json,
// and the TLS 1.3 key schedule, Finished and records against RFC 8448 (rfc8448-tls13.json).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { x25519 } from '@noble/curves/ed25519.js';
import { fromHex, hex, utf8 } from '../../../bytes';
import { pHash, prf10, masterSecret, keyBlock, HASHES, type HashName } from '../crypto/prf';
import { hkdfExtract, hkdfExpandLabel, deriveSecret, finished13, handshakeSecrets, applicationSecrets, trafficKeys } from '../crypto/tls13';
import { seal, open, type RecordKeys } from '../crypto/record';
import { splitKeyBlock, directionKeys } from '../crypto/keys';
import { suiteById } from '../messages/cipherSuites';
import { buildRecord } from '../messages/record';
import { Cursor } from '../messages/cursor';
import { parseHandshake } from '../messages/handshake';
import { uncovered } from '../../../encoding/fields';

interface V { id: string; inputs: Record<string, unknown>; expected: Record<string, unknown> }
const load = (f: string): V[] => JSON.parse(readFileSync(`test-data/fidelity/vectors/${f}`, 'utf8')).vectors;
const tls12 = load('tls12-prf.json');
const r8448 = load('rfc8448-tls13.json');
const by = (id: string) => r8448.find((v) => v.id === id)!;
const H = (v: unknown) => fromHex(String(v));
const noRng = { bytes: (n: number) => new Uint8Array(n) };

export const counts = { tls12: 0, tls13: 0 };

describe('TLS 1.0-1.2 PRF and key derivation (tls12-prf.json)', () => {
  for (const v of tls12) {
    it(v.id, () => {
      const i = v.inputs;
      if (typeof i.prf === 'string' && i.prf.startsWith('P_SHA') && i.secret_hex) {
        const h = i.prf.slice(2).toLowerCase() as HashName;
        expect(HASHES[h]).toBeDefined();
        expect(hex(pHash(h, H(i.secret_hex), new Uint8Array([...H(i.label_hex), ...H(i.seed_hex)]), Number(i.output_length)))).toBe(v.expected.output_hex);
      } else if (v.id.startsWith('tls10-prf')) {
        expect(hex(prf10(H(i.secret_hex), String(i.label), H(i.seed_hex), Number(i.output_length)))).toBe(v.expected.output_hex);
      } else if (v.id.startsWith('cavp')) {
        const kind = String(i.prf).includes('SHA384') ? 'sha384' : String(i.prf).includes('SHA512') ? null : String(i.prf).includes('SHA256') ? 'sha256' : 'tls10';
        const pre = H(i.pre_master_secret_hex);
        const ms = kind === null
          ? pHash('sha512', pre, new Uint8Array([...utf8('master secret'), ...H(i.clientHello_random_hex), ...H(i.serverHello_random_hex)]), 48)
          : masterSecret(kind, pre, H(i.clientHello_random_hex), H(i.serverHello_random_hex));
        expect(hex(ms)).toBe(v.expected.master_secret_hex);
        const kbLen = String(v.expected.key_block_hex).length / 2;
        const kb = kind === null
          ? pHash('sha512', ms, new Uint8Array([...utf8('key expansion'), ...H(i.server_random_hex), ...H(i.client_random_hex)]), kbLen)
          : keyBlock(kind, ms, H(i.client_random_hex), H(i.server_random_hex), kbLen);
        expect(hex(kb)).toBe(v.expected.key_block_hex);
      } else if (v.id.startsWith('openssl-capture')) {
        const suite = suiteById(0xc030)!;
        const parts = splitKeyBlock(0x0303, suite, H(i.master_secret_hex), H(i.client_random_hex), H(i.server_random_hex));
        expect(hex(parts.block)).toBe(v.expected.key_block_hex);
        expect(hex(parts.clientKey)).toBe(v.expected.client_write_key_hex);
        expect(hex(parts.serverIv)).toBe(v.expected.server_write_iv_salt_hex);
        // The first client application record: open it with seq 1 (after Finished), and re-seal it byte for byte.
        const rec = H(v.expected.first_client_application_record_hex);
        const k: RecordKeys = { ...directionKeys(0x0303, suite, parts, true, false), seq: Number(v.expected.first_client_application_record_seq) };
        const o = open(k, rec[0], rec.subarray(5), 0x0303)!;
        expect(o).not.toBeNull();
        expect(new TextDecoder().decode(o.content)).toBe(v.expected.first_client_application_plaintext);
        const explicit = rec.subarray(5, 13);
        expect(hex(explicit)).toBe(String(v.expected.first_client_application_record_nonce_hex).slice(8));
        const srec = H(v.expected.first_server_application_record_hex);
        const ks: RecordKeys = { ...directionKeys(0x0303, suite, parts, false, false), seq: 1 };
        expect(new TextDecoder().decode(open(ks, srec[0], srec.subarray(5))!.content)).toBe(v.expected.first_server_application_plaintext);
      } else throw new Error(`vector not handled: ${v.id}`);
      counts.tls12++;
    });
  }
});

describe('TLS 1.3 key schedule, Finished and records (RFC 8448 §3)', () => {
  const ch = H(by('rfc8448-3-client-hello').expected.handshake_message_hex);
  const sh = H(by('rfc8448-3-server-hello').expected.handshake_message_hex);
  it('x25519 key pairs and shared secret', () => {
    for (const id of ['rfc8448-3-client-x25519-keypair', 'rfc8448-3-server-x25519-keypair']) {
      expect(hex(x25519.getPublicKey(H(by(id).inputs.private_key_hex)))).toBe(by(id).expected.public_key_hex);
    }
    const s = by('rfc8448-3-x25519-shared-secret');
    expect(hex(x25519.getSharedSecret(H(s.inputs.client_private_key_hex), H(s.inputs.server_public_key_hex)))).toBe(s.expected.shared_secret_hex);
  });
  it('every HKDF step the file lists', () => {
    let n = 0;
    for (const v of r8448) {
      const i = v.inputs;
      if (i.salt_hex && i.ikm_hex) {
        const out = Object.values(v.expected)[0];
        expect(hex(hkdfExtract('sha256', H(i.salt_hex), H(i.ikm_hex)))).toBe(out); n++;
      } else if (i.prk_hex && i.info_hex && i.hash_hex) {
        const info = H(i.info_hex);
        const labelLen = info[2];
        const label = new TextDecoder().decode(info.subarray(3 + 6, 3 + labelLen));
        const out = Object.values(v.expected)[0];
        expect(hex(deriveSecret('sha256', H(i.prk_hex), label, H(i.hash_hex)))).toBe(out); n++;
      } else if (i.prk_hex && i.key_info_hex) {
        const k = trafficKeys('sha256', H(i.prk_hex), 16);
        expect(hex(k.key)).toBe(v.expected.key_hex);
        expect(hex(k.iv)).toBe(v.expected.iv_hex); n++;
      } else if (i.prk_hex && i.finished_info_hex) {
        expect(hex(finished13('sha256', H(i.prk_hex), H(i.transcript_hash_hex)))).toBe(v.expected.verify_data_hex);
        expect(hex(hkdfExpandLabel('sha256', H(i.prk_hex), 'finished', new Uint8Array(0), 32))).toBe(v.expected.finished_key_hex); n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(15);
    counts.tls13 += n;
  });
  it('the whole schedule from the shared secret and the transcript', () => {
    const s = handshakeSecrets('sha256', H(by('rfc8448-3-x25519-shared-secret').expected.shared_secret_hex), HASHES.sha256(new Uint8Array([...ch, ...sh])));
    expect(hex(s.handshake)).toBe(by('rfc8448-3-handshake-secret').expected.handshake_secret_hex);
    expect(hex(s.serverHandshakeTraffic)).toBe(Object.values(by('rfc8448-3-server-handshake-traffic-secret').expected)[0]);
    expect(hex(s.master)).toBe(by('rfc8448-3-master-secret').expected.master_secret_hex);
    const app = applicationSecrets('sha256', s.master, H(by('rfc8448-3-transcript-hash-through-server-finished').expected.sha256_hex));
    expect(hex(app.clientApplicationTraffic)).toBe(Object.values(by('rfc8448-3-client-application-traffic-secret-0').expected)[0]);
    expect(hex(app.exporterMaster)).toBe(Object.values(by('rfc8448-3-exporter-master-secret').expected)[0]);
  });
  it('records: server handshake flight, client Finished, application data and alerts seal byte for byte and open', () => {
    const suite = suiteById(0x1301)!;
    const cases = ['rfc8448-3-server-handshake-record', 'rfc8448-3-client-finished', 'rfc8448-3-client-application-data', 'rfc8448-3-server-application-data', 'rfc8448-3-client-close-notify', 'rfc8448-3-server-close-notify'];
    for (const id of cases) {
      const v = by(id);
      const i = v.inputs;
      const key = H(i.key_hex ?? i.record_key_hex);
      const iv = H(i.iv_hex ?? i.record_iv_hex);
      const k: RecordKeys = { suite, version: 0x0304, key, iv, macKey: new Uint8Array(0), seq: Number(i.sequence_number), epoch: 0, dtls: false, name: id };
      const expected = String(v.expected.record_hex);
      let payload: Uint8Array, type: number;
      if (i.inner_plaintext_hex) { const p = H(i.inner_plaintext_hex); payload = p.subarray(0, p.length - 1); type = p[p.length - 1]; }
      else { payload = H(i.payload_hex); type = id.includes('close-notify') ? 21 : id.includes('application-data') ? 23 : 22; }
      const sealed = seal(k, type, payload, noRng);
      expect(hex(buildRecord(23, 0x0303, sealed.fragment))).toBe(expected);
      const rec = H(expected);
      const o = open(k, 23, rec.subarray(5), 0x0303)!;
      expect(hex(o.content)).toBe(hex(payload));
      expect(o.type).toBe(type);
      counts.tls13++;
    }
  });
  it('the handshake messages decode with every byte covered', () => {
    const ids = ['rfc8448-3-client-hello', 'rfc8448-3-server-hello', 'rfc8448-3-encrypted-extensions', 'rfc8448-3-certificate-message', 'rfc8448-3-certificate-verify', 'rfc8448-3-server-finished'];
    for (const id of ids) {
      const m = H(by(id).expected.handshake_message_hex);
      const c = new Cursor(m);
      parseHandshake(c, { version: id.includes('hello') ? 0 : 0x0304, dtls: false });
      c.done(id);
      expect(uncovered(c.fields, m.length), id).toEqual([]);
    }
  });
});
