// Wireshark, given the keytab the engine exports (`--keytab`), decrypts every ticket,
// authenticator, KDC reply part and AP-REP of the exported capture and verifies the PAC's server
// and KDC signatures (Wireshark 4.0 reports both as expert infos: "Verified Server checksum ..." /
// "Verified KDC checksum ...", or a "Missing ..." WARNING when no key verifies them), with no
// malformed packet and no expert warning. FAILS (never skips) when tshark is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex, hex } from '../bytes';
import { decrypt } from '../crypto/kerberos';
import { writeKeytab } from '../export/keytab';
import { tracePcap } from '../export/traceExport';
import { directoryKeytabEntries } from '../packages/kerberos/keys';
import { parseEncTicketPart, parseTgsRep } from '../packages/kerberos/messages';
import { simulate } from '../simulate';
import type { MessageEvent } from '../trace';
import { kerberosScenario } from './scenarios.testutil';

const REALM = 'CONTOSO.LOCAL';
const KRBTGT = `krbtgt/${REALM}@${REALM}`;

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  if (r.error) throw new Error(`tshark is not installed or cannot run (${r.error.message}). Install the Debian package tshark: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark`);
  if (r.status !== 0) throw new Error(`tshark exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const dir = mkdtempSync(join(tmpdir(), 'sspilab-wireshark-keytab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = ['frame.number', 'kerberos.msg_type', 'kerberos.padata_type', 'kerberos.SNameString', 'kerberos.keyvalue', 'kerberos.authtime', 'kerberos.ctime', 'kerberos.cusec',
  'kerberos.CNameString', 'kerberos.pac.upn.upn_name', 'kerberos.pac.name', 'netlogon.acct_name', 'netlogon.full_name', 'netlogon.rid', 'dcerpc.nt.domain_sid',
  '_ws.expert.message'] as const;
type Row = Record<(typeof FIELDS)[number], string[]>;

/** One row per frame that carries Kerberos: every occurrence of each field, in order. */
function kerberosRows(pcap: string, keytab: string): Row[] {
  const out = tshark(['-r', pcap, '-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${keytab}`, '-Y', 'kerberos', '-T', 'fields',
    '-E', 'separator=/t', '-E', 'aggregator=|', '-E', 'occurrence=a', ...FIELDS.flatMap((f) => ['-e', f])]);
  return out.split('\n').filter(Boolean).map((line) => {
    const cols = line.split('\t');
    return Object.fromEntries(FIELDS.map((f, i) => [f, cols[i] ? cols[i].split('|') : []])) as Row;
  });
}

/** Expert infos that are warnings or worse, and malformed packets (checksums checked). */
function problems(pcap: string, keytab: string): string {
  return tshark(['-r', pcap, '-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${keytab}`, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE',
    '-Y', '_ws.malformed || _ws.expert.severity >= warning', '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Info', '-e', '_ws.expert.message']);
}

/** "Decrypted keytype 18 usage 2 using keytab principal X (...)": usage → the keytab principals that opened it. */
function decryptions(row: Row): Map<number, Set<string>> {
  const m = new Map<number, Set<string>>();
  for (const msg of row['_ws.expert.message']) {
    const d = /^Decrypted keytype \d+ usage (\d+) using (?:keytab principal (\S+)|learnt)/.exec(msg);
    if (!d) continue;
    const usage = Number(d[1]);
    if (!m.has(usage)) m.set(usage, new Set());
    m.get(usage)!.add(d[2] ?? 'learnt');
  }
  return m;
}

function pacChecks(row: Row, which: 'Server' | 'KDC'): string[] {
  return row['_ws.expert.message'].flatMap((msg) => {
    const v = new RegExp(`^Verified ${which} checksum \\d+ keytype \\d+ using keytab principal (\\S+)`).exec(msg);
    return v ? [v[1]] : [];
  });
}

