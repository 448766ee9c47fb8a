// The PKU2U AS exchange between two peers with the scenario PKI (Schannel's deterministic P-256
// certificates): the initiator's AS-REQ with PA-PK-AS-REQ, the acceptor's AS-REP with PA-PK-AS-REP,
// both ends agreeing on the ECDH reply key and the session key; an untrusted certificate gets
// KDC_ERR_CANT_VERIFY_CERTIFICATE. Independently: impacket decodes both messages with its Kerberos
// ASN.1 specs (re-encoding them byte for byte) and opens the AS-REP enc-part with the reply key;
// openssl cms -verify accepts both SignedData against the scenario's root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hex } from '../../bytes';
import { uncovered } from '../../encoding/fields';
import { seededRng } from '../../rng';
import { pkiFor } from '../schannel/pki/build';
import { parseAsRep, parseAsReq } from '../kerberos/messages';
import { pku2uAnswer, pku2uAsReq, pku2uReadReply, chainTrusted } from './asExchange';
import { PA, PKU2U_REALM, parsePaPkAsRep, parsePaPkAsReq, parsePku2uToken } from './messages';

const now = new Date(Date.UTC(2026, 11, 2, 12, 0, 0));
const pki = pkiFor({ seed: 9, domain: 'contoso.local', org: 'Contoso', serverHost: 'peer2.contoso.local', clientUpn: 'alice@contoso.local', notBefore: new Date(Date.UTC(2026, 0, 1)), notAfter: new Date(Date.UTC(2028, 0, 1)) });
const ec = (k: { kind: string; priv?: Uint8Array }) => { if (k.kind !== 'ec' || !k.priv) throw new Error('need an EC key'); return k.priv; };
const initiator = { chain: pki.client.chain, privateKey: ec(pki.client.key as { kind: string; priv: Uint8Array }) };
const acceptor = { chain: pki.server.chain, privateKey: ec(pki.server.key as { kind: string; priv: Uint8Array }) };
const sname = { nameType: 2, nameString: ['cifs', 'PEER2'] };

function run(acceptorRoots = [pki.root.der]) {
  const start = pku2uAsReq({ identity: initiator, cname: { nameType: 1, nameString: ['alice@contoso.local'] }, sname, now, rng: seededRng(3, 'peer1/pku2u') });
  const answer = pku2uAnswer(start.token, { identity: acceptor, trustedRoots: acceptorRoots, sname, now, rng: seededRng(3, 'peer2/pku2u') });
  return { start, answer };
}

