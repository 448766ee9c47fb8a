// The six CredSSP scenarios, checked the way a trainer would explain them in front of the room, plus
// every "try this" suggestion they show doing what its label says, and the inspector's promise that
// every encrypted part opens (the TLS record with the TLS key, pubKeyAuth and authInfo with the key
// of the Negotiate context).
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, hex, utf8, utf16le } from '../../bytes';
import type { Field } from '../../encoding/fields';
import { getScenario } from '../../../scenarios';
import { simulate } from '../../simulate';
import type { MessageEvent, Trace } from '../../trace';
import type { ParamValue } from '../../params';
import { packageSuggestions } from '../metas';
import { PARAMETERS } from '../../params';
import { subjectPublicKey } from '../schannel/pki/spki';
import { parseTsCredentials } from './messages';

const run = (id: string, params: Record<string, ParamValue> = {}): Trace => simulate(getScenario(id)!, { params });
const messages = (t: Trace) => t.events.filter((e): e is MessageEvent => e.type === 'message');
const tsRequests = (t: Trace) => messages(t).filter((m) => m.protocol === 'CredSSP');
const names = (t: Trace) => messages(t).map((m) => `${m.from}>${m.to} ${m.name}`);

function walk(fields: Field[], visit: (f: Field) => void): void {
  for (const f of fields) {
    visit(f);
    if (f.children) walk(f.children, visit);
    if (f.decrypted) walk(f.decrypted.fields, visit);
  }
}
function find(fields: Field[], pred: (f: Field) => boolean): Field[] {
  const out: Field[] = [];
  walk(fields, (f) => { if (pred(f)) out.push(f); });
  return out;
}
/** The plaintext of the decrypted part of a TSRequest's field (pubKeyAuth / authInfo), as the inspector opens it. */
function opened(m: MessageEvent, part: 'pubKeyAuth' | 'authInfo'): Uint8Array {
  const f = find(m.fields, (x) => x.name === part)[0];
  const enc = f && find([f], (x) => !!x.decrypted)[0];
  if (!enc?.decrypted) throw new Error(`${part} of ${m.name} does not open`);
  const inner = find(enc.decrypted.fields, (x) => ['binding hash', 'TSCredentials', 'SubjectPublicKey', 'SubjectPublicKey + 1'].includes(x.name))[0];
  if (!inner) throw new Error(`${part}: no plaintext field`);
  return fromHex(enc.decrypted.hex).subarray(inner.start, inner.end);
}
/** The server certificate's SubjectPublicKey, read from the Certificate message the client received. */
function certificateKey(t: Trace): Uint8Array {
  const flight = messages(t).find((m) => m.name.includes('Certificate') && m.protocol === 'TLS')!;
  const bytes = fromHex(flight.hex);
  const cert = find(flight.fields, (f) => f.name === 'Certificate' && bytes[f.start] === 0x30)[0];
  return subjectPublicKey(bytes.subarray(cert.start, cert.end));
}

