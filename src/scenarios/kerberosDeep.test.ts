// The Kerberos lessons that needed KDC work (issue 15), each checked as a trainer would state it, and
// each "try this" suggestion checked against what it claims.
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import type { ParamValue } from '../engine/params';
import { PARAMETERS } from '../engine/params';
import type { DecisionEvent, MessageEvent, Trace } from '../engine/trace';
import { suggestions } from '../store/suggest';
import { getScenario } from '.';
import { parseKerberosMessage } from '../engine/packages/kerberos/messages';

function run(id: string, params: Record<string, ParamValue> = {}): Trace {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return simulate(s, { params });
}
const messages = (t: Trace) => t.events.filter((e): e is MessageEvent => e.type === 'message');
const decisions = (t: Trace) => t.events.filter((e): e is DecisionEvent => e.type === 'decision');
const krb = (t: Trace, name: string) => messages(t).filter((m) => m.protocol === 'Kerberos' && m.name.startsWith(name));
const bytes = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
/** The etype list of a KDC request's body. */
const reqEtypes = (m: MessageEvent): number[] => (parseKerberosMessage(bytes(m.hex)).value as { reqBody: { etype: number[] } }).reqBody.etype;
/** The etype the service ticket of a TGS-REP is sealed with. */
const ticketEtype = (m: MessageEvent): number => (parseKerberosMessage(bytes(m.hex)).value as { ticket: { encPart: { etype: number } } }).ticket.encPart.etype;
const suggest = (t: Trace) => suggestions(t, PARAMETERS);

describe('kerberos-etype-mismatch', () => {
  it('client RC4 only, service AES only → KDC_ERR_ETYPE_NOSUPP for the service ticket, then Negotiate falls back to NTLM and the site opens', () => {
    const t = run('kerberos-etype-mismatch');
    expect(reqEtypes(krb(t, 'AS-REQ')[0])).toEqual([23]);
    expect(reqEtypes(krb(t, 'TGS-REQ')[0])).toEqual([23]);
    const err = krb(t, 'KRB-ERROR').pop()!;
    expect(err.error?.name).toBe('KDC_ERR_ETYPE_NOSUPP');
    expect(err.error?.code).toBe(14);
    expect(decisions(t).some((d) => d.condition === 'noCommonEtype' && /fall back to NTLM/.test(d.decision))).toBe(true);
    expect(t.outcome).toMatchObject({ result: 'authenticated', package: 'Negotiate', mechanism: 'NTLM' });
  });

  it('the reverse (client AES only, service RC4 only) fails the same way', () => {
    const t = run('kerberos-etype-mismatch', { clientEnctypes: 'aes', serviceEnctypes: 'rc4' });
    expect(reqEtypes(krb(t, 'TGS-REQ')[0])).toEqual([18, 17]);
    expect(krb(t, 'KRB-ERROR').pop()!.error?.name).toBe('KDC_ERR_ETYPE_NOSUPP');
    expect(t.outcome.mechanism).toBe('NTLM');
  });

  it('with NTLM off on the client there is nothing to fall back to: the connection fails with the etype error', () => {
    const s = getScenario('kerberos-etype-mismatch')!;
    const t = simulate(s, { client: ['Kerberos', 'Negotiate'] });
    expect(t.outcome.result).toBe('failed');
    expect(decisions(t).some((d) => d.condition === 'noFallbackMechanism')).toBe(true);
  });

  it('a service account with no msDS-SupportedEncryptionTypes: RC4 ticket in the 2016 profile, AES only (so NTLM again) in the 2025 profile', () => {
    const old = run('kerberos-etype-mismatch', { serviceEnctypes: 'unset' });
    expect(old.outcome.mechanism).toBe('Kerberos');
    expect(ticketEtype(krb(old, 'TGS-REP')[0])).toBe(23);
    const now = run('kerberos-etype-mismatch', { serviceEnctypes: 'unset', windowsRelease: '2025' });
    expect(now.outcome.mechanism).toBe('NTLM');
    expect(krb(now, 'KRB-ERROR').pop()!.error?.name).toBe('KDC_ERR_ETYPE_NOSUPP');
    const aesClient = run('kerberos-etype-mismatch', { serviceEnctypes: 'unset', windowsRelease: '2025', clientEnctypes: 'default' });
    expect(ticketEtype(krb(aesClient, 'TGS-REP')[0])).toBe(18);
  });

  it('try this: each suggestion does what its label says', () => {
    const start = run('kerberos-etype-mismatch');
    const labels = suggest(start).map((s) => s.label);
    expect(labels.slice(0, 2)).toEqual(['Client allows AES (Kerberos works, AES ticket)', 'Service account without msDS-SupportedEncryptionTypes (2016: RC4 ticket)']);
    const aes = run('kerberos-etype-mismatch', { clientEnctypes: 'aes' });
    expect(aes.outcome.mechanism).toBe('Kerberos');
    expect(ticketEtype(krb(aes, 'TGS-REP')[0])).toBe(18);
    // From there, the reverse.
    const rev = suggest(aes).find((s) => /reverse/.test(s.label))!;
    expect(rev).toMatchObject({ name: 'serviceEnctypes', value: 'rc4' });
    expect(run('kerberos-etype-mismatch', { clientEnctypes: 'aes', serviceEnctypes: 'rc4' }).outcome.mechanism).toBe('NTLM');
    // From the unset account in 2016, the 2025 profile.
    const unset = run('kerberos-etype-mismatch', { serviceEnctypes: 'unset' });
    expect(suggest(unset)[0]).toMatchObject({ name: 'windowsRelease', value: '2025' });
  });
});

