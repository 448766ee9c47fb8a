// Issue 10 item 6: truths found checking the bytes against real tools.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { getScenario } from '../scenarios';
import { tracePcap } from './export/traceExport';
import { decodeFrame } from './export/pcap/decodeFrame';

describe('a failed interactive logon does not go on to open the share', () => {
  it('kerberos-smb with a wrong password: the logon fails, no SMB2 message follows, the outcome is the logon\'s status', () => {
    const trace = simulate(getScenario('kerberos-smb')!, { params: { password: 'wrong' } });
    const logon = trace.events.find((e) => e.type === 'sspi-return' && e.call === 'LsaLogonUser' && e.layer === 'app');
    expect(logon && logon.type === 'sspi-return' && logon.status).not.toBe('SEC_E_OK');
    expect(trace.events.some((e) => e.type === 'message' && e.carrier.id === 'smb2')).toBe(false);
    expect(trace.outcome.result).toBe('failed');
    expect(trace.outcome.status).toBe(logon && logon.type === 'sspi-return' ? logon.status : '');
  });
  it('with the right password the share opens', () => {
    const trace = simulate(getScenario('kerberos-smb')!);
    expect(trace.events.some((e) => e.type === 'message' && e.carrier.id === 'smb2')).toBe(true);
  });
});

describe('a KDC behind a firewall that drops port 88 (kdcReachable=false)', () => {
  const trace = simulate(getScenario('negotiate-fallback-kdc-down')!);
  const kerberos = trace.events.filter((e) => e.type === 'message' && e.protocol === 'Kerberos');
  it('the AS-REQ is built but lost: the only Kerberos message, marked lost, failing with SEC_E_NO_AUTHENTICATING_AUTHORITY', () => {
    expect(kerberos).toHaveLength(1);
    const m = kerberos[0];
    if (m.type !== 'message') throw new Error('not a message');
    expect(m.name).toBe('AS-REQ');
    expect(m.lost).toBe(true);
    expect(m.error?.name).toBe('SEC_E_NO_AUTHENTICATING_AUTHORITY');
    expect(m.narration).toMatch(/never leaves the workstation/);
  });
  it('on the wire: only the SYN to port 88 and two retransmissions (same sequence number), 1 s then 2 s apart; no SYN-ACK and no Kerberos bytes', () => {
    const pcap = tracePcap(trace);
    const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
    const to88: (ReturnType<typeof decodeFrame> & { t: number })[] = [];
    for (let off = 24; off < pcap.length;) { // classic pcap: 24-byte file header, 16-byte record headers
      const t = view.getUint32(off, true) * 1e6 + view.getUint32(off + 4, true);
      const incl = view.getUint32(off + 8, true);
      const f = decodeFrame(pcap.subarray(off + 16, off + 16 + incl));
      off += 16 + incl;
      if (f.srcPort === 88 || f.dstPort === 88) to88.push({ ...f, t });
    }
    expect(to88.map((p) => [p.tcpFlags, p.dstPort, p.payload?.length])).toEqual([[0x02, 88, 0], [0x02, 88, 0], [0x02, 88, 0]]);
    expect(new Set(to88.map((p) => p.seq)).size).toBe(1);
    expect(Math.round((to88[1].t - to88[0].t) / 1e5)).toBe(10);
    expect(Math.round((to88[2].t - to88[1].t) / 1e5)).toBe(20);
  });
});

describe('Digest over HTTP with a wrong password', () => {
  it('the final 401 carries a fresh challenge (a new nonce from a new AcceptSecurityContext call), so the browser can ask again', () => {
    const trace = simulate(getScenario('digest-http')!, { params: { password: 'wrong' } });
    const msgs = trace.events.filter((e) => e.type === 'message');
    const last = msgs[msgs.length - 1];
    const first = msgs.find((m) => m.type === 'message' && m.protocol === 'Digest');
    if (last.type !== 'message' || !first || first.type !== 'message') throw new Error('no messages');
    const text = (hex: string) => Buffer.from(hex, 'hex').toString('utf8');
    const nonce = (hex: string) => /nonce="([^"]+)"/.exec(text(hex))?.[1];
    expect(text(last.carrier.hex)).toMatch(/^HTTP\/1.1 401 Unauthorized\r\n[\s\S]*WWW-Authenticate: Digest [^\r]*nonce="/);
    expect(nonce(last.hex)).toBeTruthy();
    expect(nonce(last.hex)).not.toBe(nonce(first.hex));
    expect(last.error?.name).toBe('STATUS_WRONG_PASSWORD');
    expect(trace.outcome.result).toBe('failed');
    const asc = trace.events.filter((e) => e.type === 'sspi-call' && e.call === 'AcceptSecurityContext' && e.layer === 'app');
    expect(asc.length).toBe(3); // the first challenge, the response, the fresh challenge
  });
});
