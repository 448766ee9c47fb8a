// Wireshark's opinion of the NEGOEX and RDP negotiation encoders: a capture with the X.224
// Connection Request/Confirm on tcp/3389 and SPNEGO tokens carrying NEGOEX over HTTP (a Windows
// NegTokenInit with NEGOEX first, its INITIATOR_NEGO + INITIATOR_META_DATA, the acceptor's reply,
// the AP_REQUEST/CHALLENGE exchange, VERIFY and ALERT) must dissect with no malformed packet and no
// expert warning, and show the values the engine put there. FAILS (never skips) without tshark.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base64, concat, fromHex, utf8 } from '../../bytes';
import { writePcap, type PcapPacket } from '../../export/pcap/capture';
import { PROTOCOL, buildX224ConnectionConfirm, buildX224ConnectionRequest, mstshashCookie } from '../../network/carriers/rdp';
import { buildNegTokenInit, buildNegTokenResp } from '../negotiate/messages';
import { OID } from '../negotiate/oids';
import { loadVectors } from '../../testing/fidelity';
import { AUTH_SCHEME, MESSAGE_TYPE, type NegoexMessage, buildToken, transcriptChecksum, verifyNoKeyPulse } from './messages';

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`tshark is not installed or cannot run (${r.error.message}). Install it: apt-get install -y tshark`);
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const conv = '3b29075a-f391-af33-a1b4-a212249d7cb4';
const rnd = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + n) & 0xff);
const vec = loadVectors('ms-negoex-pku2u.json');
const picky = (name: string) => (vec.vectors.find((v) => v.id === 'negoex-pku2u-conversation-picky')!.expected.messages as { message_type_name: string; exchange_hex: string }[]).find((m) => m.message_type_name === name)!;
const m: NegoexMessage[] = [
  { kind: 'nego', messageType: MESSAGE_TYPE.INITIATOR_NEGO, sequenceNum: 0, conversationId: conv, random: rnd(1), protocolVersion: 0n, authSchemes: [AUTH_SCHEME.PKU2U], extensions: [] },
  { kind: 'exchange', messageType: MESSAGE_TYPE.INITIATOR_META_DATA, sequenceNum: 1, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex(picky('INITIATOR_META_DATA').exchange_hex) },
  { kind: 'nego', messageType: MESSAGE_TYPE.ACCEPTOR_NEGO, sequenceNum: 2, conversationId: conv, random: rnd(2), protocolVersion: 0n, authSchemes: [AUTH_SCHEME.PKU2U], extensions: [] },
  { kind: 'exchange', messageType: MESSAGE_TYPE.ACCEPTOR_META_DATA, sequenceNum: 3, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex(picky('ACCEPTOR_META_DATA').exchange_hex) },
  { kind: 'exchange', messageType: MESSAGE_TYPE.AP_REQUEST, sequenceNum: 4, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex('3003020105') },
  { kind: 'exchange', messageType: MESSAGE_TYPE.CHALLENGE, sequenceNum: 5, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, exchange: fromHex('3003020106') },
];
const key = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const verify: NegoexMessage = { kind: 'verify', messageType: MESSAGE_TYPE.VERIFY, sequenceNum: 6, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, checksum: transcriptChecksum(18, key, 'initiator', buildToken(m)) };
const alert: NegoexMessage = { kind: 'alert', messageType: MESSAGE_TYPE.ALERT, sequenceNum: 7, conversationId: conv, authScheme: AUTH_SCHEME.PKU2U, errorCode: 0, alerts: [verifyNoKeyPulse()] };

const http = (first: string, headers: string) => utf8(`${first}\r\n${headers}\r\n`);
const req = (tok: Uint8Array) => http('GET /share HTTP/1.1', `Host: peer2\r\nAuthorization: Negotiate ${base64.encode(tok)}\r\n`);
const resp = (tok: Uint8Array) => http('HTTP/1.1 401 Unauthorized', `WWW-Authenticate: Negotiate ${base64.encode(tok)}\r\nContent-Length: 0\r\n`);

