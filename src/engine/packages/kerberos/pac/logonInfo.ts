// KERB_VALIDATION_INFO (MS-PAC 2.5), the PAC's logon information buffer (type 1): the user's
// account data, group RIDs and extra SIDs, serialized with NDR type serialization version 1
// (MS-RPCE 2.2.6: a common header, a private header, then the NDR stream padded to 8 bytes).
import { DecodeError, fromUtf16le, hex, utf16le } from '../../../bytes';
import type { Field } from '../../../encoding/fields';
import { NdrReader, NdrWriter } from './ndr';
import { WELL_KNOWN_RIDS, WELL_KNOWN_SIDS, decodeSid, encodeSid } from './sid';

export interface GroupMembership { relativeId: number; attributes: number }
export interface SidAndAttributes { sid: string; attributes: number }

export const STRING_MEMBERS = ['effectiveName', 'fullName', 'logonScript', 'profilePath', 'homeDirectory', 'homeDirectoryDrive', 'logonServer', 'logonDomainName'] as const;
export type StringMember = (typeof STRING_MEMBERS)[number];

export interface KerbValidationInfo {
  /** FILETIMEs: 100 ns ticks since 1601 (0x7fffffffffffffff = never). */
  logonTime: bigint; logoffTime: bigint; kickOffTime: bigint; passwordLastSet: bigint; passwordCanChange: bigint; passwordMustChange: bigint;
  effectiveName: string; fullName: string; logonScript: string; profilePath: string; homeDirectory: string; homeDirectoryDrive: string;
  logonCount: number; badPasswordCount: number;
  userId: number; primaryGroupId: number;
  groupIds: GroupMembership[];
  userFlags: number;
  userSessionKey: Uint8Array;
  logonServer: string; logonDomainName: string;
  logonDomainId: string | null;
  reserved1: [number, number];
  userAccountControl: number;
  subAuthStatus: number;
  lastSuccessfulILogon: bigint; lastFailedILogon: bigint; failedILogonCount: number; reserved3: number;
  extraSids: SidAndAttributes[];
  resourceGroupDomainSid: string | null;
  resourceGroupIds: GroupMembership[];
  /** Exact layout of strings whose MaximumLength differs from Length, or whose Buffer pointer is null. */
  stringLayout?: Partial<Record<StringMember, { maximumLength?: number; nullPointer?: boolean }>>;
}

export const SE_GROUP = { MANDATORY: 0x1, ENABLED_BY_DEFAULT: 0x2, ENABLED: 0x4, OWNER: 0x8, RESOURCE: 0x20000000 } as const;
export const LOGON_FLAGS = { EXTRA_SIDS: 0x20, RESOURCE_GROUPS: 0x200 } as const;
export const USER_ACCOUNT = { DISABLED: 0x1, HOME_DIRECTORY_REQUIRED: 0x2, PASSWORD_NOT_REQUIRED: 0x4, NORMAL_ACCOUNT: 0x10, DONT_EXPIRE_PASSWORD: 0x200, WORKSTATION_TRUST: 0x80, SERVER_TRUST: 0x100 } as const;

const REF = 'MS-PAC 2.5';

// ---------- encoding ----------

