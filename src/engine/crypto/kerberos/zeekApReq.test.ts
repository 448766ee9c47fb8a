// End to end on a real capture: zeek's krb/smb2_krb.pcap carries an SMB2 SESSION_SETUP with a
// Kerberos AP-REQ (aes256); its keytab holds the service key. Decrypting the ticket (usage 2)
// must reveal the session key the captures README quotes (tshark -K shows the same), which then
// decrypts the authenticator (usage 11) and the server's AP-REP (usage 12).
import { describe, expect, it } from 'vitest';
import { readFidelity } from '../../testing/fidelity.ts';
import { fromHex, hex, readU16be, readU32le } from '../../bytes.ts';
import { readNode, type DerNode } from '../../encoding/der/reader.ts';
import { readKeytab } from '../../export/keytab.ts';
import { decrypt, KEY_USAGE } from './index.ts';

/** TCP payloads of one direction (by destination port), concatenated in capture order. */
function tcpStream(pcap: Uint8Array, dstPort: number): Uint8Array {
  expect(readU32le(pcap, 0)).toBe(0xa1b2c3d4); // classic little-endian pcap
  const parts: Uint8Array[] = [];
  for (let o = 24; o + 16 <= pcap.length;) {
    const incl = readU32le(pcap, o + 8);
    const pkt = pcap.subarray(o + 16, o + 16 + incl);
    o += 16 + incl;
    if (readU16be(pkt, 12) !== 0x0800 || pkt[23] !== 6) continue; // IPv4 / TCP only
    const ihl = (pkt[14] & 0x0f) * 4;
    const ipLen = readU16be(pkt, 16);
    const tcp = 14 + ihl;
    if (readU16be(pkt, tcp + 2) !== dstPort) continue;
    const doff = (pkt[tcp + 12] >> 4) * 4;
    parts.push(pkt.subarray(tcp + doff, 14 + ipLen));
  }
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let w = 0;
  for (const p of parts) { out.set(p, w); w += p.length; }
  return out;
}

function find(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Context tag [n] of a SEQUENCE node's children, then the element inside it. */
function ctx(seq: DerNode, n: number): DerNode {
  const t = seq.children!.find((c) => c.tagClass === 2 && c.tagNumber === n);
  if (!t) throw new Error(`missing [${n}]`);
  return t.children![0];
}
const content = (b: Uint8Array, n: DerNode) => b.subarray(n.headerEnd, n.end);
/** An EncryptedData SEQUENCE → { etype, cipher }. */
function encData(b: Uint8Array, seq: DerNode) {
  return { etype: content(b, ctx(seq, 0))[0], cipher: content(b, ctx(seq, 2)) };
}
/** EncryptionKey inside a decrypted part → keyvalue bytes. */
function keyValue(b: Uint8Array, encKey: DerNode) { return content(b, ctx(encKey, 1)); }

const KRB5_OID_TOKEN = fromHex('06092a864886f712010202'); // GSS-API krb5 mechanism OID

describe('zeek smb2_krb.pcap: AP-REQ / AP-REP decryption with the keytab', () => {
  const pcap = readFidelity('captures/zeek/krb_smb2_krb.pcap');
  const [entry] = readKeytab(readFidelity('captures/zeek/krb_smb2_krb.keytab'));

  it('decrypts ticket, authenticator and AP-REP', () => {
    expect(entry.etype).toBe(18);
    // --- AP-REQ from the client (the SESSION_SETUP request spans two TCP segments) ---
    const up = tcpStream(pcap, 445);
    const oid = find(up, new Uint8Array([...KRB5_OID_TOKEN, 0x01, 0x00])); // skip the SPNEGO mechTypes list
    expect(oid).toBeGreaterThan(0);
    const tokId = oid + KRB5_OID_TOKEN.length;
    expect(hex(up.subarray(tokId, tokId + 2))).toBe('0100'); // KRB_AP_REQ
    const apReq = readNode(up, tokId + 2);
    expect(apReq.tagClass === 1 && apReq.tagNumber === 14).toBe(true);
    const apSeq = apReq.children![0];
    const ticketSeq = ctx(apSeq, 3).children![0]; // Ticket ::= [APPLICATION 1] SEQUENCE
    const tkt = encData(up, ctx(ticketSeq, 3));
    expect(tkt.etype).toBe(18);

    const encTicketPart = decrypt(18, entry.key, KEY_USAGE.KDC_REP_TICKET, tkt.cipher);
    const etp = readNode(encTicketPart, 0); // [APPLICATION 3] EncTicketPart
    expect(etp.tagClass === 1 && etp.tagNumber === 3).toBe(true);
    const sessionKey = keyValue(encTicketPart, ctx(etp.children![0], 1));
    expect(hex(sessionKey)).toBe('8f62794a9046010ab2fcf1a555183486fc41fb01b87633957e7b57d6920c95b2');
    // cname (EncTicketPart [3]) is "wallior"
    expect(new TextDecoder().decode(encTicketPart)).toContain('wallior');

    const auth = encData(up, ctx(apSeq, 4));
    const authenticator = decrypt(auth.etype, sessionKey, KEY_USAGE.AP_REQ_AUTHENTICATOR, auth.cipher);
    const an = readNode(authenticator, 0); // [APPLICATION 2] Authenticator
    expect(an.tagClass === 1 && an.tagNumber === 2).toBe(true);
    const cksum = ctx(an.children![0], 3); // Checksum: cksumtype 0x8003 (GSS-API)
    expect(hex(content(authenticator, ctx(cksum, 0)))).toBe('008003');
    const subkey = keyValue(authenticator, ctx(an.children![0], 6));
    expect(subkey.length).toBe(32);

    // --- AP-REP from the server ---
    const down = tcpStream(pcap, 56493);
    const oid2 = find(down, new Uint8Array([...KRB5_OID_TOKEN, 0x02, 0x00]));
    expect(oid2).toBeGreaterThan(0);
    const tok2 = oid2 + KRB5_OID_TOKEN.length;
    expect(hex(down.subarray(tok2, tok2 + 2))).toBe('0200'); // KRB_AP_REP
    const apRep = readNode(down, tok2 + 2);
    expect(apRep.tagClass === 1 && apRep.tagNumber === 15).toBe(true);
    const rep = encData(down, ctx(apRep.children![0], 2));
    const encApRepPart = decrypt(rep.etype, sessionKey, KEY_USAGE.AP_REP_ENC_PART, rep.cipher);
    const rp = readNode(encApRepPart, 0); // [APPLICATION 27] EncAPRepPart
    expect(rp.tagClass === 1 && rp.tagNumber === 27).toBe(true);
    const acceptorSubkey = keyValue(encApRepPart, ctx(rp.children![0], 2));
    expect(acceptorSubkey.length).toBe(32);

    // and the wrong usage is an integrity failure, not garbage
    expect(() => decrypt(18, entry.key, KEY_USAGE.AP_REQ_AUTHENTICATOR, tkt.cipher)).toThrow(/integrity check failed/);
  });
});
