// Real handshakes decoded: the OpenSSL captures of test-data/fidelity/captures/openssl (with their
// NSS key logs: every encrypted record opened) and pyspnego's TLS records, every byte covered.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fromHex, hex } from '../../../bytes';
import { uncovered, leaves, type Field } from '../../../encoding/fields';
import { describeFlight, type RecordOpener } from '../messages/flight';
import type { ParseContext } from '../messages/context';
import { splitRecords, type TlsRecord } from '../messages/record';
import { suiteById } from '../messages/cipherSuites';
import { splitKeyBlock, directionKeys, tls13Keys } from '../crypto/keys';
import { open, type RecordKeys } from '../crypto/record';

const DIR = 'test-data/fidelity/captures/openssl';

function segments(pcap: string, udp: boolean): { port: number; data: Uint8Array }[] {
  const out = execFileSync('tshark', ['-r', pcap, '-T', 'fields', '-e', udp ? 'udp.srcport' : 'tcp.srcport', '-e', udp ? 'udp.payload' : 'tcp.payload'], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => l.split('\t')).filter(([, p]) => p).map(([port, p]) => ({ port: Number(port), data: fromHex(p) }));
}

function keylog(path: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of readFileSync(path, 'utf8').split('\n')) {
    const [label, cr, secret] = l.trim().split(' ');
    if (secret) m.set(`${label} ${cr}`, secret);
  }
  return m;
}

function allCovered(fields: Field[], length: number, decryptedToo = true): void {
  expect(uncovered(fields, length)).toEqual([]);
  if (!decryptedToo) return;
  const walk = (fs: Field[]) => {
    for (const f of fs) {
      if (f.decrypted) expect(uncovered(f.decrypted.fields, f.decrypted.hex.length / 2), f.decrypted.name).toEqual([]);
      if (f.children) walk(f.children);
    }
  };
  walk(fields);
}

const serverPort = (udp: boolean) => (udp ? 4433 : 443);

/** Decode a capture: returns the decrypted items per direction. */
function decode(name: string) {
  const udp = name.startsWith('dtls');
  const segs = segments(`${DIR}/${name}.pcap`, udp);
  const keys = keylog(`${DIR}/${name}.keylog`);
  const ctx: ParseContext = { version: 0, dtls: udp };
  const clientData = segs.filter((s) => s.port !== serverPort(udp));
  const serverData = segs.filter((s) => s.port === serverPort(udp));
  const cat = (l: { data: Uint8Array }[]) => { const b = new Uint8Array(l.reduce((a, s) => a + s.data.length, 0)); let o = 0; for (const s of l) { b.set(s.data, o); o += s.data.length; } return b; };
  // Randoms and suite from the plaintext hellos (first records).
  const firstHs = (b: Uint8Array): TlsRecord => splitRecords(b, udp).find((r) => r.type === 22)!;
  const chRec = firstHs(udp ? clientData[clientData.length > 2 ? 1 : 0].data : cat(clientData));
  const hsOff = udp ? 12 : 4;
  const clientRandom = chRec.fragment.subarray(hsOff + 2, hsOff + 34);
  const serverStream = udp ? serverData.map((s) => s.data) : [cat(serverData)];
  const shRec = serverStream.flatMap((b) => splitRecords(b, udp)).find((r) => r.type === 22 && r.fragment[0] === 2);
  const cr = hex(clientRandom);
  const openers = (client: boolean): RecordOpener | undefined => {
    if (!shRec) return undefined;
    const sr = shRec.fragment.subarray(hsOff + 2, hsOff + 34);
    let o = hsOff + 34; o += 1 + shRec.fragment[o];
    const suite = suiteById((shRec.fragment[o] << 8) | shRec.fragment[o + 1])!;
    const ms = keys.get(`CLIENT_RANDOM ${cr}`);
    if (ms) {
      const version = udp ? 0xfefd : 0x0303;
      const parts = splitKeyBlock(version, suite, fromHex(ms), clientRandom, sr);
      let k: RecordKeys = directionKeys(version, suite, parts, client, udp, 1);
      return { open(rec) {
        if (udp) k = { ...k, seq: rec.seq!, epoch: rec.epoch! };
        const r = open(k, rec.type, rec.fragment, rec.version);
        if (r) k = r.keys;
        return r ? { ...r, keyName: `${client ? 'client' : 'server'} write key (from the master secret in the key log)`, keyHex: hex(k.key) } : null;
      } };
    }
    const names = client ? ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0'] : ['SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0'];
    const secrets = names.map((n) => keys.get(`${n} ${cr}`)).filter((s): s is string => !!s).map((s, i) => tls13Keys(suite, fromHex(s), names[i]));
    if (!secrets.length) return undefined;
    let idx = 0;
    return { open(rec) {
      while (idx < secrets.length) {
        const r = open(secrets[idx], rec.type, rec.fragment, rec.version);
        if (r) { secrets[idx] = r.keys; return { ...r, keyName: `${secrets[idx].name} (from the key log)`, keyHex: hex(secrets[idx].key) }; }
        idx++;
      }
      return null;
    } };
  };
  const items: Record<'client' | 'server', ReturnType<typeof describeFlight>['items']> = { client: [], server: [] };
  // Server first learns the version (ServerHello); then client (its ClientKeyExchange layout depends on the suite).
  const learnCtx: ParseContext = { version: 0, dtls: udp };
  for (const b of serverStream) describeFlight(b, learnCtx);
  const sOpen = openers(false);
  const cOpen = openers(true);
  const runDir = (dir: 'client' | 'server', bufs: Uint8Array[], op?: RecordOpener) => {
    for (const b of bufs) {
      const local: ParseContext = { ...ctx, version: learnCtx.version, kx: learnCtx.kx };
      const v = describeFlight(b, local, op);
      allCovered(v.fields, b.length);
      items[dir].push(...v.items);
    }
  };
  runDir('server', serverStream, sOpen);
  runDir('client', udp ? clientData.map((s) => s.data) : [cat(clientData)], cOpen);
  return { items, version: learnCtx.version };
}

