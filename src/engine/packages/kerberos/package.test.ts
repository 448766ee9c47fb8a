import { describe, expect, it } from 'vitest';
import { hex, utf8 } from '../../bytes';
import { leaves, uncovered, type Field } from '../../encoding/fields';
import { describeKerberos } from './describe';
import { kerberosPackage } from './package';
import { runLoop, type LoopResult } from './loop.testkit';
import { parseKerberosMessage, parseKrbError, parseGssToken } from './messages';

function decryptedParts(fields: Field[]): { name: string; hex: string; fields: Field[] }[] {
  const out: { name: string; hex: string; fields: Field[] }[] = [];
  const walk = (fs: Field[]) => {
    for (const f of fs) {
      if (f.decrypted) { out.push(f.decrypted); walk(f.decrypted.fields); }
      if (f.children) walk(f.children);
    }
  };
  walk(fields);
  return out;
}

/** Every message (and every decrypted part) is covered byte for byte by its field tree. */
function checkCoverage(r: LoopResult): string[] {
  const names: string[] = [];
  for (const m of r.messages) {
    const v = describeKerberos(m.token, r.keys);
    expect(uncovered(v.fields, m.token.length), `${v.name}`).toEqual([]);
    for (const d of decryptedParts(v.fields)) {
      expect(uncovered(d.fields, d.hex.length / 2), `${v.name} → ${d.name}`).toEqual([]);
      names.push(`${v.name}:${d.name}`);
    }
  }
  return names;
}

const msgNames = (r: LoopResult) => r.messages.map((m) => `${m.transport} ${describeKerberos(m.token, r.keys).name}`);

