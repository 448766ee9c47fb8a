// The PAC (MS-PAC 2.3-2.4): PACTYPE { cBuffers, Version, PAC_INFO_BUFFER[cBuffers] } followed by the
// buffers, each starting on an 8-byte boundary. Builds a Windows-shaped PAC from a few account facts
// with zeroed signatures (the caller computes and writes them) and decodes any PAC with a field for
// every byte.
import { perRun } from '../../../runScope';
import { BytesMemo } from '../../../crypto/bytesMemo';
import { DecodeError, hex, readU32le, u32le, u64le } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import {
  type AttributesInfo, type ClientInfo, type SignatureData, type UpnDnsInfo, UPN_FLAGS, decodeAttributesInfo, decodeClientInfo, decodeRequestor,
  decodeSignatureData, decodeUpnDnsInfo, encodeAttributesInfo, encodeClientInfo, encodeRequestor, encodeSignatureData, encodeUpnDnsInfo, signatureLength,
} from './buffers';
import { type KerbValidationInfo, LOGON_FLAGS, SE_GROUP, USER_ACCOUNT, decodeLogonInfo, encodeLogonInfo } from './logonInfo';
import { FILETIME_NEVER, filetimeFromDate } from './ndr';

export const PAC_TYPE = {
  LOGON_INFO: 1, CREDENTIALS_INFO: 2, SERVER_CHECKSUM: 6, PRIVSVR_CHECKSUM: 7, CLIENT_INFO: 10, S4U_DELEGATION_INFO: 11, UPN_DNS_INFO: 12,
  CLIENT_CLAIMS_INFO: 13, DEVICE_INFO: 14, DEVICE_CLAIMS_INFO: 15, TICKET_CHECKSUM: 16, ATTRIBUTES_INFO: 17, REQUESTOR: 18, FULL_CHECKSUM: 19,
} as const;
export const PAC_TYPE_NAMES: Record<number, string> = {
  1: 'KERB_VALIDATION_INFO (logon information)', 2: 'PAC_CREDENTIAL_INFO', 6: 'PAC_SERVER_CHECKSUM', 7: 'PAC_PRIVSVR_CHECKSUM (KDC signature)',
  10: 'PAC_CLIENT_INFO', 11: 'S4U_DELEGATION_INFO', 12: 'UPN_DNS_INFO', 13: 'PAC_CLIENT_CLAIMS_INFO', 14: 'PAC_DEVICE_INFO',
  15: 'PAC_DEVICE_CLAIMS_INFO', 16: 'PAC_TICKET_CHECKSUM', 17: 'PAC_ATTRIBUTES_INFO', 18: 'PAC_REQUESTOR', 19: 'PAC_FULL_CHECKSUM',
};
const BUFFER_EXPLAIN: Record<number, string> = {
  1: 'who the user is: account name, RID, groups and SIDs (what the server builds the access token from)',
  6: 'signature over the whole PAC with the service\'s key: the server can check it itself',
  7: 'signature over the server signature with the krbtgt key: only the KDC can make or check it',
  10: 'the client\'s name and the ticket\'s authtime: binds the PAC to this ticket',
  12: 'the user principal name and DNS domain (and, extended, the account name and SID)',
  16: 'signature over the encrypted ticket part with the krbtgt key (stops PAC swapping between tickets)',
  17: 'whether the client asked for this PAC', 18: 'the SID of the account that requested the TGT',
  19: 'signature over the whole PAC with the krbtgt key',
};
const SIGNATURE_BUFFERS = new Set<number>([PAC_TYPE.SERVER_CHECKSUM, PAC_TYPE.PRIVSVR_CHECKSUM, PAC_TYPE.TICKET_CHECKSUM, PAC_TYPE.FULL_CHECKSUM]);

export type PacBufferInfo =
  | { kind: 'logon'; value: KerbValidationInfo }
  | { kind: 'client'; value: ClientInfo }
  | { kind: 'upn'; value: UpnDnsInfo }
  | { kind: 'signature'; value: SignatureData }
  | { kind: 'attributes'; value: AttributesInfo }
  | { kind: 'requestor'; value: { sid: string } };

