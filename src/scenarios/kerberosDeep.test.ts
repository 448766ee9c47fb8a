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
