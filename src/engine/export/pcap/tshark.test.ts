// Wireshark's opinion of our capture: tshark must open it, find no malformed packet and no expert
// warning (TCP analysis included, checksums checked), and dissect the real tokens inside the carriers.
// This test FAILS (never skips) when tshark is missing: CI installs it (apt-get install -y tshark).
 
import { spawnSync } from 'node:child_process';
 
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
 
import { tmpdir } from 'node:os';
 
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrames, writePcap } from './capture';
import { pcapFile } from './pcapFile';
import { NODES, samplePackets } from './sampleCapture.testdata';

const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    throw new Error(`tshark is not installed or cannot run (${r.error.message}). Install it: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark`);
  }
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const FIELDS = [
  'frame.number', 'tcp.srcport', 'tcp.dstport', 'udp.srcport', 'udp.dstport', 'frame.protocols',
  'http.request.method', 'http.response.code', 'http.www_authenticate', 'ntlmssp.messagetype', 'ntlmssp.auth.username',
  'kerberos.msg_type', 'kerberos.realm', 'kerberos.CNameString',
  'smb2.cmd', 'smb2.flags.response', 'smb2.nt_status', 'smb2.dialect', 'spnego.MechType', 'smb2.sesid', 'smb2.negotiate_context.type', 'spnego.negResult',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

describe('tshark reads the capture', () => {
  let dir = '';
  let file = '';
  let rows: Row[] = [];
  let setupError: unknown = null;
  const col = (name: keyof Row, rs: Row[] = rows) => rs.map((r) => r[name]).filter((v) => v !== '');
  // Each test fails on its own (not skipped) when the setup failed, e.g. tshark is missing.
  const ready = () => { if (setupError) throw setupError; };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sspi-pcap-'));
    file = join(dir, 'sample.pcap');
    writeFileSync(file, writePcap(samplePackets(), { nodes: NODES }));
    try { rows = readRows(); } catch (e) { setupError = e; }
  });
  const readRows = (): Row[] => {
    const out = tshark(['-r', file, '-T', 'fields', '-E', 'separator=|', ...FIELDS.flatMap((n) => ['-e', n])]);
    return out.split('\n').filter((l) => l.length).map((l) => {
      const v = l.split('|');
      return Object.fromEntries(FIELDS.map((f, i) => [f, v[i] ?? ''])) as Row;
    });
  };
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('finds no malformed packet and no expert warning or error (checksums checked)', () => {
    ready();
    const bad = tshark(['-r', file, ...CHECKSUMS, '-Y', '_ws.malformed || _ws.expert.severity >= warning || ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0']);
    if (bad.trim()) throw new Error(`tshark flagged frames:\n${bad}\n${tshark(['-r', file, ...CHECKSUMS, '-z', 'expert,warn', '-q'])}`);
    expect(rows.length).toBe(55);
  });

  it('the same check does flag a capture with a lost segment (the check can fail)', () => {
    ready();
    const frames = buildFrames(samplePackets(), { nodes: NODES });
    const lossy = join(dir, 'lossy.pcap');
    writeFileSync(lossy, pcapFile(frames.filter((_, i) => i !== 4).map((f) => ({ timeUs: f.timeUs, data: f.data })))); // drop the first 401
    expect(tshark(['-r', lossy, '-Y', '_ws.expert.severity >= warning']).trim()).not.toBe('');
  });

  it('dissects the HTTP Negotiate round trip with the real NTLM messages (user vagrant-domain)', () => {
    ready();
    expect(col('http.request.method')).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(col('http.response.code')).toEqual(['401', '401', '200', '200']);
    expect(col('http.www_authenticate')[0]).toBe('Negotiate,NTLM');
    expect(col('ntlmssp.messagetype')).toEqual(['0x00000001', '0x00000002', '0x00000003']);
    expect(col('ntlmssp.auth.username')).toEqual(['vagrant-domain@DOMAIN.LOCAL']);
  });

  it('dissects HTTP Negotiate with Kerberos: the AP-REQ in the Authorization header, the mutual-auth token in the 200', () => {
    const req = rows.filter((r) => r['http.request.method'] && r['kerberos.msg_type']);
    expect(col('kerberos.msg_type', req)).toEqual(['14']);
    const ok = rows.filter((r) => r['http.response.code'] === '200' && r['http.www_authenticate']);
    expect(ok.length).toBe(1);
    expect(ok[0]['http.www_authenticate'].startsWith('Negotiate oYG3')).toBe(true); // base64 of a1 81 b7: NegTokenResp
    expect(ok[0]['spnego.negResult']).toBe('0'); // accept-completed
  });

  it('dissects the Kerberos AS exchange over TCP 88 and UDP 88 (reassembled and defragmented)', () => {
    ready();
    const krb = rows.filter((r) => r['kerberos.msg_type'] && [r['tcp.srcport'], r['tcp.dstport'], r['udp.srcport'], r['udp.dstport']].includes('88'));
    expect(col('kerberos.msg_type', krb)).toEqual(['10', '11', '10', '11']);
    expect(krb.filter((r) => r['kerberos.msg_type'] === '11').map((r) => r['tcp.dstport'] || r['udp.dstport'])).toEqual(['49153', '49154']);
    expect(new Set(col('kerberos.realm', krb))).toEqual(new Set(['DOMAIN.LOCAL']));
    expect(new Set(col('kerberos.CNameString', krb))).toEqual(new Set(['vagrant-domain']));
  });

  it('dissects SMB2 NEGOTIATE (3.1.1, NegTokenInit2) and SESSION_SETUP with SPNEGO, success and logon failure', () => {
    ready();
    const smb = rows.filter((r) => r['smb2.cmd'] !== '');
    expect(col('smb2.cmd', smb)).toEqual(['0', '0', '1', '1', '0', '0', '1', '1']);
    expect(col('smb2.flags.response', smb)).toEqual(['0', '1', '0', '1', '0', '1', '0', '1']);
    expect(col('smb2.nt_status', smb)).toEqual(['0x00000000', '0x00000000', '0x00000000', '0xc000006d']);
    expect(col('smb2.dialect', smb).slice(0, 2)).toEqual(['0x0202,0x0210,0x0300,0x0302,0x0311', '0x0311']);
    const mechs = smb[1]['spnego.MechType'].split(',');
    expect(mechs).toContain('1.2.840.113554.1.2.2'); // Kerberos 5 in the server's NegTokenInit2
    expect(mechs).toContain('1.3.6.1.4.1.311.2.2.10'); // NTLMSSP
    expect(col('smb2.sesid', smb)).toContain('0x0000100000000011');
    expect(col('smb2.negotiate_context.type', smb)[0]).toBe('0x0001,0x0002');
  });

  it('shows the SPNEGO layers inside SMB2 SESSION_SETUP (NegTokenInit with a Kerberos AP-REQ, then NegTokenResp)', () => {
    ready();
    const setup = rows.filter((r) => r['smb2.cmd'] === '1');
    expect(setup[0]['frame.protocols']).toContain('spnego');
    expect(setup[0]['kerberos.msg_type']).toBe('14'); // AP-REQ inside the initial NegTokenInit
    expect(setup[1]['spnego.negResult']).toBe('0'); // accept-completed
  });
});
