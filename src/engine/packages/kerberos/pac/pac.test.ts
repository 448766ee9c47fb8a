// PAC decoding and building. Ground truth: two real Windows PACs published as test data in the
// Samba torture suite and Heimdal's lib/krb5/test_pac.c (saved_pac: Windows Server 2003 machine
// account w2003final$ with its RC4 keys; saved_pac2: user openmsp, with UPN_DNS_INFO).
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, concat, fromHex, hex, u32le, utf8 } from '../../../bytes';
import { uncovered } from '../../../encoding/fields';
import * as K from '../messages';
import * as P from './index';

const SAVED_PAC = fromHex(
  '040000000000000001000000d801000048000000000000000a0000002000000020020000000000000600000014000000' +
  '40020000000000000700000014000000580200000000000001100800ccccccccc8010000000000000000020030dfa6cb' +
  '4f7dc501ffffffffffffff7fffffffffffffff7fc03c4e596273c501c03c4e596273c501ffffffffffffff7f16001600' +
  '040002000000000008000200000000000c00020000000000100002000000000014000200000000001800020065000000' +
  'ed03000004020000010000001c0002002000000000000000000000000000000000000000140016002000020016001800' +
  '240002002800020000000000000000000021000000000000000000000000000000000000000000000000000000000000' +
  '010000002c0002000000000000000000000000000b000000000000000b00000057003200300030003300460049004e00' +
  '41004c002400000000000000000000000000000000000000000000000000000000000000000000000000000000000000' +
  '00000000000000000000000000000000000000000100000004020000070000000b000000000000000a00000057003200' +
  '300030003300460049004e0041004c000c000000000000000b000000570049004e0032004b0033005400480049004e00' +
  '4b00000004000000010400000000000515000000112fafb590041bec503becdc01000000300002000700000001000000' +
  '01010000000000050900000000000000806628ea3780c501160077003200300030003300660069006e0061006c002400' +
  '76ffffff37d5b0f724f0d6d4ec09865aa0e8c3a90000000076ffffffb4d8b8fe83b3133ffc5c41ade26483e000000000');
const SAVED_PAC2 = fromHex(
  '050000000000000001000000c801000058000000000000000a0000001800000020020000000000000c00000070000000' +
  '38020000000000000600000014000000a8020000000000000700000014000000c00200000000000001100800cccccccc' +
  'b801000000000000000002007dee0976f239c901ffffffffffffff7fffffffffffffff7f6d493862f239c9016d09a28c' +
  'bb3ac901ffffffffffffff7f0e000e00040002001000100008000200000000000c000200000000001000020000000000' +
  '140002000000000018000200020100005204000001020000030000001c00020020000000000000000000000000000000' +
  '0000000010001200200002000e0010002400020028000200000000000000000010020000000000000000000000000000' +
  '000000000000000000000000000000000000000000000000000000000000000000000000070000000000000007000000' +
  '6f00700065006e006d007300700000000800000000000000080000006f00700065006e0020006d007300700000000000' +
  '000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003000000' +
  '600400000700000001020000070000005e04000007000000090000000000000008000000430048004b0052002d004100' +
  '440053000800000000000000070000004d00530050002d00410044005300000004000000010400000000000515000000' +
  '91addc4c63b8b548d553d2d1000000000066eb75f239c9010e006f00700065006e006d00730070003800100028004800' +
  '00000000000000006f00700065006e006d007300700040006d00730070002d006100640073002e007000650070007000' +
  '6500720063006f006e002e00640065004d00530050002d004100440053002e0050004500500050004500520043004f00' +
  '4e002e004400450076ffffffb356152937c65cf79735faec59e896a00000000076ffffff5071a2b1a364825cfd23ea3b' +
  'b01912d400000000');
/** RFC 4757 HMAC-MD5 checksum (KERB_CHECKSUM_HMAC_MD5) with key usage 17, as MS-PAC 2.8.1 uses it. */
function hmacMd5Checksum(key: Uint8Array, data: Uint8Array): Uint8Array {
  const ksign = hmac(md5, key, utf8('signaturekey\0'));
  return hmac(md5, ksign, md5(concat(u32le(17), data)));
}
const MEMBER_KEY = fromHex('d217faeae5e6b5f95ccc94077ab8a5fc'); // test_pac.c member_keyblock (server)
const KDC_KEY = fromHex('b286757148af7fd252c53603a150b7e7'); // test_pac.c kdc_keyblock (krbtgt)

function logon(pac: P.Pac): P.KerbValidationInfo {
  return (pac.buffers.find((b) => b.type === 1)!.info as { value: P.KerbValidationInfo }).value;
}

