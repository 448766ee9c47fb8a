// A real KDC accepts the engine's client: MIT krb5kdc (Debian krb5-kdc + krb5-admin-server for
// kadmin.local), set up for the scenario's realm with alice and her password, receives the
// pre-authenticated AS-REQ the engine's client sent (simulated with --set startTime=now, so its
// PA-ENC-TIMESTAMP is within the KDC's 5-minute skew) and answers with an AS-REP that the engine's
// crypto opens with alice's key. A wrong password gets KDC_ERR_PREAUTH_FAILED from MIT too.
// FAILS (never skips) when the MIT tools are missing, naming the apt package to install.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, hex } from '../bytes';
import { readDer, readNodes, type DerNode } from '../encoding/der';
import { decrypt, stringToKey } from '../crypto/kerberos';
import { parseAsRep, parseAsReq, parseEncKdcRepPart, parseKrbError, PA } from '../packages/kerberos/messages';
import { simulate } from '../simulate';
import type { MessageEvent } from '../trace';
import { PASSWORDS } from '../../scenarios/common';
import { kerberosScenario } from './scenarios.testutil';
import { startMitKdc, type MitKdc } from './mitKdc.testutil';

const REALM = 'CONTOSO.LOCAL';
const USER = 'alice';
const SALT = `${REALM}${USER}`;

/** The scenario's Kerberos AS-REQs, simulated with the wall clock (what `--set startTime=now` does). */
function asRequests(scenarioId: string, params: Record<string, string> = {}): Uint8Array[] {
  const trace = simulate(kerberosScenario(scenarioId), { params: { startTime: 'now', ...params }, wallClock: () => new Date() });
  return trace.events
    .filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'Kerberos' && e.name === 'AS-REQ')
    .map((e) => fromHex(e.hex));
}

/** The first AS-REQ that carries PA-ENC-TIMESTAMP (the client's retry after KDC_ERR_PREAUTH_REQUIRED). */
function preauthenticated(reqs: Uint8Array[]): Uint8Array {
  const withTs = reqs.filter((r) => parseAsReq(r).value.padata?.some((p) => p.padataType === PA.ENC_TIMESTAMP));
  expect(withTs.length, 'the client sends an AS-REQ with PA-ENC-TIMESTAMP after KDC_ERR_PREAUTH_REQUIRED').toBeGreaterThan(0);
  const req = withTs[0];
  const v = parseAsReq(req).value;
  expect(v.reqBody.realm).toBe(REALM);
  expect(v.reqBody.cname?.nameString).toEqual([USER]);
  return req;
}

/** KRB-ERROR code and text, or null when the reply is not a KRB-ERROR. */
function errorOf(reply: Uint8Array): string | null {
  if (reply[0] !== 0x7e) return null;
  const e = parseKrbError(reply).value;
  return `KRB-ERROR ${e.errorCode}${e.eText ? ` (${e.eText})` : ''}`;
}

/** ETYPE-INFO2 entries (etype, salt) of a KRB-ERROR's METHOD-DATA e-data. */
function etypeInfo2(reply: Uint8Array): { etype: number; salt?: string }[] {
  const e = parseKrbError(reply).value;
  if (!e.eData) return [];
  const ctx = (n: DerNode, t: number): DerNode | undefined => n.children?.find((c) => c.tagClass === 2 && c.tagNumber === t)?.children?.[0];
  const int = (b: Uint8Array, n: DerNode): number => { let v = 0; for (let i = n.headerEnd; i < n.end; i++) v = v * 256 + b[i]; return v; };
  const methodData = readDer(e.eData);
  for (const pa of methodData.children ?? []) {
    const type = ctx(pa, 1);
    const value = ctx(pa, 2);
    if (!type || !value || int(e.eData, type) !== PA.ETYPE_INFO2) continue;
    const inner: Uint8Array = e.eData.subarray(value.headerEnd, value.end);
    const list = readNodes(inner, 0, inner.length)[0];
    return (list.children ?? []).map((entry) => {
      const et = ctx(entry, 0)!;
      const salt = ctx(entry, 1);
      return { etype: int(inner, et), salt: salt ? new TextDecoder().decode(inner.subarray(salt.headerEnd, salt.end)) : undefined };
    });
  }
  return [];
}

describe.each(['kerberos-smb', 'negotiate-kerberos-http'])('MIT krb5kdc and the client of %s', (scenarioId) => {
  let kdc: MitKdc;
  beforeAll(async () => {
    kdc = await startMitKdc({ realm: REALM, principals: [{ name: USER, password: PASSWORDS.alice }] });
  }, 60_000);
  afterAll(async () => { await kdc?.stop(); });

  it('answers the client\'s first AS-REQ (no pre-authentication) with KDC_ERR_PREAUTH_REQUIRED and the same ETYPE-INFO2 salt as the engine\'s KDC', async () => {
    const trace = simulate(kerberosScenario(scenarioId), { params: { startTime: 'now' }, wallClock: () => new Date() });
    const kerberos = trace.events.filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'Kerberos');
    const first = fromHex(kerberos.find((m) => m.name === 'AS-REQ')!.hex);
    const ours = fromHex(kerberos.find((m) => m.name.startsWith('KRB-ERROR'))!.hex);
    const reply = await kdc.sendTcp(first);
    expect(errorOf(reply), kdc.log()).toMatch(/^KRB-ERROR 25\b/);
    const mit = etypeInfo2(reply);
    expect(mit.length).toBeGreaterThan(0);
    expect(mit[0]).toEqual({ etype: 18, salt: SALT });
    expect(etypeInfo2(ours)[0]).toEqual(mit[0]);
  });

  it('accepts the pre-authenticated AS-REQ and returns an AS-REP for alice that the engine decrypts with her key (usage 3)', async () => {
    const req = preauthenticated(asRequests(scenarioId));
    const reqBody = parseAsReq(req).value.reqBody;
    const reply = await kdc.sendTcp(req);
    expect(errorOf(reply), `the real KDC rejected the engine's AS-REQ ${hex(req)}\nKDC log:\n${kdc.log()}`).toBeNull();
    expect(reply[0], 'AS-REP is [APPLICATION 11]').toBe(0x6b);
    const rep = parseAsRep(reply).value;
    expect(rep.msgType).toBe(11);
    expect(rep.crealm).toBe(REALM);
    expect(rep.cname.nameString).toEqual([USER]);
    expect(rep.ticket.realm).toBe(REALM);
    expect(rep.ticket.sname.nameString).toEqual(['krbtgt', REALM]);
    expect(reqBody.etype).toContain(rep.encPart.etype);
    const key = stringToKey(rep.encPart.etype, PASSWORDS.alice, SALT);
    const plain = decrypt(rep.encPart.etype, key, 3, rep.encPart.cipher);
    const enc = parseEncKdcRepPart(plain).value;
    expect(enc.nonce).toBe(reqBody.nonce);
    expect(enc.srealm).toBe(REALM);
    expect(enc.sname.nameString).toEqual(['krbtgt', REALM]);
    expect(enc.key.keyvalue.length).toBeGreaterThanOrEqual(16);
    expect(Math.abs(enc.authtime.getTime() - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('rejects the AS-REQ of a wrong password with KDC_ERR_PREAUTH_FAILED (24), as the engine\'s KDC does', async () => {
    const req = preauthenticated(asRequests(scenarioId, { password: 'wrong' }));
    const reply = await kdc.sendTcp(req);
    expect(errorOf(reply), kdc.log()).toMatch(/^KRB-ERROR 24\b/);
  });
});