describe('kerberoasting-and-asrep-roasting', () => {
  const spn = 'MSSQLSvc/sql01.contoso.local:1433';
  it('any domain user gets an RC4 service ticket for svc-sql and an AS-REP for legacy-scan, and SQL01 never sees a packet', () => {
    const t = run('kerberoasting-and-asrep-roasting');
    expect(messages(t).every((m) => m.from !== 'server' && m.to !== 'server')).toBe(true);
    expect(ticketEtype(krb(t, 'TGS-REP')[0])).toBe(23);
    const asReps = krb(t, 'AS-REP');
    expect(asReps).toHaveLength(2);
    const roasted = parseKerberosMessage(bytes(asReps[1].hex)).value as { cname: { nameString: string[] }; encPart: { etype: number } };
    expect(roasted.cname.nameString).toEqual(['legacy-scan']);
    expect(roasted.encPart.etype).toBe(23);
    // The roasting AS-REQ carries no PA-ENC-TIMESTAMP (padata type 2) and asks only for RC4.
    const asReq = krb(t, 'AS-REQ')[2];
    expect(reqEtypes(asReq)).toEqual([23]);
    expect((parseKerberosMessage(bytes(asReq.hex)).value as { padata?: { padataType: number }[] }).padata?.map((p) => p.padataType)).not.toContain(2);
    expect(decisions(t).map((d) => d.condition)).toEqual(['roastableRc4Ticket', 'roastableAsRep']);
    expect(t.outcome.result).toBe('authenticated');
    expect(t.outcome.reason).toMatch(new RegExp(`an RC4 service ticket for ${spn} and an AS-REP for legacy-scan without contacting sql01`));
  });

  it('the AS-REP for legacy-scan opens only with legacy-scan\'s key, and its ticket is not marked pre-authenticated', () => {
    const t = run('kerberoasting-and-asrep-roasting');
    const [logon, roasted] = krb(t, 'AS-REP').map((m) => JSON.stringify(m.fields));
    // The inspector opens both with the keys the KDC used: alice's logon TGT is pre-authenticated, legacy-scan's is not.
    expect(logon).toContain('(forwardable, renewable, initial, pre-authent)');
    expect(roasted).toContain('(forwardable, renewable, initial)');
    expect(roasted).not.toContain('initial, pre-authent)');
    expect(roasted).toContain('legacy-scan');
  });

  it('AES-only svc-sql: the ticket is still issued, but sealed with AES256', () => {
    const t = run('kerberoasting-and-asrep-roasting', { serviceEnctypes: 'aes' });
    expect(ticketEtype(krb(t, 'TGS-REP')[0])).toBe(18);
    expect(decisions(t)[0].condition).toBe('aesServiceTicket');
  });

  it('pre-authentication required: KDC_ERR_PREAUTH_REQUIRED and no AS-REP for legacy-scan', () => {
    const t = run('kerberoasting-and-asrep-roasting', { requirePreauth: true });
    expect(krb(t, 'AS-REP')).toHaveLength(1);
    expect(krb(t, 'KRB-ERROR').pop()!.name).toBe('KRB-ERROR (KDC_ERR_PREAUTH_REQUIRED)');
    expect(decisions(t).map((d) => d.condition)).toEqual(['roastableRc4Ticket', 'preauthRequired']);
    expect(t.outcome.reason).not.toMatch(/AS-REP/);
  });

  it('the 2025 profile: svc-sql, with no msDS-SupportedEncryptionTypes, now gets an AES ticket (KB5073381)', () => {
    expect(ticketEtype(krb(run('kerberoasting-and-asrep-roasting', { windowsRelease: '2025' }), 'TGS-REP')[0])).toBe(18);
  });

  it('try this: the three suggestions are the three fixes, each doing what it says', () => {
    const s = suggest(run('kerberoasting-and-asrep-roasting'));
    expect(s.map((x) => x.kind === 'param' && [x.name, x.value])).toEqual([['serviceEnctypes', 'aes'], ['requirePreauth', true], ['windowsRelease', '2025']]);
    for (const x of s) {
      if (x.kind !== 'param') continue;
      const after = run('kerberoasting-and-asrep-roasting', { [x.name]: x.value });
      const conds = decisions(after).map((d) => d.condition);
      if (x.name === 'requirePreauth') expect(conds).toContain('preauthRequired');
      else expect(conds).toContain('aesServiceTicket');
    }
  });
});