describe('credssp-rdp: "the password leaves the client only after both ends proved they see the same TLS key"', () => {
  const t = run('credssp-rdp');

  it('X.224 selects CredSSP, then the TLS handshake, then the Kerberos ticket for TERMSRV, then the TSRequest rounds', () => {
    expect(t.outcome).toMatchObject({ result: 'authenticated', package: 'CredSSP', mechanism: 'Kerberos', status: 'SEC_E_OK' });
    const n = names(t);
    const i = (s: string) => n.findIndex((x) => x.includes(s));
    expect(i('X.224 Connection Request')).toBeLessThan(i('X.224 Connection Confirm'));
    expect(i('X.224 Connection Confirm')).toBeLessThan(i('ClientHello'));
    expect(i('ChangeCipherSpec, Finished')).toBeLessThan(i('TGS-REQ'));
    expect(i('TGS-REQ')).toBeLessThan(i('TSRequest: AP-REQ'));
    expect(tsRequests(t).map((m) => `${m.from}:${m.name}`)).toEqual([
      'client:TSRequest: AP-REQ', 'server:TSRequest: AP-REP', 'client:TSRequest: pubKeyAuth', 'server:TSRequest: pubKeyAuth', 'client:TSRequest: authInfo',
    ]);
    const cc = messages(t).find((m) => m.name === 'X.224 Connection Confirm')!;
    expect(JSON.stringify(cc.carrier.fields)).toContain('PROTOCOL_HYBRID_EX');
    const tgs = messages(t).find((m) => m.name === 'TGS-REQ')!;
    expect(JSON.stringify(tgs.fields)).toMatch(/TERMSRV/);
  });

  it('pubKeyAuth is SHA-256 of the magic, clientNonce and the certificate\'s key, both ways; authInfo holds her password', () => {
    const [, , c2s, s2c, auth] = tsRequests(t);
    const key = certificateKey(t);
    const nf = find(c2s.fields, (f) => f.name === 'clientNonce')[0];
    const plain = fromHex(find(c2s.fields, (f) => !!f.decrypted && f.decrypted.name === 'TSRequest')[0].decrypted!.hex);
    const nonce = plain.subarray(nf.end - 32, nf.end);
    expect(nonce.length).toBe(32);
    expect(hex(opened(c2s, 'pubKeyAuth'))).toBe(hex(sha256(concat(utf8('CredSSP Client-To-Server Binding Hash\0'), nonce, key))));
    expect(hex(opened(s2c, 'pubKeyAuth'))).toBe(hex(sha256(concat(utf8('CredSSP Server-To-Client Binding Hash\0'), nonce, key))));
    expect(parseTsCredentials(opened(auth, 'authInfo')).value).toEqual({ credType: 1, credentials: { domainName: 'CONTOSO', userName: 'alice', password: 'Summer2016!' } });
    // The password is nowhere in clear on the wire.
    for (const m of messages(t)) expect(m.hex.includes(hex(utf16le('Summer2016!')))).toBe(false);
  });

  it('every TLS record after ChangeCipherSpec opens in the inspector, and the key log is exported', () => {
    for (const m of messages(t).filter((x) => x.carrier.id === 'rdp' && x.hex.startsWith('17'))) {
      expect(find(m.fields, (f) => f.name === 'encrypted fragment' && !!f.decrypted).length, m.name).toBeGreaterThan(0);
    }
    expect(t.exports.tlsSecrets?.length).toBeGreaterThan(0);
    expect(t.exports.kerberosKeys?.some((k) => k.principal.join('/') === 'RDS01$' || k.principal.includes('TERMSRV'))).toBe(true);
  });
});

