// What the KDC knows: the domain's directory (accounts, SPNs, msDS-SupportedEncryptionTypes) and
// how a Windows KDC looks names up in it (sAMAccountName, servicePrincipalName, the HOST/ aliases
// of sPNMappings).
import type { DirectoryAccount } from '../../../scenario';
import type { KeyEntry, Rng } from '../../../sspi/package';
import { type AccountKey, accountKey, WINDOWS_ETYPES } from '../keys';

export interface KdcEnv {
  /** Upper-case DNS name of the domain (CONTOSO.LOCAL). */
  realm: string;
  domain: { dnsName: string; netbiosName: string; sid: string };
  accounts: DirectoryAccount[];
  /** The DC's clock. */
  now(): Date;
  rng: Rng;
  params: Readonly<Record<string, string | number | boolean>>;
  /** The DC's own host name (PAC LogonServer). */
  kdcHostName?: string;
  /** Hosts by IP address, for IP-address SPNs (TryIPSPN): the account a server's SPNs live on. */
  hosts?: { address: string; account: string }[];
  /** The other domains of the forest this KDC trusts both ways: their realm, their directory (the global catalog
   *  the KDC looks an SPN up in before it sends a referral) and the trust password. */
  trusts?: { realm: string; accounts: DirectoryAccount[]; password: string }[];
  /** Told about every key the KDC uses, so the inspector can open what it encrypts. */
  onKey?(k: KeyEntry): void;
}

/** Report a key to the KDC's listener. */
export function report(kdc: KdcEnv, k: { name: string; key: Uint8Array; etype: number; kvno?: number; principal?: string }): void {
  kdc.onKey?.({ name: k.name, key: k.key, etype: k.etype, kvno: k.kvno, principal: k.principal });
}

/** Service classes a HOST/ SPN stands for (the default sPNMappings of Active Directory). */
export const HOST_ALIASES: readonly string[] = [
  'alerter', 'appmgmt', 'cisvc', 'clipsrv', 'browser', 'dhcp', 'dnscache', 'replicator', 'eventlog', 'eventsystem', 'policyagent', 'oakley',
  'dmserver', 'dns', 'mcsvc', 'fax', 'msiserver', 'ias', 'messenger', 'netlogon', 'netman', 'netdde', 'netddedsm', 'nmagent', 'plugplay',
  'protectedstorage', 'rasman', 'rpclocator', 'rpc', 'rpcss', 'remoteaccess', 'rsvp', 'samss', 'scardsvr', 'scesrv', 'seclogon', 'scm',
  'dcom', 'cifs', 'spooler', 'snmp', 'schedule', 'tapisrv', 'trksvr', 'trkwks', 'ups', 'time', 'wins', 'www', 'http', 'w3svc', 'iisadmin', 'msdtc',
];

const lc = (s: string): string => s.toLowerCase();

export function findKrbtgt(kdc: KdcEnv): DirectoryAccount {
  const a = kdc.accounts.find((x) => x.kind === 'krbtgt');
  if (!a) throw new Error('the directory has no krbtgt account');
  return a;
}

/** A client principal (AS-REQ cname): by sAMAccountName, case-insensitive. */
export function findClient(kdc: KdcEnv, name: string[]): DirectoryAccount | undefined {
  if (name.length !== 1) return undefined;
  const n = lc(name[0].replace(/@.*$/, ''));
  return kdc.accounts.find((a) => a.kind !== 'krbtgt' && lc(a.name) === n);
}

/** Every account a service name resolves to (more than one = a duplicate SPN). */
export function findServices(kdc: KdcEnv, sname: string[]): DirectoryAccount[] {
  if (sname.length === 1) {
    const byName = kdc.accounts.filter((a) => lc(a.name) === lc(sname[0]) || lc(a.name) === `${lc(sname[0])}$`);
    if (byName.length) return byName;
  }
  const spn = lc(sname.join('/'));
  const direct = kdc.accounts.filter((a) => (a.spns ?? []).some((s) => lc(s) === spn));
  if (direct.length) return direct;
  if (sname.length >= 2 && HOST_ALIASES.includes(lc(sname[0]))) {
    const hostSpn = lc(['host', ...sname.slice(1)].join('/'));
    const viaHost = kdc.accounts.filter((a) => (a.spns ?? []).some((s) => lc(s) === hostSpn));
    if (viaHost.length) return viaHost;
  }
  // An IP-address SPN (HTTP/10.0.0.20) exists when the scenario turns on TryIPSPN, registered on the server's account.
  if (sname.length >= 2 && /^\d{1,3}(\.\d{1,3}){3}$/.test(sname[1]) && kdc.params.tryIpSpn === true) {
    const host = kdc.hosts?.find((h) => h.address === sname[1]);
    const acct = host ? kdc.accounts.find((a) => lc(a.name) === lc(host.account)) : undefined;
    if (acct) return [acct];
  }
  return [];
}

/** The encryption types an account has keys for / supports (msDS-SupportedEncryptionTypes; the scenario's parameter overrides the service's). */
export function accountEtypes(kdc: KdcEnv, acct: DirectoryAccount, isTargetService: boolean): number[] {
  if (isTargetService) {
    switch (kdc.params.serviceEnctypes) {
      case 'aes': return [18, 17];
      case 'rc4': return [23];
      case 'none': return [];
      // msDS-SupportedEncryptionTypes not set: DefaultDomainSupportedEncTypes decides. Before the 2026 updates it
      // meant RC4; since the April 2026 updates (KB5073381, CVE-2026-20833) it means AES-SHA1 only.
      case 'unset': return kdc.params.windowsRelease === '2025' ? [18, 17] : [23];
    }
  }
  return (acct.enctypes ?? [...WINDOWS_ETYPES]).filter((e) => WINDOWS_ETYPES.includes(e));
}

/** The first etype in the client's list (its order of preference) that `supported` has: the KDC's choice. */
export function chooseEtype(clientList: number[], supported: number[]): number | undefined {
  return clientList.find((e) => supported.includes(e));
}

export function keyOf(kdc: KdcEnv, acct: DirectoryAccount, etype: number): AccountKey {
  return accountKey(acct, kdc.realm, etype);
}