export function encodeLogonInfo(info: KerbValidationInfo): Uint8Array {
  const w = new NdrWriter();
  const layout = info.stringLayout ?? {};
  const strPtr = (m: StringMember) => {
    const s = info[m];
    const len = s.length * 2;
    w.u16(len);
    w.u16(layout[m]?.maximumLength ?? len);
    w.pointer(!layout[m]?.nullPointer);
  };
  const strData = (m: StringMember) => {
    if (layout[m]?.nullPointer) return;
    const s = info[m];
    w.u32((layout[m]?.maximumLength ?? s.length * 2) / 2);
    w.u32(0);
    w.u32(s.length);
    w.raw(utf16le(s));
  };
  const groups = (gs: GroupMembership[]) => { w.u32(gs.length); for (const g of gs) { w.u32(g.relativeId); w.u32(g.attributes); } };
  const sid = (text: string) => { const b = encodeSid(text); w.u32(b[1]); w.raw(b); };

  w.pointer(true); // the top-level pointer to the structure
  w.filetime(info.logonTime); w.filetime(info.logoffTime); w.filetime(info.kickOffTime);
  w.filetime(info.passwordLastSet); w.filetime(info.passwordCanChange); w.filetime(info.passwordMustChange);
  for (const m of STRING_MEMBERS.slice(0, 6)) strPtr(m);
  w.u16(info.logonCount); w.u16(info.badPasswordCount);
  w.u32(info.userId); w.u32(info.primaryGroupId);
  w.u32(info.groupIds.length); w.pointer(info.groupIds.length > 0);
  w.u32(info.userFlags);
  if (info.userSessionKey.length !== 16) throw new RangeError('UserSessionKey must be 16 bytes');
  w.raw(info.userSessionKey);
  strPtr('logonServer'); strPtr('logonDomainName');
  w.pointer(info.logonDomainId !== null);
  w.u32(info.reserved1[0]); w.u32(info.reserved1[1]);
  w.u32(info.userAccountControl); w.u32(info.subAuthStatus);
  w.filetime(info.lastSuccessfulILogon); w.filetime(info.lastFailedILogon);
  w.u32(info.failedILogonCount); w.u32(info.reserved3);
  w.u32(info.extraSids.length); w.pointer(info.extraSids.length > 0);
  w.pointer(info.resourceGroupDomainSid !== null);
  w.u32(info.resourceGroupIds.length); w.pointer(info.resourceGroupIds.length > 0);
  // deferred pointees, in the order of their pointers
  for (const m of STRING_MEMBERS.slice(0, 6)) strData(m);
  if (info.groupIds.length) groups(info.groupIds);
  strData('logonServer'); strData('logonDomainName');
  if (info.logonDomainId !== null) sid(info.logonDomainId);
  if (info.extraSids.length) {
    w.u32(info.extraSids.length);
    for (const e of info.extraSids) { w.pointer(true); w.u32(e.attributes); }
    for (const e of info.extraSids) sid(e.sid);
  }
  if (info.resourceGroupDomainSid !== null) sid(info.resourceGroupDomainSid);
  if (info.resourceGroupIds.length) groups(info.resourceGroupIds);
  w.align(8);
  const body = w.bytes();
  const out = new Uint8Array(16 + body.length);
  out.set([0x01, 0x10, 0x08, 0x00, 0xcc, 0xcc, 0xcc, 0xcc]);
  out.set([body.length & 0xff, (body.length >>> 8) & 0xff, (body.length >>> 16) & 0xff, body.length >>> 24], 8);
  out.set(body, 16);
  return out;
}

// ---------- decoding ----------

const hex32 = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;
const attrText = (v: number) => {
  const names = [[1, 'MANDATORY'], [2, 'ENABLED_BY_DEFAULT'], [4, 'ENABLED'], [8, 'OWNER'], [0x20000000, 'RESOURCE'], [0x10, 'USE_FOR_DENY_ONLY'], [0x40, 'INTEGRITY'], [0x20, 'INTEGRITY_ENABLED']]
    .filter(([m]) => (v & (m as number)) !== 0).map(([, n]) => n);
  return `${hex32(v)}${names.length ? ` (${names.join(', ')})` : ''}`;
};
const sidText = (s: string) => (WELL_KNOWN_SIDS[s] ? `${s} (${WELL_KNOWN_SIDS[s]})` : s);

