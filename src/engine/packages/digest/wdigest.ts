// The DC's precomputed Digest secrets (MS-SAMR 3.1.1.8.11.3.1, the Primary:WDigest property of
// supplementalCredentials, WDIGEST_CREDENTIALS 2.2.10.3): 29 MD5(user ":" realm ":" password)
// values over the spellings a client may type. The DC never needs the password: it picks the hash
// whose user and realm match the response and computes HA1 from it (MS-APDS 3.1.5.2).
import { md5 } from '@noble/hashes/legacy.js';
import { utf8 } from '../../bytes';

export interface WDigestAccount {
  sAMAccountName: string;
  netbiosDomain: string;
  dnsDomain: string;
  userPrincipalName: string;
}

export interface WDigestHash {
  /** 1..29, as in MS-SAMR 3.1.1.8.11.3.1. */
  index: number;
  user: string;
  realm: string;
  /** How the spec names it, e.g. "MD5(sAMAccountName, NETBIOSDomainName, password)". */
  formula: string;
  hash: Uint8Array;
}

type Case = 'as' | 'lower' | 'upper';
const apply = (c: Case, s: string) => (c === 'lower' ? s.toLowerCase() : c === 'upper' ? s.toUpperCase() : s);
const label = (c: Case, s: string) => (c === 'as' ? s : `${c.toUpperCase()}(${s})`);

const PAIRS: [Case, Case][] = [['as', 'as'], ['lower', 'lower'], ['upper', 'upper'], ['as', 'upper'], ['as', 'lower'], ['upper', 'lower'], ['lower', 'upper']];
const CASES: Case[] = ['as', 'lower', 'upper'];

/** The 29 rows: [user spelling, realm spelling, formula]. */
export function wdigestRows(a: WDigestAccount): { user: string; realm: string; formula: string }[] {
  const rows: { user: string; realm: string; formula: string }[] = [];
  for (const [realmName, realm] of [['NETBIOSDomainName', a.netbiosDomain], ['DNSDomainName', a.dnsDomain]] as const) {
    for (const [u, r] of PAIRS) rows.push({ user: apply(u, a.sAMAccountName), realm: apply(r, realm), formula: `MD5(${label(u, 'sAMAccountName')}, ${label(r, realmName)}, password)` });
  }
  const nt4 = `${a.netbiosDomain}\\${a.sAMAccountName}`;
  for (const c of CASES) rows.push({ user: apply(c, a.userPrincipalName), realm: '', formula: `MD5(${label(c, 'userPrincipalName')}, password)` });
  for (const c of CASES) rows.push({ user: apply(c, nt4), realm: '', formula: `MD5(${label(c, 'NETBIOSDomainName\\sAMAccountName')}, password)` });
  for (const [name, v] of [['sAMAccountName', a.sAMAccountName], ['userPrincipalName', a.userPrincipalName], ['NETBIOSDomainName\\sAMAccountName', nt4]] as const) {
    for (const c of CASES) rows.push({ user: apply(c, v), realm: 'Digest', formula: `MD5(${label(c, name)}, "Digest", password)` });
  }
  return rows;
}

export function wdigestHashes(a: WDigestAccount, password: string): WDigestHash[] {
  return wdigestRows(a).map((r, i) => ({ index: i + 1, ...r, hash: md5(utf8(`${r.user}:${r.realm}:${password}`)) }));
}

/** The stored hash for the user name and realm a client sent, matched exactly as spelled; undefined when none fits. */
export function findWDigestHash(hashes: WDigestHash[], user: string, realm: string): WDigestHash | undefined {
  return hashes.find((h) => h.user === user && h.realm === realm);
}