describe('credssp-rdp-ntlm-by-ip: "by IP there is no SPN, so NTLM runs inside CredSSP, and the DC vouches for the user"', () => {
  const t = run('credssp-rdp-ntlm-by-ip');
  it('NTLM\'s three messages travel in TSRequests, pubKeyAuth with AUTHENTICATE (as mstsc sends it), RDS01 asks the DC, and the password is sealed with the NTLM key', () => {
    expect(t.outcome).toMatchObject({ result: 'authenticated', mechanism: 'NTLM' });
    expect(t.events.some((e) => e.type === 'decision' && e.condition === 'targetIsIpAddress')).toBe(true);
    expect(tsRequests(t).map((m) => m.name)).toEqual([
      'TSRequest: NTLM NEGOTIATE', 'TSRequest: NTLM CHALLENGE', 'TSRequest: NTLM AUTHENTICATE + pubKeyAuth',
      'TSRequest: SPNEGO NegTokenResp + pubKeyAuth', 'TSRequest: authInfo',
    ]);
    expect(messages(t).some((m) => m.protocol === 'Netlogon')).toBe(true);
    expect(messages(t).some((m) => m.protocol === 'Kerberos' && m.name === 'TGS-REQ')).toBe(false);
    const auth = tsRequests(t).find((m) => m.name === 'TSRequest: authInfo')!;
    expect(parseTsCredentials(opened(auth, 'authInfo')).value.credType).toBe(1);
    expect(JSON.stringify(find(auth.fields, (f) => f.name === 'authInfo'))).toMatch(/SealingKey|sealing/i);
  });
  it('the certificate names rds01.contoso.local, not the address: CredSSP goes on and says why mstsc warns', () => {
    const note = t.events.find((e) => e.type === 'note' && e.anchor === 'credssp-certificate');
    expect(note?.narration).toMatch(/SEC_E_WRONG_PRINCIPAL.*10\.0\.0\.30/);
    expect(note?.narration).toMatch(/cannot be verified/);
  });
  it('a wrong password: RDS01 answers a TSRequest errorCode STATUS_LOGON_FAILURE, and nothing is delegated', () => {
    const w = run('credssp-rdp-ntlm-by-ip', { password: 'Not-the-password-1' });
    expect(w.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_LOGON_DENIED' });
    const last = tsRequests(w).at(-1)!;
    expect(last.from).toBe('server');
    expect(last.name).toBe('TSRequest: errorCode STATUS_LOGON_FAILURE');
    expect(last.error?.code).toBe(0xc000006d);
    expect(tsRequests(w).some((m) => m.name.includes('authInfo'))).toBe(false);
  });
});

describe('credssp-delegation-off: "single sign-on to RDP is blocked before any credential leaves"', () => {
  const t = run('credssp-delegation-off');
  it('Kerberos and pubKeyAuth succeed, then the client stops with SEC_E_DELEGATION_POLICY and names the policy', () => {
    expect(t.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_DELEGATION_POLICY', mechanism: 'Kerberos' });
    expect(t.outcome.reason).toContain('Allow delegating default credentials');
    expect(tsRequests(t).filter((m) => m.name === 'TSRequest: pubKeyAuth')).toHaveLength(2);
    expect(tsRequests(t).some((m) => m.name.includes('authInfo'))).toBe(false);
  });
  it('enabling "Allow delegating default credentials" for TERMSRV/* lets single sign-on through', () => {
    expect(run('credssp-delegation-off', { allowDelegatingDefaultCredentials: true }).outcome.result).toBe('authenticated');
  });
});

describe('credssp-oracle-remediation: "an updated client will not talk to a server that still has the CVE-2018-0886 flaw"', () => {
  const t = run('credssp-oracle-remediation');
  it('the server answers TSRequest version 3; the client stops with the error users see', () => {
    expect(t.outcome).toMatchObject({ result: 'failed', status: 'SEC_E_UNSUPPORTED_FUNCTION' });
    expect(t.outcome.reason).toMatch(/encryption oracle remediation/);
    const reply = tsRequests(t).find((m) => m.from === 'server')!;
    expect(find(reply.fields, (f) => f.name === 'version' && /^\d/.test(f.value ?? ''))[0].value).toMatch(/^3 /);
    expect(tsRequests(t).some((m) => m.name.includes('pubKeyAuth'))).toBe(false);
  });
  it('Vulnerable lets the client fall back: pubKeyAuth is the raw public key (plus one back), no clientNonce', () => {
    const v = run('credssp-oracle-remediation', { clientOracleRemediation: 'vulnerable' });
    expect(v.outcome.result).toBe('authenticated');
    const [c2s, s2c] = tsRequests(v).filter((m) => m.name.includes('pubKeyAuth'));
    expect(find(c2s.fields, (f) => f.name === 'clientNonce')).toHaveLength(0);
    const key = certificateKey(v);
    expect(hex(opened(c2s, 'pubKeyAuth'))).toBe(hex(key));
    const plus = key.slice(); plus[0] = (plus[0] + 1) & 0xff;
    expect(hex(opened(s2c, 'pubKeyAuth'))).toBe(hex(plus));
  });
  it('an unpatched client meets a server set to Force Updated Clients: refused; Mitigated servers still accept it', () => {
    expect(run('credssp-rdp', { clientCredsspPatched: false, serverOracleRemediation: 'force-updated-clients' }).outcome.status).toBe('SEC_E_UNSUPPORTED_FUNCTION');
    expect(run('credssp-rdp', { clientCredsspPatched: false }).outcome.result).toBe('authenticated');
  });
});

describe('credssp-restricted-admin: "the server gets no password at all"', () => {
  const t = run('credssp-restricted-admin');
  it('the X.224 flags ask for and grant Restricted Admin; authInfo opens to an empty TSPasswordCreds', () => {
    expect(t.outcome.result).toBe('authenticated');
    const [cr, cc] = messages(t).filter((m) => m.name.startsWith('X.224'));
    expect(JSON.stringify(cr.carrier.fields)).toContain('RESTRICTED_ADMIN_MODE_REQUIRED');
    expect(JSON.stringify(cc.carrier.fields)).toContain('RESTRICTED_ADMIN_MODE_SUPPORTED');
    const auth = tsRequests(t).find((m) => m.name === 'TSRequest: authInfo')!;
    expect(parseTsCredentials(opened(auth, 'authInfo')).value).toEqual({ credType: 1, credentials: { domainName: '', userName: '', password: '' } });
  });
  it('Remote Credential Guard sends TSRemoteGuardCreds with a Kerberos ticket logon buffer instead', () => {
    const g = run('credssp-restricted-admin', { remoteCredentialGuard: true });
    const auth = tsRequests(g).find((m) => m.name === 'TSRequest: authInfo')!;
    const creds = parseTsCredentials(opened(auth, 'authInfo')).value as { credType: number; credentials: { logonCred: { packageName: string; credBuffer: Uint8Array } } };
    expect(creds.credType).toBe(6);
    expect(creds.credentials.logonCred.packageName).toBe('Kerberos');
    expect(creds.credentials.logonCred.credBuffer[0]).toBe(10); // KerbTicketLogon
  });
  it('a server that does not allow it (DisableRestrictedAdmin not 0): the client stops after the Connection Confirm', () => {
    const r = run('credssp-restricted-admin', { serverAllowsRestrictedAdmin: false });
    expect(r.outcome.result).toBe('failed');
    expect(tsRequests(r)).toHaveLength(0);
  });
});

describe('credssp-nla-required: "no NLA offered, no connection — and no SSPI call at all"', () => {
  const t = run('credssp-nla-required');
  it('RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER, and CredSSP is never called', () => {
    expect(t.outcome).toMatchObject({ result: 'failed', status: 'HYBRID_REQUIRED_BY_SERVER' });
    const cc = messages(t).find((m) => m.name === 'X.224 Connection Confirm')!;
    expect(cc.error?.name).toBe('HYBRID_REQUIRED_BY_SERVER');
    expect(t.events.some((e) => e.type === 'sspi-call' && e.package === 'CredSSP')).toBe(false);
  });
});

describe('"try this" on the CredSSP scenarios does what its label says', () => {
  const has = (n: string) => PARAMETERS.some((p) => p.name === n);
  const EXPECT: Record<string, (t: Trace) => void> = {
    'Client offers NLA': (t) => expect(t.outcome.result).toBe('authenticated'),
    'Server does not require NLA': (t) => expect(t.outcome.status).toBe('NO_NLA'),
    'Allow delegating default credentials': (t) => expect(t.outcome.result).toBe('authenticated'),
    'Type the password (fresh credentials)': (t) => expect(t.outcome.result).toBe('authenticated'),
    'Install the CredSSP update on the server': (t) => expect(t.outcome.result).toBe('authenticated'),
    'Client remediation: Vulnerable': (t) => expect(t.outcome.result).toBe('authenticated'),
    'Restricted Admin off': (t) => expect(JSON.stringify(t.snapshots ?? [])).toContain('Summer2016!'),
    'Remote Credential Guard instead': (t) => expect(JSON.stringify(t.snapshots ?? [])).toContain('TSRemoteGuardCreds'),
    'Server refuses Restricted Admin': (t) => expect(t.outcome.status).toBe('SEC_E_UNSUPPORTED_FUNCTION'),
    'Connect by IP address': (t) => expect(t.outcome.mechanism).toBe('NTLM'),
    'Connect by name (Kerberos inside)': (t) => expect(t.outcome.mechanism).toBe('Kerberos'),
    'Use the logged-on credentials (SSO)': (t) => expect(t.outcome.status).toBe('SEC_E_DELEGATION_POLICY'),
    'Type a wrong password': (t) => expect(t.outcome.status).toBe('SEC_E_LOGON_DENIED'),
  };
  for (const id of ['credssp-rdp', 'credssp-rdp-ntlm-by-ip', 'credssp-delegation-off', 'credssp-oracle-remediation', 'credssp-restricted-admin', 'credssp-nla-required']) {
    it(id, () => {
      const t = run(id);
      const value = (n: string) => t.scenario.params[n] ?? PARAMETERS.find((p) => p.name === n)?.default;
      const shown = packageSuggestions({ trace: t, has, value }).slice(0, 3);
      expect(shown.length, id).toBeGreaterThanOrEqual(2);
      for (const s of shown) {
        expect(s.kind).toBe('param');
        if (s.kind !== 'param') continue;
        const check = EXPECT[s.label];
        expect(check, `${id}: "${s.label}" has no checked claim`).toBeDefined();
        check(run(id, { ...getScenario(id)!.params, [s.name]: s.value }));
      }
    });
  }
});
