// Long-term keys of the directory's accounts, as a Windows KDC derives them: the salt rules
// (MS-KILE 3.1.1.2), string-to-key per encryption type, the principal names, the words the
// inspector uses for each key, and the keytab entries that let Wireshark decrypt a capture.
import { confounderLength, decrypt, encrypt, etypeName, keyLength, stringToKey } from '../../crypto/kerberos';
import type { Rng } from '../../sspi/package';
import type { EncryptedData } from './messages';
import type { KeytabEntry } from '../../export/keytab';
import { forestDomains, type DirectoryAccount, type Scenario } from '../../scenario';

/** The encryption types a Windows 2016 domain keeps keys for (and the client asks for), strongest first. */
export const WINDOWS_ETYPES: readonly number[] = [18, 17, 23];

export type AccountKind = DirectoryAccount['kind'];

/** Is this sAMAccountName a computer account (ends with $)? */
export const isComputerName = (name: string): boolean => name.endsWith('$');

/**
 * The salt Windows uses for an account's AES keys (MS-KILE 3.1.1.2): the realm followed by the
 * user name for users and service accounts; for computers, the realm, "host", and the computer's
 * DNS name in lower case without the "$" (e.g. CONTOSO.LOCALhostws01.contoso.local).
 */
export function saltFor(name: string, kind: AccountKind | undefined, realm: string): string {
  const computer = kind === 'computer' || (kind === undefined && isComputerName(name));
  if (computer) return `${realm}host${name.replace(/\$$/, '').toLowerCase()}.${realm.toLowerCase()}`;
  return `${realm}${name}`;
}

/** The principal name components of an account: krbtgt/REALM for the KDC, the sAMAccountName otherwise. */
export function principalOf(acct: Pick<DirectoryAccount, 'name' | 'kind'>, realm: string): string[] {
  return acct.kind === 'krbtgt' ? ['krbtgt', realm] : [acct.name];
}

/** string-to-key for one etype (rc4-hmac ignores the salt); the crypto module caches PBKDF2 results. */
export function longTermKey(etype: number, password: string, salt: string): Uint8Array {
  return stringToKey(etype, password, salt);
}

/** The words the inspector shows for a key: "krbtgt/CONTOSO.LOCAL long-term key (aes256-cts-hmac-sha1-96, kvno 2)". */
export function keyName(principal: string, etype: number, kvno?: number, what = 'long-term key'): string {
  return `${principal} ${what} (${etypeName(etype)}${kvno !== undefined ? `, kvno ${kvno}` : ''})`;
}

/** A directory account's key for an etype, with its metadata. */
export interface AccountKey {
  etype: number;
  key: Uint8Array;
  kvno: number;
  salt: string;
  /** principal@REALM */
  principal: string;
  name: string;
}

const accountKeys = new Map<string, AccountKey>();

/** An account's long-term key for an etype (remembered: the KDC asks for the same keys on every request). */
export function accountKey(acct: DirectoryAccount, realm: string, etype: number): AccountKey {
  const id = `${realm}|${acct.name}|${acct.kind}|${acct.kvno ?? 2}|${etype}|${acct.password}`;
  const hit = accountKeys.get(id);
  if (hit) return { ...hit, key: hit.key.slice() };
  if (accountKeys.size > 1024) accountKeys.clear();
  const k = deriveAccountKey(acct, realm, etype);
  accountKeys.set(id, k);
  return { ...k, key: k.key.slice() };
}

function deriveAccountKey(acct: DirectoryAccount, realm: string, etype: number): AccountKey {
  const salt = saltFor(acct.name, acct.kind, realm);
  const kvno = acct.kvno ?? 2;
  const principal = `${principalOf(acct, realm).join('/')}@${realm}`;
  const label = acct.kind === 'krbtgt' ? `krbtgt/${realm}` : principal;
  return { etype, key: longTermKey(etype, acct.password, salt), kvno, salt, principal, name: keyName(label, etype, kvno) };
}

/** The key version number the lab gives inter-realm (trust) keys. */
export const TRUST_KVNO = 2;

/**
 * The inter-realm key of krbtgt/TO@FROM, which the KDC of FROM seals a referral TGT with and the KDC of TO opens
 * it with (RFC 4120 §1.2). Both derive it from the trust password; MS-KILE does not publish the salt of a trust
 * key, so the lab salts it as MIT Kerberos salts that principal and as Samba salts a trust key: FROM "krbtgt" TO.
 */
export function interRealmKey(from: string, to: string, password: string, etype: number): AccountKey {
  const salt = `${from}krbtgt${to}`;
  const principal = `krbtgt/${to}@${from}`;
  return { etype, key: longTermKey(etype, password, salt), kvno: TRUST_KVNO, salt, principal, name: keyName(principal, etype, TRUST_KVNO, 'inter-realm (trust) key') };
}

/**
 * Every key of every directory account (aes256, aes128, rc4), under the account name and under
 * each of its SPNs, for an MIT keytab (`--keytab`): Wireshark tries them to open tickets,
 * authenticators, KDC replies and to verify PAC signatures.
 */