export interface PacBuffer { type: number; offset: number; size: number; data: Uint8Array; info?: PacBufferInfo }
export interface Pac { version: number; buffers: PacBuffer[] }

// ---------- assembling ----------

const align8 = (n: number) => (n + 7) & ~7;

/** Lay out PACTYPE with the given buffers in order, each at an 8-byte boundary; total padded to 8. */
export function assemblePac(buffers: { type: number; data: Uint8Array }[], version = 0): Uint8Array {
  let o = 8 + 16 * buffers.length;
  const offsets = buffers.map((buf) => { o = align8(o); const at = o; o += buf.data.length; return at; });
  const out = new Uint8Array(align8(o));
  out.set(u32le(buffers.length), 0);
  out.set(u32le(version), 4);
  buffers.forEach((buf, i) => {
    out.set(u32le(buf.type), 8 + 16 * i);
    out.set(u32le(buf.data.length), 12 + 16 * i);
    out.set(u64le(BigInt(offsets[i])), 16 + 16 * i);
    out.set(buf.data, offsets[i]);
  });
  return out;
}

/** Everything a Windows KDC puts in a user's PAC, from the facts a scenario knows. */
export interface PacInput {
  user: string;
  fullName: string;
  /** NetBIOS domain name, e.g. CONTOSO. */
  domain: string;
  /** The domain SID, e.g. S-1-5-21-1004336348-1177238915-682003330. */
  domainSid: string;
  userRid: number;
  primaryGroupRid: number;
  /** Group RIDs in the user's domain (the primary group is usually listed too). */
  groupRids: number[];
  logonTime: Date;
  upn: string;
  /** DNS domain name, e.g. contoso.local (Windows writes it in upper case in UPN_DNS_INFO). */
  dnsDomain: string;
  /** NetBIOS name of the DC. */
  logonServer?: string;
  /** The ticket's authtime for PAC_CLIENT_INFO (default: logonTime). */
  authTime?: Date;
  /** The client name for PAC_CLIENT_INFO (default: user). */
  clientName?: string;
  passwordLastSet?: Date;
  logonCount?: number;
  userAccountControl?: number;
  /** Extra SIDs; default S-1-18-1 (authentication authority asserted identity), attributes 7. */
  extraSids?: { sid: string; attributes: number }[];
  /** The UPN was constructed from the account name (no explicit UPN): sets the U flag. */
  upnConstructed?: boolean;
  /** Write the extended UPN_DNS_INFO (SamName and SID), as Windows does since the November 2021 updates. Default true. */
  upnExtended?: boolean;
  /** Add PAC_ATTRIBUTES_INFO (17) with these flags (e.g. 1 = PAC_WAS_REQUESTED). */
  attributes?: number;
  /** Add PAC_REQUESTOR (18) with the user's SID. */
  requestor?: boolean;
  /** Checksum type of the signatures: -138 HMAC-MD5, 15/16 HMAC-SHA1-96-AES128/256. */
  serverSignatureType: number;
  kdcSignatureType: number;
  /** Add PAC_TICKET_CHECKSUM (16) and/or PAC_FULL_CHECKSUM (19), keyed like the KDC signature. */
  ticketChecksum?: boolean;
  fullChecksum?: boolean;
}

/** Where a signature's bytes are in the PAC (so the caller can compute and write them). */
export interface PacSignatureSlot { type: number; signatureType: number; offset: number; length: number }

