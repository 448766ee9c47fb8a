// The CredSSP scenarios' captures in Wireshark, with the run's exported key log and keytab:
//  - as captured, tshark dissects the X.224 negotiation on tcp/3389 (cookie, requestedProtocols,
//    selectedProtocol or the failure code) with no malformed packet and no expert warning;
//  - with "Decode As" TLS on tcp/3389 (Wireshark 4.0 does not switch from TPKT to TLS by itself after
//    the Connection Confirm), every TLS record decrypts with the key log, CredSSP is dissected, and so
//    is what it carries: SPNEGO with Kerberos (tickets and authenticators decrypted with the keytab)
//    or NTLMSSP; again no malformed packet and no expert warning;
//  - with the keytab Wireshark opens pubKeyAuth and authInfo itself (Kerberos scenarios): its
//    decrypted binding hashes are the trace's, and its TSPasswordCreds hold the delegated user.
// FAILS (never skips) when tshark is missing, like the other tshark tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getScenario } from '../../../scenarios';
import { simulate } from '../../simulate';
import { traceKeylog, traceKeytab, tracePcap } from '../../export/traceExport';
import type { MessageEvent } from '../../trace';
import type { Field } from '../../encoding/fields';
import { hex, utf16le } from '../../bytes';

const dir = mkdtempSync(join(tmpdir(), 'sspi-credssp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tshark = (args: string[]) => execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
const BAD = '_ws.malformed || _ws.expert.severity >= warning';
const KRB: Record<string, string> = { 10: 'AS-REQ', 11: 'AS-REP', 12: 'TGS-REQ', 13: 'TGS-REP', 14: 'AP-REQ', 15: 'AP-REP', 30: 'KRB-ERROR' };
const NTLM: Record<string, string> = { '0x00000001': 'NEGOTIATE', '0x00000002': 'CHALLENGE', '0x00000003': 'AUTHENTICATE' };

function decryptedValues(m: MessageEvent, name: string): string[] {
  const out: string[] = [];
  const walk = (fs: Field[], plain: string | null) => {
    for (const f of fs) {
      if (f.name === name && plain) out.push(plain.slice(2 * f.start, 2 * f.end));
      if (f.children) walk(f.children, plain);
      if (f.decrypted) walk(f.decrypted.fields, f.decrypted.hex);
    }
  };
  walk(m.fields, null);
  return out;
}

const IDS = ['credssp-rdp', 'credssp-rdp-ntlm-by-ip', 'credssp-delegation-off', 'credssp-oracle-remediation', 'credssp-restricted-admin', 'credssp-nla-required'];

describe.each(IDS)('capture of %s in tshark', (id) => {
  const trace = simulate(getScenario(id)!);
  const pcap = join(dir, `${id}.pcap`), keylog = join(dir, `${id}.keylog`), keytab = join(dir, `${id}.keytab`);
  writeFileSync(pcap, tracePcap(trace));
  writeFileSync(keylog, traceKeylog(trace) ?? '');
  const kt = traceKeytab(trace);
  if (kt) writeFileSync(keytab, kt);
  const keys = ['-o', `tls.keylog_file:${keylog}`, ...(kt ? ['-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${keytab}`] : [])];
  const asTls = ['-r', pcap, ...keys, '-d', 'tcp.port==3389,tls'];
  const messages = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.modelled !== 'summary');
  const tsRequests = messages.filter((m) => m.protocol === 'CredSSP');

  it('as captured: the X.224 negotiation dissects, nothing malformed, no warning', { timeout: 90_000 }, () => {
    expect(tshark(['-r', pcap, ...keys, '-o', 'tcp.check_checksum:TRUE', '-Y', BAD]).trim()).toBe('');
    const rows = tshark(['-r', pcap, '-Y', 'rdp', '-T', 'fields', '-E', 'separator=|', '-e', 'rdp.rt_cookie', '-e', 'rdp.negReq.requestedProtocols', '-e', 'rdp.negReq.selectedProtocol', '-e', 'rdp.negFailure.failureCode'])
      .trim().split('\n').map((l) => l.split('|'));
    expect(rows[0][0]).toContain('mstshash=alice');
    const requested = Number(rows[0][1]);
    if (id === 'credssp-nla-required') {
      expect(requested).toBe(1);
      expect(Number(rows[1][3])).toBe(5);
    } else {
      expect(requested).toBe(0x0b);
      expect(Number(rows[1][2])).toBe(8);
    }
  });

  it('decoded as TLS with the key log: every record decrypts, CredSSP and what it carries dissect, no warning', { timeout: 90_000 }, () => {
    expect(tshark([...asTls, '-Y', BAD, '-T', 'fields', '-e', 'frame.number', '-e', '_ws.expert.message']).trim()).toBe('');
    const versions = tshark([...asTls, '-Y', 'credssp', '-T', 'fields', '-e', 'credssp.version']).trim().split('\n').filter(Boolean);
    expect(versions.length).toBe(tsRequests.length);
    if (tsRequests.length === 0) return;
    // No record stays closed: each application_data record shows its decrypted payload.
    const closed = tshark([...asTls, '-Y', 'tls.app_data && !credssp && !tls.handshake', '-T', 'fields', '-e', 'frame.number']).trim();
    const earlyAuth = messages.filter((m) => m.name.startsWith('AUTHZ_SUCCESS')).length;
    expect(closed.split('\n').filter(Boolean).length).toBeLessThanOrEqual(earlyAuth);
    const ours = tsRequests.map((m) => /version (\d)/.exec(JSON.stringify(m.fields))?.[1]);
    expect(versions.map((v) => v.split(',')[0])).toEqual(ours);
    // What travels inside, in order: Kerberos AP-REQ/AP-REP or the three NTLM messages.
    const inner = tshark([...asTls, '-Y', 'credssp && (kerberos || ntlmssp)', '-T', 'fields', '-E', 'occurrence=f', '-e', 'kerberos.msg_type', '-e', 'ntlmssp.messagetype'])
      .split('\n').filter((l) => l.trim()).map((l) => { const [k, n] = l.split('\t'); return k ? KRB[k] : `NTLM ${NTLM[n]}`; });
    const want = tsRequests.map((m) => m.name.replace(/^TSRequest: /, '')).filter((n) => /^(AP-RE[QP]|NTLM )/.test(n)).map((n) => n.split(' + ')[0]);
    expect(inner).toEqual(want);
  });

  it('Wireshark opens pubKeyAuth and authInfo with the Kerberos keys: the same binding hashes and delegated user as the trace', { timeout: 90_000 }, () => {
    if (trace.outcome.mechanism !== 'Kerberos' || !tsRequests.some((m) => m.name.includes('pubKeyAuth'))) return;
    const hashes = tshark([...asTls, '-Y', 'credssp.decr_PublicKeyAuth', '-T', 'fields', '-e', 'credssp.decr_PublicKeyAuth']).trim().split('\n').filter(Boolean);
    const ours = tsRequests.flatMap((m) => decryptedValues(m, 'binding hash'));
    expect(hashes.map((h) => h.replace(/:/g, ''))).toEqual(ours);
    if (!tsRequests.some((m) => m.name.includes('authInfo'))) return;
    // (tshark prints an empty OCTET STRING, Restricted Admin's, as "<MISSING>".)
    const [user, password] = tshark([...asTls, '-Y', 'credssp.TSPasswordCreds', '-T', 'fields', '-e', 'credssp.userName', '-e', 'credssp.password'])
      .replace(/\n$/, '').split('\t').map((v) => v.replace('<MISSING>', ''));
    const restricted = trace.scenario.params.restrictedAdmin === true;
    expect(user.replace(/:/g, '')).toBe(restricted ? '' : hex(utf16le('alice')));
    expect(password.replace(/:/g, '')).toBe(restricted ? '' : hex(utf16le('Summer2016!')));
  });
});

// Why "Decode As" is needed, shown on a real capture: a Windows client and server (Zeek's test
// capture rdp-to-ssl.pcap) look exactly like ours in tshark 4.0 — the X.224 negotiation is RDP, and
// the TLS records after it are "TPKT Continuation" until tcp/3389 is decoded as TLS.
describe('a real RDP connection switching to TLS, in tshark', () => {
  const real = join(__dirname, '../../../../test-data/fidelity/captures/zeek/rdp_rdp-to-ssl.pcap');
  const info = (extra: string[]) => tshark(['-r', real, ...extra, '-Y', 'tcp.len > 0', '-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info'])
    .split('\n').filter(Boolean).slice(0, 4).map((l) => l.split('\t'));
  it('shows the X.224 negotiation as RDP and the TLS handshake as TPKT until decoded as TLS, like our captures', { timeout: 90_000 }, () => {
    const asIs = info([]);
    expect(asIs.slice(0, 2).map((r) => r[0])).toEqual(['RDP', 'RDP']);
    expect(asIs.slice(2).map((r) => r[0])).toEqual(['TPKT', 'TPKT']);
    const asTls = info(['-d', 'tcp.port==3389,tls']);
    expect(asTls[2][1]).toContain('Client Hello');
    expect(asTls[3][1]).toContain('Server Hello');
  });
});
