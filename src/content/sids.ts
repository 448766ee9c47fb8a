// Names for the RIDs and SIDs a PAC carries: the well-known ones (MS-DTYP 2.4.2.4) and the
// scenario's own accounts and groups (the trace's directory names).

/** Well-known domain RIDs (MS-DTYP 2.4.2.4). */
const WELL_KNOWN: Record<number, string> = {
  500: 'Administrator', 501: 'Guest', 502: 'krbtgt', 512: 'Domain Admins', 513: 'Domain Users', 514: 'Domain Guests',
  515: 'Domain Computers', 516: 'Domain Controllers', 517: 'Cert Publishers', 518: 'Schema Admins', 519: 'Enterprise Admins',
  520: 'Group Policy Creator Owners', 521: 'Read-only Domain Controllers', 525: 'Protected Users', 553: 'RAS and IAS Servers',
};

export function ridName(rid: number, names: Readonly<Record<string, string>> = {}): string | null {
  return names[String(rid)] ?? WELL_KNOWN[rid] ?? null;
}

/**
 * A PAC field's value with names beside its RIDs: "RID 513" → "RID 513 (Domain Users)",
 * "513, 1105" → "513 (Domain Users), 1105 (Engineering)", a user SID ending in -1104 → "… (alice)".
 * Values that already carry a name are left alone.
 */
export function annotateRids(fieldName: string, value: string, names: Readonly<Record<string, string>> = {}): string {
  if (/\(/.test(value)) return value;
  const named = (rid: number) => { const n = ridName(rid, names); return n ? `${rid} (${n})` : String(rid); };
  if (/^GROUP_MEMBERSHIP|^RID$/.test(fieldName) || /^RID \d+$/.test(value)) return value.replace(/(\d+)$/, (d) => named(Number(d)));
  if (/^(GroupIds|ResourceGroupIds|UserId|PrimaryGroupId|RelativeId)$/.test(fieldName) && /^\d+(, \d+)*$/.test(value)) {
    return value.split(', ').map((d) => named(Number(d))).join(', ');
  }
  if (/^S-1-5-21-\d+-\d+-\d+-\d+$/.test(value)) {
    const n = ridName(Number(value.split('-').pop()), names);
    return n ? `${value} (${n})` : value;
  }
  return value;
}
