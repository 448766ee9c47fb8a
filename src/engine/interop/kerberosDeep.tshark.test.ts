// The issue-15 Kerberos lessons as Wireshark sees them, with the keytab the engine exports: no
// malformed packet, no expert warning (so every ticket, reply part and PAC signature opened and
// verified), the same Kerberos messages as the trace, and what each lesson is about visible in
// Wireshark's own fields. FAILS (never skips) when tshark is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tracePcap, traceKeytab } from '../export/traceExport';
import { simulate } from '../simulate';
import type { ParamValue } from '../params';
import type { MessageEvent, Trace } from '../trace';
import { getScenario } from '../../scenarios';

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  if (r.error) throw new Error(`tshark is not installed or cannot run (${r.error.message}). Install the Debian package tshark: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark`);
  if (r.status !== 0) throw new Error(`tshark exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const dir = mkdtempSync(join(tmpdir(), 'sspilab-kerberos-deep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MSG_TYPES: Record<string, string> = { 10: 'AS-REQ', 11: 'AS-REP', 12: 'TGS-REQ', 13: 'TGS-REP', 14: 'AP-REQ', 15: 'AP-REP', 30: 'KRB-ERROR' };

interface Exported { trace: Trace; pcap: string; keytab: string }

function exported(id: string, params: Record<string, ParamValue>, tag: string): Exported {
  const s = getScenario(id);
  if (!s) throw new Error(`scenario ${id} is not registered`);
  const trace = simulate(s, { params });
  const pcap = join(dir, `${id}-${tag}.pcap`);
  const keytab = join(dir, `${id}-${tag}.keytab`);
  writeFileSync(pcap, tracePcap(trace));
  writeFileSync(keytab, traceKeytab(trace) ?? new Uint8Array(0));
  return { trace, pcap, keytab };
}

const withKeys = (x: Exported) => ['-r', x.pcap, '-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${x.keytab}`];

/** One line per frame, the values of `fields` separated by tabs (every occurrence, joined with |). */
export function fields(x: Exported, filter: string, names: string[]): string[][] {
  const out = tshark([...withKeys(x), '-Y', filter, '-T', 'fields', '-E', 'separator=/t', '-E', 'aggregator=|', '-E', 'occurrence=a', ...names.flatMap((f) => ['-e', f])]);
  return out.split('\n').filter(Boolean).map((l) => l.split('\t'));
}

/** The variants each lesson's suggestions lead to: every one must dissect cleanly. */
export const CASES: [string, Record<string, ParamValue>, string][] = [
  ['kerberos-etype-mismatch', {}, 'start'],
  ['kerberos-etype-mismatch', { clientEnctypes: 'aes' }, 'aes'],
  ['kerberos-etype-mismatch', { serviceEnctypes: 'unset' }, 'rc4-ticket'],
  ['kerberoasting-and-asrep-roasting', {}, 'start'],
  ['kerberoasting-and-asrep-roasting', { serviceEnctypes: 'aes', requirePreauth: true }, 'fixed'],
  ['kerberos-cross-domain', {}, 'start'],
  ['kerberos-double-hop', {}, 'none'],
  ['kerberos-double-hop', { delegation: 'constrained' }, 'kcd'],
  ['kerberos-double-hop', { delegation: 'resource-based' }, 'rbcd'],
  ['kerberos-double-hop', { delegation: 'constrained-any', firstHop: 'ntlm' }, 's4u2self'],
];

describe.each(CASES)('capture of %s %j', (id, params, tag) => {
  const x = exported(id, params, tag);
  const kerberos = x.trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'Kerberos' && !e.tokenNotSent && e.modelled !== 'summary');

  it('has no malformed packet and no expert warning with the exported keytab (every part opened, every PAC signature verified)', () => {
    const bad = tshark([...withKeys(x), '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE',
      '-Y', '_ws.malformed || _ws.expert.severity >= warning', '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Info', '-e', '_ws.expert.message']);
    expect(bad).toBe('');
  });

  it('dissects the same Kerberos messages as the trace', () => {
    // The first msg-type of each frame (a TGS-REQ carries an AP-REQ inside PA-TGS-REQ, which Wireshark also reports).
    const seen = fields(x, 'kerberos', ['kerberos.msg_type']).map((r) => r[0].split('|')[0]).map((t) => MSG_TYPES[t] ?? t);
    const expected = kerberos.map((m) => m.name.split(' ')[0]).filter((n) => Object.values(MSG_TYPES).includes(n));
    expect(seen).toEqual(expected);
  });
});