const names = readdirSync(DIR).filter((f) => f.endsWith('.pcap')).map((f) => f.replace(/\.pcap$/, ''));

describe('OpenSSL captures decode with every byte covered and every encrypted record opened', () => {
  it('has the eight captures', () => expect(names.length).toBe(8));
  for (const name of names) {
    it(name, () => {
      const { items } = decode(name);
      const all = [...items.client, ...items.server];
      expect(all.filter((i) => i.kind === 'encrypted')).toEqual([]);
      const hs = (dir: 'client' | 'server') => items[dir].filter((i) => i.kind === 'handshake').map((i) => i.handshake!.type);
      expect(hs('client')[0]).toBe(1);
      if (name.includes('http')) {
        const app = all.filter((i) => i.kind === 'application_data').map((i) => new TextDecoder().decode(i.data));
        expect(app.some((t) => t.startsWith('GET /index.html HTTP/1.1'))).toBe(true);
        expect(app.some((t) => t.startsWith('HTTP/1.1 200 OK'))).toBe(true);
      }
      if (name.includes('tls13')) expect(hs('server')).toEqual(expect.arrayContaining([2, 8, 11, 15, 20]));
      if (name.startsWith('tls12')) expect(hs('server')).toEqual(expect.arrayContaining([2, 11, 12, 14, 20]));
      if (name.includes('mutual')) expect(hs('client')).toEqual(expect.arrayContaining([11, 16, 15, 20]));
      if (name.startsWith('dtls')) expect(hs('server')).toEqual(expect.arrayContaining([3, 2, 11, 12, 14, 20]));
      const alerts = all.filter((i) => i.kind === 'alert').map((i) => i.alert!.description);
      if (name.includes('protocol-version')) expect(alerts).toContain(70);
      if (name.includes('unknown-ca')) expect(alerts).toContain(48);
    });
  }
});

describe('pyspnego TLS records decode with every byte covered', () => {
  const vs = (JSON.parse(readFileSync('test-data/fidelity/vectors/real-tokens-pyspnego.json', 'utf8')).vectors as { id: string; file: string }[]).filter((v) => v.id.startsWith('tls'));
  it('has the nine TLS tokens', () => expect(vs.length).toBe(9));
  for (const v of vs) {
    it(v.id, () => {
      const b = new Uint8Array(readFileSync(`test-data/fidelity/${v.file}`));
      const ctx: ParseContext = { version: v.id.startsWith('tls1.3') ? 0 : 0, dtls: false, kx: 'ECDHE_RSA' };
      const view = describeFlight(b, ctx);
      expect(uncovered(view.fields, b.length)).toEqual([]);
      expect(leaves(view.fields).every((l) => l.name !== 'unparsed')).toBe(true);
    });
  }
});
