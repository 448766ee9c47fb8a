// Real tools read the PKINIT messages of the PKU2U scenarios, taken from the traces (the bytes the
// peers exchanged inside NEGOEX inside SPNEGO): tshark dissects the AS-REQ and AS-REP (put on a
// Kerberos TCP stream, as Wireshark's NEGOEX dissector does not descend into the exchange bytes) with
// no malformed packet and no warning and shows the PKINIT fields; impacket's Kerberos specs and pyasn1
// with the RFC 4556 / RFC 5652 structures decode them and re-encode them byte for byte, and check the
// paChecksum and nonce; openssl cms -verify accepts both CMS signatures against the peers' CA.
// Each tool's test skips only when that tool is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concat, fromHex, hex, u32be } from '../../bytes';
import { writePcap, type PcapPacket } from '../../export/pcap/capture';
import { getScenario } from '../../../scenarios';
import { simulate } from '../../simulate';
import type { MessageEvent, Trace } from '../../trace';
import { parseSpnego } from '../negotiate/messages';
import { parseToken } from '../negoexts/messages';
import { parseAsRep, parseAsReq } from '../kerberos/messages';
import { PA, parsePaPkAsRep, parsePaPkAsReq, parsePku2uToken } from './messages';
import { pku2uPki } from './pki';
import { pku2uSpecFor } from './provider';

const has = (cmd: string, args: string[]) => !spawnSync(cmd, args, { encoding: 'utf8' }).error;
const PY = '/usr/bin/python3';
const hasTshark = has('tshark', ['-v']);
const hasOpenssl = has('openssl', ['version']);
const hasImpacket = spawnSync(PY, ['-c', 'import impacket, pyasn1'], { encoding: 'utf8' }).status === 0;

/** The PKU2U Kerberos messages of a run (AS-REQ, AS-REP...), unwrapped from SPNEGO, NEGOEX and the PKU2U framing. */
function pku2uMessages(t: Trace): { name: string; bytes: Uint8Array }[] {
  return t.events.filter((e): e is MessageEvent => e.type === 'message' && e.protocol === 'PKU2U').flatMap((m) => {
    const tok = fromHex(m.hex);
    const sp = parseSpnego(tok);
    const negoex = tok.subarray(sp.inner!.offset, sp.inner!.offset + sp.inner!.length);
    return parseToken(negoex).messages.flatMap((x) => (x.kind === 'exchange' && (x.messageType === 4 || x.messageType === 5) ? [{ name: m.name, bytes: parsePku2uToken(x.exchange).message.slice() }] : []));
  });
}