const STRING_EXPLAIN: Record<StringMember, string> = {
  effectiveName: 'the account name (sAMAccountName)', fullName: 'the user\'s display name', logonScript: 'the logon script path',
  profilePath: 'the roaming profile path', homeDirectory: 'the home directory', homeDirectoryDrive: 'the drive letter of the home directory',
  logonServer: 'the NetBIOS name of the DC that logged the user on', logonDomainName: 'the NetBIOS name of the user\'s domain',
};
const STRING_NAMES: Record<StringMember, string> = {
  effectiveName: 'EffectiveName', fullName: 'FullName', logonScript: 'LogonScript', profilePath: 'ProfilePath', homeDirectory: 'HomeDirectory',
  homeDirectoryDrive: 'HomeDirectoryDrive', logonServer: 'LogonServer', logonDomainName: 'LogonDomainName',
};

/** Decode the logon information buffer at [start, end) of `b`. */
export function decodeLogonInfo(b: Uint8Array, start: number, end: number): { value: KerbValidationInfo; fields: Field[]; display: string } {
  const r = new NdrReader(b, start, end);
  // type serialization headers (MS-RPCE 2.2.6)
  r.open();
  const version = r.u8('Version', 'serialization version: 1', undefined, 'MS-RPCE 2.2.6.1');
  const endian = r.u8('Endianness', '0x10: little-endian', (v) => `0x${v.toString(16)}`, 'MS-RPCE 2.2.6.1');
  const hlen = r.u16('CommonHeaderLength', 'length of this header: 8', undefined, 'MS-RPCE 2.2.6.1');
  r.raw('Filler', 4, 'filler: 0xcccccccc', undefined, 'MS-RPCE 2.2.6.1');
  r.close('Common type header', 'NDR type serialization header', undefined, 'MS-RPCE 2.2.6.1');
  if (version !== 1 || endian !== 0x10 || hlen !== 8) throw new DecodeError('KERB_VALIDATION_INFO: not an NDR type serialization v1 little-endian header', start);
  r.open();
  const objLen = r.u32('ObjectBufferLength', 'length of the NDR data that follows (padded to 8)', undefined, 'MS-RPCE 2.2.6.2');
  r.raw('Filler', 4, 'filler: zero', undefined, 'MS-RPCE 2.2.6.2');
  r.close('Private header', 'NDR private header', undefined, 'MS-RPCE 2.2.6.2');
  const streamStart = r.o;
  if (streamStart + objLen > end) throw new DecodeError('KERB_VALIDATION_INFO: ObjectBufferLength runs past the buffer', start + 8);
  const streamEnd = streamStart + objLen;
  const n = new NdrReader(b, streamStart, streamEnd, streamStart);
  const ptr = (name: string, explain: string) => n.u32(name, explain, (v) => (v ? `referent ${hex32(v)}` : 'null'), 'MS-RPCE 2.2.5.3.4.2');

  ptr('referent (top-level pointer)', 'the pointer to the KERB_VALIDATION_INFO structure');
  n.open();
  const ft = (name: string, explain: string) => n.filetime(name, explain, REF);
  const logonTime = ft('LogonTime', 'when the user logged on');
  const logoffTime = ft('LogoffTime', 'when the logon session must end (never)');
  const kickOffTime = ft('KickOffTime', 'when the system forces a logoff (never)');
  const passwordLastSet = ft('PasswordLastSet', 'when the password was last changed');
  const passwordCanChange = ft('PasswordCanChange', 'the earliest time the password may change');
  const passwordMustChange = ft('PasswordMustChange', 'when the password expires');
  const strLen: Partial<Record<StringMember, { len: number; max: number; ptr: number }>> = {};
  const strHead = (m: StringMember) => {
    n.open();
    const len = n.u16('Length', 'length of the string in bytes (UTF-16)', undefined, 'MS-DTYP 2.3.10');
    const max = n.u16('MaximumLength', 'size of the buffer in bytes', undefined, 'MS-DTYP 2.3.10');
    const p = ptr('Buffer', 'pointer to the characters (they follow the structure)');
    n.close(STRING_NAMES[m], STRING_EXPLAIN[m], undefined, 'MS-DTYP 2.3.10');
    strLen[m] = { len, max, ptr: p };
  };
  for (const m of STRING_MEMBERS.slice(0, 6)) strHead(m);
  const logonCount = n.u16('LogonCount', 'how many times the user has logged on', undefined, REF);
  const badPasswordCount = n.u16('BadPasswordCount', 'failed password attempts', undefined, REF);
  const userId = n.u32('UserId', 'the user\'s RID: the last part of the user\'s SID', (v) => `${v}${WELL_KNOWN_RIDS[v] ? ` (${WELL_KNOWN_RIDS[v]})` : ''}`, REF);
  const primaryGroupId = n.u32('PrimaryGroupId', 'the RID of the user\'s primary group (513: Domain Users)', (v) => `${v}${WELL_KNOWN_RIDS[v] ? ` (${WELL_KNOWN_RIDS[v]})` : ''}`, REF);
  const groupCount = n.u32('GroupCount', 'how many domain groups follow', undefined, REF);
  const groupPtr = ptr('GroupIds', 'pointer to the array of group RIDs');
  const userFlags = n.u32('UserFlags', 'logon flags: 0x20 extra SIDs present, 0x200 resource groups present', hex32, REF);
  const userSessionKey = n.raw('UserSessionKey', 16, 'a session key: zero in a Kerberos PAC', undefined, REF);
  strHead('logonServer'); strHead('logonDomainName');
  const domainIdPtr = ptr('LogonDomainId', 'pointer to the domain SID');
  const r1a = n.u32('Reserved1[0]', 'reserved', undefined, REF);
  const r1b = n.u32('Reserved1[1]', 'reserved', undefined, REF);
  const userAccountControl = n.u32('UserAccountControl', 'account flags (USER_* from MS-SAMR: 0x10 normal account, 0x200 password never expires)', hex32, REF);
  const subAuthStatus = n.u32('SubAuthStatus', 'sub-authentication status: zero', undefined, REF);
  const lastSuccessfulILogon = ft('LastSuccessfulILogon', 'last successful interactive logon (zero: not tracked)');
  const lastFailedILogon = ft('LastFailedILogon', 'last failed interactive logon (zero: not tracked)');
  const failedILogonCount = n.u32('FailedILogonCount', 'failed interactive logons', undefined, REF);
  const reserved3 = n.u32('Reserved3', 'reserved', undefined, REF);
  const sidCount = n.u32('SidCount', 'how many extra SIDs follow', undefined, REF);
  const extraPtr = ptr('ExtraSids', 'pointer to the extra SIDs (other domains, well-known SIDs)');
  const resDomPtr = ptr('ResourceGroupDomainSid', 'pointer to the resource domain\'s SID');
  const resCount = n.u32('ResourceGroupCount', 'how many resource-domain groups follow', undefined, REF);
  const resPtr = ptr('ResourceGroupIds', 'pointer to the resource group RIDs');
  n.close('KERB_VALIDATION_INFO', 'the fixed part of the structure; strings, arrays and SIDs follow it', undefined, REF);

  const remaining = () => streamEnd - n.o;
  const strData = (m: StringMember): string => {
    const h = strLen[m]!;
    if (!h.ptr) return '';
    n.open();
    const maxCount = n.u32('MaximumCount', 'NDR conformance: the buffer size in characters', undefined, 'MS-RPCE 2.2.5.3.4.3');
    n.u32('Offset', 'NDR variance: first character (0)', undefined, 'MS-RPCE 2.2.5.3.4.3');
    const actual = n.u32('ActualCount', 'NDR variance: number of characters present', undefined, 'MS-RPCE 2.2.5.3.4.3');
    if (actual * 2 > remaining() || actual > maxCount) throw new DecodeError(`${STRING_NAMES[m]}: bad character count ${actual}`, n.o);
    const s = fromUtf16le(b.subarray(n.o, n.o + actual * 2));
    if (actual) n.leaf('characters', actual * 2, 'the characters, UTF-16LE, no terminating zero', JSON.stringify(s), 'MS-DTYP 2.3.10');
    n.close(`${STRING_NAMES[m]} buffer`, STRING_EXPLAIN[m], JSON.stringify(s), 'MS-DTYP 2.3.10');
    return s;
  };
  const groupArray = (name: string, count: number): GroupMembership[] => {
    n.open();
    const max = n.u32('MaximumCount', 'NDR conformance: number of elements', undefined, 'MS-RPCE 2.2.5.3.4.1');
    if (max !== count || max * 8 > remaining()) throw new DecodeError(`${name}: array count ${max} does not match ${count}`, n.o);
    const out: GroupMembership[] = [];
    for (let i = 0; i < max; i++) {
      n.open();
      const rid = n.u32('RelativeId', 'the group\'s RID in the domain', (v) => `${v}${WELL_KNOWN_RIDS[v] ? ` (${WELL_KNOWN_RIDS[v]})` : ''}`, 'MS-PAC 2.2.2');
      const attr = n.u32('Attributes', 'SE_GROUP_* attributes (7: mandatory, enabled by default, enabled)', attrText, 'MS-PAC 2.2.2');
      n.close(`GROUP_MEMBERSHIP[${i}]`, 'one group the user belongs to', `RID ${rid}`, 'MS-PAC 2.2.2');
      out.push({ relativeId: rid, attributes: attr });
    }
    n.close(name, name === 'GroupIds' ? 'the user\'s groups in its own domain, as RIDs' : 'the user\'s groups in the resource domain', out.map((g) => g.relativeId).join(', '), REF);
    return out;
  };
  const sidData = (name: string, explain: string): string => {
    n.open();
    const count = n.u32('SubAuthorityCount (conformance)', 'NDR conformance: number of sub-authorities', undefined, 'MS-RPCE 2.2.5.3.4.1');
    if (count > 15 || 8 + 4 * count > remaining()) throw new DecodeError(`${name}: bad SID`, n.o);
    const { sid } = decodeSid(b.subarray(0, streamEnd), n.o);
    if (b[n.o + 1] !== count) throw new DecodeError(`${name}: SID count mismatch`, n.o);
    n.leaf('Revision', 1, 'SID revision: 1', String(b[n.o]), 'MS-DTYP 2.4.2.2');
    n.leaf('SubAuthorityCount', 1, 'number of sub-authorities', String(count), 'MS-DTYP 2.4.2.2');
    n.leaf('IdentifierAuthority', 6, 'the top-level authority, big-endian (5: NT Authority)', hex(b.subarray(n.o, n.o + 6)), 'MS-DTYP 2.4.2.2');
    if (count) n.leaf('SubAuthority', 4 * count, 'the sub-authorities, 32-bit little-endian', sid.split('-').slice(3).join('-'), 'MS-DTYP 2.4.2.2');
    n.close(name, explain, sidText(sid), 'MS-DTYP 2.4.2.2');
    return sid;
  };

  const strings: Partial<Record<StringMember, string>> = {};
  for (const m of STRING_MEMBERS.slice(0, 6)) strings[m] = strData(m);
  const groupIds = groupPtr ? groupArray('GroupIds', groupCount) : [];
  if (!groupPtr && groupCount) throw new DecodeError('GroupIds is null but GroupCount is not zero', n.o);
  strings.logonServer = strData('logonServer');
  strings.logonDomainName = strData('logonDomainName');
  const logonDomainId = domainIdPtr ? sidData('LogonDomainId', 'the SID of the user\'s domain: user and group SIDs are this plus a RID') : null;
  const extraSids: SidAndAttributes[] = [];
  if (extraPtr) {
    n.open();
    const max = n.u32('MaximumCount', 'NDR conformance: number of elements', undefined, 'MS-RPCE 2.2.5.3.4.1');
    if (max !== sidCount || max * 8 > remaining()) throw new DecodeError(`ExtraSids: array count ${max} does not match ${sidCount}`, n.o);
    const attrs: number[] = [];
    const ptrs: number[] = [];
    for (let i = 0; i < max; i++) {
      n.open();
      ptrs.push(ptr('Sid', 'pointer to the SID (it follows the array)'));
      attrs.push(n.u32('Attributes', 'SE_GROUP_* attributes', attrText, 'MS-PAC 2.2.1'));
      n.close(`KERB_SID_AND_ATTRIBUTES[${i}]`, 'one extra SID and its attributes', undefined, 'MS-PAC 2.2.1');
    }
    for (let i = 0; i < max; i++) {
      if (!ptrs[i]) continue;
      extraSids.push({ sid: sidData(`ExtraSids[${i}].Sid`, 'an extra SID of the user'), attributes: attrs[i] });
    }
    n.close('ExtraSids', 'SIDs outside the user\'s domain (e.g. S-1-18-1: the KDC asserted the identity)', extraSids.map((e) => e.sid).join(', '), REF);
  } else if (sidCount) throw new DecodeError('ExtraSids is null but SidCount is not zero', n.o);
  const resourceGroupDomainSid = resDomPtr ? sidData('ResourceGroupDomainSid', 'the SID of the resource domain') : null;
  const resourceGroupIds = resPtr ? groupArray('ResourceGroupIds', resCount) : [];
  if (n.o < streamEnd) {
    const pad = streamEnd - n.o;
    if (pad >= 8) throw new DecodeError(`KERB_VALIDATION_INFO: ${pad} unexplained bytes at the end`, n.o);
    n.leaf('padding', pad, 'zero bytes that pad the NDR data to a multiple of 8', hex(b.subarray(n.o, streamEnd)), 'MS-RPCE 2.2.6.2');
  }
  const fields = [...r.fields(), ...n.fields()];
  if (streamEnd < end) fields.push({ name: 'padding', start: streamEnd, end, explain: 'bytes after the serialized data', value: hex(b.subarray(streamEnd, end)) });

  const stringLayout: KerbValidationInfo['stringLayout'] = {};
  for (const m of STRING_MEMBERS) {
    const h = strLen[m]!;
    if (h.len !== strings[m]!.length * 2) throw new DecodeError(`${STRING_NAMES[m]}: Length ${h.len} does not match its ${strings[m]!.length} characters`, start);
    if (h.max !== h.len || !h.ptr) stringLayout[m] = { ...(h.max !== h.len ? { maximumLength: h.max } : {}), ...(!h.ptr ? { nullPointer: true } : {}) };
  }
  const value: KerbValidationInfo = {
    logonTime, logoffTime, kickOffTime, passwordLastSet, passwordCanChange, passwordMustChange,
    effectiveName: strings.effectiveName!, fullName: strings.fullName!, logonScript: strings.logonScript!, profilePath: strings.profilePath!,
    homeDirectory: strings.homeDirectory!, homeDirectoryDrive: strings.homeDirectoryDrive!,
    logonCount, badPasswordCount, userId, primaryGroupId, groupIds, userFlags, userSessionKey,
    logonServer: strings.logonServer!, logonDomainName: strings.logonDomainName!, logonDomainId,
    reserved1: [r1a, r1b], userAccountControl, subAuthStatus, lastSuccessfulILogon, lastFailedILogon, failedILogonCount, reserved3,
    extraSids, resourceGroupDomainSid, resourceGroupIds,
  };
  if (Object.keys(stringLayout).length) value.stringLayout = stringLayout;
  const display = `${value.logonDomainName}\\${value.effectiveName}, RID ${userId}, ${groupIds.length} group${groupIds.length === 1 ? '' : 's'}${logonDomainId ? `, ${logonDomainId}-${userId}` : ''}`;
  return { value, fields, display };
}