describe('Kerberos client ↔ KDC ↔ server', () => {
  it('authenticates with aes256: AS (pre-auth required), TGS, AP-REQ/AP-REP, and every byte is explained', () => {
    const r = runLoop();
    expect(r.client.status.name).toBe('SEC_I_CONTINUE_NEEDED');
    expect(r.server?.status.name).toBe('SEC_E_OK');
    expect(r.final?.status.name).toBe('SEC_E_OK');
    expect(msgNames(r)).toEqual([
      'tcp/88 AS-REQ', 'tcp/88 KRB-ERROR (KDC_ERR_PREAUTH_REQUIRED)', 'tcp/88 AS-REQ', 'tcp/88 AS-REP', 'tcp/88 TGS-REQ', 'tcp/88 TGS-REP', 'app AP-REQ', 'app AP-REP',
    ]);
    const parts = checkCoverage(r);
    expect(parts).toEqual(expect.arrayContaining([
      'AS-REQ:PA-ENC-TS-ENC', 'AS-REP:EncTicketPart', 'AS-REP:EncASRepPart', 'TGS-REQ:EncTicketPart', 'TGS-REQ:Authenticator',
      'TGS-REP:EncTicketPart', 'TGS-REP:EncTGSRepPart', 'AP-REQ:EncTicketPart', 'AP-REQ:Authenticator', 'AP-REP:EncAPRepPart',
    ]));
    // The service ticket is aes256, in svc-web's key, with a PAC.
    const tgsRep = parseKerberosMessage(r.messages[5].token).value as { ticket: { encPart: { etype: number; kvno?: number } } };
    expect(tgsRep.ticket.encPart).toMatchObject({ etype: 18, kvno: 2 });
    expect(r.clientEnv.logonSession.tickets.map((t) => t.server)).toEqual(['krbtgt/CONTOSO.LOCAL@CONTOSO.LOCAL', 'HTTP/intranet.contoso.local@CONTOSO.LOCAL']);
    // Both sides hold the same keys.
    const c = r.final!.ctx, s = r.server!.ctx;
    expect(hex(c.acceptorSubkey!.key)).toBe(hex(s.acceptorSubkey!.key));
    expect(c.sendSeq).toBe(s.recvSeq);
    expect(c.recvSeq).toBe(s.sendSeq);
  });

  it('protects messages both ways (Wrap and MIC), and spots a changed byte', () => {
    const r = runLoop();
    let c = r.final!.ctx, s = r.server!.ctx;
    const msg = utf8('<s:Envelope>Get-Service</s:Envelope>');
    const p = kerberosPackage.protect!(c, msg, true);
    c = p.ctx;
    expect(uncovered(p.view.fields, p.token.length)).toEqual([]);
    const sig = p.view.fields.find((f) => f.name === 'Signature')!;
    expect(sig.end - sig.start).toBe(60);
    const u = kerberosPackage.unprotect!(s, p.token, true);
    expect(u.status.name).toBe('SEC_E_OK');
    expect(u.message).toEqual(msg);
    s = u.ctx;
    const back = kerberosPackage.protect!(s, msg, false);
    expect(kerberosPackage.unprotect!(c, back.token, false).status.name).toBe('SEC_E_OK');
    const bad = p.token.slice(); bad[bad.length - 1] ^= 1;
    expect(kerberosPackage.unprotect!(r.server!.ctx, bad, true).status.name).toBe('SEC_E_MESSAGE_ALTERED');
    const m = kerberosPackage.getMic!(r.final!.ctx, msg);
    expect(kerberosPackage.verifyMic!(r.server!.ctx, msg, m.mic).ok).toBe(true);
    expect(kerberosPackage.verifyMic!(r.server!.ctx, utf8('other'), m.mic).ok).toBe(false);
  });

  it('uses rc4-hmac when the service account supports only RC4', () => {
    const r = runLoop({ params: { serviceEnctypes: 'rc4' } });
    expect(r.final?.status.name).toBe('SEC_E_OK');
    const tgsRep = parseKerberosMessage(r.messages[5].token).value as { ticket: { encPart: { etype: number } } };
    expect(tgsRep.ticket.encPart.etype).toBe(23);
    checkCoverage(r);
    const msg = utf8('hello over rc4');
    const p = kerberosPackage.protect!(r.final!.ctx, msg, true);
    expect(kerberosPackage.unprotect!(r.server!.ctx, p.token, true).message).toEqual(msg);
    const m = kerberosPackage.getMic!(r.server!.ctx, msg);
    expect(kerberosPackage.verifyMic!(r.final!.ctx, msg, m.mic).ok).toBe(true);
  });

  it('a wrong password fails with KDC_ERR_PREAUTH_FAILED (24) → SEC_E_LOGON_DENIED', () => {
    const r = runLoop({ password: 'Winter2016?' });
    expect(r.client.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.client.error).toMatchObject({ code: 24, name: 'KDC_ERR_PREAUTH_FAILED' });
    expect(msgNames(r).at(-1)).toBe('tcp/88 KRB-ERROR (KDC_ERR_PREAUTH_FAILED)');
    checkCoverage(r);
  });

  it('an unknown user fails with KDC_ERR_C_PRINCIPAL_UNKNOWN (6)', () => {
    const r = runLoop({ user: 'mallory' });
    expect(r.client.error).toMatchObject({ code: 6, name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN' });
    checkCoverage(r);
  });

  it('an SPN nobody registered fails with KDC_ERR_S_PRINCIPAL_UNKNOWN (7) → SEC_E_TARGET_UNKNOWN', () => {
    for (const r of [runLoop({ params: { spnRegistered: false } }), runLoop({ target: 'HTTP/nowhere.contoso.local' })]) {
      expect(r.client.status.name).toBe('SEC_E_TARGET_UNKNOWN');
      expect(r.client.error).toMatchObject({ code: 7, name: 'KDC_ERR_S_PRINCIPAL_UNKNOWN' });
      checkCoverage(r);
    }
  });

  it('a duplicate SPN looks the same on the wire (7)', () => {
    const r = runLoop({ params: { duplicateSpn: true } });
    expect(r.client.error).toMatchObject({ code: 7, name: 'KDC_ERR_S_PRINCIPAL_UNKNOWN' });
  });

  it('resolves cifs/ through the HOST/ SPN mapping, and HTTP/<ip> only with TryIPSPN', () => {
    expect(runLoop({ target: 'cifs/fs01.contoso.local', serviceAccount: 'FS01$' }).final?.status.name).toBe('SEC_E_OK');
    expect(runLoop({ target: 'HTTP/ws01.contoso.local', serviceAccount: 'WS01$' }).final?.status.name).toBe('SEC_E_OK');
    expect(runLoop({ target: 'HTTP/10.0.0.20' }).client.error?.code).toBe(7);
    expect(runLoop({ target: 'HTTP/10.0.0.20', params: { tryIpSpn: true } }).final?.status.name).toBe('SEC_E_OK');
  });

  it('clock skew at the KDC: the client takes the KDC time from KRB_AP_ERR_SKEW and retries', () => {
    const r = runLoop({ params: { clockSkewMinutes: 7 } });
    expect(msgNames(r).slice(0, 6)).toEqual([
      'tcp/88 AS-REQ', 'tcp/88 KRB-ERROR (KDC_ERR_PREAUTH_REQUIRED)', 'tcp/88 AS-REQ', 'tcp/88 KRB-ERROR (KRB_AP_ERR_SKEW)', 'tcp/88 AS-REQ', 'tcp/88 AS-REP',
    ]);
    expect(r.final?.status.name).toBe('SEC_E_OK');
    expect(Math.round(Number(r.clientEnv.logonSession.data['kerberos.kdcTimeOffsetMs']) / 60000)).toBe(-7);
    const err = parseKrbError(r.messages[3].token).value;
    expect(err.stime.getTime()).toBeLessThan(Date.parse('2016-10-12T09:01:00Z'));
    checkCoverage(r);
  });

  it('clock skew at the server: the AP-REQ fails with KRB_AP_ERR_SKEW (37) in a GSS KRB-ERROR token', () => {
    const r = runLoop({ params: { serverClockSkewMinutes: 7 } });
    expect(r.server?.status.name).toBe('SEC_E_TIME_SKEW');
    expect(r.server?.error).toMatchObject({ code: 37, name: 'KRB_AP_ERR_SKEW' });
    const g = parseGssToken(r.server!.output!).value;
    expect(g.tokId).toBe(0x0300);
    expect(r.final?.status.name).toBe('SEC_E_TIME_SKEW');
    expect(describeKerberos(r.server!.output!, r.keys).name).toBe('KRB-ERROR (KRB_AP_ERR_SKEW)');
    checkCoverage(r);
  });

  it('a stale service key: the server cannot decrypt the ticket (KRB_AP_ERR_MODIFIED, 41)', () => {
    const r = runLoop({ params: { staleServiceKey: true } });
    expect(r.server?.status.name).toBe('SEC_E_LOGON_DENIED');
    expect(r.server?.error).toMatchObject({ code: 41, name: 'KRB_AP_ERR_MODIFIED' });
    expect(r.final?.status.name).toBe('SEC_E_WRONG_PRINCIPAL');
    checkCoverage(r);
  });

  it('no encryption type in common: KDC_ERR_ETYPE_NOSUPP (14)', () => {
    const r = runLoop({ params: { serviceEnctypes: 'none' } });
    expect(r.client.error).toMatchObject({ code: 14, name: 'KDC_ERR_ETYPE_NOSUPP' });
    expect(r.client.status.name).toBe('SEC_E_ETYPE_NOT_SUPP');
  });

  it('KDC unreachable: no reply → SEC_E_NO_AUTHENTICATING_AUTHORITY', () => {
    const r = runLoop({ params: { kdcReachable: false } });
    expect(r.client.status.name).toBe('SEC_E_NO_AUTHENTICATING_AUTHORITY');
    expect(r.client.error?.name).toBe('SEC_E_NO_AUTHENTICATING_AUTHORITY');
    expect(r.messages).toHaveLength(1);
  });

  it('MaxPacketSize: UDP first, KRB_ERR_RESPONSE_TOO_BIG (52), then the same request over TCP', () => {
    const r = runLoop({ params: { maxPacketSize: 1000 } });
    expect(r.final?.status.name).toBe('SEC_E_OK');
    const seen = msgNames(r);
    expect(seen.slice(0, 6)).toEqual([
      'udp/88 AS-REQ', 'udp/88 KRB-ERROR (KDC_ERR_PREAUTH_REQUIRED)', 'udp/88 AS-REQ', 'udp/88 KRB-ERROR (KRB_ERR_RESPONSE_TOO_BIG)', 'tcp/88 AS-REQ', 'tcp/88 AS-REP',
    ]);
    expect(hex(r.messages[4].token)).toBe(hex(r.messages[2].token));
    expect(r.notes.some((n) => n.includes('KRB_ERR_RESPONSE_TOO_BIG'))).toBe(true);
  });

  it('channel bindings go into the 0x8003 checksum and the server checks them', () => {
    const cb = utf8('tls-server-end-point:0123456789abcdef0123456789abcdef');
    const r = runLoop({ channelBindings: cb });
    expect(r.final?.status.name).toBe('SEC_E_OK');
    const ap = describeKerberos(r.messages[6].token, r.keys);
    expect(JSON.stringify(ap.fields)).toContain('MD5 of the channel bindings');
  });

  it('reuses cached tickets: a second context needs no KDC round trip', () => {
    const r = runLoop();
    const gen = kerberosPackage.initialize(r.clientEnv, { handle: 'h', package: 'Kerberos', use: 'outbound', source: 'logged-on', identity: { user: 'alice', domain: 'CONTOSO', password: 'Summer2016!', realm: 'CONTOSO.LOCAL' } }, null, null, { flags: 2, target: 'HTTP/intranet.contoso.local' });
    let n = gen.next();
    const kinds: string[] = [];
    while (!n.done) { kinds.push(n.value.kind); n = gen.next(undefined); }
    expect(kinds).not.toContain('request');
    expect(n.value.status.name).toBe('SEC_I_CONTINUE_NEEDED');
  });

  it('is deterministic: same seed, byte-identical tokens; another seed, other bytes', () => {
    const a = runLoop().messages.map((m) => hex(m.token));
    const b = runLoop().messages.map((m) => hex(m.token));
    const c = runLoop({ seed: 5 }).messages.map((m) => hex(m.token));
    expect(b).toEqual(a);
    expect(c[0]).not.toEqual(a[0]);
  });

  it('every leaf has an explanation', () => {
    const r = runLoop();
    for (const m of r.messages) {
      for (const l of leaves(describeKerberos(m.token, r.keys).fields)) expect(l.explain.length, l.name).toBeGreaterThan(0);
    }
  });
});

describe('the PAC', () => {
  it('is in every ticket, decodes with the PAC module, and its signatures verify with the right keys', async () => {
    const { parsePac } = await import('./pac');
    const { findPac, parseTgsRep, parseEncTicketPart } = await import('./messages');
    const { verifyPacSignature } = await import('./kdc/pacBuild');
    const { accountKey } = await import('./keys');
    const { decrypt } = await import('../../crypto/kerberos');
    const { ACCOUNTS } = await import('./loop.testkit');
    for (const serviceEnctypes of ['default', 'rc4']) {
      const r = runLoop({ params: { serviceEnctypes } });
      const rep = parseTgsRep(r.messages[5].token).value;
      const svc = accountKey(ACCOUNTS.find((a) => a.name === 'svc-web')!, 'CONTOSO.LOCAL', rep.ticket.encPart.etype);
      const krbtgt = accountKey(ACCOUNTS.find((a) => a.name === 'krbtgt')!, 'CONTOSO.LOCAL', 18);
      const part = parseEncTicketPart(decrypt(rep.ticket.encPart.etype, svc.key, 2, rep.ticket.encPart.cipher)).value;
      const pac = findPac(part.authorizationData)!;
      const p = parsePac(pac);
      expect(uncovered(p.fields, pac.length)).toEqual([]);
      const logon = p.value.buffers.find((b) => b.type === 1)!.info as { value: { effectiveName: string; userId: number; logonDomainId: string } };
      expect(logon.value).toMatchObject({ effectiveName: 'alice', userId: 1104, logonDomainId: 'S-1-5-21-1004336348-1177238915-682003330' });
      expect(verifyPacSignature(pac, 'server', svc.key)).toBe(true);
      expect(verifyPacSignature(pac, 'kdc', krbtgt.key)).toBe(true);
      expect(verifyPacSignature(pac, 'server', krbtgt.key)).toBe(false);
      // The inspector shows the PAC inside the decrypted ticket.
      const ap = describeKerberos(r.messages[6].token, r.keys);
      expect(JSON.stringify(ap.fields)).toContain('KERB_VALIDATION_INFO');
    }
  });
});
