// The KDC's PAC writer (MS-PAC): PACTYPE with PAC_LOGON_INFO (KERB_VALIDATION_INFO, NDR type
// serialization version 1), PAC_CLIENT_INFO, UPN_DNS_INFO and the server and KDC signatures
// (key usage 17). Also the re-signing a TGS does when it copies the TGT's PAC into a service
// ticket, and the server-side check of the server signature.
import { checksum, checksumLength, checksumTypeFor } from '../../../crypto/kerberos';
import { concat, equal, readU32le, u16le, u32le, utf16le } from '../../../bytes';

export const PAC_TYPE = { LOGON_INFO: 1, SERVER_CHECKSUM: 6, PRIVSVR_CHECKSUM: 7, CLIENT_INFO: 10, UPN_DNS_INFO: 12 } as const;
/** MS-PAC 2.8: the key usage of both PAC signatures. */
export const PAC_SIGNATURE_USAGE = 17;

export interface PacBuffer { type: number; data: Uint8Array }

export interface PacUser {
  /** sAMAccountName */
  name: string;
  fullName: string;
  rid: number;
  primaryGroupRid: number;
  groupRids: number[];
  domainSid: string;
  netbiosDomain: string;
  dnsDomain: string;
  logonServer: string;
  authtime: Date;
  passwordLastSet: Date;
  logonCount: number;
}

const FILETIME_EPOCH_MS = 11644473600000n;
/** "Never": 0x7FFFFFFFFFFFFFFF. */
const NEVER = 0x7fffffffffffffffn;

export function filetime(d: Date): bigint {
  return (BigInt(d.getTime()) + FILETIME_EPOCH_MS) * 10000n;
}

/** A little NDR (DCE/RPC transfer syntax, little-endian) writer. */
class Ndr {
  private out: number[] = [];
  private nextRef = 0x00020000;
  get length(): number { return this.out.length; }
  align(n: number): void { while (this.out.length % n) this.out.push(0); }
  u8(v: number): void { this.out.push(v & 0xff); }
  u16(v: number): void { this.align(2); this.out.push(v & 0xff, (v >>> 8) & 0xff); }
  u32(v: number): void { this.align(4); for (const b of u32le(v >>> 0)) this.out.push(b); }
  filetime(v: bigint): void { this.u32(Number(v & 0xffffffffn)); this.u32(Number((v >> 32n) & 0xffffffffn)); }
  raw(b: Uint8Array): void { for (const x of b) this.out.push(x); }
  ref(): number { const r = this.nextRef; this.nextRef += 4; return r; }
  bytes(): Uint8Array { return new Uint8Array(this.out); }
}

function sidBytes(sid: string): { count: number; bytes: Uint8Array } {
  const parts = sid.split('-');
  if (parts[0] !== 'S' || parts.length < 3) throw new Error(`not a SID: ${sid}`);
  const rev = Number(parts[1]);
  const auth = BigInt(parts[2]);
  const subs = parts.slice(3).map(Number);
  const a = new Uint8Array(6);
  for (let i = 0; i < 6; i++) a[5 - i] = Number((auth >> BigInt(8 * i)) & 0xffn);
  return { count: subs.length, bytes: concat(new Uint8Array([rev, subs.length]), a, ...subs.map((s) => u32le(s))) };
}