export function buildLogonInfo(input: PacInput): KerbValidationInfo {
  const extraSids = input.extraSids ?? [{ sid: 'S-1-18-1', attributes: SE_GROUP.MANDATORY | SE_GROUP.ENABLED_BY_DEFAULT | SE_GROUP.ENABLED }];
  const logon = filetimeFromDate(input.logonTime);
  const pwdSet = input.passwordLastSet ? filetimeFromDate(input.passwordLastSet) : logon - 864000000000n * 30n;
  return {
    logonTime: logon, logoffTime: FILETIME_NEVER, kickOffTime: FILETIME_NEVER,
    passwordLastSet: pwdSet, passwordCanChange: pwdSet + 864000000000n, passwordMustChange: FILETIME_NEVER,
    effectiveName: input.user, fullName: input.fullName, logonScript: '', profilePath: '', homeDirectory: '', homeDirectoryDrive: '',
    logonCount: input.logonCount ?? 12, badPasswordCount: 0,
    userId: input.userRid, primaryGroupId: input.primaryGroupRid,
    groupIds: input.groupRids.map((relativeId) => ({ relativeId, attributes: SE_GROUP.MANDATORY | SE_GROUP.ENABLED_BY_DEFAULT | SE_GROUP.ENABLED })),
    userFlags: extraSids.length ? LOGON_FLAGS.EXTRA_SIDS : 0,
    userSessionKey: new Uint8Array(16),
    logonServer: input.logonServer ?? 'DC01', logonDomainName: input.domain, logonDomainId: input.domainSid,
    reserved1: [0, 0], userAccountControl: input.userAccountControl ?? USER_ACCOUNT.NORMAL_ACCOUNT, subAuthStatus: 0,
    lastSuccessfulILogon: 0n, lastFailedILogon: 0n, failedILogonCount: 0, reserved3: 0,
    extraSids, resourceGroupDomainSid: null, resourceGroupIds: [],
  };
}

/**
 * Build a PAC with its signatures zero-filled. Compute them in this order: the server checksum
 * over the whole PAC as returned (all signatures zero), then the KDC checksum over the server
 * signature's bytes; write them with writePacSignature.
 */
export function buildPac(input: PacInput): { pac: Uint8Array; signatures: PacSignatureSlot[] } {
  const upnFlags = (input.upnConstructed ? UPN_FLAGS.UPN_CONSTRUCTED : 0) | (input.upnExtended === false ? 0 : UPN_FLAGS.EXTENDED);
  const userSid = `${input.domainSid}-${input.userRid}`;
  const buffers: { type: number; data: Uint8Array }[] = [
    { type: PAC_TYPE.LOGON_INFO, data: encodeLogonInfo(buildLogonInfo(input)) },
    { type: PAC_TYPE.CLIENT_INFO, data: encodeClientInfo({ clientId: filetimeFromDate(input.authTime ?? input.logonTime), name: input.clientName ?? input.user }) },
    { type: PAC_TYPE.UPN_DNS_INFO, data: encodeUpnDnsInfo({ upn: input.upn, dnsDomainName: input.dnsDomain.toUpperCase(), flags: upnFlags, samName: input.user, sid: userSid }) },
  ];
  if (input.attributes !== undefined) buffers.push({ type: PAC_TYPE.ATTRIBUTES_INFO, data: encodeAttributesInfo({ flagsLength: 2, flags: [input.attributes] }) });
  if (input.requestor) buffers.push({ type: PAC_TYPE.REQUESTOR, data: encodeRequestor(userSid) });
  const sig = (t: number) => encodeSignatureData({ signatureType: t, signature: new Uint8Array(signatureLength(t)) });
  buffers.push({ type: PAC_TYPE.SERVER_CHECKSUM, data: sig(input.serverSignatureType) });
  buffers.push({ type: PAC_TYPE.PRIVSVR_CHECKSUM, data: sig(input.kdcSignatureType) });
  if (input.ticketChecksum) buffers.push({ type: PAC_TYPE.TICKET_CHECKSUM, data: sig(input.kdcSignatureType) });
  if (input.fullChecksum) buffers.push({ type: PAC_TYPE.FULL_CHECKSUM, data: sig(input.kdcSignatureType) });
  const pac = assemblePac(buffers);
  return { pac, signatures: pacSignatureSlots(pac) };
}

/** The signature slots of a PAC (server, KDC, ticket and full checksums). */
export function pacSignatureSlots(pac: Uint8Array): PacSignatureSlot[] {
  const out: PacSignatureSlot[] = [];
  for (const e of readInfoBuffers(pac)) {
    if (!SIGNATURE_BUFFERS.has(e.type)) continue;
    const signatureType = readU32le(pac, e.offset) | 0;
    out.push({ type: e.type, signatureType, offset: e.offset + 4, length: signatureLength(signatureType) });
  }
  return out;
}