let rfc4556Pkinit: boolean | undefined;
/** Does this tshark read PKINIT with its RFC 4556 module (it then knows DHRepInfo's dhInfo)? Asked once: -G fields is slow. */
function tsharkHasRfc4556Pkinit(): boolean {
  rfc4556Pkinit ??= spawnSync('tshark', ['-G', 'fields'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout.includes('\tpkinit.dhInfo_element\t');
  return rfc4556Pkinit;
}

const dir = mkdtempSync(join(tmpdir(), 'pku2u-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['pku2u-peer', 'negoexts-federated'])('%s: the PKINIT AS exchange as real tools read it', (id) => {
  const scenario = getScenario(id)!;
  const t = simulate(scenario);
  const ms = pku2uMessages(t);
  const asReq = ms.find((m) => m.name === 'AS-REQ')!.bytes;
  const asRep = ms.find((m) => m.name === 'AS-REP')!.bytes;
  const client = scenario.nodes.find((n) => n.role === 'client')!;
  const acceptor = scenario.nodes.find((n) => n.role === 'peer')!;
  const pki = pku2uPki(pku2uSpecFor(scenario, scenario.seed, client.logon!.user, new Date(scenario.startTime), acceptor.hostName));

  it.skipIf(!hasTshark)('tshark: AS-REQ and AS-REP with PA-PK-AS-REQ / PA-PK-AS-REP, no malformed packet, no warning', () => {
    const t0 = Date.parse(scenario.startTime);
    const packets: PcapPacket[] = [asReq, asRep].map((b, i) => ({
      connectionKey: 'pku2u', transport: 'tcp', fromAddress: i ? acceptor.address : client.address, toAddress: i ? client.address : acceptor.address,
      serverPort: 88, time: new Date(t0 + i * 5).toISOString(), payload: concat(u32be(b.length), b),
    }));
    const file = join(dir, `${id}.pcap`);
    writeFileSync(file, writePcap(packets));
    const run = (args: string[]) => spawnSync('tshark', ['-r', file, ...args], { encoding: 'utf8' }).stdout;
    // Wireshark before its RFC 4556 PKINIT module (field pkinit.dhInfo_element) reads PA-PK-AS-REP with the draft-era
    // definition (CHOICE { dhSignedData [0] ContentInfo }), so an RFC 4556 dhInfo [0] DHRepInfo gets a BER warning there:
    // that one quirk is tolerated on such a tshark, on the AS-REP's PA-PK-AS-REP only; nothing else may warn.
    const rfc4556 = tsharkHasRfc4556Pkinit();
    const bad = run(['-Y', '_ws.malformed || _ws.expert.severity >= warning', '-T', 'fields', '-E', 'separator=|', '-e', 'kerberos.msg_type', '-e', '_ws.malformed', '-e', '_ws.expert.message'])
      .split('\n').filter(Boolean).map((l) => l.split('|'));
    // (Those BER errors are expert items of the Malformed group: they also show as _ws.malformed, one per message.)
    const quirk = (r: string[]) => !rfc4556 && r[0] === '11' && r[1].split(',').length === r[2].split(',').length && r[2].split(',').every((m) => m.startsWith('BER Error'));
    expect(bad.filter((r) => !quirk(r))).toEqual([]);
    const rows = run(['-Y', 'kerberos', '-T', 'fields', '-E', 'separator=|', '-e', 'kerberos.msg_type', '-e', 'kerberos.padata_type', '-e', 'kerberos.realm', '-e', 'cms.contentType', '-e', 'pkinit.nonce', '-e', 'pkinit.paChecksum', '-e', 'cms.eContentType'])
      .trim().split('\n').map((l) => l.split('|'));
    expect(rows.map((r) => r[0])).toEqual(['10', '11']);
    expect(rows[0][1].split(',')).toContain('16');
    expect(rows[1][1].split(',')).toContain('17');
    expect(rows[0][2]).toContain('WELLKNOWN:PKU2U');
    expect(rows[0][3]).toContain('1.2.840.113549.1.7.2');
    expect(rows[0][6]).toContain('1.3.6.1.5.2.3.1');
    const req = parseAsReq(asReq).value;
    const pk = parsePaPkAsReq(req.padata!.find((p) => p.padataType === PA.PK_AS_REQ)!.padataValue);
    expect(Number(rows[0][4])).toBe(pk.authPack.pkAuthenticator.nonce);
    expect(rows[0][5].replace(/:/g, '')).toBe(hex(pk.authPack.pkAuthenticator.paChecksum!));
  });

  it.skipIf(!hasImpacket)('impacket + pyasn1 (RFC 4556, RFC 5652): decode, re-encode byte for byte, paChecksum and nonces agree', () => {
    const script = `
import json, sys, hashlib
from pyasn1.type import univ, namedtype, tag, char, useful
from pyasn1.codec.der import decoder, encoder
from impacket.krb5.asn1 import AS_REQ, AS_REP
def ctx(n, t): return t.subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatSimple if isinstance(t, (univ.Integer, univ.OctetString, useful.GeneralizedTime)) else tag.tagFormatConstructed, n))
class AlgorithmIdentifier(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('algorithm', univ.ObjectIdentifier()), namedtype.OptionalNamedType('parameters', univ.Any()))
class SubjectPublicKeyInfo(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('algorithm', AlgorithmIdentifier()), namedtype.NamedType('subjectPublicKey', univ.BitString()))
class PKAuthenticator(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('cusec', univ.Integer().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))),
        namedtype.NamedType('ctime', useful.GeneralizedTime().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 1))),
        namedtype.NamedType('nonce', univ.Integer().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 2))),
        namedtype.OptionalNamedType('paChecksum', univ.OctetString().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 3))))
class AuthPack(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('pkAuthenticator', PKAuthenticator().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))),
        namedtype.OptionalNamedType('clientPublicValue', SubjectPublicKeyInfo().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 1))),
        namedtype.OptionalNamedType('supportedCMSTypes', univ.SequenceOf(componentType=AlgorithmIdentifier()).subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 2))),
        namedtype.OptionalNamedType('clientDHNonce', univ.OctetString().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 3))))
class KDCDHKeyInfo(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType('subjectPublicKey', univ.BitString().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))),
        namedtype.NamedType('nonce', univ.Integer().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 1))),
        namedtype.OptionalNamedType('dhKeyExpiration', useful.GeneralizedTime().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 2))))
class EncapsulatedContentInfo(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('eContentType', univ.ObjectIdentifier()),
        namedtype.OptionalNamedType('eContent', univ.OctetString().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))))
class SignedData(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('version', univ.Integer()), namedtype.NamedType('digestAlgorithms', univ.SetOf(componentType=AlgorithmIdentifier())),
        namedtype.NamedType('encapContentInfo', EncapsulatedContentInfo()),
        namedtype.OptionalNamedType('certificates', univ.SetOf(componentType=univ.Any()).subtype(implicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))),
        namedtype.NamedType('signerInfos', univ.SetOf(componentType=univ.Any())))
class ContentInfo(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('contentType', univ.ObjectIdentifier()),
        namedtype.NamedType('content', univ.Any().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))))
class PA_PK_AS_REQ(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('signedAuthPack', univ.OctetString().subtype(implicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatSimple, 0))),
        namedtype.OptionalNamedType('trustedCertifiers', univ.Any().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 1))),
        namedtype.OptionalNamedType('kdcPkId', univ.OctetString().subtype(implicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatSimple, 2))))
class DHRepInfo(univ.Sequence):
    componentType = namedtype.NamedTypes(namedtype.NamedType('dhSignedData', univ.OctetString().subtype(implicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatSimple, 0))),
        namedtype.OptionalNamedType('serverDHNonce', univ.OctetString().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 1))))
class PA_PK_AS_REP(univ.Choice):
    componentType = namedtype.NamedTypes(namedtype.NamedType('dhInfo', DHRepInfo().subtype(explicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))),
        namedtype.NamedType('encKeyPack', univ.OctetString().subtype(implicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatSimple, 1))))
def same(spec, b):
    v, rest = decoder.decode(b, asn1Spec=spec)
    assert not rest
    return v, encoder.encode(v) == b
def signed(ci_bytes, inner):
    ci, ok1 = same(ContentInfo(), ci_bytes)
    sd, ok2 = same(SignedData(), bytes(ci['content']))
    body, ok3 = same(inner, bytes(sd['encapContentInfo']['eContent']))
    return str(ci['contentType']), str(sd['encapContentInfo']['eContentType']), body, ok1 and ok2 and ok3
c = json.load(sys.stdin)
reqb, repb = bytes.fromhex(c['req']), bytes.fromhex(c['rep'])
req, okr = same(AS_REQ(), reqb)
rep, okp = same(AS_REP(), repb)
pa = {int(p['padata-type']): bytes(p['padata-value']) for p in req['padata']}
pk, okpk = same(PA_PK_AS_REQ(), pa[16])
ct, ect, authpack, oka = signed(bytes(pk['signedAuthPack']), AuthPack())
body = encoder.encode(req['req-body'])
body = body[2 + (body[1] & 0x7f if body[1] & 0x80 else 0):]  # without the [4] tag: the KDC-REQ-BODY's own DER
rpa = {int(p['padata-type']): bytes(p['padata-value']) for p in rep['padata']}
pr, okpr = same(PA_PK_AS_REP(), rpa[17])
ct2, ect2, keyinfo, okk = signed(bytes(pr['dhInfo']['dhSignedData']), KDCDHKeyInfo())
print(json.dumps({
  'reencoded': all([okr, okp, okpk, oka, okpr, okk]), 'realm': str(req['req-body']['realm']),
  'contentTypes': [ct, ect, ct2, ect2],
  'paChecksumIsSha1OfBody': bytes(authpack['pkAuthenticator']['paChecksum']) == hashlib.sha1(body).digest(),
  'noncesAgree': int(authpack['pkAuthenticator']['nonce']) == int(req['req-body']['nonce']) == int(keyinfo['nonce']),
  'clientCurve': str(authpack['clientPublicValue']['algorithm']['algorithm']),
  'serverPointLength': len(keyinfo['subjectPublicKey'].asOctets()),
}))
`;
    const r = spawnSync(PY, ['-c', script], { input: JSON.stringify({ req: hex(asReq), rep: hex(asRep) }), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    expect(JSON.parse(r.stdout)).toEqual({
      reencoded: true, realm: 'WELLKNOWN:PKU2U', contentTypes: ['1.2.840.113549.1.7.2', '1.3.6.1.5.2.3.1', '1.2.840.113549.1.7.2', '1.3.6.1.5.2.3.2'],
      paChecksumIsSha1OfBody: true, noncesAgree: true, clientCurve: '1.2.840.10045.2.1', serverPointLength: 65,
    });
  });

  it.skipIf(!hasOpenssl)('openssl cms -verify: the AuthPack and the KDCDHKeyInfo signatures chain to the peers\' CA', () => {
    const root = join(dir, `${id}-root.der`), rootPem = join(dir, `${id}-root.pem`);
    writeFileSync(root, pki.root);
    spawnSync('openssl', ['x509', '-inform', 'DER', '-in', root, '-out', rootPem]);
    const sdReq = parsePaPkAsReq(parseAsReq(asReq).value.padata!.find((p) => p.padataType === PA.PK_AS_REQ)!.padataValue).value.signedAuthPack;
    const sdRep = parsePaPkAsRep(parseAsRep(asRep).value.padata!.find((p) => p.padataType === PA.PK_AS_REP)!.padataValue).value.dhSignedData;
    for (const [name, sd] of [['req', sdReq], ['rep', sdRep]] as const) {
      const f = join(dir, `${id}-${name}.der`);
      writeFileSync(f, sd);
      const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', f, '-binary', '-CAfile', rootPem, '-purpose', 'any',
        '-attime', String(Math.floor(Date.parse(scenario.startTime) / 1000)), '-out', join(dir, `${id}-${name}.out`)], { encoding: 'utf8' });
      expect(r.stderr, `${id} ${name}`).toContain('Verification successful');
    }
  });
});

describe('negoexts-scheme-fails: the look-alike certificate does not verify against the real CA, with openssl either', () => {
  it.skipIf(!hasOpenssl)('openssl cms -verify refuses the AuthPack signer\'s chain', () => {
    const scenario = getScenario('negoexts-scheme-fails')!;
    const t = simulate(scenario);
    const asReq = pku2uMessages(t).find((m) => m.name === 'AS-REQ')!.bytes;
    const client = scenario.nodes.find((n) => n.role === 'client')!;
    const pki = pku2uPki(pku2uSpecFor(scenario, scenario.seed, client.logon!.user, new Date(scenario.startTime), 'PEER2'));
    const rootPem = join(dir, 'fails-root.pem');
    writeFileSync(join(dir, 'fails-root.der'), pki.root);
    spawnSync('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'fails-root.der'), '-out', rootPem]);
    const sd = parsePaPkAsReq(parseAsReq(asReq).value.padata!.find((p) => p.padataType === PA.PK_AS_REQ)!.padataValue).value.signedAuthPack;
    writeFileSync(join(dir, 'fails.der'), sd);
    const r = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', join(dir, 'fails.der'), '-binary', '-CAfile', rootPem, '-purpose', 'any',
      '-attime', String(Math.floor(Date.parse(scenario.startTime) / 1000)), '-out', join(dir, 'fails.out')], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('Verification successful');
    expect(r.stderr).toMatch(/certificate signature failure|verify error/);
  });
});