describe('what Wireshark shows of each lesson', () => {
  it('etype mismatch: the TGS-REQ lists only rc4-hmac and the KDC answers error 14', () => {
    const x = exported('kerberos-etype-mismatch', {}, 'show');
    // The etypes of the frame: the TGT's enc-part first (krbtgt's AES key, 18), then only RC4 (the body's list).
    const tgsReq = fields(x, 'kerberos.msg_type == 12', ['kerberos.etype'])[0][0].split('|');
    expect(tgsReq[0]).toBe('18');
    expect(tgsReq.slice(1).length).toBeGreaterThan(0);
    expect(tgsReq.slice(1).every((e) => e === '23')).toBe(true);
    const err = fields(x, 'kerberos.msg_type == 30 && kerberos.error_code == 14', ['kerberos.error_code']);
    expect(err.length).toBe(1);
  });

  it('roasting: Wireshark opens the RC4 service ticket with svc-sql\'s key and the AS-REP with legacy-scan\'s', () => {
    const x = exported('kerberoasting-and-asrep-roasting', {}, 'show');
    const rows = fields(x, 'kerberos.msg_type == 13 || kerberos.msg_type == 11', ['kerberos.msg_type', '_ws.expert.message']);
    const tgsRep = rows.find((r) => r[0].startsWith('13'))!;
    expect(tgsRep[1]).toMatch(/Decrypted keytype 23 usage 2 using keytab principal (svc-sql|MSSQLSvc\/sql01\.contoso\.local(:1433)?)@CONTOSO\.LOCAL/);
    const roasted = rows.filter((r) => r[0].startsWith('11'))[1];
    expect(roasted[1]).toMatch(/Decrypted keytype 23 usage 3 using keytab principal legacy-scan@CONTOSO\.LOCAL/);
  });

  it('cross-domain: the referral TGT opens with the trust key, the service ticket with FS02$\'s key in EMEA, and every PAC signature verifies', () => {
    const x = exported('kerberos-cross-domain', {}, 'show');
    const rows = fields(x, 'kerberos.msg_type == 13 || kerberos.msg_type == 12 || kerberos.msg_type == 14', ['kerberos.msg_type', 'ip.dst', '_ws.expert.message']);
    const [tgsReq1, tgsRep1, tgsReq2, tgsRep2] = rows.filter((r) => /^1[23]/.test(r[0]));
    expect(tgsReq1[1]).toBe('10.0.0.1');
    expect(tgsReq2[1]).toBe('10.1.0.1');
    const trust = /Decrypted keytype 18 usage 2 using keytab principal krbtgt\/EMEA\.CONTOSO\.LOCAL@CONTOSO\.LOCAL/;
    expect(tgsRep1[2]).toMatch(trust);
    expect(tgsReq2[2]).toMatch(trust);
    expect(tgsRep1[2]).toMatch(/Verified Server checksum \d+ keytype 18 using keytab principal krbtgt\/EMEA\.CONTOSO\.LOCAL@CONTOSO\.LOCAL/);
    expect(tgsRep1[2]).toMatch(/Verified KDC checksum \d+ keytype 18 using keytab principal krbtgt\/CONTOSO\.LOCAL@CONTOSO\.LOCAL/);
    expect(tgsRep2[2]).toMatch(/Decrypted keytype 18 usage 2 using keytab principal (FS02\$|cifs\/fs02[^@]*|HOST\/fs02[^@]*)@EMEA\.CONTOSO\.LOCAL/);
    expect(tgsRep2[2]).toMatch(/Verified KDC checksum \d+ keytype 18 using keytab principal krbtgt\/EMEA\.CONTOSO\.LOCAL@EMEA\.CONTOSO\.LOCAL/);
  });
});