describe('PKU2U AS exchange between peers', () => {
  it('AS-REQ / AS-REP: signatures, checksum and chains check out; both sides hold the same reply and session keys', () => {
    const { start, answer } = run();
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const reply = pku2uReadReply(answer.token, start.state, [pki.root.der]);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(hex(reply.replyKey)).toBe(hex(answer.replyKey));
    expect(hex(reply.sessionKey)).toBe(hex(answer.sessionKey));
    const req = parseAsReq(start.asReq);
    expect(req.value.reqBody.realm).toBe(PKU2U_REALM);
    expect(uncovered(req.fields, start.asReq.length)).toEqual([]);
    const pa = parsePaPkAsReq(req.value.padata!.find((p) => p.padataType === PA.PK_AS_REQ)!.padataValue);
    expect(uncovered(pa.fields, pa.fields[0].end)).toEqual([]);
    expect(parsePku2uToken(start.token).tokId).toBe(0x0500);
    expect(parsePku2uToken(answer.token).tokId).toBe(0x0600);
  });

  it('an acceptor that does not trust the initiator\'s CA answers KRB-ERROR 70 and the initiator fails (no fallback inside PKU2U)', () => {
    const { start, answer } = run([pki.untrustedRoot.der]);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.errorCode).toBe(70);
    const reply = pku2uReadReply(answer.token, start.state, [pki.root.der]);
    expect(reply).toMatchObject({ ok: false, errorCode: 70 });
    expect(chainTrusted(pki.untrustedServer.chain, [pki.root.der]).ok).toBe(false);
    expect(chainTrusted(pki.server.chain, [pki.root.der]).ok).toBe(true);
  });

  it('deterministic: the same seeds give the same bytes', () => {
    const a = run(), b = run();
    expect(hex(a.start.token)).toBe(hex(b.start.token));
    expect(a.answer.ok && b.answer.ok && hex(a.answer.token) === hex(b.answer.token)).toBe(true);
  });

  describe('independent checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pku2u-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const { start, answer } = run();
    if (!answer.ok) throw new Error('setup failed');

    it('impacket decodes the AS-REQ and AS-REP, re-encodes them byte for byte, and opens the enc-part with the reply key', () => {
      const script = `
import json, sys
from pyasn1.codec.der import decoder, encoder
from impacket.krb5.asn1 import AS_REQ, AS_REP, EncASRepPart
from impacket.krb5.crypto import Key, _enctype_table
c = json.load(sys.stdin)
req, _ = decoder.decode(bytes.fromhex(c['req']), asn1Spec=AS_REQ())
rep, _ = decoder.decode(bytes.fromhex(c['rep']), asn1Spec=AS_REP())
e = int(rep['enc-part']['etype'])
plain = _enctype_table[e].decrypt(Key(e, bytes.fromhex(c['key'])), 3, bytes(rep['enc-part']['cipher']))
enc, _ = decoder.decode(plain, asn1Spec=EncASRepPart())
print(json.dumps({
  'reqSame': encoder.encode(req) == bytes.fromhex(c['req']), 'repSame': encoder.encode(rep) == bytes.fromhex(c['rep']),
  'realm': str(req['req-body']['realm']), 'padata': [int(p['padata-type']) for p in req['padata']], 'repPadata': [int(p['padata-type']) for p in rep['padata']],
  'nonceMatches': int(enc['nonce']) == int(req['req-body']['nonce']), 'sessionKey': bytes(enc['key']['keyvalue']).hex(),
}))
`;
      const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ req: hex(start.asReq), rep: hex(answer.asRep), key: hex(answer.replyKey) }), encoding: 'utf8' });
      if (r.error || r.status !== 0) throw new Error(`impacket check failed: ${r.error?.message ?? r.stderr}`);
      expect(JSON.parse(r.stdout)).toEqual({ reqSame: true, repSame: true, realm: PKU2U_REALM, padata: [16, 128], repPadata: [17], nonceMatches: true, sessionKey: hex(answer.sessionKey) });
    });

    it('openssl cms -verify accepts the AuthPack and KDCDHKeyInfo signatures against the scenario root', () => {
      const rootFile = join(dir, 'root.der');
      writeFileSync(rootFile, pki.root.der);
      const rootPem = join(dir, 'root.pem');
      spawnSync('openssl', ['x509', '-inform', 'DER', '-in', rootFile, '-out', rootPem]);
      const sdReq = parsePaPkAsReq(parseAsReq(start.asReq).value.padata!.find((p) => p.padataType === PA.PK_AS_REQ)!.padataValue).value.signedAuthPack;
      const sdRep = parsePaPkAsRep(parseAsRep(answer.asRep).value.padata!.find((p) => p.padataType === PA.PK_AS_REP)!.padataValue).value.dhSignedData;
      for (const [name, sd] of [['req', sdReq], ['rep', sdRep]] as const) {
        const f = join(dir, `${name}.der`);
        writeFileSync(f, sd);
        const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', f, '-binary', '-CAfile', rootPem, '-purpose', 'any', '-attime', String(Math.floor(now.getTime() / 1000)), '-out', join(dir, `${name}.out`)], { encoding: 'utf8' });
        expect(r.stderr, name).toContain('Verification successful');
      }
    });
  });
});