describe('kerberos-cross-domain', () => {
  const sname = (m: MessageEvent) => (parseKerberosMessage(bytes(m.hex)).value as { ticket: { sname: { nameString: string[] }; realm: string } }).ticket;
  it('DC01 answers with a referral TGT for krbtgt/EMEA.CONTOSO.LOCAL; WS01 then asks DC02, which issues the ticket for cifs/fs02; FS02 accepts it', () => {
    const t = run('kerberos-cross-domain');
    const [req1, req2] = krb(t, 'TGS-REQ');
    const [rep1, rep2] = krb(t, 'TGS-REP');
    expect([req1.to, rep1.from, req2.to, rep2.from]).toEqual(['dc', 'dc', 'dc2', 'dc2']);
    expect(sname(rep1)).toMatchObject({ realm: 'CONTOSO.LOCAL', sname: { nameString: ['krbtgt', 'EMEA.CONTOSO.LOCAL'] } });
    expect(sname(rep2)).toMatchObject({ realm: 'EMEA.CONTOSO.LOCAL', sname: { nameString: ['cifs', 'fs02.emea.contoso.local'] } });
    // The second request names the other realm in its body and carries the referral TGT.
    const body2 = (parseKerberosMessage(bytes(req2.hex)).value as { reqBody: { realm: string } }).reqBody;
    expect(body2.realm).toBe('EMEA.CONTOSO.LOCAL');
    const referralCipher = (parseKerberosMessage(bytes(rep1.hex)).value as { ticket: { encPart: { cipher: Uint8Array } } }).ticket.encPart.cipher;
    expect(req2.hex).toContain([...referralCipher].map((b) => b.toString(16).padStart(2, '0')).join(''));
    expect(req1.hex).not.toContain([...referralCipher].map((b) => b.toString(16).padStart(2, '0')).join(''));
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'Kerberos' });
    expect(t.outcome.reason).toMatch(/alice to fs02\.emea\.contoso\.local/);
  });

  it('the inspector opens the referral TGT with the inter-realm key and the service ticket with FS02$\'s key', () => {
    const t = run('kerberos-cross-domain');
    const [rep1, rep2] = krb(t, 'TGS-REP');
    const keysOf = (m: MessageEvent) => { const out: string[] = []; const walk = (fs: MessageEvent['fields']) => { for (const f of fs) { if (f.decrypted) out.push(f.decrypted.key); if (f.children) walk(f.children); } }; walk(m.fields); return out; };
    expect(keysOf(rep1).some((k) => /krbtgt\/EMEA\.CONTOSO\.LOCAL@CONTOSO\.LOCAL inter-realm \(trust\) key/.test(k))).toBe(true);
    expect(keysOf(rep2).some((k) => /FS02\$@EMEA\.CONTOSO\.LOCAL long-term key/.test(k))).toBe(true);
  });

  it('with the SPN registered nowhere in the forest there is no referral: KDC_ERR_S_PRINCIPAL_UNKNOWN from DC01, then NTLM, passed through by FS02 to its own DC', () => {
    const t = run('kerberos-cross-domain', { spnRegistered: false });
    expect(krb(t, 'TGS-REQ')).toHaveLength(1);
    expect(krb(t, 'KRB-ERROR').pop()!.error?.name).toBe('KDC_ERR_S_PRINCIPAL_UNKNOWN');
    expect(t.outcome.mechanism).toBe('NTLM');
    const passThrough = messages(t).find((m) => m.protocol === 'Netlogon')!;
    expect([passThrough.from, passThrough.to]).toEqual(['server', 'dc2']);
    expect(suggest(run('kerberos-cross-domain'))[0]).toMatchObject({ name: 'spnRegistered', value: false });
  });
});

