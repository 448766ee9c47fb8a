// A real Windows AP-REQ (zeek's krb/smb2_krb.pcap) decoded end to end: the decrypt hook opens the
// ticket with the keytab's service key and the authenticator with the ticket's session key; the
// decrypted EncTicketPart carries a real PAC. Every byte of every layer must be explained.
import { describe, expect, it } from 'vitest';
import { hex, readU16be, readU32le } from '../../../bytes';
import { decrypt } from '../../../crypto/kerberos/index';
import { type DecryptedPart, type Field, uncovered } from '../../../encoding/fields';
import { readKeytab } from '../../../export/keytab';
import { readFidelity } from '../../../testing/fidelity';
import * as P from '../pac';
import * as K from './index';

function tcpPayloadTo(pcap: Uint8Array, dstPort: number): Uint8Array {
  const parts: number[] = [];
  for (let o = 24; o + 16 <= pcap.length;) {
    const incl = readU32le(pcap, o + 8);
    const pkt = pcap.subarray(o + 16, o + 16 + incl);
    o += 16 + incl;
    if (readU16be(pkt, 12) !== 0x0800 || pkt[23] !== 6) continue;
    const tcp = 14 + (pkt[14] & 0x0f) * 4;
    if (readU16be(pkt, tcp + 2) !== dstPort) continue;
    parts.push(...pkt.subarray(tcp + (pkt[tcp + 12] >> 4) * 4, 14 + readU16be(pkt, 16)));
  }
  return new Uint8Array(parts);
}

/** The GSS-API token that wraps the AP-REQ: [APPLICATION 0] whose content starts with the krb5 OID and TOK_ID 01 00. */
function gssToken(stream: Uint8Array): Uint8Array {
  const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00];
  for (let i = 0; i < stream.length - 20; i++) {
    if (stream[i] !== 0x60) continue;
    const l0 = stream[i + 1];
    const n = l0 < 0x80 ? 0 : l0 & 0x7f;
    const hdr = 2 + n;
    if (!oid.every((x, j) => stream[i + hdr + j] === x)) continue;
    let len = l0 < 0x80 ? l0 : 0;
    for (let j = 0; j < n; j++) len = len * 256 + stream[i + 2 + j];
    return stream.slice(i, i + hdr + len);
  }
  throw new Error('no GSS token');
}

const names = (fs: Field[], out: string[] = []): string[] => { for (const f of fs) { out.push(f.name); if (f.children) names(f.children, out); } return out; };

describe('zeek smb2_krb.pcap AP-REQ with the keytab', () => {
  it('decrypts the ticket (with its PAC) and the authenticator in the field tree', () => {
    const token = gssToken(tcpPayloadTo(readFidelity('captures/zeek/krb_smb2_krb.pcap'), 445));
    const [entry] = readKeytab(readFidelity('captures/zeek/krb_smb2_krb.keytab'));
    let sessionKey: Uint8Array | null = null;
    const parts: DecryptedPart[] = [];
    const hook: K.DecryptHook = (req) => {
      const key = req.plaintext === 'EncTicketPart' ? entry.key : sessionKey;
      if (!key) return undefined;
      const pt = decrypt(req.enc.etype, key, req.usages[0], req.enc.cipher);
      const r = K.parsePlaintext(req.plaintext, pt, { decrypt: hook });
      if (req.plaintext === 'EncTicketPart') sessionKey = (r.value as K.EncTicketPart).key.keyvalue;
      const part: DecryptedPart = { name: r.name, key: req.what, keyHex: hex(key), keyUsage: req.usages[0], etype: req.enc.etype, hex: hex(pt), fields: r.fields };
      parts.push(part);
      return part;
    };
    const g = K.parseGssToken(token, { decrypt: hook });
    expect(uncovered(g.fields, token.length)).toEqual([]);
    const ap = (g.value.message as { message: K.ApReq }).message;
    expect(ap.ticket.sname.nameString).toEqual(['cifs', 'phxlabbal821.techlab.susq.com']);
    expect(ap.ticket.realm).toBe('DS.SUSQ.COM');

    expect(parts.map((p) => p.name)).toEqual(['EncTicketPart', 'Authenticator']);
    for (const p of parts) expect(uncovered(p.fields, p.hex.length / 2), p.name).toEqual([]);
    const etp = K.parseEncTicketPart(Uint8Array.from(parts[0].hex.match(/../g)!.map((x) => parseInt(x, 16)))).value;
    expect(etp.cname.nameString).toEqual(['wallior']);
    expect(hex(etp.key.keyvalue)).toBe('8f62794a9046010ab2fcf1a555183486fc41fb01b87633957e7b57d6920c95b2');

    const pacBytes = K.findPac(etp.authorizationData)!;
    const pac = P.parsePac(pacBytes);
    expect(uncovered(pac.fields, pacBytes.length)).toEqual([]);
    const logon = pac.value.buffers.find((b) => b.type === 1)!.info as { value: P.KerbValidationInfo };
    expect(logon.value.effectiveName.toLowerCase()).toBe('wallior');
    const client = pac.value.buffers.find((b) => b.type === 10)!.info as { value: P.ClientInfo };
    expect(client.value.name).toBe('wallior');
    // The PAC's own encoder reproduces the captured logon-info bytes.
    expect(hex(P.encodeLogonInfo(logon.value))).toBe(hex(pac.value.buffers.find((b) => b.type === 1)!.data));
    expect(names(parts[0].fields)).toContain('KERB_VALIDATION_INFO');
    const upn = pac.value.buffers.find((b) => b.type === 12)!;
    expect(upn.info?.value).toEqual({ upn: 'wallior@ds.susq.com', dnsDomainName: 'DS.SUSQ.COM', flags: 0 });
    expect(hex(P.encodeUpnDnsInfo((upn.info as { value: P.UpnDnsInfo }).value))).toBe(hex(upn.data));
    expect(pac.value.buffers.map((b) => b.type)).toEqual([1, 10, 12, 6, 7]);
    expect(hex(P.assemblePac(pac.value.buffers.map((b) => ({ type: b.type, data: b.data }))))).toBe(hex(pacBytes));

    const auth = K.parseAuthenticator(Uint8Array.from(parts[1].hex.match(/../g)!.map((x) => parseInt(x, 16)))).value;
    expect(auth.cksum?.cksumtype).toBe(0x8003);
    const gss = K.parseGssChecksum(auth.cksum!.checksum).value;
    expect(gss.flags & K.GSS_FLAGS.MUTUAL).toBeTruthy();
    expect(names(parts[1].fields)).toContain('Flags');
  });
});