describe('published Windows PACs', () => {
  it('saved_pac (Windows 2003): every field, every byte, byte-exact rebuild', () => {
    const r = P.parsePac(SAVED_PAC);
    expect(uncovered(r.fields, SAVED_PAC.length)).toEqual([]);
    expect(r.value.buffers.map((b) => [b.type, b.offset, b.size])).toEqual([[1, 0x48, 472], [10, 0x220, 0x20], [6, 0x240, 0x14], [7, 0x258, 0x14]]);
    const v = logon(r.value);
    expect(v.effectiveName).toBe('W2003FINAL$');
    expect(v.fullName).toBe('');
    expect(v.userId).toBe(1005);
    expect(v.primaryGroupId).toBe(516);
    expect(v.groupIds).toEqual([{ relativeId: 516, attributes: 7 }]);
    expect(v.logonCount).toBe(101);
    expect(v.userFlags).toBe(0x20);
    expect(v.logonServer).toBe('W2003FINAL');
    expect(v.stringLayout).toEqual({ logonServer: { maximumLength: 22 }, logonDomainName: { maximumLength: 24 } });
    expect(v.logonDomainName).toBe('WIN2K3THINK');
    expect(v.logonDomainId).toBe('S-1-5-21-3048156945-3961193616-3706469200');
    expect(v.extraSids).toEqual([{ sid: 'S-1-5-9', attributes: 7 }]);
    expect(v.resourceGroupDomainSid).toBeNull();
    expect(v.userAccountControl).toBe(0x2100);
    const client = r.value.buffers.find((b) => b.type === 10)!.info as { value: P.ClientInfo };
    expect(client.value.name).toBe('w2003final$');
    expect(P.filetimeToDate(client.value.clientId)!.getTime() / 1000).toBe(1120440609); // test_pac.c authtime
    // The NDR encoder reproduces the Windows bytes exactly from the decoded value.
    expect(hex(P.encodeLogonInfo(v))).toBe(hex(r.value.buffers[0].data));
    expect(hex(P.assemblePac(r.value.buffers.map((b) => ({ type: b.type, data: b.data }))))).toBe(hex(SAVED_PAC));
  });

  it('saved_pac signatures verify with the published keys (zeroed-signature slots are right)', () => {
    const slots = P.pacSignatureSlots(SAVED_PAC);
    expect(slots).toEqual([{ type: 6, signatureType: -138, offset: 0x244, length: 16 }, { type: 7, signatureType: -138, offset: 0x25c, length: 16 }]);
    const server = hmacMd5Checksum(MEMBER_KEY, P.zeroPacSignatures(SAVED_PAC));
    expect(hex(server)).toBe(hex(SAVED_PAC.subarray(0x244, 0x254)));
    const kdc = hmacMd5Checksum(KDC_KEY, server);
    expect(hex(kdc)).toBe(hex(SAVED_PAC.subarray(0x25c, 0x26c)));
    // writing them back into the zeroed PAC restores the original
    const z = P.zeroPacSignatures(SAVED_PAC);
    expect(hex(P.writePacSignature(P.writePacSignature(z, 6, server), 7, kdc))).toBe(hex(SAVED_PAC));
  });

  it('saved_pac2 (with UPN_DNS_INFO): every byte, values, rebuild', () => {
    const r = P.parsePac(SAVED_PAC2);
    expect(uncovered(r.fields, SAVED_PAC2.length)).toEqual([]);
    const v = logon(r.value);
    expect(v.effectiveName).toBe('openmsp');
    expect(v.fullName).toBe('open msp');
    expect(v.groupIds.map((g) => g.relativeId)).toEqual([1120, 513, 1118]);
    expect(v.logonServer).toBe('CHKR-ADS');
    expect(v.logonDomainName).toBe('MSP-ADS');
    const upn = r.value.buffers.find((b) => b.type === 12)!.info as { value: P.UpnDnsInfo };
    expect(upn.value).toEqual({ upn: 'openmsp@msp-ads.peppercon.de', dnsDomainName: 'MSP-ADS.PEPPERCON.DE', flags: 0 });
    expect(hex(P.encodeUpnDnsInfo(upn.value))).toBe(hex(r.value.buffers.find((b) => b.type === 12)!.data));
    expect(hex(P.encodeLogonInfo(v))).toBe(hex(r.value.buffers[0].data));
    expect(hex(P.assemblePac(r.value.buffers.map((b) => ({ type: b.type, data: b.data }))))).toBe(hex(SAVED_PAC2));
  });
});