describe('kerberos-double-hop', () => {
  const tgsOf = (t: Trace) => messages(t).filter((m) => m.protocol === 'Kerberos' && m.from === 'server' && m.name === 'TGS-REQ').map((m) => parseKerberosMessage(bytes(m.hex)).value as {
    padata: { padataType: number }[]; reqBody: { kdcOptions: number; sname: { nameString: string[] }; additionalTickets?: unknown[] };
  });
  const CNAME_IN_ADDL_TKT = 1 << (31 - 14);
  it('without delegation the web server authenticates alice but cannot reach the file server as her: S4U2Proxy refused with KDC_ERR_BADOPTION', () => {
    const t = run('kerberos-double-hop');
    expect(t.outcome.result).toBe('failed');
    expect(t.outcome.reason).toMatch(/web01\.contoso\.local authenticated CONTOSO\\alice \(Kerberos\), but the second hop to fs01\.contoso\.local failed/);
    const err = krb(t, 'KRB-ERROR').pop()!;
    expect([err.from, err.to, err.error?.name, err.error?.code]).toEqual(['dc', 'server', 'KDC_ERR_BADOPTION', 13]);
    // The refused request was an S4U2Proxy: cname-in-addl-tkt, alice's ticket to HTTP/intranet in additional-tickets.
    const [proxy] = tgsOf(t);
    expect(proxy.reqBody.kdcOptions & CNAME_IN_ADDL_TKT).not.toBe(0);
    expect(proxy.reqBody.sname.nameString).toEqual(['cifs', 'fs01.contoso.local']);
    expect(proxy.reqBody.additionalTickets).toHaveLength(1);
    expect(proxy.padata.map((p) => p.padataType)).toEqual([1, 167]);
  });

  it('constrained delegation: the KDC gives the web server alice\'s ticket to cifs/fs01, and FS01 accepts it as alice', () => {
    const t = run('kerberos-double-hop', { delegation: 'constrained' });
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'Kerberos' });
    const rep = krb(t, 'TGS-REP').filter((m) => m.to === 'server').pop()!;
    const v = parseKerberosMessage(bytes(rep.hex)).value as { cname: { nameString: string[] }; ticket: { sname: { nameString: string[] } } };
    expect(v.cname.nameString).toEqual(['alice']);
    expect(v.ticket.sname.nameString).toEqual(['cifs', 'fs01.contoso.local']);
    const ap = messages(t).find((m) => m.from === 'server' && m.to === 'backend' && m.name === 'AP-REQ')!;
    expect(JSON.stringify(ap.fields)).toContain('alice');
    expect(t.outcome.reason).toMatch(/reached \\\\fs01\.contoso\.local\\reports as CONTOSO\\alice/);
  });

  it('resource-based delegation works with the same request (PA-PAC-OPTIONS asks for it)', () => {
    expect(run('kerberos-double-hop', { delegation: 'resource-based' }).outcome.result).toBe('authenticated');
  });

  it('protocol transition: signed in with NTLM, the web server first asks S4U2Self (PA-FOR-USER); "Kerberos only" gives a non-forwardable ticket and S4U2Proxy is refused, "any protocol" and RBCD succeed', () => {
    const kerberosOnly = run('kerberos-double-hop', { delegation: 'constrained', firstHop: 'ntlm' });
    const [self, proxy] = tgsOf(kerberosOnly);
    expect(self.padata.map((p) => p.padataType)).toEqual([1, 129, 167]);
    expect(self.reqBody.sname.nameString).toEqual(['svc-web']);
    expect(proxy.reqBody.kdcOptions & CNAME_IN_ADDL_TKT).not.toBe(0);
    expect(kerberosOnly.outcome.result).toBe('failed');
    expect(krb(kerberosOnly, 'KRB-ERROR').pop()!.error?.name).toBe('KDC_ERR_BADOPTION');
    expect(run('kerberos-double-hop', { delegation: 'constrained-any', firstHop: 'ntlm' }).outcome.result).toBe('authenticated');
    expect(run('kerberos-double-hop', { delegation: 'resource-based', firstHop: 'ntlm' }).outcome.result).toBe('authenticated');
  });

  it('try this: the suggestions lead through each kind of delegation', () => {
    const start = suggest(run('kerberos-double-hop'));
    expect(start.slice(0, 2).map((x) => x.kind === 'param' && x.value)).toEqual(['constrained', 'resource-based']);
    const kcd = suggest(run('kerberos-double-hop', { delegation: 'constrained' }))[0];
    expect(kcd).toMatchObject({ name: 'firstHop', value: 'ntlm' });
    const t2a4d = suggest(run('kerberos-double-hop', { delegation: 'constrained', firstHop: 'ntlm' }))[0];
    expect(t2a4d).toMatchObject({ name: 'delegation', value: 'constrained-any' });
  });
});