/** KERB_VALIDATION_INFO inside an NDR type serialization (MS-PAC 2.5, MS-RPCE 2.2.6). */
export function buildLogonInfo(u: PacUser): Uint8Array {
  const w = new Ndr();
  const strings: string[] = [];
  const ustr = (s: string) => { const n = s.length * 2; w.u16(n); w.u16(n); w.u32(w.ref()); strings.push(s); };
  const deferredString = (s: string) => { w.u32(s.length); w.u32(0); w.u32(s.length); w.raw(utf16le(s)); w.align(4); };
  const deferredSid = (sid: string) => { const s = sidBytes(sid); w.u32(s.count); w.raw(s.bytes); };

  w.u32(w.ref()); // the top-level pointer to KERB_VALIDATION_INFO
  const logon = filetime(u.authtime);
  w.filetime(logon); // LogonTime
  w.filetime(NEVER); // LogoffTime
  w.filetime(NEVER); // KickOffTime
  w.filetime(filetime(u.passwordLastSet)); // PasswordLastSet
  w.filetime(filetime(new Date(u.passwordLastSet.getTime() + 86400000))); // PasswordCanChange (one day later)
  w.filetime(NEVER); // PasswordMustChange
  ustr(u.name); ustr(u.fullName); ustr(''); ustr(''); ustr(''); ustr('');
  w.u16(u.logonCount); w.u16(0); // LogonCount, BadPasswordCount
  w.u32(u.rid); w.u32(u.primaryGroupRid);
  const groups = [u.primaryGroupRid, ...u.groupRids.filter((g) => g !== u.primaryGroupRid)];
  w.u32(groups.length); w.u32(w.ref());
  w.u32(0x20); // UserFlags: LOGON_EXTRA_SIDS
  w.raw(new Uint8Array(16)); // UserSessionKey (zero for Kerberos)
  const ls = u.logonServer, ld = u.netbiosDomain;
  w.u16(ls.length * 2); w.u16(ls.length * 2); w.u32(w.ref());
  w.u16(ld.length * 2); w.u16(ld.length * 2); w.u32(w.ref());
  w.u32(w.ref()); // LogonDomainId
  w.u32(0); w.u32(0); // Reserved1
  w.u32(0x00000210); // UserAccountControl: USER_NORMAL_ACCOUNT | USER_DONT_EXPIRE_PASSWORD
  w.u32(0); // SubAuthStatus
  w.filetime(0n); w.filetime(0n); w.u32(0); w.u32(0); // LastSuccessfulILogon, LastFailedILogon, FailedILogonCount, Reserved3
  w.u32(1); w.u32(w.ref()); // SidCount, ExtraSids
  w.u32(0); w.u32(0); w.u32(0); // ResourceGroupDomainSid, ResourceGroupCount, ResourceGroupIds
  // Deferred pointees, in the order of their pointers.
  for (const s of strings) deferredString(s);
  w.u32(groups.length);
  for (const g of groups) { w.u32(g); w.u32(7); } // SE_GROUP_MANDATORY | ENABLED_BY_DEFAULT | ENABLED
  deferredString(ls);
  deferredString(ld);
  deferredSid(u.domainSid);
  // ExtraSids: S-1-18-1, "Authentication authority asserted identity".
  w.u32(1);
  w.u32(w.ref()); w.u32(7);
  deferredSid('S-1-18-1');
  w.align(8);
  const body = w.bytes();
  const header = concat(new Uint8Array([0x01, 0x10, 0x08, 0x00, 0xcc, 0xcc, 0xcc, 0xcc]), u32le(body.length), u32le(0));
  return concat(header, body);
}

/** PAC_CLIENT_INFO (MS-PAC 2.7): the authtime and the client's name. */
export function buildClientInfo(authtime: Date, name: string): Uint8Array {
  const ft = filetime(authtime);
  const n = utf16le(name);
  return concat(u32le(Number(ft & 0xffffffffn)), u32le(Number(ft >> 32n)), u16le(n.length), n);
}

/** UPN_DNS_INFO (MS-PAC 2.10): flag U (1) says the UPN was built from the account name and the domain. */
export function buildUpnDnsInfo(upn: string, dnsDomain: string, constructed: boolean): Uint8Array {
  const up = utf16le(upn), dn = utf16le(dnsDomain);
  const upnOff = 16;
  const dnsOff = upnOff + up.length + ((8 - ((upnOff + up.length) % 8)) % 8);
  const out = new Uint8Array(dnsOff + dn.length);
  out.set(u16le(up.length), 0); out.set(u16le(upnOff), 2); out.set(u16le(dn.length), 4); out.set(u16le(dnsOff), 6);
  out.set(u32le(constructed ? 1 : 0), 8);
  out.set(up, upnOff); out.set(dn, dnsOff);
  return out;
}

function signatureBuffer(cksumtype: number, sig?: Uint8Array): Uint8Array {
  return concat(u32le(cksumtype >>> 0), sig ?? new Uint8Array(checksumLength(cksumtype)));
}

const pad8 = (n: number): number => (8 - (n % 8)) % 8;

/** PACTYPE: header, PAC_INFO_BUFFERs, then each buffer at an 8-byte boundary (MS-PAC 2.3, 2.4). */
export function assemblePac(buffers: PacBuffer[]): Uint8Array {
  let off = 8 + 16 * buffers.length;
  const infos: Uint8Array[] = [];
  const datas: Uint8Array[] = [];
  for (const b of buffers) {
    infos.push(concat(u32le(b.type), u32le(b.data.length), u32le(off), u32le(0)));
    datas.push(concat(b.data, new Uint8Array(pad8(b.data.length))));
    off += b.data.length + pad8(b.data.length);
  }
  return concat(u32le(buffers.length), u32le(0), ...infos, ...datas);
}