export function directoryKeytabEntries(scenario: Scenario): KeytabEntry[] {
  if (!scenario.domain) return [];
  const timestamp = new Date(scenario.startTime);
  const out: KeytabEntry[] = [];
  for (const d of forestDomains(scenario)) {
    const realm = d.domain.dnsName.toUpperCase();
    for (const acct of d.accounts) {
      const names: string[][] = [principalOf(acct, realm), ...(acct.spns ?? []).map((s) => s.split('/'))];
      for (const etype of WINDOWS_ETYPES) {
        const k = accountKey(acct, realm, etype);
        for (const principal of names) out.push({ principal, realm, kvno: k.kvno, etype, key: k.key, timestamp });
      }
    }
  }
  // The inter-realm keys of each trust, both ways (krbtgt/EMEA@CONTOSO and krbtgt/CONTOSO@EMEA).
  const own = scenario.domain.dnsName.toUpperCase();
  for (const t of scenario.trusts ?? []) {
    const other = t.domain.dnsName.toUpperCase();
    for (const [from, to] of [[own, other], [other, own]]) {
      for (const etype of WINDOWS_ETYPES) {
        const k = interRealmKey(from, to, t.trustPassword, etype);
        out.push({ principal: ['krbtgt', to], realm: from, kvno: k.kvno, etype, key: k.key, timestamp });
      }
    }
  }
  return out;
}

/**
 * The keys a client derives from a password typed wrong (the "Password typed" parameter), for the
 * account it names. The KDC holds no such key, which is why it answers KDC_ERR_PREAUTH_FAILED; in the
 * keytab they let Wireshark open the encrypted time stamp the client made with them, as the client saw it.
 */
export function typedPasswordKeytabEntries(scenario: Scenario, params: Readonly<Record<string, unknown>>): KeytabEntry[] {
  const typed = String(params.password ?? '');
  if (typed === '' || !scenario.domain) return [];
  const timestamp = new Date(scenario.startTime);
  const out: KeytabEntry[] = [];
  for (const node of scenario.nodes) {
    if (node.role !== 'client' || !node.logon) continue;
    const user = (String(params.user ?? '') || node.logon.user).toLowerCase();
    const logonDomain = node.logon.domain.toUpperCase();
    for (const d of forestDomains(scenario)) {
      if (d.domain.netbiosName.toUpperCase() !== logonDomain) continue;
      const acct = d.accounts.find((a) => a.name.toLowerCase() === user && a.kind !== 'krbtgt');
      if (!acct || acct.password === typed) continue;
      const realm = d.domain.dnsName.toUpperCase();
      for (const etype of WINDOWS_ETYPES) {
        const k = accountKey({ ...acct, password: typed }, realm, etype);
        out.push({ principal: principalOf(acct, realm), realm, kvno: k.kvno, etype, key: k.key, timestamp });
      }
    }
  }
  return out;
}

// ---------- sealing with keys (shared by the KDC, the client and the server) ----------


/** Encrypt a plaintext as an EncryptedData (the confounder comes from the seeded RNG). */
export function seal(etype: number, key: Uint8Array, usage: number, plain: Uint8Array, rng: Rng, kvno?: number): EncryptedData {
  const cipher = encrypt(etype, key, usage, plain, rng.bytes(confounderLength(etype)));
  return kvno === undefined ? { etype, cipher } : { etype, kvno, cipher };
}

/** Decrypt an EncryptedData; throws (KerberosIntegrityError) when the key is wrong or the data was altered. */
export function open(enc: EncryptedData, key: Uint8Array, usage: number): Uint8Array {
  return decrypt(enc.etype, key, usage, enc.cipher);
}

/** A fresh random key (session key, subkey) for an etype. */
export function randomKey(etype: number, rng: Rng): Uint8Array {
  return rng.bytes(keyLength(etype));
}

/** A positive 31-bit number (nonces, sequence numbers) from the RNG. */
export function random31(rng: Rng): number {
  const b = rng.bytes(4);
  return ((b[0] & 0x7f) << 24 | b[1] << 16 | b[2] << 8 | b[3]) >>> 0;
}

/** KerberosTime has whole seconds: split a Date into the time and its microseconds (cusec/susec). */
export function kerberosNow(d: Date): { time: Date; usec: number } {
  const ms = d.getTime();
  const sec = Math.floor(ms / 1000) * 1000;
  return { time: new Date(sec), usec: (ms - sec) * 1000 };
}

/** The time Windows puts in `till`/`rtime` ("as long as the policy allows"). */
export const WINDOWS_TILL = new Date('2037-09-13T02:48:05Z');

/** Words for a ticket's session key: "session key of the ticket for krbtgt/CONTOSO.LOCAL (aes256-cts-hmac-sha1-96)". */
export function sessionKeyName(server: string, etype: number): string {
  return `session key of the ticket for ${server} (${etypeName(etype)})`;
}