const MSG_TYPES: Record<string, string> = { 10: 'AS-REQ', 11: 'AS-REP', 12: 'TGS-REQ', 13: 'TGS-REP', 14: 'AP-REQ', 15: 'AP-REP', 30: 'KRB-ERROR' };

describe.each(['kerberos-smb', 'negotiate-kerberos-http'])('Wireshark with the exported keytab of %s', (id) => {
  const scenario = kerberosScenario(id);
  const trace = simulate(scenario);
  const pcap = join(dir, `${id}.pcap`);
  const keytab = join(dir, `${id}.keytab`);
  const entries = directoryKeytabEntries(scenario);
  writeFileSync(pcap, tracePcap(trace));
  writeFileSync(keytab, writeKeytab(entries));
  const kerberos = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'Kerberos' && e.modelled !== 'summary');
  const rows = kerberosRows(pcap, keytab);
  /** The first frame with that message (for AS-REQ: the one with PA-ENC-TIMESTAMP). */
  const rowOf = (name: string): Row => {
    const r = rows.find((x) => MSG_TYPES[x['kerberos.msg_type'][0]] === name && (name !== 'AS-REQ' || x['kerberos.padata_type'].includes('2')));
    if (!r) throw new Error(`Wireshark shows no ${name} in the capture of ${id}`);
    return r;
  };

  // The service the ticket is for, and every keytab name of the account that owns it.
  const tgsRep = parseTgsRep(fromHex(kerberos.find((m) => m.name === 'TGS-REP')!.hex)).value;
  const spn = tgsRep.ticket.sname.nameString.join('/');
  const owner = scenario.accounts.find((a) => (a.spns ?? []).some((s) => s.toLowerCase() === spn.toLowerCase()));
  const serviceNames = new Set([owner?.name, ...(owner?.spns ?? [])].map((n) => `${n}@${REALM}`));

  it('dissects the same Kerberos messages as the trace, with no malformed packet and no expert warning (no missing key, no unverified PAC signature)', () => {
    // RFC 4121 Wrap/MIC tokens (the WinRM-style protected HTTP body) are left out: Wireshark 4.0
    // shows the multipart/encrypted part as plain data, it does not dissect them as Kerberos.
    const kdcAndAp = kerberos.map((m) => m.name.split(' ')[0]).filter((n) => Object.values(MSG_TYPES).includes(n));
    expect(rows.map((r) => MSG_TYPES[r['kerberos.msg_type'][0]])).toEqual(kdcAndAp);
    expect(problems(pcap, keytab)).toBe('');
  });

  it('opens every encrypted part with the keytab: PA-ENC-TIMESTAMP (1), tickets (2), AS-REP (3), TGS authenticator (7), TGS-REP (8), AP authenticator (11), AP-REP (12)', () => {
    const expected: Record<string, number[]> = { 'AS-REP': [2, 3], 'TGS-REQ': [2, 7], 'TGS-REP': [2, 8], 'AP-REQ': [2, 11], 'AP-REP': [12], 'KRB-ERROR': [] };
    for (const row of rows) {
      const name = MSG_TYPES[row['kerberos.msg_type'][0]];
      const usages = [...decryptions(row).keys()].sort((a, b) => a - b);
      const want = name === 'AS-REQ' ? (row['kerberos.padata_type'].includes('2') ? [1] : []) : expected[name];
      expect(usages, `frame ${row['frame.number'][0]} ${name}: ${row['_ws.expert.message'].join(' / ')}`).toEqual(want);
    }
    // who opened what: the user's key for her own parts, krbtgt for the TGT, the service account for the service ticket
    expect([...decryptions(rowOf('AS-REQ')).get(1)!]).toEqual([`alice@${REALM}`]);
    expect([...decryptions(rowOf('AS-REP')).get(3)!]).toEqual([`alice@${REALM}`]);
    expect([...decryptions(rowOf('AS-REP')).get(2)!]).toEqual([KRBTGT]);
    expect([...decryptions(rowOf('TGS-REQ')).get(2)!]).toEqual([KRBTGT]);
    for (const name of ['TGS-REP', 'AP-REQ']) {
      const by = [...decryptions(rowOf(name)).get(2)!];
      expect(by.length).toBe(1);
      expect(serviceNames, `${name} ticket opened by ${by[0]}`).toContain(by[0]);
    }
  });

  it('verifies the PAC server and KDC signatures of every ticket (the TGT twice, the service ticket twice)', () => {
    for (const [name, server] of [['AS-REP', KRBTGT], ['TGS-REQ', KRBTGT], ['TGS-REP', null], ['AP-REQ', null]] as const) {
      const row = rowOf(name);
      const s = pacChecks(row, 'Server');
      const k = pacChecks(row, 'KDC');
      expect(s.length, `${name}: ${row['_ws.expert.message'].join(' / ')}`).toBe(1);
      if (server) expect(s[0]).toBe(server);
      else expect(serviceNames).toContain(s[0]);
      expect(k).toEqual([KRBTGT]);
    }
  });

  it('shows the decrypted ticket, PAC and AP-REP with the values the engine put in them', () => {
    // the engine's own service ticket, opened with the service key from the same keytab entries
    const svcKey = entries.find((e) => `${e.principal.join('/')}@${e.realm}`.toLowerCase() === `${spn}@${REALM}`.toLowerCase() && e.etype === tgsRep.ticket.encPart.etype);
    expect(svcKey, `no keytab entry for ${spn}`).toBeDefined();
    const ticket = parseEncTicketPart(decrypt(tgsRep.ticket.encPart.etype, svcKey!.key, 2, tgsRep.ticket.encPart.cipher)).value;
    const apReq = rowOf('AP-REQ');
    expect(apReq['kerberos.keyvalue'][0], 'the ticket session key Wireshark decrypted').toBe(hex(ticket.key.keyvalue));
    expect(Date.parse(apReq['kerberos.authtime'][0].replace(/\.\d+ UTC$/, ' UTC'))).toBe(ticket.authtime.getTime());
    expect(apReq['kerberos.CNameString']).toEqual([ticket.cname.nameString.join('/'), 'alice']); // ticket, then authenticator
    expect(apReq['kerberos.pac.upn.upn_name']).toEqual([`alice@${scenario.domain!.dnsName}`]);
    expect(apReq['kerberos.pac.name']).toEqual(['alice']);
    expect(apReq['netlogon.acct_name']).toEqual(['alice']);
    expect(apReq['netlogon.full_name']).toEqual(['Alice Martin']);
    expect(apReq['netlogon.rid']).toEqual(['1104']);
    expect(apReq['dcerpc.nt.domain_sid']).toContain(scenario.domain!.sid);
    // mutual authentication: the AP-REP's EncAPRepPart echoes the authenticator's ctime and cusec
    const apRep = rowOf('AP-REP');
    expect(apRep['kerberos.ctime']).toEqual([apReq['kerberos.ctime'][0]]);
    expect(apRep['kerberos.cusec']).toEqual([apReq['kerberos.cusec'][0]]);
    expect(apRep['kerberos.keyvalue'].length, 'the AP-REP subkey').toBe(1);
  });

  it('negative control: without the krbtgt keys Wireshark cannot open the TGT nor verify the KDC signatures, and says so', () => {
    const partial = join(dir, `${id}-no-krbtgt.keytab`);
    writeFileSync(partial, writeKeytab(entries.filter((e) => e.principal[0] !== 'krbtgt')));
    const out = problems(pcap, partial);
    expect(out).toMatch(/Missing keytype \d+ usage 2/);
    expect(out).toMatch(/Missing KDC checksum/);
    const apReq = kerberosRows(pcap, partial).find((r) => r['kerberos.msg_type'][0] === '14')!;
    expect(pacChecks(apReq, 'KDC')).toEqual([]);
    expect(pacChecks(apReq, 'Server').length).toBe(1);
  });
});
