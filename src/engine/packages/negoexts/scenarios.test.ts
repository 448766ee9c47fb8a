// The four NegoExts / PKU2U scenarios end to end: each one's outcome and the decisions that explain
// it, the NEGOEX conversation as the spec orders it (one conversation ID, one sequence number counting
// both sides' messages, VERIFY both ways), the layers SPNEGO → NEGOEX → PKU2U → Kerberos, the
// encrypted parts the inspector opens with the ECDH-agreed key, the seed's no-fallback rule, and
// every "try this" suggestion doing what its label says.
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../bytes';
import type { Field } from '../../encoding/fields';
import { getScenario } from '../../../scenarios';
import { simulate } from '../../simulate';
import type { DecisionEvent, MessageEvent, Trace } from '../../trace';
import { engine } from '../../../store/run';
import { suggestions } from '../../../store/suggest';
import { parseToken } from './messages';
import { parseSpnego } from '../negotiate/messages';

const run = (id: string, params: Record<string, string> = {}): Trace => simulate(getScenario(id)!, { params });
const messages = (t: Trace) => t.events.filter((e): e is MessageEvent => e.type === 'message');
const decisions = (t: Trace) => t.events.filter((e): e is DecisionEvent => e.type === 'decision');
const conditions = (t: Trace) => decisions(t).map((d) => d.condition);
const walk = (fs: Field[], out: Field[] = []): Field[] => { for (const f of fs) { out.push(f); if (f.children) walk(f.children, out); if (f.decrypted) walk(f.decrypted.fields, out); } return out; };

/** The NEGOEX messages of a run, in order, from the SPNEGO tokens the carriers sent. */
function negoexMessages(t: Trace) {
  return messages(t).filter((m) => m.hex && !m.tokenNotSent && m.layers.some((l) => l.startsWith('NEGOEX'))).flatMap((m) => {
    const sp = parseSpnego(fromHex(m.hex));
    const inner = sp.inner!;
    return parseToken(fromHex(m.hex).subarray(inner.offset, inner.offset + inner.length)).messages.map((x) => ({ ...x, from: m.from }));
  });
}

describe('pku2u-peer: SMB2, SPNEGO → NEGOEX → PKU2U, two machines with no domain', () => {
  const t = run('pku2u-peer');

  it('authenticates with PKU2U (run by NegoExtender) and never touches NTLM or a KDC', () => {
    expect(t.outcome).toMatchObject({ result: 'authenticated', package: 'Negotiate', mechanism: 'PKU2U', status: 'SEC_E_OK' });
    expect(messages(t).some((m) => m.protocol === 'NTLM' || m.carrier.id.endsWith('/88'))).toBe(false);
    expect(t.nodes.map((n) => n.role)).toEqual(['client', 'peer']);
    expect(conditions(t)).toEqual(['onlineIdentity', 'clientFirstChoice', 'negoexSchemeChosen']);
  });

  it('the client offers NEGOEX first (then NTLMSSP) with the NEGOEX token as its optimistic token', () => {
    const first = messages(t).find((m) => m.layers.includes('SPNEGO NegTokenInit'))!;
    const sp = parseSpnego(fromHex(first.hex));
    expect(sp.name).toBe('NegTokenInit');
    expect((sp.value as { mechTypes: string[] }).mechTypes).toEqual(['1.3.6.1.4.1.311.2.2.30', '1.3.6.1.4.1.311.2.2.10']);
  });

  it('one conversation, sequence numbers 0..9 over both sides, in the order MS-NEGOEX gives', () => {
    const ms = negoexMessages(t);
    expect(ms.map((m) => m.sequenceNum)).toEqual([...ms.keys()]);
    expect(new Set(ms.map((m) => m.conversationId)).size).toBe(1);
    expect(ms.map((m) => `${m.from}:${m.messageType}`)).toEqual([
      'client:0', 'client:2', 'peer:1', 'peer:3', 'client:5', 'peer:4', 'client:5', 'client:6', 'peer:4', 'peer:6',
    ]);
  });

  it('the layered view: SPNEGO → NEGOEX → PKU2U → Kerberos; AS-REQ carries PA-PK-AS-REQ with the signed AuthPack', () => {
    const asReq = messages(t).find((m) => m.protocol === 'PKU2U' && m.name === 'AS-REQ')!;
    expect(asReq.layers.map((l) => l.split(' ')[0])).toEqual(['SMB2', 'SPNEGO', 'NEGOEX', 'PKU2U', 'Kerberos']);
    const names = walk(asReq.fields).map((f) => f.name);
    expect(names).toContain('signedAuthPack');
    expect(walk(asReq.fields).some((f) => f.value?.includes('WELLKNOWN:PKU2U'))).toBe(true);
  });

  it('the inspector opens the AS-REP enc-part with the ECDH-agreed reply key, and the ticket with the acceptor\'s own key', () => {
    const asRep = messages(t).find((m) => m.protocol === 'PKU2U' && m.name === 'AS-REP')!;
    const opened = walk(asRep.fields).filter((f) => f.decrypted).map((f) => f.decrypted!.key);
    expect(opened.some((k) => k.startsWith('PKU2U AS reply key (ECDH P-256 agreement'))).toBe(true);
    expect(opened.some((k) => k.includes('PKU2U ticket key'))).toBe(true);
    const apReq = messages(t).find((m) => m.protocol === 'PKU2U' && m.name.startsWith('AP-REQ'))!;
    expect(walk(apReq.fields).some((f) => f.decrypted?.name === 'Authenticator')).toBe(true);
  });

  it('both sides end with the same session key (SMB signs with it)', () => {
    const notes = t.events.filter((e) => e.type === 'note' && e.narration.includes('signature checks out'));
    expect(notes).toHaveLength(1);
  });
});