/** A copy of the PAC with one signature written in (by buffer type: 6, 7, 16 or 19). */
export function writePacSignature(pac: Uint8Array, type: number, signature: Uint8Array): Uint8Array {
  const slot = pacSignatureSlots(pac).find((s) => s.type === type);
  if (!slot) throw new RangeError(`the PAC has no signature buffer of type ${type}`);
  if (signature.length !== slot.length) throw new RangeError(`signature must be ${slot.length} bytes`);
  const out = pac.slice();
  out.set(signature, slot.offset);
  return out;
}

/** A copy with the given signatures zero-filled (what a verifier checksums). */
export function zeroPacSignatures(pac: Uint8Array, types: number[] = [...SIGNATURE_BUFFERS]): Uint8Array {
  const out = pac.slice();
  for (const s of pacSignatureSlots(pac)) if (types.includes(s.type)) out.fill(0, s.offset, s.offset + s.length);
  return out;
}

// ---------- parsing ----------

/** The PAC_INFO_BUFFER entries of the PAC at [base, end) of `b` (`at` absolute, `offset` relative to the PAC). */
function readInfoBuffers(b: Uint8Array, base = 0, end = b.length): { type: number; size: number; offset: number; at: number }[] {
  const view = b.subarray(0, end);
  const count = readU32le(view, base);
  if (base + 8 + 16 * count > end) throw new DecodeError(`PAC: ${count} buffers do not fit`, base);
  const out: { type: number; size: number; offset: number; at: number }[] = [];
  for (let i = 0; i < count; i++) {
    const at = base + 8 + 16 * i;
    const type = readU32le(view, at);
    const size = readU32le(view, at + 4);
    const offLo = readU32le(view, at + 8);
    const offHi = readU32le(view, at + 12);
    if (offHi !== 0 || offLo + size > end - base) throw new DecodeError(`PAC buffer ${i} (type ${type}) runs past the end`, at + 8);
    out.push({ type, size, offset: offLo, at });
  }
  return out;
}

const decodedPacs = perRun(new BytesMemo<{ value: Pac; fields: Field[]; display: string }>(64));

/** Decode a PAC. With `base`/`end`, the PAC is b[base, end) and field offsets are indexes into `b`. */
export function parsePac(b: Uint8Array, base = 0, end = b.length): { value: Pac; fields: Field[]; display: string } {
  try {
    // A ticket's PAC is decoded by the KDC, the server and the inspector, several times a run: once per run and
    // offset is enough (the result is not changed by its users).
    return decodedPacs.get(String(base), [b.subarray(base, end)], () => parsePacInner(b, base, end));
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(`PAC: ${(e as Error).message}`, 0);
  }
}