/** The buffers of a PAC (their data, unpadded). */
export function pacBuffers(pac: Uint8Array): PacBuffer[] {
  const n = readU32le(pac, 0);
  const out: PacBuffer[] = [];
  for (let i = 0; i < n; i++) {
    const o = 8 + 16 * i;
    const type = readU32le(pac, o), size = readU32le(pac, o + 4), off = readU32le(pac, o + 8);
    if (off + size > pac.length) throw new Error(`PAC buffer ${type} runs past the end`);
    out.push({ type, data: pac.slice(off, off + size) });
  }
  return out;
}

function bufferOffset(pac: Uint8Array, type: number): { off: number; size: number } | undefined {
  const n = readU32le(pac, 0);
  for (let i = 0; i < n; i++) {
    const o = 8 + 16 * i;
    if (readU32le(pac, o) === type) return { size: readU32le(pac, o + 4), off: readU32le(pac, o + 8) };
  }
  return undefined;
}

/**
 * Put fresh signatures on a PAC's buffers: the server checksum with the key of the ticket's service
 * (krbtgt for a TGT), over the whole PAC with both signatures zeroed; the KDC checksum with the
 * krbtgt key, over the server signature (MS-PAC 2.8.1-2.8.2).
 */
export function signPac(content: PacBuffer[], server: { etype: number; key: Uint8Array }, kdc: { etype: number; key: Uint8Array }): Uint8Array {
  const serverType = checksumTypeFor(server.etype);
  const kdcType = checksumTypeFor(kdc.etype);
  const bufs = content.filter((b) => b.type !== PAC_TYPE.SERVER_CHECKSUM && b.type !== PAC_TYPE.PRIVSVR_CHECKSUM);
  bufs.push({ type: PAC_TYPE.SERVER_CHECKSUM, data: signatureBuffer(serverType) }, { type: PAC_TYPE.PRIVSVR_CHECKSUM, data: signatureBuffer(kdcType) });
  const pac = assemblePac(bufs);
  const s = bufferOffset(pac, PAC_TYPE.SERVER_CHECKSUM)!;
  const k = bufferOffset(pac, PAC_TYPE.PRIVSVR_CHECKSUM)!;
  const serverSig = checksum(serverType, server.key, PAC_SIGNATURE_USAGE, pac);
  pac.set(serverSig, s.off + 4);
  pac.set(checksum(kdcType, kdc.key, PAC_SIGNATURE_USAGE, serverSig), k.off + 4);
  return pac;
}

/** The PAC of a new TGT for a user. */
export function buildPac(u: PacUser, server: { etype: number; key: Uint8Array }, kdc: { etype: number; key: Uint8Array }): Uint8Array {
  return signPac([
    { type: PAC_TYPE.LOGON_INFO, data: buildLogonInfo(u) },
    { type: PAC_TYPE.CLIENT_INFO, data: buildClientInfo(u.authtime, u.name) },
    { type: PAC_TYPE.UPN_DNS_INFO, data: buildUpnDnsInfo(`${u.name}@${u.dnsDomain.toLowerCase()}`, u.dnsDomain.toUpperCase(), true) },
  ], server, kdc);
}

/** Check a PAC signature (server: with the service key; KDC: with the krbtgt key over the server signature). */
export function verifyPacSignature(pac: Uint8Array, which: 'server' | 'kdc', key: Uint8Array): boolean {
  const s = bufferOffset(pac, PAC_TYPE.SERVER_CHECKSUM);
  const k = bufferOffset(pac, PAC_TYPE.PRIVSVR_CHECKSUM);
  if (!s || !k) return false;
  const serverType = readU32le(pac, s.off) | 0;
  const serverSig = pac.slice(s.off + 4, s.off + s.size);
  if (which === 'kdc') {
    const kdcType = readU32le(pac, k.off) | 0;
    return equal(checksum(kdcType, key, PAC_SIGNATURE_USAGE, serverSig), pac.slice(k.off + 4, k.off + k.size));
  }
  const zeroed = pac.slice();
  zeroed.fill(0, s.off + 4, s.off + s.size);
  zeroed.fill(0, k.off + 4, k.off + k.size);
  return equal(checksum(serverType, key, PAC_SIGNATURE_USAGE, zeroed), serverSig);
}