const INPUT: P.PacInput = {
  user: 'alice', fullName: 'Alice Example', domain: 'CONTOSO', domainSid: 'S-1-5-21-1004336348-1177238915-682003330', userRid: 1105,
  primaryGroupRid: 513, groupRids: [513, 512, 1110], logonTime: new Date(Date.UTC(2024, 4, 1, 9, 30, 0)), upn: 'alice@contoso.local',
  dnsDomain: 'contoso.local', logonServer: 'DC01', attributes: 1, requestor: true, serverSignatureType: 16, kdcSignatureType: 16, ticketChecksum: true,
};

describe('buildPac', () => {
  it('round-trips through parsePac with every byte covered', () => {
    const { pac, signatures } = P.buildPac(INPUT);
    const r = P.parsePac(pac);
    expect(uncovered(r.fields, pac.length)).toEqual([]);
    expect(r.value.buffers.map((b) => b.type)).toEqual([1, 10, 12, 17, 18, 6, 7, 16]);
    for (const b of r.value.buffers) expect(b.offset % 8).toBe(0);
    const v = logon(r.value);
    expect(v.effectiveName).toBe('alice');
    expect(v.fullName).toBe('Alice Example');
    expect(v.groupIds.map((g) => g.relativeId)).toEqual([513, 512, 1110]);
    expect(v.logonDomainId).toBe(INPUT.domainSid);
    expect(v.extraSids).toEqual([{ sid: 'S-1-18-1', attributes: 7 }]);
    expect(P.filetimeToDate(v.logonTime)!.toISOString()).toBe('2024-05-01T09:30:00.000Z');
    const upn = r.value.buffers.find((b) => b.type === 12)!.info as { value: P.UpnDnsInfo };
    expect(upn.value).toEqual({ upn: 'alice@contoso.local', dnsDomainName: 'CONTOSO.LOCAL', flags: 2, samName: 'alice', sid: `${INPUT.domainSid}-1105` });
    expect((r.value.buffers.find((b) => b.type === 18)!.info as { value: { sid: string } }).value.sid).toBe(`${INPUT.domainSid}-1105`);
    expect(signatures.map((s) => [s.type, s.signatureType, s.length])).toEqual([[6, 16, 12], [7, 16, 12], [16, 16, 12]]);
    for (const s of signatures) expect(pac.subarray(s.offset, s.offset + s.length).every((x) => x === 0)).toBe(true);
    const signed = P.writePacSignature(pac, 6, fromHex('0102030405060708090a0b0c'));
    expect(hex(P.zeroPacSignatures(signed))).toBe(hex(pac));
    expect((P.parsePac(signed).value.buffers.find((b) => b.type === 6)!.info as { value: P.SignatureData }).value.signature).toEqual(fromHex('0102030405060708090a0b0c'));
  });

  it('a ticket\'s EncTicketPart carries it in AD-IF-RELEVANT / AD-WIN2K-PAC, decoded in the field tree', () => {
    const { pac } = P.buildPac({ ...INPUT, serverSignatureType: -138, kdcSignatureType: -138 });
    const etp = K.buildEncTicketPart({
      flags: 0x40e10000, key: { keytype: 18, keyvalue: new Uint8Array(32) }, crealm: 'CONTOSO.LOCAL', cname: { nameType: 1, nameString: ['alice'] },
      transited: { trType: 1, contents: new Uint8Array(0) }, authtime: INPUT.logonTime, endtime: new Date(INPUT.logonTime.getTime() + 36e6),
      authorizationData: K.adWithPac(pac),
    });
    const r = K.parseEncTicketPart(etp);
    expect(uncovered(r.fields, etp.length)).toEqual([]);
    expect(hex(K.findPac(r.value.authorizationData)!)).toBe(hex(pac));
    const flat: string[] = [];
    const walk = (fs: { name: string; children?: unknown[] }[]) => { for (const f of fs) { flat.push(f.name); if (f.children) walk(f.children as never); } };
    walk(r.fields);
    expect(flat).toContain('KERB_VALIDATION_INFO');
    expect(flat).toContain('PAC_SERVER_CHECKSUM');
    expect(K.flagNames(r.value.flags, K.TICKET_FLAGS)).toEqual(['forwardable', 'renewable', 'initial', 'pre-authent', 'enc-pa-rep']);
  });

  it('random and corrupted PACs throw only DecodeError', () => {
    const { pac } = P.buildPac(INPUT);
    const check = (b: Uint8Array) => { try { P.parsePac(b); } catch (e) { if (!(e instanceof DecodeError)) throw e; } };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (cut, pos, val) => {
      for (const src of [pac, SAVED_PAC, SAVED_PAC2]) {
        check(src.subarray(0, cut % src.length));
        const c = src.slice();
        c[pos % c.length] = val;
        check(c);
      }
    }), { numRuns: 2000 });
  });
});
