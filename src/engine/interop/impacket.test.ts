// A third implementation reads the engine's Kerberos: impacket (Debian python3-impacket, run with
// /usr/bin/python3) decodes every AS/TGS/AP message with its pyasn1 specs (and re-encodes each to
// the same bytes), finds the AP-REQ/AP-REP inside SPNEGO with its own SPNEGO parser, derives the
// keys from the passwords with its own string-to-key, opens every encrypted part and verifies the
// PAC signatures. The script is impacketCheck.py beside this file.
// FAILS (never skips) when python3-impacket is missing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { MessageEvent } from '../trace';
import { kerberosScenario } from './scenarios.testutil';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'impacketCheck.py');

interface PacReport {
  types: number[]; effectiveName: string; fullName: string; userId: number; primaryGroupId: number; groupIds: number[];
  logonDomainName: string; logonDomainId: string; clientInfoName: string; upn: string; dnsDomain: string;
  serverSignature: { type: number; valid: boolean }; kdcSignature: { type: number; valid: boolean };
}
interface TicketReport { sname: string; cname: string; crealm: string; key: string; pac?: PacReport }
type Entry = Record<string, unknown> & { name: string; error?: string; reencodedSame?: boolean; ticket?: TicketReport; tgt?: TicketReport };
interface Report { messages: Entry[]; errors: string[] }

function runImpacket(input: unknown): Report {
  const probe = spawnSync(PYTHON, ['-c', 'import impacket, pyasn1'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`impacket is not importable by ${PYTHON} (${probe.error?.message ?? probe.stderr.trim()}). Install the Debian package python3-impacket: DEBIAN_FRONTEND=noninteractive apt-get install -y python3-impacket`);
  }
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`impacketCheck.py exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

/** MS-KILE 3.1.1.2 salts, written out here rather than taken from the engine. */
function salt(realm: string, dnsName: string, account: string): string {
  return account.endsWith('$') ? `${realm}host${account.slice(0, -1).toLowerCase()}.${dnsName.toLowerCase()}` : `${realm}${account}`;
}

describe.each(['kerberos-smb', 'negotiate-kerberos-http'])('impacket reads the Kerberos messages of %s', (id) => {
  const scenario = kerberosScenario(id);
  const realm = scenario.domain!.dnsName.toUpperCase();
  const dns = scenario.domain!.dnsName;
  const service = scenario.nodes.find((n) => n.role === 'server')!.serviceAccount!;
  const password = (name: string): string => scenario.accounts.find((a) => a.name === name)!.password;
  const trace = simulate(scenario);
  const messages = trace.events
    .filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'Kerberos' && e.modelled !== 'summary')
    .map((m) => ({ name: m.name, hex: m.hex, layers: m.layers ?? [] }));
  const report = runImpacket({
    realm, service, messages,
    accounts: Object.fromEntries(['alice', 'krbtgt', service].map((a) => [a, [password(a), salt(realm, dns, a), 18]])),
  });
  /** The first message of that name (for the AS-REQ with pre-authentication, ask for 'AS-REQ+TS'). */
  const byName = (name: string): Entry => {
    const preauth = name === 'AS-REQ+TS';
    const e = report.messages.find((m) => m.name.split(' ')[0] === (preauth ? 'AS-REQ' : name) && (!preauth || (m.padata as number[] | undefined)?.includes(2)));
    if (!e) throw new Error(`no ${name} in the trace of ${id}`);
    return e;
  };

  it('decodes every AS/TGS/AP/KRB-ERROR message with impacket\'s ASN.1 specs and re-encodes it to the same bytes', () => {
    expect(report.errors, report.errors.join('\n')).toEqual([]);
    const kdcAp = report.messages.filter((m) => !m.skipped);
    expect(new Set(kdcAp.map((m) => m.name.split(' ')[0]))).toEqual(new Set(['AS-REQ', 'KRB-ERROR', 'AS-REP', 'TGS-REQ', 'TGS-REP', 'AP-REQ', 'AP-REP']));
    for (const m of kdcAp) expect(m.reencodedSame, `${m.name}: pyasn1 re-encoding differs`).toBe(true);
    expect(byName('AP-REQ')).toMatchObject({ msgType: 14, gssTokId: '0100' });
    expect(byName('AP-REP')).toMatchObject({ msgType: 15, gssTokId: '0200' });
  });

  it('opens the AS exchange with keys impacket derives from alice\'s and krbtgt\'s passwords', () => {
    expect(byName('AS-REQ')).toMatchObject({ cname: 'alice', realm, padata: [128] });
    expect(byName('KRB-ERROR')).toMatchObject({ errorCode: 25, etypeInfo2: expect.arrayContaining([[18, `${realm}alice`]]) });
    const pre = byName('AS-REQ+TS');
    expect(pre.padata).toEqual(expect.arrayContaining([2, 128]));
    expect(pre.patimestamp).toMatch(/^\d{14}Z$/);
    expect(pre.includePac).toBe(true);
    expect(byName('AS-REP')).toMatchObject({ nonceMatches: true, sname: `krbtgt/${realm}`, ticketKeyMatches: true });
  });

  it('opens the TGS exchange: the TGT, the authenticator and its body checksum, the reply and the service ticket', () => {
    const req = byName('TGS-REQ');
    expect(req).toMatchObject({ authenticatorCname: 'alice', bodyChecksumValid: true });
    expect(req.tgt).toMatchObject({ sname: `krbtgt/${realm}`, cname: 'alice', crealm: realm });
    const rep = byName('TGS-REP');
    expect(rep).toMatchObject({ nonceMatches: true, ticketKeyMatches: true });
    expect(rep.ticket!.sname.toLowerCase()).toBe(String(req.sname).toLowerCase());
  });

  it('opens the AP exchange: the service ticket, the authenticator with the GSS checksum, and the AP-REP echoing its time', () => {
    const ap = byName('AP-REQ');
    expect(ap).toMatchObject({ authenticatorCname: 'alice', cksumtype: 0x8003 });
    expect(ap.gssChecksumLength).toBeGreaterThanOrEqual(24);
    expect(Number(ap.gssFlags) & 0x2, 'GSS_C_MUTUAL_FLAG').toBe(0x2);
    expect(ap.ticket!.key).toBe(byName('TGS-REP').ticket!.key);
    expect(byName('AP-REP')).toMatchObject({ echoesAuthenticatorTime: true });
  });

  it('verifies the PAC server and KDC signatures of the TGT and the service ticket, and reads alice\'s logon information', () => {
    const pacs = [byName('AS-REP').ticket!.pac, byName('TGS-REQ').tgt!.pac, byName('TGS-REP').ticket!.pac, byName('AP-REQ').ticket!.pac];
    for (const pac of pacs) {
      expect(pac).toBeDefined();
      expect(pac!.serverSignature).toEqual({ type: 16, valid: true });
      expect(pac!.kdcSignature).toEqual({ type: 16, valid: true });
      expect(pac).toMatchObject({
        effectiveName: 'alice', fullName: 'Alice Martin', userId: 1104, primaryGroupId: 513, logonDomainName: scenario.domain!.netbiosName,
        logonDomainId: scenario.domain!.sid, clientInfoName: 'alice', upn: `alice@${dns}`, dnsDomain: realm,
      });
      expect(pac!.groupIds).toEqual(expect.arrayContaining([513, 1105]));
    }
  });
});