describe('negoexts-federated: the identity provider issued the certificate; its sign-in is the one summary leg', () => {
  const t = run('negoexts-federated');
  it('authenticates; the only summary messages are the device sign-in to the idp and its reply', () => {
    expect(t.outcome.result).toBe('authenticated');
    const summary = messages(t).filter((m) => m.modelled === 'summary');
    expect(summary.map((m) => `${m.from}>${m.to}`)).toEqual(['client>idp', 'idp>client']);
    expect(summary[1].fields.find((f) => f.name === 'issuer')!.value).toMatch(/^MS-Organization-P2P-Access \[2016\]$/);
    expect(t.nodes.map((n) => n.role)).toEqual(['client', 'peer', 'idp']);
  });
});

describe('negoexts-scheme-fails: the chosen scheme fails; no renegotiation, no NTLM although NTLM is on', () => {
  const t = run('negoexts-scheme-fails');
  it('fails with KDC_ERR_CANT_VERIFY_CERTIFICATE and a decision that names the rule', () => {
    expect(t.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_ISSUING_CA_UNTRUSTED' });
    expect(t.nodes.every((n) => n.enabledPackages.includes('NTLM'))).toBe(true);
    const d = decisions(t).find((x) => x.condition === 'negoexChosenSchemeFailed')!;
    expect(d.because).toMatch(/no renegotiation/);
    expect(d.because).toMatch(/although NTLM is enabled/);
    expect(messages(t).some((m) => m.protocol === 'NTLM')).toBe(false);
    const last = messages(t).at(-1)!;
    expect(last.error?.name).toBe('KDC_ERR_CANT_VERIFY_CERTIFICATE');
    expect(last.name).toBe('KRB-ERROR (KDC_ERR_CANT_VERIFY_CERTIFICATE) + ALERT');
  });
  it('the metadata phase kept PKU2U (names match); a CA the acceptor does not know drops it there instead', () => {
    expect(conditions(t)).toContain('negoexSchemeChosen');
    const u = run('negoexts-scheme-fails', { pku2uCertificate: 'unknown-ca' });
    expect(conditions(u)).toEqual(['onlineIdentity', 'clientFirstChoice', 'pku2uNoTrustedCertificate', 'negoexNoSchemeLeft']);
    expect(messages(u).some((m) => m.name === 'AS-REQ')).toBe(false);
  });
});

describe('pku2u-policy-off: the acceptor keeps online identities out', () => {
  it('fails with the policy named; enabled or not configured on a machine without a domain, it works', () => {
    const t = run('pku2u-policy-off');
    expect(t.outcome.result).toBe('failed');
    const d = decisions(t).find((x) => x.condition === 'pku2uOnlineIdsDisabled')!;
    expect(d.because).toContain('Allow PKU2U authentication requests to this computer to use online identities');
    expect(run('pku2u-policy-off', { pku2uOnlineIds: 'enabled' }).outcome.result).toBe('authenticated');
    expect(run('pku2u-policy-off', { pku2uOnlineIds: 'not-configured' }).outcome.result).toBe('authenticated');
  });
});

describe('try this: every NegoExts suggestion does what its label says', () => {
  const claims: Record<string, (t: Trace) => boolean> = {
    'Enable the PKU2U online-identity policy on the acceptor': (t) => t.outcome.result === 'authenticated',
    'Leave the policy not configured (on by default without a domain)': (t) => t.outcome.result === 'authenticated',
    'The certificate from the trusted CA': (t) => t.outcome.result === 'authenticated',
    'A certificate from a look-alike CA (same name, other key)': (t) => t.outcome.result === 'failed' && conditions(t).includes('negoexChosenSchemeFailed'),
    'A certificate from a CA the acceptor does not trust': (t) => t.outcome.result === 'failed' && conditions(t).includes('pku2uNoTrustedCertificate') && !conditions(t).includes('negoexSchemeChosen'),
    'Turn the PKU2U online-identity policy off on the acceptor': (t) => t.outcome.result === 'failed' && conditions(t).includes('pku2uOnlineIdsDisabled'),
  };
  it.each(['pku2u-peer', 'negoexts-federated', 'negoexts-scheme-fails', 'pku2u-policy-off'])('%s', (id) => {
    const base = run(id);
    const list = suggestions(base, engine.parameters);
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.length).toBeLessThanOrEqual(4);
    for (const s of list) {
      expect(s.kind).toBe('param');
      if (s.kind !== 'param') continue;
      expect(claims[s.label], s.label).toBeDefined();
      const p = { ...(getScenario(id)!.params ?? {}), [s.name]: String(s.value) } as Record<string, string>;
      expect(claims[s.label](run(id, p)), `${id}: ${s.label}`).toBe(true);
    }
  });
});