const t0 = Date.UTC(2026, 11, 2, 10, 0, 0);
const at = (i: number) => new Date(t0 + i * 10).toISOString();
const A = '10.0.0.10', B = '10.0.0.20';
const packets: PcapPacket[] = [
  { connectionKey: 'rdp', transport: 'tcp', fromAddress: A, toAddress: B, serverPort: 3389, time: at(0), payload: buildX224ConnectionRequest({ cookie: mstshashCookie('alice'), negReq: { flags: 0, requestedProtocols: PROTOCOL.SSL | PROTOCOL.HYBRID } }) },
  { connectionKey: 'rdp', transport: 'tcp', fromAddress: B, toAddress: A, serverPort: 3389, time: at(1), payload: buildX224ConnectionConfirm({ negRsp: { flags: 0x1f, selectedProtocol: PROTOCOL.HYBRID } }) },
  { connectionKey: 'rdp2', transport: 'tcp', fromAddress: A, toAddress: B, serverPort: 3389, time: at(2), payload: buildX224ConnectionRequest({ cookie: mstshashCookie('alice'), negReq: { flags: 0, requestedProtocols: PROTOCOL.SSL } }) },
  { connectionKey: 'rdp2', transport: 'tcp', fromAddress: B, toAddress: A, serverPort: 3389, time: at(3), payload: buildX224ConnectionConfirm({ negFailure: { failureCode: 5 } }) },
  { connectionKey: 'http', transport: 'tcp', fromAddress: A, toAddress: B, serverPort: 80, time: at(4), payload: req(buildNegTokenInit({ mechTypes: [OID.NEGOEX, OID.NTLMSSP], mechToken: buildToken(m.slice(0, 2)) })) },
  { connectionKey: 'http', transport: 'tcp', fromAddress: B, toAddress: A, serverPort: 80, time: at(5), payload: resp(buildNegTokenResp({ negState: 'accept-incomplete', supportedMech: OID.NEGOEX, responseToken: buildToken(m.slice(2, 4)) })) },
  { connectionKey: 'http', transport: 'tcp', fromAddress: A, toAddress: B, serverPort: 80, time: at(6), payload: req(buildNegTokenResp({ responseToken: buildToken([m[4]]) })) },
  { connectionKey: 'http', transport: 'tcp', fromAddress: B, toAddress: A, serverPort: 80, time: at(7), payload: resp(buildNegTokenResp({ negState: 'accept-incomplete', responseToken: buildToken([m[5]]) })) },
  { connectionKey: 'http', transport: 'tcp', fromAddress: A, toAddress: B, serverPort: 80, time: at(8), payload: req(buildNegTokenResp({ responseToken: concat(buildToken([verify]), buildToken([alert])) })) },
];

describe('tshark dissects the RDP negotiation and NEGOEX inside SPNEGO', () => {
  const dir = mkdtempSync(join(tmpdir(), 'negoex-'));
  const file = join(dir, 'negoex.pcap');
  writeFileSync(file, writePcap(packets));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no malformed packet, no expert warning', () => {
    const bad = tshark(['-r', file, '-o', 'tcp.check_checksum:TRUE', '-Y', '_ws.malformed || _ws.expert.severity >= warning', '-T', 'fields', '-e', 'frame.number', '-e', '_ws.expert.message']);
    expect(bad.trim()).toBe('');
  });

  it('RDP: the cookie, requestedProtocols, selectedProtocol and the HYBRID_REQUIRED_BY_SERVER failure', () => {
    const out = tshark(['-r', file, '-Y', 'rdp', '-T', 'fields', '-E', 'separator=|', '-e', 'rdp.rt_cookie', '-e', 'rdp.negReq.requestedProtocols', '-e', 'rdp.negReq.selectedProtocol', '-e', 'rdp.negFailure.failureCode']);
    const rows = out.trim().split('\n').map((l) => l.split('|'));
    expect(rows.length).toBe(4);
    expect(rows[0][0]).toContain('mstshash=alice');
    expect(Number(rows[0][1])).toBe(3);
    expect(Number(rows[1][2])).toBe(2);
    expect(Number(rows[3][3])).toBe(5);
  });

  it('NEGOEX: every message type, sequence number and conversation id as built', () => {
    const out = tshark(['-r', file, '-Y', 'negoex', '-T', 'fields', '-E', 'separator=|', '-E', 'aggregator=;', '-e', 'negoex.message.type', '-e', 'negoex.message.seq_num', '-e', 'negoex.message.conv_id']);
    const types = out.trim().split('\n').flatMap((l) => l.split('|')[0].split(';')).map(Number);
    const seqs = out.trim().split('\n').flatMap((l) => l.split('|')[1].split(';')).map(Number);
    expect(types).toEqual([0, 2, 1, 3, 5, 4, 6, 7]);
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(out).toContain(conv);
  });
});