function parsePacInner(b: Uint8Array, base: number, pacEnd: number): { value: Pac; fields: Field[]; display: string } {
  const ref = 'MS-PAC 2.3';
  const entries = readInfoBuffers(b, base, pacEnd);
  const version = readU32le(b, base + 4);
  const header: Field[] = [
    { name: 'cBuffers', start: base, end: base + 4, value: String(entries.length), explain: 'how many buffers the PAC has', ref },
    { name: 'Version', start: base + 4, end: base + 8, value: String(version), explain: 'PAC version: 0', ref },
    ...entries.map((e, i): Field => ({
      name: `PAC_INFO_BUFFER[${i}]`, start: e.at, end: e.at + 16, value: PAC_TYPE_NAMES[e.type] ?? `type ${e.type}`, explain: 'where one buffer is and what it holds', ref: 'MS-PAC 2.4',
      children: [
        { name: 'ulType', start: e.at, end: e.at + 4, value: `${e.type} (${PAC_TYPE_NAMES[e.type] ?? 'unknown'})`, explain: 'the buffer type', ref: 'MS-PAC 2.4' },
        { name: 'cbBufferSize', start: e.at + 4, end: e.at + 8, value: String(e.size), explain: 'the buffer size in bytes', ref: 'MS-PAC 2.4' },
        { name: 'Offset', start: e.at + 8, end: e.at + 16, value: String(e.offset), explain: 'where the buffer starts, from the start of the PAC (a multiple of 8)', ref: 'MS-PAC 2.4' },
      ],
    })),
  ];
  const fields: Field[] = [{ name: 'PACTYPE', start: base, end: base + 8 + 16 * entries.length, explain: 'the PAC header: the number of buffers and where each is', ref, children: header }];
  const buffers: PacBuffer[] = [];
  let cursor = base + 8 + 16 * entries.length;
  const ordered = [...entries].sort((x, y) => x.offset - y.offset);
  const pad = (from: number, to: number) => {
    if (to > from) fields.push({ name: 'padding', start: from, end: to, value: hex(b.subarray(from, to)), explain: 'zero bytes: each buffer starts on an 8-byte boundary', ref });
  };
  for (const e of ordered) {
    const start = base + e.offset;
    const end = start + e.size;
    if (start < cursor) throw new DecodeError(`PAC buffer of type ${e.type} overlaps another part`, e.at + 8);
    pad(cursor, start);
    const buf: PacBuffer = { type: e.type, offset: e.offset, size: e.size, data: b.subarray(start, end) };
    let decoded: { fields: Field[]; display: string } | null = null;
    if (e.size > 0) {
      switch (e.type) {
        case PAC_TYPE.LOGON_INFO: { const d = decodeLogonInfo(b, start, end); buf.info = { kind: 'logon', value: d.value }; decoded = d; break; }
        case PAC_TYPE.CLIENT_INFO: { const d = decodeClientInfo(b, start, end); buf.info = { kind: 'client', value: d.value }; decoded = d; break; }
        case PAC_TYPE.UPN_DNS_INFO: { const d = decodeUpnDnsInfo(b, start, end); buf.info = { kind: 'upn', value: d.value }; decoded = d; break; }
        case PAC_TYPE.ATTRIBUTES_INFO: { const d = decodeAttributesInfo(b, start, end); buf.info = { kind: 'attributes', value: d.value }; decoded = d; break; }
        case PAC_TYPE.REQUESTOR: { const d = decodeRequestor(b, start, end); buf.info = { kind: 'requestor', value: d.value }; decoded = d; break; }
        default:
          if (SIGNATURE_BUFFERS.has(e.type)) {
            const d = decodeSignatureData(b, start, end, PAC_TYPE_NAMES[e.type]);
            buf.info = { kind: 'signature', value: d.value };
            decoded = d;
          }
      }
      const name = PAC_TYPE_NAMES[e.type] ?? `buffer type ${e.type}`;
      const explain = BUFFER_EXPLAIN[e.type] ?? 'a PAC buffer this app shows as bytes';
      fields.push(decoded
        ? { name, start, end, value: decoded.display, explain, ref: 'MS-PAC 2.4', children: decoded.fields }
        : { name, start, end, value: `${e.size} bytes`, explain, ref: 'MS-PAC 2.4' });
    }
    buffers.push(buf);
    cursor = Math.max(cursor, end);
  }
  if (cursor < pacEnd) {
    if (pacEnd - cursor >= 8) throw new DecodeError(`PAC: ${pacEnd - cursor} bytes after the last buffer`, cursor);
    pad(cursor, pacEnd);
  }
  // report the buffers in header order (they were decoded in byte order)
  const byEntry = new Map(ordered.map((e, i) => [e, buffers[i]]));
  const inHeaderOrder = entries.map((e) => byEntry.get(e)!);
  const logon = inHeaderOrder.find((x) => x.info?.kind === 'logon')?.info as { value: KerbValidationInfo } | undefined;
  const display = logon ? `PAC for ${logon.value.logonDomainName}\\${logon.value.effectiveName} (${entries.length} buffers)` : `PAC (${entries.length} buffers)`;
  return { value: { version, buffers: inHeaderOrder }, fields, display };
}


