// The KDC's PAC signing (MS-PAC 2.8): the server and KDC signatures (key usage 17) of a new TGT's PAC
// (laid out by the PAC module), the re-signing a TGS does when it copies the TGT's PAC into a
// service ticket, and the server-side check of the server signature.
import { checksum, checksumLength, checksumTypeFor } from '../../../crypto/kerberos';
import { concat, equal, readU32le, u32le } from '../../../bytes';
import { USER_ACCOUNT, assemblePac, buildPac } from '../pac';

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

function signatureBuffer(cksumtype: number, sig?: Uint8Array): Uint8Array {
  return concat(u32le(cksumtype >>> 0), sig ?? new Uint8Array(checksumLength(cksumtype)));
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

/**
 * The PAC of a new TGT for a user, laid out by the PAC module (MS-PAC 2.4-2.10) and signed here. The
 * 2016 profile writes what a Windows Server 2016 KDC wrote; the 2025 profile adds what the November
 * 2021 updates added (extended UPN_DNS_INFO with the account name and SID, PAC_ATTRIBUTES_INFO, PAC_REQUESTOR).
 */
export function buildUserPac(u: PacUser, server: { etype: number; key: Uint8Array }, kdc: { etype: number; key: Uint8Array }, release: '2016' | '2025' = '2016'): Uint8Array {
  const modern = release === '2025';
  const built = buildPac({
    user: u.name, fullName: u.fullName, domain: u.netbiosDomain, domainSid: u.domainSid, userRid: u.rid, primaryGroupRid: u.primaryGroupRid,
    groupRids: [u.primaryGroupRid, ...u.groupRids.filter((g) => g !== u.primaryGroupRid)], logonTime: u.authtime, upn: `${u.name}@${u.dnsDomain.toLowerCase()}`,
    dnsDomain: u.dnsDomain, logonServer: u.logonServer, authTime: u.authtime, passwordLastSet: u.passwordLastSet, logonCount: u.logonCount,
    userAccountControl: USER_ACCOUNT.NORMAL_ACCOUNT | USER_ACCOUNT.DONT_EXPIRE_PASSWORD, upnConstructed: true, upnExtended: modern,
    attributes: modern ? 1 : undefined, requestor: modern,
    serverSignatureType: checksumTypeFor(server.etype), kdcSignatureType: checksumTypeFor(kdc.etype),
  });
  return signPac(pacBuffers(built.pac), server, kdc);
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
